import type { DistanceName } from '../distances';

export interface TripletLossOptions {
  /** Margin m of the hinge max(d(a,p) − d(a,n) + m, 0); default 0.2. Ignored with `softMargin`. */
  margin?: number;
  /** Default `euclidean`. */
  distance?: DistanceName;
  /** L2-normalise embeddings first (default false). */
  normalize?: boolean;
  /** softplus(d(a,p) − d(a,n)) instead of the hinge (Hermans et al. 2017, §2 "soft margin"). */
  softMargin?: boolean;
}
