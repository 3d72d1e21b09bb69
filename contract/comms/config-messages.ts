/**
 * Messages on the `tripletlab.config` comm between the kernel and the editor's controls.
 * Tagged unions (vscode-jupyter's renderer messages style); types only, so the extension can
 * import them without pulling in TensorFlow.js.
 */

export const CONFIG_COMM_TARGET = 'tripletlab.config';

/** Who made a change: code in a cell (`configure`) or the editor (`set` on the comm). */
export type ConfigSource = 'frontend' | 'code';

/** The configuration as JSON: schedules and miner functions shown by their current value. */
export interface SerialConfig {
  /** Margin in effect now (a schedule's value at the current training position). */
  margin: number;
  /** Present when the margin follows a schedule; `margin` is then its current value. */
  marginSchedule?: 'custom';
  /** Mining strategy name now in effect; 'custom' for a user miner function. */
  mining: string;
  /** Present when mining follows a schedule; `mining` is then the current stage's strategy. */
  miningSchedule?: 'custom';
  distance: 'euclidean' | 'squared-euclidean' | 'cosine';
  softMargin: boolean;
  normalize: boolean;
  watch: boolean;
  /** Every mining name the kernel accepts, for the editor's picker (so it cannot drift from the kernel's list). */
  miningNames: string[];
}

/** What the editor may set: plain values only (schedules are set from code). */
export interface ConfigPatch {
  margin?: number;
  mining?: string;
  distance?: 'euclidean' | 'squared-euclidean' | 'cosine';
  softMargin?: boolean;
  normalize?: boolean;
  watch?: boolean;
}

/** Frontend → kernel. */
export type ConfigRequest = { type: 'get' } | { type: 'set'; config: ConfigPatch };

/** Kernel → frontend. `source` is absent on the reply to `get` and on the first message after open. */
export type ConfigReply =
  | { type: 'config'; config: SerialConfig; source?: ConfigSource }
  | { type: 'error'; message: string };
