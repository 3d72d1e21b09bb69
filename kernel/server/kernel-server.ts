import type { Worker } from 'node:worker_threads';
import type { TypecheckMode } from '../api';
import type { CellRuntime } from '../exec';
import type { TypeService } from '../typecheck';
import type { ConnectionInfo } from '../wire';
import type { ContentByType, KnownMessageType } from '../wire/messages';
import { routeProcessExit } from './clean-exit';
import { executeRequestOf, handleExecute, type ExecuteParts } from './execute';
import { ExecutionState } from './execution-state';
import { InterruptedError } from '../exec/errors';
import { ValueCompleter } from '../exec/value-completions';
import { codePointToUtf16 } from '../typecheck/positions';
import { BUSY } from './interrupt';
import { LazyTypeService } from './lazy-type-service';
import { RequestContext, type Unchecked } from './request-context';
import { startSocketThread, type SocketThread } from './socket-thread-start';
import { StopOnError } from './stop-on-error';
import { installAsyncIdProbe } from './async-id-probe';
import { registerTypesComm } from './types-comm';
import type { FromSocketThread } from './worker-messages';
import { fromPortable } from './worker-messages';

export interface KernelOptions {
  connection: ConnectionInfo;
  cwd: string;
  typecheck: TypecheckMode;
  debug?: boolean;
  /** A socket thread already started for `connection` (the CLI starts it first); else one is started. */
  socketThread?: SocketThread;
}

/** Handlers by message type; each reads its request's content with the field names of wire/messages.ts. */
type Handlers = { [T in KnownMessageType]?: (ctx: RequestContext, content: Unchecked<ContentByType[T]>) => void | Promise<unknown> };

/**
 * Requests served while a cell awaits, ahead of the queue: the editor's controls (a margin set
 * during `triplet.fit` reaches its next step, which re-reads the configuration) and its language
 * features (the type service runs in its own thread). None of them runs user code but comm
 * handlers, which a cell registered before it awaited.
 */
const SERVED_WHILE_A_CELL_RUNS = new Set(['comm_msg', 'complete_request', 'inspect_request', 'is_complete_request', 'comm_info_request']);

/**
 * The kernel's main thread: receives requests from the socket thread in arrival order, wraps
 * each the same way (busy, dispatch on msg_type, idle; replies are children of their request)
 * and runs cells. An unknown message type is logged and answered, never thrown.
 */
export class KernelServer implements ExecuteParts {
  readonly state: ExecutionState;
  readonly runtime: CellRuntime;
  readonly typeService: LazyTypeService;
  private readonly worker: Worker;
  private readonly busyFlag: Int32Array;
  private readonly interruptsTaken: Int32Array;
  private readonly closedFlag: Int32Array;
  private readonly queue: RequestContext[] = [];
  private draining = false;
  private readonly stopOnError = new StopOnError(() => this.worker.postMessage({ type: 'flush-requests' }));
  private warmed = false;
  private readonly valueCompleter = new ValueCompleter();
  private readonly handlers: Handlers;
  private readonly info: Record<string, unknown>;
  readonly ready: Promise<void>;

  constructor(private readonly options: KernelOptions) {
    const thread = options.socketThread ?? startSocketThread(options.connection, options.debug === true);
    this.worker = thread.worker;
    this.busyFlag = new Int32Array(thread.data.busy);
    this.interruptsTaken = new Int32Array(thread.data.interrupts);
    installAsyncIdProbe();
    this.closedFlag = new Int32Array(thread.data.closed);
    this.info = thread.data.kernelInfo;
    this.typeService = new LazyTypeService(options.cwd);
    // While a cell's code runs, the socket thread may signal it (interrupt.ts).
    this.state = new ExecutionState((running) => Atomics.store(this.busyFlag, 0, running ? BUSY.cell : BUSY.idle));
    // The cell runtime loads (~13 ms) while the socket thread boots and binds.
    // Loaded here rather than at the top so `tripletlab --help` and CLI errors stay instant.
    const { CellRuntime } = require('../exec') as typeof import('../exec');
    this.runtime = new CellRuntime({
      cwd: options.cwd,
      uninterruptible: (fn) => this.uninterruptible(fn),
      signalForThisCell: () => Atomics.load(this.busyFlag, 0) === BUSY.signalled,
    });
    this.runtime.kernel.typecheck = options.typecheck;
    // A cell's process.exit(code) ends the kernel with that code, after its output has gone out.
    routeProcessExit(this.worker, this.closedFlag, () => this.runtime.flushOutput());
    registerTypesComm(this.runtime.kernel.comms, () => this.types(), () => this.runtime.kernel.typecheck);
    this.handlers = {
      kernel_info_request: (ctx) => ctx.reply('kernel_info_reply', this.info),
      execute_request: (ctx, content) => (this.stopOnError.shouldAbort(ctx) ? this.abortExecute(ctx) : this.execute(ctx, content)),
      is_complete_request: (ctx, { code }) => ctx.reply('is_complete_reply', { ...this.runtime.isComplete(typeof code === 'string' ? code : '') }),
      complete_request: async (ctx) => {
        const code = String(ctx.content.code ?? '');
        const pos = typeof ctx.content.cursor_pos === 'number' ? ctx.content.cursor_pos : code.length;
        // A member of a live value is answered from the value at once; the rest by the type service.
        const r = this.valueCompleter.complete(code, codePointToUtf16(code, pos)) ?? (await this.types().complete(code, pos));
        ctx.reply('complete_reply', { status: 'ok', ...r });
      },
      inspect_request: async (ctx, c) => {
        const code = typeof c.code === 'string' ? c.code : '';
        const pos = typeof c.cursor_pos === 'number' ? c.cursor_pos : code.length;
        const r = await this.types().inspect(code, pos, c.detail_level === 1 ? 1 : 0);
        ctx.reply('inspect_reply', { status: 'ok', ...r });
      },
      history_request: (ctx, c) => ctx.reply('history_reply', { status: 'ok', history: this.state.history.query(c) }),
      comm_info_request: (ctx, c) => {
        const target = typeof c.target_name === 'string' ? c.target_name : undefined;
        ctx.reply('comm_info_reply', { status: 'ok', comms: this.runtime.commInfo(target) });
      },
      // A library's comm target may load on its first comm_open (CommApi.registerLazyTarget).
      comm_open: (ctx) => this.runtime.handleComm('comm_open', ctx.content, ctx.msg.buffers, ctx),
      comm_msg: (ctx) => this.runtime.handleComm('comm_msg', ctx.content, ctx.msg.buffers, ctx),
      comm_close: (ctx) => this.runtime.handleComm('comm_close', ctx.content, ctx.msg.buffers, ctx),
      shutdown_request: (ctx, c) => this.shutdown(ctx, c.restart === true),
    };
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (m: FromSocketThread) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'fatal') reject(Object.assign(new Error(m.message), { exitCode: m.code }));
        else this.onSocketMessage(m);
      });
      this.worker.on('error', (err) => reject(err));
    });
  }

  /** The type service, started on first need (lazy-type-service.ts). */
  types(): TypeService {
    return this.typeService.get();
  }

  /** The kernel's own log lines go to the process's real stderr (cell output is captured). */
  log(text: string): void {
    this.runtime.writeKernelLog(`tripletlab kernel: ${text}\n`);
  }

  /** Runs `fn` with interrupt signals held back until it returns (interrupt.ts, BUSY.uninterruptible). */
  private uninterruptible<T>(fn: () => T): T {
    const state = Atomics.compareExchange(this.busyFlag, 0, BUSY.cell, BUSY.uninterruptible);
    // A SIGINT is already on its way to this cell: starting the load now would let it land halfway.
    if (state === BUSY.signalled) throw new InterruptedError();
    if (state !== BUSY.cell) return fn();
    try {
      return fn();
    } finally {
      Atomics.store(this.busyFlag, 0, BUSY.cell);
    }
  }

  /**
   * Loads the transpiler (~50 ms) right after the kernel has answered its first request: clients
   * start with kernel_info_request, so start-up is not delayed and the first cell does not pay
   * for it.
   */
  private warmUp(): void {
    if (this.warmed) return;
    this.warmed = true;
    setImmediate(() => {
      const { loadTranspiler } = require('../exec') as typeof import('../exec');
      loadTranspiler();
      // The checker loads in its own thread (seconds) while the user reads the notebook, so
      // the first cell's check and the editor's first completion do not wait for all of it.
      if (this.runtime.kernel.typecheck !== 'off') this.types();
    });
  }

  private onSocketMessage(m: FromSocketThread): void {
    switch (m.type) {
      case 'request': {
        const ctx = new RequestContext(this.worker, fromPortable(m.msg), m.channel);
        this.stopOnError.arrived(ctx);
        if (this.state.current && SERVED_WHILE_A_CELL_RUNS.has(ctx.msg.header.msg_type)) {
          void this.serve(ctx);
          break;
        }
        this.queue.push(ctx);
        void this.drain();
        break;
      }
      case 'input-reply':
        RequestContext.settleInput(m.id, m.value);
        break;
      case 'input-error':
        RequestContext.settleInput(m.id, new Error(m.message));
        break;
      case 'interrupt':
        // Tells the socket thread this thread is free to take it (not stuck in a busy loop).
        Atomics.add(this.interruptsTaken, 0, 1);
        RequestContext.abortInputs('input(): interrupted');
        // Also runs the interrupt hooks: the triplet library stops a fit still stepping in the background.
        this.runtime.interrupt();
        break;
      case 'requests-flushed':
        this.stopOnError.flushed();
        break;
      case 'parent-exited':
        this.exit(1);
        break;
      case 'log':
        this.log(m.text);
        break;
    }
  }

  /** Serves queued requests one at a time, in arrival order (shell requests are sequential in Jupyter). */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.serve(this.queue.shift()!);
    } finally {
      this.draining = false;
    }
  }

  private async serve(ctx: RequestContext): Promise<void> {
    const type = ctx.msg.header.msg_type;
    // shutdown_request on control was already answered by the socket thread.
    if (type === 'shutdown_request' && ctx.channel === 'control') return this.exit();
    const handler = this.handlers[type as KnownMessageType] as ((ctx: RequestContext, content: unknown) => void | Promise<unknown>) | undefined;
    const isComm = type === 'comm_open' || type === 'comm_msg' || type === 'comm_close';
    // An execute request sends busy with execute_input, and its reply with idle (handleExecute
    // releases the first pair before the cell runs).
    if (type === 'execute_request') ctx.hold();
    ctx.status('busy');
    try {
      if (handler) await handler(ctx, ctx.content);
      else if (!isComm) this.unknown(ctx);
    } catch (err) {
      const e = err as Error;
      this.log(`${type} failed: ${e.stack ?? e}`);
      if (type.endsWith('_request')) {
        ctx.reply(type.replace(/_request$/, '_reply'), { status: 'error', ename: e.name ?? 'Error', evalue: e.message ?? String(e), traceback: [] });
      }
    } finally {
      ctx.status('idle');
      ctx.release();
      this.warmUp();
    }
  }

  private unknown(ctx: RequestContext): void {
    const type = ctx.msg.header.msg_type;
    this.log(`ignoring unknown message type '${type}'`);
    if (type.endsWith('_request')) {
      ctx.reply(type.replace(/_request$/, '_reply'), {
        status: 'error',
        ename: 'UnknownMessageType',
        evalue: `tripletlab does not handle '${type}'`,
        traceback: [],
      });
    }
  }

  private async execute(ctx: RequestContext, content: Unchecked<ContentByType['execute_request']>): Promise<void> {
    const req = executeRequestOf(content);
    const result = await handleExecute(this, ctx, req);
    if (result === 'error' && req.stop_on_error) this.stopOnError.failed();
  }

  /** A request queued behind a failed cell is not run ("stop_on_error", messaging spec). */
  private abortExecute(ctx: RequestContext): void {
    ctx.reply('execute_reply', { status: 'aborted', execution_count: this.state.count, user_expressions: {}, payload: [] });
  }

  private shutdown(ctx: RequestContext, restart: boolean): void {
    ctx.reply('shutdown_reply', { status: 'ok', restart });
    setTimeout(() => this.exit(), 50);
  }

  private exit(code = 0): void {
    void this.typeService.close();
    process.exit(code); // routed through routeProcessExit: sockets close first
  }
}
