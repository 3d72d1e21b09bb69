import * as tf from '@tensorflow/tfjs';
import type { MatrixInput } from '../../metrics/matrix-input';
import { toTensorData } from '../../training/data';
import { embed } from '../../training/embed';
import { pacer, type PacerOptions } from '../../training/pacer';
import type { EmbeddingModel, LabelledData } from '../../training/types';
import { TripletInputError, type LabelsInput } from '../../validation';
import { CentreSums, classCentres, type ClassCentres } from './class-centres';
import { kMeans } from './k-means';

export interface BuildSubspacesOptions extends PacerOptions {
  /** Number of subspaces (k-means clusters of identity centres). Give this or `identitiesPerSubspace`. */
  subspaces?: number;
  /** About how many identities each subspace should hold (Wang et al. 2017: ~10,000 of 100K); default 10,000. */
  identitiesPerSubspace?: number;
  seed?: number;
  /** Most Lloyd iterations (default 25). */
  iterations?: number;
  /** Stop once an iteration moves at most this fraction of identities (default 0.001; see kMeans). */
  tolerance?: number;
}

export interface Subspaces {
  /** Class ids of each non-empty subspace: what subspaceSampler draws batches from. */
  groups: number[][];
  /** Identities per subspace, same order. */
  sizes: number[];
  /** Sum of squared distances of identity centres to their subspace centre. */
  inertia: number;
  iterations: number;
  seconds: number;
  /**
   * True when the signal or `triplet.stop()` ended the build early: the groups are those of the
   * clustering so far, or none when it stopped while embedding the data.
   */
  stopped: boolean;
}

/** Where identity centres come from: a model with its data, per-sample features with labels, or given centres. */
export type SubspaceSource = EmbeddingModel | MatrixInput | ClassCentres;

const FN = 'buildSubspaces';
const EMBED_CHUNK = 4096;

function isCentres(x: unknown): x is ClassCentres {
  return typeof x === 'object' && x !== null && Array.isArray((x as ClassCentres).classIds) && (x as ClassCentres).centres instanceof Float32Array;
}

function isModel(x: unknown): x is EmbeddingModel {
  return typeof x === 'function' || x instanceof tf.LayersModel;
}

/** Mean embedding per class of `data` under `model`, embedded a chunk at a time (never all n × dims at once). */
async function modelCentres(model: EmbeddingModel, data: LabelledData, pace: ReturnType<typeof pacer>): Promise<ClassCentres | undefined> {
  const d = toTensorData(data, model, 'data', FN);
  try {
    let sums: CentreSums | undefined;
    for (let start = 0; start < d.n && !pace.stopped; start += EMBED_CHUNK) {
      const end = Math.min(d.n, start + EMBED_CHUNK);
      const part = end - start === d.n ? d.x : tf.tidy(() => tf.gather(d.x, tf.range(start, end, 1, 'int32')) as tf.Tensor2D);
      const e = embed(model, part);
      if (part !== d.x) part.dispose();
      sums ??= new CentreSums(e.dims);
      sums.add(e.data, e.n, d.labels.subarray(start, end));
      const wait = pace.tick({ phase: 'centres', done: end, total: d.n });
      if (wait) await wait;
    }
    // Stopped part-way: centres of a part of the data would misplace the unseen identities.
    return sums && !pace.stopped ? sums.finish() : undefined;
  } finally {
    if (d.owned) d.x.dispose();
  }
}

function subspaceCount(options: BuildSubspacesOptions, classes: number): number {
  if (options.subspaces !== undefined && options.identitiesPerSubspace !== undefined) {
    throw new TripletInputError('options', FN, 'gives both subspaces and identitiesPerSubspace', 'Give one of them.');
  }
  if (options.subspaces !== undefined) {
    const k = options.subspaces;
    if (!Number.isInteger(k) || k < 1 || k > classes) {
      throw new TripletInputError('options.subspaces', FN, `is ${String(k)} for ${classes} classes`,
        `Use an integer between 1 and ${classes}; Wang et al. pick it so each subspace holds many batches' worth of identities.`);
    }
    return k;
  }
  const per = options.identitiesPerSubspace ?? 10_000;
  if (!Number.isInteger(per) || per < 1) {
    throw new TripletInputError('options.identitiesPerSubspace', FN, `is ${String(per)}`, 'Use a positive integer, e.g. 10000 (the paper\'s ~10K identities per subspace).');
  }
  return Math.max(1, Math.min(classes, Math.round(classes / per)));
}

/**
 * Subspace learning of Wang et al. 2017, "How to Train Triplet Networks with 100K Identities?"
 * (§3.2): each identity is represented by its mean feature, the identities are clustered by
 * k-means into subspaces of mutually similar identities, and batches drawn inside one subspace
 * (subspaceSampler) then hold the hard negatives that random batches over 100K identities almost
 * never contain.
 *
 * `buildSubspaces(model, { x, labels })` embeds the data with the model (pretrained or current);
 * `buildSubspaces(features, labels)` takes per-sample features (a tensor, rows or { x, n, dims });
 * `buildSubspaces(classCentres(...))` takes identity centres. Works on typed arrays, yields to the
 * event loop (interrupt and `triplet.stop()` land within `sliceMs`) and reports progress.
 */
export async function buildSubspaces(source: SubspaceSource, data?: LabelledData | LabelsInput | BuildSubspacesOptions, options: BuildSubspacesOptions = {}): Promise<Subspaces> {
  const started = performance.now();
  if (isCentres(source)) {
    options = (data as BuildSubspacesOptions | undefined) ?? {};
    if (source.centres.length !== source.classIds.length * source.dims) {
      throw new TripletInputError('centres', FN, `has ${source.centres.length} values for ${source.classIds.length} classes of ${source.dims} dims`, 'Pass the result of classCentres(embeddings, labels).');
    }
  }
  if (typeof options !== 'object' || options === null) throw new TripletInputError('options', FN, 'is not an object', 'Pass { identitiesPerSubspace } or { subspaces }, optionally seed.');
  const pace = pacer(options);
  let centres: ClassCentres | undefined;
  try {
    if (isCentres(source)) centres = source;
    else if (isModel(source)) centres = await modelCentres(source, data as LabelledData, pace);
    else {
      if (data === undefined) throw new TripletInputError('labels', FN, 'is missing', 'Pass one label per feature row: buildSubspaces(features, labels, options).');
      centres = classCentres(source, data as LabelsInput);
    }
  } finally {
    pace.end();
  }
  if (!centres) return { groups: [], sizes: [], inertia: 0, iterations: 0, seconds: (performance.now() - started) / 1000, stopped: true };
  const { classIds } = centres;
  const k = subspaceCount(options, classIds.length);
  const km = await kMeans({ x: centres.centres, n: classIds.length, dims: centres.dims }, k, {
    seed: options.seed, iterations: options.iterations, tolerance: options.tolerance, signal: options.signal, onProgress: options.onProgress, sliceMs: options.sliceMs,
  });
  const groups: number[][] = Array.from({ length: km.k }, () => []);
  km.assignments.forEach((c, i) => groups[c].push(classIds[i]));
  const nonEmpty = groups.filter((g) => g.length > 0);
  return {
    groups: nonEmpty,
    sizes: nonEmpty.map((g) => g.length),
    inertia: km.inertia,
    iterations: km.iterations,
    seconds: (performance.now() - started) / 1000,
    stopped: km.stopped,
  };
}
