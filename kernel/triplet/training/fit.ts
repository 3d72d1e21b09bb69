import * as tf from '@tensorflow/tfjs';
import { resolveConfig } from '../config/resolve';
import { activeSession } from '../session';
import { TripletInputError } from '../validation/errors';
import { batchHardMinerWith } from '../miners/batch-easy-hard-miner';
import { CrossBatchMemory } from '../miners/cross-batch-memory';
import { checkSubspaceOptions, fitSubspaces, pkSource, subspaceNote, subspaceSource, type BatchSource } from './batches';
import { toTensorData } from './data';
import { assertTrainableOnBackend } from './check-kernels';
import { makeOptimizer } from './optimizer';
import { trainingPayload } from './payload';
import { planFit } from './plan';
import { progressReporter } from './reporter';
import { parallelStep, trainingPool, trainingThreads, type WorkerPool } from './parallel';
import { trainStep } from './train-step';
import type { EmbeddingModel, FitHistory, FitOptions, FitResult, FitStatus, LabelledData } from './types';
import { validateEmbeddings } from './validate-embeddings';

const FN = 'triplet.fit';

function forwardOf(model: EmbeddingModel): (x: tf.Tensor2D) => tf.Tensor {
  if (typeof model === 'function') return model;
  return (x) => model.apply(x, { training: true }) as tf.Tensor;
}

/**
 * Trains an embedding model with triplet loss on P×K batches (Hermans et al. 2017 §3), mining
 * each batch with the configured miner at the configured margin (both re-read every step, so
 * schedules and changes from the editor apply mid-run). Ends early, keeping the weights, on
 * `triplet.stop()` or when `options.signal` aborts.
 */
export async function fit<M extends EmbeddingModel>(model: M, data: LabelledData, options: FitOptions = {}): Promise<FitResult<M>> {
  if (typeof model !== 'function' && !(model instanceof tf.LayersModel)) {
    throw new TripletInputError('model', FN, 'is neither a tf.LayersModel nor a function', 'Pass a tf.sequential()/tf.model() or a function (x) => embeddings.');
  }
  const train = toTensorData(data, model, 'data', FN);
  const val = options.validation ? toTensorData(options.validation, model, 'options.validation', FN) : undefined;
  const made: { optimizer?: tf.Optimizer; owned?: boolean } = {};
  // The session this run reads its configuration from, reports to and is stopped by, for all its steps.
  const session = activeSession();
  const run = session.runs.start();
  const seed = options.seed ?? 0;
  const history: FitHistory = { loss: [], fractions: { easy: [], semiHard: [], hard: [] }, validation: [], config: [] };
  const started = performance.now();
  const reporter = progressReporter(options.display !== false, session.kernel);
  let status: FitStatus = 'done';
  let step = 0;
  let epoch = 0;
  let plan: ReturnType<typeof planFit> | undefined;
  let note: string | undefined;
  const progress = (s: 'running' | 'done' | 'interrupted' | 'error', message = note) => () =>
    trainingPayload(history, {
      status: s,
      step,
      totalSteps: plan?.totalSteps ?? 0,
      epoch,
      totalEpochs: plan?.epochs ?? 0,
      elapsedSeconds: (performance.now() - started) / 1000,
      message,
    });
  try {
    const checked = planFit(options, train.n, new Set(train.labels).size, FN);
    Object.assign(made, makeOptimizer(options, FN));
    plan = checked;
    const sub = checkSubspaceOptions(options.subspaces, FN);
    const severalNegatives = sub.negatives > 1 ? batchHardMinerWith({ negatives: sub.negatives }) : undefined;
    const memorySize = options.memory?.size;
    if (options.memory !== undefined && !(Number.isInteger(memorySize) && (memorySize as number) > 0)) {
      throw new TripletInputError('options.memory.size', FN, `is ${String(memorySize)}`, 'Use a positive integer number of embeddings to remember, e.g. 1024.');
    }
    const memory = memorySize ? new CrossBatchMemory(memorySize) : undefined;
    const reducer = options.reducer ?? (session.config.get().softMargin ? 'mean' : 'mean-non-zero');
    if (typeof model !== 'function') assertTrainableOnBackend(model, FN);
    const forward = forwardOf(model);
    const varList = typeof model === 'function' ? undefined : model.trainableWeights.map((w) => w.read() as tf.Variable);
    const threads = trainingThreads(options.threads, model, plan.P * plan.K, FN);
    let pool: WorkerPool | undefined;
    if (threads > 1 && typeof model !== 'function') {
      pool = await trainingPool(threads);
      const outputSize = (model.outputs[0].shape.slice(1) as number[]).reduce((a, d) => a * d, 1);
      await pool.prepare(model, train.x.dataSync() as Float32Array, train.x.shape[1], plan.P * plan.K, outputSize);
    }
    const sources = new Map<string, BatchSource>();
    const validate = () => {
      if (!val) return;
      const c = resolveConfig(step, epoch, session.config.get());
      const m = validateEmbeddings(model, val.x, val.labels, c.normalize, c.distance);
      history.validation.push({ step, metric: 'precision@1', value: m.precisionAtOne }, { step, metric: 'map@r', value: m.mapAtR });
    };
    outer: for (epoch = 0; epoch < plan.epochs; epoch++) {
      let epochLoss = 0;
      let epochSteps = 0;
      for (let s = 0; s < plan.stepsPerEpoch && step < plan.totalSteps; s++) {
        if (run.stopped || options.signal?.aborted) {
          status = 'interrupted';
          break outer;
        }
        session.config.setPosition(step, epoch);
        let cfg = resolveConfig(step, epoch, session.config.get());
        const key = cfg.sampler !== 'subspace' ? 'pk' : sub.fixed ? 'subspace' : `subspace:${Math.floor(epoch / sub.rebuildEvery)}`;
        let source = sources.get(key);
        if (!source && cfg.sampler === 'subspace') {
          // Between steps, like the step loop itself: the build yields, so stop() and interrupts land in it.
          const built = await fitSubspaces(model, train, options.subspaces ?? {}, plan.P, seed + epoch, { signal: options.signal });
          if (built.stopped || run.stopped) {
            status = 'interrupted';
            break outer;
          }
          for (const k of sources.keys()) if (k.startsWith('subspace')) sources.delete(k);
          source = subspaceSource(train.labels, built.groups, plan.P, plan.K, seed + epoch);
          note = subspaceNote(built, epoch);
          (history.subspaces ??= []).push({ step, epoch, count: built.groups.length, sizes: built.sizes, seconds: built.seconds });
          sources.set(key, source);
        } else if (!source) {
          source = pkSource(train.labels, plan.P, plan.K, seed);
          sources.set(key, source);
        }
        if (cfg.sampler === 'subspace' && severalNegatives) cfg = { ...cfg, miner: severalNegatives };
        const rows = source.next();
        const labels = Int32Array.from(rows, (r) => train.labels[r]);
        const r = pool
          ? parallelStep({ pool, rows, labels, cfg, reducer, optimizer: made.optimizer!, varList: varList!, seed: seed + step, memory })
          : trainStep({ forward, x: train.x, rows, labels, cfg, reducer, optimizer: made.optimizer!, varList, seed: seed + step, memory });
        const total = r.stats.total || 1;
        history.loss.push(r.loss);
        history.fractions.easy.push(r.stats.easy / total);
        history.fractions.semiHard.push(r.stats.semiHard / total);
        history.fractions.hard.push(r.stats.hard / total);
        epochLoss += r.loss;
        epochSteps++;
        session.events.emit('mined', { step, epoch, count: r.count, stats: r.stats });
        noteConfig(history, step, cfg.margin, cfg.mining);
        session.events.emit('batch', { step, epoch, loss: r.loss, margin: cfg.margin, mining: cfg.mining });
        step++;
        if (step % plan.validateEvery === 0 && step < plan.totalSteps) validate();
        reporter.report(progress('running'));
        // Let the event loop run: the kernel's interrupt and triplet.stop() from a comm or timer land here.
        if (step % plan.yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      session.events.emit('epoch', { epoch, step, loss: epochSteps ? epochLoss / epochSteps : 0 });
    }
    if (status === 'done') epoch = plan.epochs - 1;
    validate();
    reporter.report(progress(status, status === 'interrupted' ? `stopped at step ${step}; the model keeps its weights` : undefined), true);
  } catch (err) {
    if (plan) reporter.report(progress('error', err instanceof Error ? err.message : String(err)), true);
    throw err;
  } finally {
    run.end();
    if (train.owned) train.x.dispose();
    if (val?.owned) val.x.dispose();
    if (made.owned) made.optimizer?.dispose();
  }
  return { history, model, status, steps: step, seconds: (performance.now() - started) / 1000 };
}

/** Adds an entry to the history's margin/mining log when this step's differ from the last entry's. */
function noteConfig(history: FitHistory, step: number, margin: number, mining: string): void {
  const last = history.config.at(-1);
  if (!last || last.margin !== margin || last.mining !== mining) history.config.push({ step, margin, mining });
}
