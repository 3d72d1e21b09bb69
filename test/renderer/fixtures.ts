import { encodeProjection, type DistancesPayload, type ProjectionPayload, type TrainingPayload } from '../../contract/payloads';

export const XSS = '<img src=x onerror=alert(1)>';

export function distances(extra: Partial<DistancesPayload> = {}): DistancesPayload {
  const binEdges = Array.from({ length: 31 }, (_, i) => i * 0.05);
  const bell = (mu: number, s: number, n: number) => binEdges.slice(0, -1).map((e) => Math.round(n * Math.exp(-(((e + 0.025 - mu) / s) ** 2) / 2)));
  return {
    version: 1, distance: 'euclidean', margin: 0.2, binEdges,
    positive: bell(0.45, 0.15, 400), negative: bell(1.05, 0.2, 3000),
    triplets: { easy: 61234, semiHard: 20345, hard: 4321 }, meanPositive: 0.45, meanNegative: 1.05, rocAuc: 0.957,
    previous: { binEdges, positive: bell(0.7, 0.2, 400), negative: bell(0.95, 0.25, 3000) },
    title: 'Validation pair distances', step: 1200, ...extra,
  };
}

export function training(step: number, extra: Partial<TrainingPayload> = {}): TrainingPayload {
  const lossSteps = Array.from({ length: Math.max(1, Math.floor(step / 10)) }, (_, i) => i * 10);
  const loss = lossSteps.map((s) => 0.2 + 0.8 * Math.exp(-s / 300) + 0.03 * Math.sin(s));
  const frac = (s: number) => ({ hard: 0.4 * Math.exp(-s / 400), semiHard: 0.3 * Math.exp(-s / 800) });
  const f = frac(step);
  return {
    version: 1, status: step >= 1000 ? 'done' : 'running', step, totalSteps: 1000, epoch: Math.ceil(step / 250) || 1, totalEpochs: 4,
    lossSteps, loss, fractions: { easy: 1 - f.hard - f.semiHard, semiHard: f.semiHard, hard: f.hard },
    fractionHistory: { steps: lossSteps, easy: lossSteps.map((s) => 1 - frac(s).hard - frac(s).semiHard), semiHard: lossSteps.map((s) => frac(s).semiHard), hard: lossSteps.map((s) => frac(s).hard) },
    elapsedSeconds: step * 0.011, ...extra,
  };
}

/**
 * Points on rings around the origin, with point 0 alone at the origin: the bounding box is
 * symmetric, so point 0 is drawn at the centre of the canvas, where a test can click it.
 */
export function ringProjection(count: number, dims: 2 | 3, options: { k?: number; labelNames?: string[]; classes?: number } = {}): ProjectionPayload {
  const classes = options.classes ?? 10;
  const coords = new Float32Array(count * dims);
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const l = i === 0 ? 0 : i % classes;
    labels.push(l);
    if (i === 0) continue;
    const angle = (i / (count - 1)) * Math.PI * 2 * 7;
    const r = 3 + l * 0.6 + ((i * 7919) % 100) / 400;
    coords[i * dims] = Math.cos(angle) * r;
    coords[i * dims + 1] = Math.sin(angle) * r;
    if (dims === 3) coords[i * dims + 2] = Math.cos(angle * 3) * 2;
  }
  const k = options.k ?? 0;
  const indices: number[] = [];
  for (let i = 0; i < count && k; i++) for (let j = 1; j <= k; j++) indices.push((i + j * classes) % count);
  return encodeProjection({
    coords, dims, labels, method: 'umap', labelNames: options.labelNames, neighbors: k ? { k, indices } : undefined, params: {},
  });
}
