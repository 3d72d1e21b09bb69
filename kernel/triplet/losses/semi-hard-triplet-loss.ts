import * as tf from '@tensorflow/tfjs';
import type { LabelsLike } from '../miners/types';
import type { DistanceOptions } from '../distances';
import { batchDistances, labelMasks, prepareBatch } from './prepare';
import { noGradient } from '../reducers/no-gradient';

export interface SemiHardLossOptions extends DistanceOptions {
  /** Default 1.0, as TF Addons' TripletSemiHardLoss. */
  margin?: number;
}

/**
 * TF Addons' `triplet_semihard_loss` (FaceNet, Schroff et al. 2015, §3.2): for every positive
 * pair (a, p) the negative is the nearest one farther than p, d(a,n) > d(a,p); when no negative
 * is that far, the farthest negative. One value per positive pair, max(d(a,p) − d(a,n) + m, 0);
 * `mean` of them equals TF Addons' loss. Unlike TF Addons, pairs whose anchor has no negative at
 * all (a single-class batch) are left out, so such a batch gives 0 rather than m + d(a,p).
 */
export function semiHardTripletLoss(embeddings: tf.Tensor2D, labels: LabelsLike, options: SemiHardLossOptions = {}): tf.Tensor1D {
  const ids = prepareBatch(embeddings, labels, 'semiHardTripletLoss');
  const n = ids.length;
  const anchors: number[] = [];
  const positives: number[] = [];
  const hasNegative = ids.map((l) => (ids.some((m) => m !== l) ? 1 : 0));
  for (let a = 0; a < n; a++) {
    if (!hasNegative[a]) continue;
    for (let p = 0; p < n; p++) if (p !== a && ids[p] === ids[a]) { anchors.push(a); positives.push(p); }
  }
  const margin = options.margin ?? 1.0;
  return tf.tidy(() => {
    const d = batchDistances(embeddings, options);
    const negMask = labelMasks(ids).negative;
    const a = tf.tensor1d(anchors, 'int32');
    const rows = tf.gather(d, a) as tf.Tensor2D;
    const rowNeg = tf.gather(negMask, a) as tf.Tensor2D;
    const dap = tf.gather(tf.reshape(d, [-1]), tf.add(tf.mul(a, tf.scalar(n, 'int32')), tf.tensor1d(positives, 'int32'))).reshape([-1, 1]);
    // The choice of negative is not differentiated (as in TF Addons); the gradient flows through
    // the chosen distance only.
    const chosen = noGradient([rows, dap], (r, p) => {
      const outside = tf.logicalAnd(rowNeg, tf.greater(r, p));
      const nearestOutside = tf.argMin(tf.where(outside, r, tf.fill(r.shape, Infinity)), 1);
      const farthestInside = tf.argMax(tf.where(rowNeg, r, tf.fill(r.shape, -Infinity)), 1);
      return tf.oneHot(tf.where(tf.any(outside, 1), nearestOutside, farthestInside), n);
    });
    const dan = tf.sum(tf.mul(rows, chosen), 1);
    return tf.relu(tf.add(tf.sub(tf.reshape(dap, [-1]), dan), margin)) as tf.Tensor1D;
  });
}
