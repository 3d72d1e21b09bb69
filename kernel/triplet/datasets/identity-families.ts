import { createRandom, type Random } from '../samplers/random';
import { TripletInputError } from '../validation/errors';

/**
 * A synthetic many-identity data set, made locally: identities come in confusable families. Each
 * family has a centre far from the others; its identities sit close around it; samples scatter
 * around their identity. Random P×K batches over thousands of identities almost never hold two
 * identities of one family, so their negatives are easy; subspaces of similar identities gather
 * families, and their batches hold the hard negatives.
 */
export interface FamilySpec {
  identities: number;
  /** Identities per family (default 20). */
  perFamily?: number;
  /** Dimensions of the family part of an identity (default 8). */
  familyDims?: number;
  /** Dimensions of the identity part (default 8). */
  identityDims?: number;
  /** Spread of family centres (default 3) and of identities within a family (default 1). */
  familySpread?: number;
  identitySpread?: number;
  seed?: number;
}

export interface Identities {
  /** `identities × latentDims`: family part then identity part. */
  latent: Float32Array;
  latentDims: number;
  family: Int32Array;
  identities: number;
}

function normal(rng: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** Throws naming `name` unless `value` (when given) is an integer of at least `min`. */
function checkInteger(fn: string, name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
    throw new TripletInputError(name, fn, `is ${String(value)}`, `Use an integer of at least ${min}.`);
  }
}

export function makeIdentities(spec: FamilySpec): Identities {
  const FN = 'makeIdentities';
  if (typeof spec !== 'object' || spec === null) throw new TripletInputError('spec', FN, `is ${String(spec)}`, 'Pass { identities: 10000 } (and optionally perFamily, seed, …).');
  checkInteger(FN, 'spec.identities', spec.identities ?? NaN, 1);
  for (const k of ['perFamily', 'familyDims', 'identityDims'] as const) checkInteger(FN, `spec.${k}`, spec[k], 1);
  const perFamily = spec.perFamily ?? 20;
  const fd = spec.familyDims ?? 8;
  const id = spec.identityDims ?? 8;
  const rng = createRandom(spec.seed ?? 0);
  const families = Math.ceil(spec.identities / perFamily);
  const centres = Float32Array.from({ length: families * fd }, () => (spec.familySpread ?? 3) * normal(rng));
  const dims = fd + id;
  const latent = new Float32Array(spec.identities * dims);
  const family = new Int32Array(spec.identities);
  for (let i = 0; i < spec.identities; i++) {
    const f = Math.floor(i / perFamily);
    family[i] = f;
    for (let j = 0; j < fd; j++) latent[i * dims + j] = centres[f * fd + j];
    for (let j = 0; j < id; j++) latent[i * dims + fd + j] = (spec.identitySpread ?? 1) * normal(rng);
  }
  return { latent, latentDims: dims, family, identities: spec.identities };
}

export interface SampleSpec {
  /** Samples per identity. */
  perIdentity: number;
  /** Noise on the latent per sample (default 0.3). */
  noise?: number;
  /** Extra dimensions of per-sample nuisance (default 0) and their spread (default 1.5). */
  nuisanceDims?: number;
  nuisance?: number;
  /** Output dimensions: latent + nuisance mixed by a fixed random matrix (default: no mixing). */
  outDims?: number;
  /** Identities to sample (default all). */
  ids?: Int32Array;
  seed?: number;
  /** Seed of the mixing matrix (the same for every split of one data set). */
  mixSeed?: number;
}

/** Samples of the identities: rows `ids[i]` repeated `perIdentity` times, labels = identity index. */
export function sampleIdentities(people: Identities, spec: SampleSpec): { x: Float32Array; labels: Int32Array; n: number; dims: number } {
  const FN = 'sampleIdentities';
  if (!(people?.latent instanceof Float32Array)) throw new TripletInputError('people', FN, 'is not what makeIdentities returns', 'Pass the result of makeIdentities({ identities }).');
  checkInteger(FN, 'spec.perIdentity', spec?.perIdentity ?? NaN, 1);
  for (const k of ['nuisanceDims', 'outDims'] as const) checkInteger(FN, `spec.${k}`, spec[k], k === 'outDims' ? 1 : 0);
  const bad = spec.ids ? Array.from(spec.ids).find((i) => !(Number.isInteger(i) && i >= 0 && i < people.identities)) : undefined;
  if (bad !== undefined) throw new TripletInputError('spec.ids', FN, `contains ${bad}`, `Use identity numbers 0…${people.identities - 1}.`);
  const rng = createRandom(spec.seed ?? 1);
  const ids = spec.ids ?? Int32Array.from({ length: people.identities }, (_, i) => i);
  const ld = people.latentDims;
  const nd = spec.nuisanceDims ?? 0;
  const raw = ld + nd;
  const out = spec.outDims ?? raw;
  const mixRng = createRandom(spec.mixSeed ?? 99);
  const mix = spec.outDims === undefined ? undefined : Float32Array.from({ length: out * raw }, () => normal(mixRng) / Math.sqrt(raw));
  const n = ids.length * spec.perIdentity;
  const x = new Float32Array(n * out);
  const labels = new Int32Array(n);
  const z = new Float32Array(raw);
  for (let s = 0; s < n; s++) {
    const who = ids[Math.floor(s / spec.perIdentity)];
    labels[s] = who;
    for (let j = 0; j < ld; j++) z[j] = people.latent[who * ld + j] + (spec.noise ?? 0.3) * normal(rng);
    for (let j = 0; j < nd; j++) z[ld + j] = (spec.nuisance ?? 1.5) * normal(rng);
    if (!mix) x.set(z, s * out);
    else {
      for (let r = 0; r < out; r++) {
        let v = 0;
        for (let c = 0; c < raw; c++) v += mix[r * raw + c] * z[c];
        x[s * out + r] = v;
      }
    }
  }
  return { x, labels, n, dims: out };
}
