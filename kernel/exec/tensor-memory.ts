import { formatBytes } from './byte-size';

/** What `tf.memory()` reports that matters here. */
export interface TensorMemory {
  numTensors: number;
  numBytes: number;
}

export interface LeakThresholds {
  /** A cell leaving at least this many new tensors gets a notice. */
  tensorsPerCell: number;
  /** ... or at least this many new bytes. */
  bytesPerCell: number;
  /** A notice each time all tensors together first hold this much, then twice, four times as much. */
  totalBytes: number;
}

export const DEFAULT_LEAK_THRESHOLDS: LeakThresholds = { tensorsPerCell: 1000, bytesPerCell: 256e6, totalBytes: 1e9 };

const count = (n: number) => n.toLocaleString('en-US');
const FIX = 'Wrap temporary work in tf.tidy(() => ...) or call .dispose() on tensors you no longer need; tf.memory() shows what is held.';

/**
 * Notices for tensors that are never disposed: TensorFlow.js frees tensor memory only on
 * dispose, so a cell that makes tensors in a loop, or many cells that each keep one, grow the
 * kernel by gigabytes without a word (1,000 cells of tf.ones([1000, 1000]) reached 4.1 GB).
 */
export class TensorLeakWatch {
  private nextTotal: number;

  constructor(private readonly thresholds: LeakThresholds = DEFAULT_LEAK_THRESHOLDS) {
    this.nextTotal = thresholds.totalBytes;
  }

  /** The notice for a cell that started with `before` and ended with `after`, or undefined. */
  check(before: TensorMemory, after: TensorMemory): string | undefined {
    const tensors = after.numTensors - before.numTensors;
    const bytes = after.numBytes - before.numBytes;
    const lines: string[] = [];
    if (tensors >= this.thresholds.tensorsPerCell || bytes >= this.thresholds.bytesPerCell) {
      lines.push(`tripletlab: this cell left ${count(tensors)} new tensor${tensors === 1 ? '' : 's'} (${formatBytes(Math.max(0, bytes))}) in memory.`);
    }
    if (after.numBytes >= this.nextTotal) {
      while (after.numBytes >= this.nextTotal) this.nextTotal *= 2;
      lines.push(`tripletlab: tensors now hold ${formatBytes(after.numBytes)} in all (${count(after.numTensors)} tensors).`);
    }
    return lines.length > 0 ? `${lines.join(' ')} ${FIX}\n` : undefined;
  }
}
