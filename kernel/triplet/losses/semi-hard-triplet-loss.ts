import * as tf from '@tensorflow/tfjs';
import { gatherPairs } from '../distances/gather-pairs';
import type { LabelsLike } from '../miners/types';
import type { DistanceOptions } from '../distances';
import { batchDistances, prepareBatch } from './prepare';
import { checkMargin } from '../validation';

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
  const hasNegative = new Set(ids).size > 1;
  for (let a = 0; a < n; a++) {
    if (!hasNegative) break;
    for (let p = 0; p < n; p++) if (p !== a && ids[p] === ids[a]) { anchors.push(a); positives.push(p); }
  }
  const margin = checkMargin(options.margin, 1.0, 'semiHardTripletLoss');
  return tf.tidy(() => {
    const d = batchDistances(embeddings, options);
    // The choice of negative is not differentiated (as in TF Addons), so it is made in plain
    // JavaScript on the downloaded distances: on wasm the equivalent broadcast comparisons over
    // [pairs, n] took ~250 ms for a 128-sample batch.
    const dv = d.dataSync();
    const negatives = new Int32Array(anchors.length);
    anchors.forEach((a, k) => {
      const dap = dv[a * n + positives[k]];
      let outside = -1;
      let inside = -1;
      for (let j = 0; j < n; j++) {
        if (ids[j] === ids[a]) continue;
        const v = dv[a * n + j];
        if (v > dap && (outside < 0 || v < dv[a * n + outside])) outside = j;
        if (inside < 0 || v > dv[a * n + inside]) inside = j;
      }
      negatives[k] = outside >= 0 ? outside : inside;
    });
    const a = tf.tensor1d(anchors, 'int32');
    const dap = gatherPairs(d, a, tf.tensor1d(positives, 'int32'));
    const dan = gatherPairs(d, a, tf.tensor1d(negatives, 'int32'));
    return tf.relu(tf.add(tf.sub(dap, dan), margin)) as tf.Tensor1D;
  });
}
