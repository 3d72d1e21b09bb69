import type { Completion, Inspection } from '../../kernel/api';
import type { ConfigPatch, SerialConfig } from '../../contract/comms/config-messages';
import type { ExecuteOptions, ExecuteResult } from '../../kernel/wire/client';
import type { RunningKernel } from '../../kernel/wire/launcher';
import type { Message } from '../../kernel/wire/messages';
import { ConfigComm, type ConfigListener } from '../config/config-comm';
import { TypesComm, type CellCheck } from '../language/types-comm';
import { describeExit } from '../../kernel/wire/kernel-exit';
import { ClientClosedError } from '../../kernel/wire/errors';
import { KernelDiedError } from './kernel-died-error';
import { KernelStoppedError } from './kernel-stopped-error';

export interface KernelHost {
  /** Command line for the next start; read each time so setting changes apply on restart. */
  argv(): string[];
  cwd: string;
  output(stream: 'stdout' | 'stderr', text: string): void;
  /** The process ended without being asked to (crash, out of memory, killed). */
  died(error: KernelDiedError): void;
  config: ConfigListener;
  /** Sent on the config comm after every start, e.g. the editor's `watch` setting. */
  initialConfig(): ConfigPatch | undefined;
  /** Every IOPub message, including those of no running cell (late outputs, display updates). */
  iopub?(msg: Message): void;
}

/** No cell time-out: training cells run for minutes; a stuck cell is interrupted by the user. */
const NO_TIMEOUT_MS = 2 ** 31 - 1;
const TAIL_CHARS = 2000;
/** A completion or hover waits at most this long; the first one waits for the checker to load. */
const LANGUAGE_TIMEOUT_MS = 30_000;

/**
 * One kernel process for one notebook, started on first use. Survives nothing of its own: the
 * notebook document is the editor's, so a crash loses variables but never cells or outputs.
 */
export class NotebookKernel {
  private running?: RunningKernel;
  private starting?: Promise<RunningKernel>;
  private comm?: ConfigComm;
  private types?: TypesComm;
  private launched = false;
  private died?: Promise<KernelDiedError>;
  /** Kernels stopped from the editor (restart, close): their cells end as stopped, not as crashed. */
  private readonly stopped = new WeakSet<RunningKernel>();
  private tail = '';
  private disposed = false;

  constructor(private readonly host: KernelHost) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  get config(): SerialConfig | undefined {
    return this.comm?.config;
  }

  get configOpen(): boolean {
    return this.comm?.isOpen ?? false;
  }

  start(): Promise<RunningKernel> {
    if (this.disposed) return Promise.reject(new Error('NotebookKernel.start: the notebook was closed; reopen it to start a kernel'));
    if (this.running) return Promise.resolve(this.running);
    this.starting ??= this.launch().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async launch(): Promise<RunningKernel> {
    // Loaded on first run: the wire client pulls in zeromq, which the editor need not load until then.
    const t0 = Date.now();
    const { startKernel } = await import('../../kernel/wire/launcher');
    const loaded = Date.now();
    this.tail = '';
    const kernel = await startKernel({
      argv: this.host.argv(),
      cwd: this.host.cwd,
      readyTimeoutMs: 60_000,
      onOutput: (stream, text) => {
        this.tail = (this.tail + text).slice(-TAIL_CHARS);
        this.host.output(stream, text);
      },
      client: { log: (level, message) => level !== 'debug' && this.host.output('stderr', `[client ${level}] ${message}\n`) },
    });
    // The channel tells a user where a slow first run went: loading the client, or the kernel.
    this.host.output('stderr', `[client info] ${new Date().toISOString()} kernel ready in ${Date.now() - t0} ms (wire client loaded in ${loaded - t0} ms)\n`);
    this.running = kernel;
    this.launched = true;
    this.died = new Promise((resolve) => {
      // `exited` also covers a process that stopped answering its heartbeat (the launcher kills it).
      void kernel.exited.then((exit) => {
        if (this.running !== kernel) return;
        this.running = undefined;
        this.comm = undefined;
        this.types?.dispose();
        this.types = undefined;
        const err = new KernelDiedError(exit.code, exit.signal, this.tail.trim(), describeExit(exit));
        resolve(err);
        void kernel.stop().catch(() => undefined);
        this.host.died(err);
      });
    });
    if (this.host.iopub) kernel.client.onIOPub((m) => this.host.iopub!(m));
    this.openConfig(kernel);
    this.types = new TypesComm(kernel.client);
    return kernel;
  }

  /**
   * The kernel for the editor's language features: the running one, or a new one when this
   * notebook never had one (it was just opened). After a stop or a crash only a run or Restart
   * starts it again, so typing never silently replaces a kernel the user saw die.
   */
  private async forEditor(): Promise<RunningKernel | undefined> {
    if (this.running) return this.running;
    if (this.starting) return this.starting;
    if (this.launched || this.disposed) return undefined;
    return this.start();
  }

  /** Jupyter complete_request at `cursorPos` (code points); undefined when no kernel serves the editor. */
  async complete(code: string, cursorPos: number): Promise<Completion | undefined> {
    const kernel = await this.forEditor();
    if (!kernel) return undefined;
    const reply = await kernel.client.request<Completion & { status?: string }>('shell', 'complete_request', { code, cursor_pos: cursorPos }, { timeoutMs: LANGUAGE_TIMEOUT_MS });
    const content = reply.content;
    return content.status === 'ok' ? content : undefined;
  }

  /** Jupyter inspect_request (hover text) at `cursorPos` (code points). */
  async inspect(code: string, cursorPos: number): Promise<Inspection | undefined> {
    const kernel = await this.forEditor();
    if (!kernel) return undefined;
    const reply = await kernel.client.request<Inspection & { status?: string }>('shell', 'inspect_request', { code, cursor_pos: cursorPos, detail_level: 0 }, { timeoutMs: LANGUAGE_TIMEOUT_MS });
    const content = reply.content;
    return content.status === 'ok' && content.found ? content : undefined;
  }

  /** Diagnostics of `code` as if it ran next (the kernel's `tripletlab.types` comm). */
  async check(code: string): Promise<CellCheck | undefined> {
    await this.forEditor();
    return this.types?.check(code);
  }

  /**
   * Opens the config comm as the kernel starts: the kernel loads the config target on this first
   * comm_open (kernel/triplet/kernel-binding.ts), so the status bar and margin work before any cell ran.
   */
  private openConfig(kernel: RunningKernel): void {
    this.comm?.dispose();
    this.comm = new ConfigComm(kernel.client, this.host.config);
    const patch = this.host.initialConfig();
    if (patch && Object.keys(patch).length > 0) this.comm.set(patch);
  }

  /** Runs code; rejects with KernelDiedError if the process ends before the reply. */
  async execute(code: string, options: Omit<ExecuteOptions, 'timeoutMs'>): Promise<ExecuteResult> {
    const kernel = await this.start();
    const died = this.died!;
    const result = await Promise.race([
      kernel.client.execute(code, { ...options, timeoutMs: NO_TIMEOUT_MS }),
      died.then((err) => Promise.reject(err)),
    ]).catch(async (err: unknown) => {
      // The client is closed when the process ended or was stopped; its own error ("the client
      // was closed") would hide which, and often wins the race against the exit report.
      if (!(err instanceof ClientClosedError)) throw err;
      throw this.stopped.has(kernel) ? new KernelStoppedError() : await died;
    });
    return result;
  }

  /**
   * Sends interrupt_request on the control channel; rejects with the kernel's reason when it could
   * not stop the running cell (a busy loop where a forced stop would corrupt Node).
   */
  async interrupt(): Promise<void> {
    if (!this.running) return;
    const reply = await this.running.client.interrupt(10_000);
    const content = reply.content as { status?: string; evalue?: unknown };
    if (content.status === 'error') throw new Error(String(content.evalue ?? 'the kernel could not interrupt the cell'));
  }

  setConfig(patch: ConfigPatch): void {
    if (!this.comm) throw new Error('NotebookKernel.setConfig: no kernel is running for this notebook; run a cell first');
    this.comm.set(patch);
  }

  /** Stops the process (shutdown_request, then SIGKILL if it lingers); the next run starts a fresh one. */
  async stop(): Promise<void> {
    const kernel = this.running ?? (await this.starting?.catch(() => undefined));
    if (kernel) this.stopped.add(kernel);
    this.running = undefined;
    this.comm?.dispose();
    this.comm = undefined;
    this.types?.dispose();
    this.types = undefined;
    await kernel?.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stop();
  }
}
