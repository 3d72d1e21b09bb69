import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeProjection, encodeProjection, PayloadError, validateDistancesPayload, validateTrainingPayload } from '../../../contract/payloads';
import { distances, training } from './fixtures';

// Payloads the renderer cannot draw are refused with an error naming the field (the renderer
// shows it in its error box) instead of a blank canvas, a wrong picture or a frozen webview.
function refuses(fn: () => unknown, says: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof PayloadError && says.test(e.message));
}

test('coordinates whose range overflows (±1e308) are refused, not drawn as a blank canvas', () => {
  const p = encodeProjection({ method: 'pca', dims: 2, coords: new Float32Array([0, 0, 1, 1]), labels: [0, 1] } as never);
  refuses(() => decodeProjection({ ...p, coords: { ...p.coords, min: [-1e308, 0], max: [1e308, 1] } }), /payload\.coords.*range.*overflows/);
});

test('plain-array labels above 65535 are refused, not wrapped (70000 shown as 4464)', () => {
  const p = encodeProjection({ method: 'pca', dims: 2, coords: new Float32Array([0, 0, 1, 1]), labels: [0, 1] } as never);
  refuses(() => decodeProjection({ ...p, labels: [0, 70000] }), /payload\.labels\[1\] is 70000, above the maximum 65535/);
});

test('a histogram of 300,000 bins is refused with the limit, not a stack overflow', () => {
  const bins = 300_000;
  const d = { ...distances(), binEdges: Array.from({ length: bins + 1 }, (_, i) => i), positive: new Array(bins).fill(1), negative: new Array(bins).fill(1) };
  refuses(() => validateDistancesPayload(d), /payload\.binEdges has 300001 items, expected at most 10001/);
});

test('a fraction history of 1,000,000 points is refused with the limit, not a frozen webview', () => {
  const n = 1_000_000;
  const steps = Array.from({ length: n }, (_, i) => i);
  const f = new Array(n).fill(1 / 3);
  refuses(() => validateTrainingPayload({ ...training(), fractionHistory: { steps, easy: f, semiHard: f, hard: f } }), /payload\.fractionHistory\.steps has 1000000 items, expected at most 500/);
});
