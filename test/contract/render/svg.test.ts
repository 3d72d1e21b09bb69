import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProjection } from '../../../contract/payloads';
import { distancesSvg, projectionSvg, trainingSvg } from '../../../contract/render';
import { pointsPath } from '../../../contract/render/svg-scatter';
import { distances, training } from '../payloads/fixtures';
import { clusteredProjection } from './fixtures';

const XSS = '<img src=x onerror=alert(1)>';
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

/** Well-formedness check that needs no DOM: every tag is closed in order. */
function assertBalanced(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) assert.equal(stack.pop(), m[2], `closing </${m[2]}>`);
    else stack.push(m[2]);
  }
  assert.deepEqual(stack, []);
}

test('distances SVG: two filled step outlines, band, margin line, legend with counts', () => {
  const svg = distancesSvg(distances());
  assertBalanced(svg);
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal(count(svg, /fill-opacity="0.25"/g), 2);
  assert.equal(count(svg, /stroke-dasharray="6 3"/g), 1);
  assert.equal(count(svg, /fill-opacity="0.15"/g), 1);
  assert.match(svg, /anchor–positive \(16 pairs, mean 0.4\)/);
  assert.match(svg, /anchor–negative \(16 pairs, mean 1.3\)/);
  assert.match(svg, /easy 70, semi-hard 20, hard 10/);
  assert.match(svg, /ROC AUC 0.930/);
  assert.doesNotMatch(svg, /previous/);
});

test('distances SVG draws the previous snapshot as two dashed ghost outlines', () => {
  const svg = distancesSvg({ ...distances(), previous: { binEdges: [0, 1, 2], positive: [4, 1], negative: [1, 4] } });
  assertBalanced(svg);
  assert.equal(count(svg, /stroke="#999999" stroke-dasharray="3 3"/g), 2);
  assert.match(svg, />previous</);
});

test('band and margin line sit at μ₊ and μ₊ + margin on the axis', () => {
  const p = { ...distances(), meanPositive: 0.5, margin: 0.5 };
  const svg = distancesSvg(p);
  // Plot spans x 52..624 for distances 0..2, so μ₊ = 0.5 → 195, μ₊ + m = 1 → 338.
  assert.match(svg, /<rect x="195" y="34" width="143"/);
  assert.match(svg, /<path d="M338 34V248" stroke="#555555"/);
});

test('payload strings are escaped in every SVG', () => {
  const d = distancesSvg({ ...distances(), title: XSS });
  const p = projectionSvg(decodeProjection(clusteredProjection(50, 2, { classes: 2, labelNames: [XSS, 'javascript:alert(1)'], title: XSS })));
  const t = trainingSvg({ ...training(), message: XSS, validation: [{ step: 1, metric: XSS, value: 0.5 }] });
  for (const svg of [d, p, t]) {
    assertBalanced(svg);
    assert.doesNotMatch(svg, /<img/);
    assert.match(svg, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(svg, /href/);
  }
});

test('projection SVG: one path per label, legend with per-label counts', () => {
  const d = decodeProjection(clusteredProjection(1000, 2, { classes: 10 }));
  const svg = projectionSvg(d);
  assertBalanced(svg);
  assert.equal(count(svg, /<path stroke="/g), 10);
  assert.match(svg, /1,000 points, 10 labels/);
  assert.equal(count(svg, /\(100\)<\/text>/g), 10);
});

test('projection SVG legend stops after 24 labels', () => {
  const svg = projectionSvg(decodeProjection(clusteredProjection(300, 3, { classes: 30 })));
  assert.equal(count(svg, /<path stroke="/g), 30);
  assert.match(svg, /\+ 6 more labels/);
  assert.match(svg, /axes 1–2 of 3/);
});

test('pointsPath draws each distinct pixel once, with relative moves that land on the points', () => {
  const d = pointsPath([5, 1, 5, 9], [3, 3, 3, 0]);
  assert.equal(d, 'M9 0h2m-10 3h2m2 0h2');
  // Replay the path: absolute positions of the squares.
  const pts: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const m of d.matchAll(/([Mm])(-?\d+) ?(-?\d+)h2/g)) {
    if (m[1] === 'M') { x = +m[2]; y = +m[3]; } else { x += +m[2]; y += +m[3]; }
    pts.push([x, y]);
    x += 2;
  }
  assert.deepEqual(pts, [[9, 0], [1, 3], [5, 3]]);
});

test('training SVG: progress bar width follows step/totalSteps, three category bars', () => {
  const svg = trainingSvg(training());
  assertBalanced(svg);
  // Bar spans 52..620 (568 px); 30 of 100 steps → 170.4 px.
  assert.match(svg, /width="170.4" height="8"/);
  assert.match(svg, /easy 60%/);
  assert.match(svg, /semi-hard 30%/);
  assert.match(svg, /hard 10%/);
  assert.match(svg, /step 30 \/ 100 \(30%\)/);
});

test('training SVG: the categories over training as stacked bands, hard at the bottom, easy reaching 100%', () => {
  assert.doesNotMatch(trainingSvg(training()), /tl-fraction-history/, 'no history in the payload: no bands');
  const svg = trainingSvg({
    ...training(),
    fractionHistory: { steps: [0, 10, 20, 30], easy: [0, 0.2, 0.5, 0.6], semiHard: [1, 0.7, 0.4, 0.3], hard: [0, 0.1, 0.1, 0.1] },
  });
  assertBalanced(svg);
  const bands = [...svg.matchAll(/<path d="([^"]+)Z"[^>]*class="tl-fraction-history" data-category="([^"]+)"/g)];
  assert.deepEqual(bands.map((b) => b[2]), ['hard', 'semi-hard', 'easy']);
  // The plot spans y 174 (100%) .. 260 (0); the top edge of the easy band is the total, 100% at every step.
  const easyTop = bands[2][1].split('L').slice(0, 4).map((pt) => Number(pt.replace('M', '').split(' ')[1]));
  assert.deepEqual(easyTop, [174, 174, 174, 174]);
  // Semi-hard starts at 100% (a collapsed embedding: every triplet semi-hard at step 0).
  assert.equal(Number(bands[1][1].replace('M', '').split("L")[0].split(" ")[1]), 174);
  assert.match(svg, /categories over training/);
  assert.match(svg, /step 30<\/text>/);
});

test('training SVG with no loss yet and unknown total still renders', () => {
  const svg = trainingSvg({ ...training(), loss: [], lossSteps: [], totalSteps: 0, step: 0 });
  assertBalanced(svg);
  assert.match(svg, /loss \(last –\)/);
});

test('a long label is cut between characters, never inside an emoji (no lone surrogate)', () => {
  const name = 'a'.repeat(22) + '😀 dog';
  const svg = projectionSvg(decodeProjection(clusteredProjection(20, 2, { classes: 2, labelNames: [name, 'b'] })));
  assert.doesNotMatch(svg, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  assert.match(svg, /a{22}😀…/);
  assert.doesNotThrow(() => encodeURIComponent(svg));
});

test('training SVG: the margin and mining in use, and a dashed line where each changed during the run', () => {
  assert.doesNotMatch(trainingSvg(training()), /tl-config/, 'no config in the payload: nothing drawn');
  const svg = trainingSvg({
    ...training(),
    config: [
      { step: 0, margin: 0.3, mining: 'semi-hard' },
      { step: 12, margin: 0.6, mining: 'semi-hard' },
      { step: 20, margin: 0.6, mining: 'hard' },
    ],
  });
  assertBalanced(svg);
  assert.match(svg, /class="tl-config-now" data-margin="0.6" data-mining="hard">margin 0.6 · hard</);
  const changes = [...svg.matchAll(/class="tl-config-change" data-step="(\d+)"[^>]*>.*?<text[^>]*>([^<]*)<\/text><\/g>/g)].map((m) => [Number(m[1]), m[2]]);
  assert.deepEqual(changes, [[12, 'm 0.6'], [20, 'hard']], 'each line says what changed, at its step');
  const x12 = Number(/data-step="12"[^>]*><path d="M([\d.]+)/.exec(svg)?.[1]);
  const x20 = Number(/data-step="20"[^>]*><path d="M([\d.]+)/.exec(svg)?.[1]);
  assert.ok(52 < x12 && x12 < x20 && x20 < 400, `the lines sit on the loss chart's step axis, in order (${x12}, ${x20})`);
});
