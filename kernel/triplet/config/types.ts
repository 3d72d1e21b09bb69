import type { DistanceName } from '../distances/types';
import type { Miner } from '../miners/types';

/** A margin that changes during training: called with the global step and the epoch (both 0-based). */
export type MarginSchedule = (step: number, epoch: number) => number;

/** When a schedule stage ends: the stage applies while `epoch < until.epoch` and `step < until.step`. */
export interface Until {
  epoch?: number;
  step?: number;
}

/** One stage of a mining schedule; a stage without `until` applies for the rest of training. */
export interface MiningStage {
  until?: Until;
  mining: string | Miner;
}

/** "semi-hard for 5 epochs, then batch-hard": built by `schedule.mining([...])`. */
export interface MiningSchedule {
  readonly kind: 'mining-schedule';
  readonly stages: readonly MiningStage[];
}

export type MarginOption = number | MarginSchedule;
export type MiningOption = string | Miner | MiningSchedule;

/** The library-wide settings every training step and every watch reads. */
export interface TripletConfig {
  margin: MarginOption;
  mining: MiningOption;
  distance: DistanceName;
  /** Hermans et al. 2017 §2: softplus(d(a,p) − d(a,n)) instead of the hinge; margin is then unused. */
  softMargin: boolean;
  /** L2-normalise embeddings before distances (FaceNet §3). */
  normalize: boolean;
  /** Whether `watch()` hooks redraw after cells; `false` pauses every watch without removing it. */
  watch: boolean;
}

export type ConfigureOptions = Partial<TripletConfig>;

/** Which batch sampler a mining strategy needs. */
export type SamplerKind = 'pk' | 'subspace';

/** The config at one training position, every schedule evaluated. */
export interface ResolvedConfig {
  margin: number;
  /** Registered name of the miner, or 'custom' for a user function. */
  mining: string;
  miner: Miner;
  sampler: SamplerKind;
  distance: DistanceName;
  softMargin: boolean;
  normalize: boolean;
}

/** Position in training that schedules are evaluated at. */
export interface TrainingPosition {
  step: number;
  epoch: number;
}
