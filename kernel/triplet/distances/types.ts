/** Distance between embeddings; `cosine` is 1 − cosine similarity, so every distance grows with dissimilarity. */
export type DistanceName = 'euclidean' | 'squared-euclidean' | 'cosine';

export const DISTANCE_NAMES: readonly DistanceName[] = ['euclidean', 'squared-euclidean', 'cosine'];

export interface DistanceOptions {
  /** Default `euclidean`. */
  distance?: DistanceName;
  /** L2-normalise rows before measuring (default false; `cosine` normalises regardless). */
  normalize?: boolean;
}
