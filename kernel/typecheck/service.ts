import * as path from 'path';
import type { Worker } from 'worker_threads';
import type { CellDiagnostic, Completion, Inspection } from '../api';
import { TypeServiceError } from './errors';
import { formatDiagnostics } from './format';
import { cacheable } from './cacheable';
import { codePointLength } from './positions';
import type { CheckResult, Reply, Request, WorkerOptions, WorkerStats } from './protocol';
import { startWorker } from '../worker-thread';

const RECENT_CHECKS = 64;

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };
type Body = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

/**
 * Main-thread face of the type service. Everything TypeScript does runs in a worker thread, so a
 * cell never waits on type-checking it did not ask for; requests made before the worker is ready
 * queue in order (a commit before a check stays before it).
 */
export class TypeService {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private settleReady!: { resolve: () => void; reject: (err: Error) => void };
  private failure: TypeServiceError | undefined;
  /** Milliseconds the worker took to load TypeScript, and then to run its first check. */
  startup: { loadMs: number; warmMs: number } | undefined;
  /** Last error of a fire-and-forget commit, for the kernel's log. */
  lastCommitError: Error | undefined;
  /** The worker's model version as of its last reply, and commits sent but not yet answered. */
  private version = -1;
  private pendingCommits = 0;
  /**
   * Diagnostics of recent cells at `version`. Re-running an unchanged cell while the model is
   * unchanged gives the same diagnostics, so they come from here without a round trip to the
   * worker thread (~0.4 ms per cell measured here, a fifth of a trivial cell).
   */
  private readonly recent = new Map<string, CellDiagnostic[]>();
  private recentVersion = -1;

  /** Spawns the worker; TypeScript loads in the background. `cwd` is the notebook's folder. */
  static start(opts: { cwd: string; tripletPath?: string }): TypeService {
    if (!opts || typeof opts.cwd !== 'string' || opts.cwd === '') {
      throw new TypeError("TypeService.start: opts.cwd must be the notebook's folder (a non-empty string), e.g. TypeService.start({ cwd: process.cwd() })");
    }
    return new TypeService({ cwd: path.resolve(opts.cwd), tripletPath: opts.tripletPath });
  }

  private constructor(opts: WorkerOptions) {
    // A bounded old generation makes V8 collect the checker's garbage (each check builds a new
    // program) instead of growing the heap: 473 → 340 MB RSS after 200 declaration cells here.
    // The live heap of a warm checker is ~110–120 MB, tfjs typings included.
    this.worker = startWorker(__filename, 'worker', { workerData: opts, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    this.ready = new Promise<void>((resolve, reject) => (this.settleReady = { resolve, reject }));
    // Nobody has to await `ready`; a failure also surfaces on the next request.
    this.ready.catch(() => undefined);
    this.worker.on('message', (msg: Reply) => this.onMessage(msg));
    this.worker.on('error', (err) => this.fail(new TypeServiceError(`type service worker crashed: ${err.message}`)));
    this.worker.on('exit', (code) => this.fail(new TypeServiceError(`type service worker exited (code ${code})`)));
  }

  /**
   * Diagnostics of `code` as the next cell. While the worker loads, the check waits in its queue:
   * a cell run in the session's first seconds is checked like any other, never skipped.
   */
  check(cellId: string, code: string): Promise<CellDiagnostic[]> {
    const bad = checkArgs('check', { cellId, code });
    if (bad) return Promise.reject(bad);
    if (this.pendingCommits === 0 && this.recentVersion === this.version) {
      const known = this.recent.get(code);
      if (known) return Promise.resolve(known);
    }
    return (this.request({ op: 'check', cellId, code }) as Promise<CheckResult>).then(({ diagnostics, version }) => {
      this.version = version;
      if (version !== this.recentVersion) {
        this.recent.clear();
        this.recentVersion = version;
      }
      if (cacheable(diagnostics)) {
        if (this.recent.size >= RECENT_CHECKS) this.recent.delete(this.recent.keys().next().value as string);
        this.recent.set(code, diagnostics);
      }
      return diagnostics;
    });
  }

  /** Records a cell that ran (even one that threw part-way): later cells see its declarations. */
  commit(cellId: string, code: string): void {
    const bad = checkArgs('commit', { cellId, code });
    if (bad) throw bad;
    this.pendingCommits++;
    this.request({ op: 'commit', cellId, code })
      .then((version) => {
        this.version = version as number;
      })
      .catch((err: Error) => {
        this.lastCommitError = err;
      })
      .finally(() => this.pendingCommits--);
  }

  /** Completion at `cursorPos`, counted in unicode code points as Jupyter does. */
  complete(code: string, cursorPos: number): Promise<Completion> {
    const bad = checkArgs('complete', { code }) ?? checkCursor('complete', code, cursorPos);
    if (bad) return Promise.reject(bad);
    return this.request({ op: 'complete', code, cursorPos }) as Promise<Completion>;
  }

  /** Hover information at `cursorPos` (code points); `detailLevel` 1 adds JSDoc tags. */
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Promise<Inspection> {
    const bad =
      checkArgs('inspect', { code }) ??
      checkCursor('inspect', code, cursorPos) ??
      (detailLevel === 0 || detailLevel === 1 ? undefined : new RangeError(`TypeService.inspect: detailLevel must be 0 or 1 (Jupyter inspect_request), got ${String(detailLevel)}`));
    if (bad) return Promise.reject(bad);
    return this.request({ op: 'inspect', code, cursorPos, detailLevel }) as Promise<Inspection>;
  }

  formatDiagnostics(diags: CellDiagnostic[], code: string): string {
    return formatDiagnostics(diags, code);
  }

  /** Memory of the worker and size of the notebook model (for benchmarks and the kernel's log). */
  stats(): Promise<WorkerStats> {
    return this.request({ op: 'stats' }) as Promise<WorkerStats>;
  }

  /** Stops the worker; pending and later requests reject with TypeServiceError. */
  async close(): Promise<void> {
    if (!this.failure) this.fail(new TypeServiceError('TypeService was closed; start a new one with TypeService.start({ cwd })'));
    await this.worker.terminate();
  }

  private request(body: Body): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as Request);
    });
  }

  private onMessage(msg: Reply): void {
    if (msg.type === 'ready') {
      this.startup = { loadMs: msg.loadMs, warmMs: msg.warmMs };
      this.settleReady.resolve();
      return;
    }
    if (msg.type === 'failed') {
      this.fail(new TypeServiceError(`type service failed to start: ${msg.message}`));
      return;
    }
    const waiting = this.pending.get(msg.id);
    if (!waiting) return;
    this.pending.delete(msg.id);
    if (msg.type === 'result') waiting.resolve(msg.result);
    else waiting.reject(new TypeServiceError(msg.message));
  }

  private fail(err: TypeServiceError): void {
    if (this.failure) return;
    this.failure = err;
    this.settleReady.reject(err);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}

function checkArgs(fn: string, args: Record<string, unknown>): TypeError | undefined {
  for (const [name, value] of Object.entries(args)) {
    if (typeof value !== 'string') {
      return new TypeError(`TypeService.${fn}: ${name} must be a string, got ${value === null ? 'null' : typeof value}; pass the cell's ${name === 'code' ? 'source text' : 'id'}`);
    }
  }
  return undefined;
}

function checkCursor(fn: string, code: string, cursorPos: number): RangeError | undefined {
  const length = codePointLength(code);
  if (Number.isInteger(cursorPos) && cursorPos >= 0 && cursorPos <= length) return undefined;
  return new RangeError(
    `TypeService.${fn}: cursorPos ${String(cursorPos)} is outside the code (${length} code points); pass a whole number from 0 to ${length}, counted in unicode code points as Jupyter's cursor_pos`,
  );
}
