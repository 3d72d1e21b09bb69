/**
 * Screen positions for projected points. 2-D: equal scale on both axes (distances in the picture
 * mean the same in every direction), zoom and pan. 3-D: orthographic view of the points rotated
 * by yaw and pitch around their centre.
 */
export interface Camera {
  mode: '2d' | '3d';
  zoom: number;
  panX: number;
  panY: number;
  yaw: number;
  pitch: number;
}

export const initialCamera = (mode: '2d' | '3d'): Camera => ({ mode, zoom: 1, panX: 0, panY: 0, yaw: 0.6, pitch: 0.4 });

export interface Normalised {
  /** Coordinates centred on the bounding box and scaled so the largest extent is 1. */
  xyz: Float32Array;
  dims: number;
}

export function normalise(coords: Float32Array, dims: number, count: number): Normalised {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < count; i++) {
    for (let a = 0; a < dims; a++) {
      const v = coords[i * dims + a];
      if (v < lo[a]) lo[a] = v;
      if (v > hi[a]) hi[a] = v;
    }
  }
  let span = 0;
  for (let a = 0; a < dims; a++) span = Math.max(span, hi[a] - lo[a]);
  span = span || 1;
  const xyz = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) {
    for (let a = 0; a < dims; a++) xyz[i * dims + a] = (coords[i * dims + a] - (lo[a] + hi[a]) / 2) / span;
  }
  return { xyz, dims };
}

/** Fills sx/sy with CSS-pixel positions in a width × height canvas. */
export function project(n: Normalised, count: number, cam: Camera, width: number, height: number, sx: Float32Array, sy: Float32Array): void {
  const pad = 12;
  const scale = Math.max(1, Math.min(width, height) - 2 * pad) * cam.zoom;
  const cx = width / 2 + cam.panX;
  const cy = height / 2 + cam.panY;
  const { xyz, dims } = n;
  if (cam.mode === '2d' || dims < 3) {
    for (let i = 0; i < count; i++) {
      sx[i] = cx + xyz[i * dims] * scale;
      sy[i] = cy - xyz[i * dims + 1] * scale;
    }
    return;
  }
  // A rotated cube's extent grows to √3; shrink so it still fits.
  const s3 = scale / Math.sqrt(3);
  const cyaw = Math.cos(cam.yaw), syaw = Math.sin(cam.yaw);
  const cp = Math.cos(cam.pitch), sp = Math.sin(cam.pitch);
  for (let i = 0; i < count; i++) {
    const x = xyz[i * 3], y = xyz[i * 3 + 1], z = xyz[i * 3 + 2];
    const x1 = cyaw * x + syaw * z;
    const z1 = -syaw * x + cyaw * z;
    const y1 = cp * y - sp * z1;
    sx[i] = cx + x1 * s3;
    sy[i] = cy - y1 * s3;
  }
}
