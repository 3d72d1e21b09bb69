import * as tf from '@tensorflow/tfjs';
import { emit } from '../config/events';
import { resolveConfig } from '../config/resolve';
import { getConfig, setPosition } from '../config/store';
import { TripletInputError } from '../validation/errors';
import { batchSource, type BatchSource } from './batches';
import { toTensorData } from './data';
import { assertTrainableOnBackend } from './check-kernels';
import { embed } from './embed';
import { makeOptimizer } from './optimizer';
import { trainingPayload } from './payload';
import { planFit } from './plan';
import { progressReporter } from './reporter';
import { startRun } from './stop';
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
  const run = startRun();
  const seed = options.seed ?? 0;
  const history: FitHistory = { loss: [], fractions: { easy: [], semiHard: [], hard: [] }, validation: [] };
  const started = performance.now();
  const reporter = progressReporter(options.display !== false);
  let status: FitStatus = 'done';
  let step = 0;
  let epoch = 0;
  let plan: ReturnType<typeof planFit> | undefined;
  const progress = (s: 'running' | 'done' | 'interrupted' | 'error', message?: string) => () =>
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
    const reducer = options.reducer ?? (getConfig().softMargin ? 'mean' : 'mean-non-zero');
    if (typeof model !== 'function') assertTrainableOnBackend(model, FN);
    const forward = forwardOf(model);
    const varList = typeof model === 'function' ? undefined : model.trainableWeights.map((w) => w.read() as tf.Variable);
    const sources = new Map<string, BatchSource>();
    const validate = () => {
      if (!val) return;
      const c = resolveConfig(step, epoch);
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
        setPosition(step, epoch);
        const cfg = resolveConfig(step, epoch);
        const key = cfg.sampler === 'subspace' ? `subspace:${epoch}` : 'pk';
        let source = sources.get(key);
        if (!source) {
          source = batchSource(cfg.sampler, train.labels, plan.P, plan.K, seed + epoch, () => {
            const e = embed(model, train.x);
            return tf.tensor2d(e.data, [e.n, e.dims]);
          });
          sources.set(key, source);
        }
        const rows = source.next();
        const labels = Int32Array.from(rows, (r) => train.labels[r]);
        const r = trainStep({ forward, x: train.x, rows, labels, cfg, reducer, optimizer: made.optimizer!, varList, seed: seed + step });
        const total = r.stats.total || 1;
        history.loss.push(r.loss);
        history.fractions.easy.push(r.stats.easy / total);
        history.fractions.semiHard.push(r.stats.semiHard / total);
        history.fractions.hard.push(r.stats.hard / total);
        epochLoss += r.loss;
        epochSteps++;
        emit('mined', { step, epoch, count: r.count, stats: r.stats });
        emit('batch', { step, epoch, loss: r.loss, margin: cfg.margin, mining: cfg.mining });
        step++;
        if (step % plan.validateEvery === 0 && step < plan.totalSteps) validate();
        reporter.report(progress('running'));
        // Let the event loop run: the kernel's interrupt and triplet.stop() from a comm or timer land here.
        if (step % plan.yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      emit('epoch', { epoch, step, loss: epochSteps ? epochLoss / epochSteps : 0 });
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
