/**
 * Embedding projection on a 2-D canvas: one fillRect per point, grouped by label colour, so
 * 50,000 points draw in a few milliseconds without WebGL. Hover names the point; a click shows
 * its k nearest neighbours in EMBEDDING space (from the payload), which is how one sees whether
 * the projection keeps neighbourhoods or tears them apart.
 */
import { decodeProjection, type DecodedProjection } from '../../contract/payloads';
import { count } from '../../contract/render/format';
import { labelColor } from '../../contract/render/palette';
import { methodName, projectionCaption } from '../../contract/render/projection-caption';
import { initialCamera, normalise, project, type Camera, type Normalised } from './projection-camera';
import { PickGrid } from './projection-pick';
import { readTheme } from './theme';
import { Tooltip } from './tooltip';
import type { RenderArgs, View } from './types';

const HEIGHT = 420;

export function renderProjection({ container, value }: RenderArgs): View {
  const root = document.createElement('div');
  root.className = 'tl-view tl-projection-view';
  container.replaceChildren(root);

  let d: DecodedProjection;
  let norm: Normalised;
  let byLabel: Map<number, number[]>;
  let hidden = new Set<number>();
  let selected = -1;
  let cam: Camera;
  let sx = new Float32Array(0);
  let sy = new Float32Array(0);
  const grid = new PickGrid();

  const toolbar = document.createElement('div');
  toolbar.className = 'tl-toolbar';
  const title = document.createElement('span');
  title.className = 'tl-title';
  const toggle3d = document.createElement('button');
  toggle3d.type = 'button';
  toggle3d.textContent = '3-D';
  toggle3d.title = 'Show the three projected axes (drag to rotate)';
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.textContent = 'Reset view';
  toolbar.append(title, toggle3d, reset);

  const body = document.createElement('div');
  body.className = 'tl-body';
  const wrap = document.createElement('div');
  wrap.className = 'tl-canvas-wrap';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  wrap.appendChild(canvas);
  const tooltip = new Tooltip(wrap);
  const legend = document.createElement('ul');
  legend.className = 'tl-legend';
  body.append(wrap, legend);
  const status = document.createElement('div');
  status.className = 'tl-status';
  // Which method drew the picture, with which parameters, and its trustworthiness.
  const caption = document.createElement('p');
  caption.className = 'tl-caption tl-method';
  root.append(toolbar, caption, body, status);

  const nameOf = (i: number) => d.labelNames[d.labels[i]] ?? String(d.labels[i]);

  const load = (v: unknown) => {
    d = decodeProjection(v);
    norm = normalise(d.coords, d.dims, d.count);
    byLabel = new Map();
    for (let i = 0; i < d.count; i++) {
      const l = d.labels[i];
      let g = byLabel.get(l);
      if (!g) { g = []; byLabel.set(l, g); }
      g.push(i);
    }
    hidden = new Set([...hidden].filter((l) => byLabel.has(l)));
    if (selected >= d.count) selected = -1;
    cam = initialCamera(cam?.mode === '3d' && d.dims === 3 ? '3d' : '2d');
    sx = new Float32Array(d.count);
    sy = new Float32Array(d.count);
    title.textContent = `${d.title ?? `${methodName(d.method)} projection`} · ${count(d.count)} points`;
    caption.textContent = projectionCaption(d);
    canvas.setAttribute('aria-label', `${methodName(d.method)} projection of ${count(d.count)} points in ${byLabel.size} labels`);
    toggle3d.hidden = d.dims !== 3;
    toggle3d.setAttribute('aria-pressed', String(cam.mode === '3d'));
    buildLegend();
  };

  const buildLegend = () => {
    legend.replaceChildren();
    for (const l of [...byLabel.keys()].sort((a, b) => a - b)) {
      const li = document.createElement('li');
      li.setAttribute('role', 'menuitemcheckbox');
      li.setAttribute('aria-checked', String(!hidden.has(l)));
      li.dataset.label = String(l);
      const sw = document.createElement('span');
      sw.className = 'tl-swatch';
      sw.style.background = labelColor(l);
      const text = document.createElement('span');
      text.textContent = `${d.labelNames[l] ?? l} (${count(byLabel.get(l)!.length)})`;
      li.append(sw, text);
      li.addEventListener('click', () => {
        if (hidden.has(l)) hidden.delete(l);
        else hidden.add(l);
        li.setAttribute('aria-checked', String(!hidden.has(l)));
        draw();
      });
      legend.appendChild(li);
    }
  };

  let width = 0;
  const draw = () => {
    width = Math.max(240, Math.round(canvas.clientWidth || wrap.clientWidth || 600));
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(HEIGHT * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(HEIGHT * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const theme = readTheme();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, width, HEIGHT);
    project(norm, d.count, cam, width, HEIGHT, sx, sy);
    const size = d.count > 10_000 ? 2 : 3;
    const half = size / 2;
    const dim = selected >= 0;
    ctx.globalAlpha = dim ? 0.35 : 0.85;
    for (const [l, idx] of byLabel) {
      if (hidden.has(l)) continue;
      ctx.fillStyle = labelColor(l);
      for (const i of idx) ctx.fillRect(sx[i] - half, sy[i] - half, size, size);
    }
    ctx.globalAlpha = 1;
    if (selected >= 0) drawSelection(ctx, theme.foreground);
    grid.build(sx, sy, (i) => !hidden.has(d.labels[i]), d.count, width, HEIGHT);
    root.dataset.mode = cam.mode;
  };

  const neighboursOf = (i: number): number[] => Array.from(d.neighbors.subarray(i * d.k, (i + 1) * d.k));

  const drawSelection = (ctx: CanvasRenderingContext2D, fg: string) => {
    const nn = neighboursOf(selected);
    ctx.lineWidth = 1;
    ctx.strokeStyle = fg;
    ctx.globalAlpha = 0.6;
    ctx.beginPath();
    for (const j of nn) { ctx.moveTo(sx[selected], sy[selected]); ctx.lineTo(sx[j], sy[j]); }
    ctx.stroke();
    ctx.globalAlpha = 1;
    for (const j of nn) {
      ctx.fillStyle = labelColor(d.labels[j]);
      ctx.beginPath(); ctx.arc(sx[j], sy[j], 4, 0, 2 * Math.PI); ctx.fill();
      ctx.lineWidth = 1.5; ctx.stroke();
    }
    ctx.fillStyle = labelColor(d.labels[selected]);
    ctx.beginPath(); ctx.arc(sx[selected], sy[selected], 6, 0, 2 * Math.PI); ctx.fill();
    ctx.lineWidth = 2.5; ctx.stroke();
  };

  const select = (i: number) => {
    selected = i;
    if (i < 0) {
      delete root.dataset.selected;
      delete root.dataset.neighbors;
      const how = cam.mode === '3d' ? 'drag to rotate' : 'drag to pan, Ctrl+scroll to zoom';
      status.textContent = d.k > 0 ? `Click a point to show its ${d.k} nearest neighbours in embedding space; ${how}.` : `Hover a point to see its label; ${how}.`;
    } else {
      const nn = neighboursOf(i);
      root.dataset.selected = String(i);
      root.dataset.neighbors = nn.join(',');
      const same = nn.filter((j) => d.labels[j] === d.labels[i]).length;
      status.textContent = nn.length
        ? `#${i} (${nameOf(i)}): ${nn.length} nearest in embedding space, ${same} with the same label — ${nn.map((j) => `#${j} (${nameOf(j)})`).join(', ')}`
        : `#${i} (${nameOf(i)}): this projection carries no neighbour lists.`;
    }
    draw();
  };

  // Pointer handling: a press that moves < 4 px is a click (select); more is a pan (2-D) or rotation (3-D).
  let press: { x: number; y: number; cam: Camera; moved: boolean } | null = null;
  const local = (e: PointerEvent | MouseEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / (r.width || 1)) * width, y: ((e.clientY - r.top) / (r.height || 1)) * HEIGHT };
  };
  canvas.addEventListener('pointerdown', (e) => {
    const p = local(e);
    press = { x: p.x, y: p.y, cam: { ...cam }, moved: false };
    canvas.setPointerCapture?.(e.pointerId);
  });
  canvas.addEventListener('pointermove', (e) => {
    const p = local(e);
    if (press) {
      const dx = p.x - press.x, dy = p.y - press.y;
      if (!press.moved && Math.hypot(dx, dy) < 4) return;
      press.moved = true;
      tooltip.hide();
      if (cam.mode === '3d') {
        cam.yaw = press.cam.yaw + dx * 0.01;
        cam.pitch = Math.max(-1.5, Math.min(1.5, press.cam.pitch + dy * 0.01));
      } else {
        cam.panX = press.cam.panX + dx;
        cam.panY = press.cam.panY + dy;
      }
      draw();
      return;
    }
    const i = grid.nearest(p.x, p.y);
    if (i < 0) { tooltip.hide(); return; }
    tooltip.show(`${nameOf(i)} · #${i}`, sx[i] + canvas.offsetLeft, sy[i] + canvas.offsetTop);
  });
  canvas.addEventListener('pointerup', (e) => {
    if (press && !press.moved) {
      const p = local(e);
      select(grid.nearest(p.x, p.y, 8));
    }
    press = null;
  });
  canvas.addEventListener('pointerleave', () => tooltip.hide());
  canvas.addEventListener('wheel', (e) => {
    // Plain scrolling keeps scrolling the notebook; Ctrl/⌘/Alt (and trackpad pinch, which sets ctrlKey) zoom about the pointer.
    if (cam.mode === '3d' || !(e.ctrlKey || e.metaKey || e.altKey)) return;
    e.preventDefault();
    const p = local(e);
    const f = Math.exp(-e.deltaY * 0.002);
    const ox = p.x - width / 2 - cam.panX, oy = p.y - HEIGHT / 2 - cam.panY;
    cam.zoom *= f;
    cam.panX -= ox * (f - 1);
    cam.panY -= oy * (f - 1);
    draw();
  }, { passive: false });
  toggle3d.addEventListener('click', () => {
    cam = initialCamera(cam.mode === '3d' ? '2d' : '3d');
    toggle3d.setAttribute('aria-pressed', String(cam.mode === '3d'));
    select(selected);
  });
  reset.addEventListener('click', () => { cam = initialCamera(cam.mode); draw(); });

  const resize = typeof ResizeObserver === 'function'
    ? new ResizeObserver(() => { if (Math.round(canvas.clientWidth) !== width && canvas.clientWidth > 0) draw(); })
    : null;
  resize?.observe(wrap);

  load(value);
  select(-1);
  return {
    update(next: unknown) {
      load(next);
      select(selected);
    },
    dispose() {
      resize?.disconnect();
      root.remove();
    },
  };
}
