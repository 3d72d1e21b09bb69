import type { CellOutcome, CellRunInfo, CellStartInfo, KernelApi, MimeBundle, OutputSink, TypecheckMode } from '../api';
import { bindToKernel, type KernelBinding } from '../triplet/kernel-binding';
import { cellScriptName, expressionScriptName } from './cell-names';
import { CellTimers } from './cell-timers';
import { Comms } from './comms';
import { captureConsole } from './console-capture';
import { createDisplay } from './display';
import { CellSyntaxError, InterruptedError, KernelApiArgumentError } from './errors';
import { formatError, positionedError, type ErrorReport } from './format-error';
import { bundleOf } from './format-result';
import { installGlobals } from './globals';
import { Hooks } from './hooks';
import type { Evaluation, InspectorEvaluator } from './inspector-eval';
import { INTERRUPT_PROTOCOL } from './interrupt';
import { isComplete, type Completeness } from './is-complete';
import { createModuleLoader } from './module-loader';
import { oversizedOutput } from './output-limits';
import { OutputRouter, type StreamName } from './output-router';
import { endsWithSemicolon } from './quiet-result';
import { TensorLeakWatch, type TensorMemory } from './tensor-memory';
import { transpileCell } from './transpile';

export interface CellRuntimeOptions {
  /** The notebook's folder: `require` and `import` resolve from here. */
  cwd: string;
  /** Also capture `process.stdout.write`/`process.stderr.write` (default true; the kernel wants it). */
  captureProcessStreams?: boolean;
  /**
   * Runs `fn` with interrupts held back until it returns; the kernel defers its SIGINT (see
   * kernel/server/interrupt.ts). Used around loading TensorFlow.js. Default: runs `fn` as is.
   */
  uninterruptible?: <T>(fn: () => T) => T;
  /**
   * Whether a SIGINT reaching the process now is meant for the running cell. The kernel says no
   * once that cell has ended: a signal sent as a cell finished is handled later, and must not
   * stop the next cell. Default: always.
   */
  signalForThisCell?: () => boolean;
}

const TYPECHECK_MODES: readonly TypecheckMode[] = ['warn', 'error', 'off'];
const MAX_REMEMBERED_CELLS = 500;

function interruptedReport(): ErrorReport {
  const e = new InterruptedError();
  return { ename: e.name, evalue: e.message, traceback: [`${e.name}: ${e.message}`] };
}

/**
 * Runs TypeScript cells in the kernel's main realm, one persistent global scope for the whole
 * session. See interrupt.ts for how interrupts arrive, output-router.ts for where output goes.
 */
export class CellRuntime {
  readonly kernel: KernelApi;
  readonly interruptProtocol = INTERRUPT_PROTOCOL;
  /** The process's real stderr, for the kernel's own log lines: `process.stderr.write` now feeds cells. */
  readonly writeKernelLog: (text: string) => void;
  private readonly router: OutputRouter;
  private evaluatorInstance: InspectorEvaluator | undefined;
  private readonly hooks = new Hooks();
  private readonly comms: Comms;
  private readonly sources = new Map<string, string>();
  private readonly undo: (() => void)[] = [];
  private readonly timers: CellTimers;
  private readonly leaks = new TensorLeakWatch();
  /** The `tf` and `triplet` globals, joined to this kernel through its hooks and comms. */
  private readonly library: KernelBinding;
  private settleInterrupted: (() => void) | undefined;
  /** Whether a SIGINT now is meant for the running cell (CellRuntimeOptions.signalForThisCell). */
  private readonly signalForThisCell: () => boolean;
  private expressionCount = 0;
  private pages: MimeBundle[] = [];

  constructor(opts: CellRuntimeOptions) {
    if (!opts || typeof opts.cwd !== 'string' || opts.cwd === '') {
      throw new KernelApiArgumentError('new CellRuntime', 'opts.cwd', 'must be the notebook folder path', 'pass { cwd: process.cwd() } or the folder of the .ipynb file');
    }
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    this.writeKernelLog = (text) => void err(text);
    this.signalForThisCell = opts.signalForThisCell ?? (() => true);
    this.router = new OutputRouter((name: StreamName, text: string) => (name === 'stdout' ? out(text) : err(text)));
    this.timers = new CellTimers(this.router);
    this.comms = new Comms(this.router, (e, where) => this.reportStray(e, `Error in ${where}`));
    const display = createDisplay(this.router);
    let typecheck: TypecheckMode = 'warn';
    const cwd = opts.cwd;
    this.kernel = {
      display,
      hooks: this.hooks,
      comms: this.comms,
      cwd,
      page: (content: string | MimeBundle) => {
        if (typeof content === 'string') this.pages.push({ 'text/plain': content });
        else if (content !== null && typeof content === 'object') this.pages.push(content);
        else throw new KernelApiArgumentError('kernel.page', 'content', `is ${typeof content}`, 'pass a string or a MIME bundle such as { "text/markdown": "# Help" }');
      },
      get typecheck() {
        return typecheck;
      },
      set typecheck(mode: TypecheckMode) {
        if (!TYPECHECK_MODES.includes(mode)) {
          throw new KernelApiArgumentError('kernel.typecheck', 'mode', `is ${JSON.stringify(mode)}`, "set it to 'warn', 'error' or 'off'");
        }
        typecheck = mode;
      },
    };
    this.library = bindToKernel(this.kernel, { uninterruptible: opts.uninterruptible });
    this.undo.push(
      () => this.library.unbind(),
      captureConsole(this.router, opts.captureProcessStreams !== false),
      installGlobals({
        display,
        kernel: this.kernel,
        loader: createModuleLoader(cwd),
        router: this.router,
        library: this.library,
      }),
      () => this.timers.dispose(),
      this.listen('SIGINT', () => this.signalForThisCell() && this.interrupt()),
      this.listen('uncaughtException', (e: unknown) => this.reportStray(e, 'Uncaught exception in a callback')),
      this.listen('unhandledRejection', (e: unknown) => this.reportStray(e, 'Unhandled promise rejection')),
    );
  }

  /** Restores the process as it was before this runtime (console, streams, globals, listeners). */
  dispose(): void {
    this.router.flush();
    for (const fn of this.undo.splice(0).reverse()) fn();
    this.evaluatorInstance?.dispose();
  }

  async execute(code: string, opts: { sink: OutputSink; executionCount: number; silent: boolean }): Promise<CellOutcome> {
    this.router.startCell(opts.sink);
    const cell = cellScriptName(opts.executionCount);
    this.remember(cell, code);
    this.pages = [];
    const before = this.tensorMemory();
    const outcome = await this.run(code, cell, opts.silent, { executionCount: opts.executionCount, code, silent: opts.silent });
    if (outcome.status === 'ok' && this.pages.length > 0) outcome.payload = this.pages.map((data) => ({ source: 'page', data, start: 0 }));
    const leak = opts.silent ? undefined : this.leaks.check(before, this.tensorMemory());
    if (leak) this.router.notice(leak);
    this.router.flush();
    this.router.reportDropped();
    if (!opts.silent) {
      const info: CellRunInfo = { executionCount: opts.executionCount, code, silent: opts.silent, outcome };
      await this.hooks.runPost(info, (e) => this.reportStray(e, 'Error in a post_run_cell hook'));
      this.router.flush();
    }
    return outcome;
  }

  /** Sends stream text still batched (before the kernel exits). */
  flushOutput(): void {
    this.router.flush();
  }

  async evaluateExpressions(exprs: Record<string, string>, sink: OutputSink): Promise<Record<string, unknown>> {
    this.router.setSink(sink);
    const out: Record<string, unknown> = {};
    for (const [name, expr] of Object.entries(exprs ?? {})) {
      const cell = expressionScriptName(++this.expressionCount);
      this.sources.set(cell, String(expr));
      const r = await this.run(String(expr), cell, false);
      this.sources.delete(cell);
      out[name] = r.status === 'ok' ? { status: 'ok', data: r.result ?? { 'text/plain': 'undefined' }, metadata: {} } : { status: 'error', ename: r.ename, evalue: r.evalue, traceback: r.traceback };
    }
    this.router.flush();
    return out;
  }

  interrupt(): void {
    this.hooks.runInterrupt((e) => this.reportStray(e, 'Error in an interrupt hook'));
    const stopped = this.timers.stopAll();
    if (stopped > 0) {
      const what = stopped === 1 ? 'an interval timer (setInterval) started by a cell; start it' : `${stopped} interval timers (setInterval) started by cells; start them`;
      this.router.notice(`tripletlab: the interrupt also stopped ${what} again if still needed.\n`);
    }
    const settle = this.settleInterrupted;
    if (!settle) return;
    settle();
  }

  isComplete(code: string): Completeness {
    return isComplete(code);
  }

  handleComm(msgType: 'comm_open' | 'comm_msg' | 'comm_close', content: Record<string, unknown>, buffers: Buffer[], sink: OutputSink): void {
    // A comm message may arrive while a cell awaits (the editor's controls during a fit): what
    // the handler prints goes under the comm message, and the cell's later output stays its own.
    const cell = this.router.current;
    this.router.setSink(sink);
    this.comms.handle(msgType, content ?? {}, buffers ?? []);
    this.router.flush();
    if (cell) this.router.setSink(cell);
  }

  commInfo(targetName?: string): Record<string, { target_name: string }> {
    return this.comms.info(targetName);
  }

  /** Runs a cell (`start` given: its pre_run_cell hooks first) or a user expression. */
  private async run(code: string, cell: string, silent: boolean, start?: CellStartInfo): Promise<CellOutcome> {
    let js: string;
    try {
      js = transpileCell(code);
    } catch (err) {
      if (err instanceof CellSyntaxError) return { status: 'error', ...positionedError('SyntaxError', err.message, cell, err.line, err.column, this.sources) };
      throw err;
    }
    const preparing = start && this.hooks.runPre(start, (e) => this.reportStray(e, 'Error in a pre_run_cell hook'));
    if (preparing && (await this.untilPrepared(preparing)) === 'interrupted') return { status: 'error', ...interruptedReport() };
    const evaluation = await this.evaluateInterruptibly(`${js}\n//# sourceURL=${cell}`);
    switch (evaluation.kind) {
      case 'interrupted':
        return { status: 'error', ...interruptedReport() };
      case 'thrown':
        return { status: 'error', ...formatError(evaluation.value, this.sources, { cell, line: evaluation.line ?? 1, column: evaluation.column ?? 1 }) };
      case 'value': {
        if (silent || (evaluation.value !== undefined && endsWithSemicolon(code))) return { status: 'ok' };
        try {
          const result = bundleOf(evaluation.value);
          const refused = result && oversizedOutput('execute_result', { data: result });
          if (refused) this.router.notice(refused);
          return result && !refused ? { status: 'ok', result } : { status: 'ok' };
        } catch (err) {
          return { status: 'error', ...formatError(err, this.sources) };
        }
      }
    }
  }

  /** The inspector session starts with the first cell, so creating the kernel stays fast. */
  private get evaluator(): InspectorEvaluator {
    this.evaluatorInstance ??= new (require('./inspector-eval') as typeof import('./inspector-eval')).InspectorEvaluator();
    return this.evaluatorInstance;
  }

  private evaluateInterruptibly(expression: string): Promise<Evaluation> {
    const interrupted = new Promise<Evaluation>((resolve) => {
      this.settleInterrupted = () => resolve({ kind: 'interrupted' });
    });
    const done = () => {
      this.settleInterrupted = undefined;
    };
    return Promise.race([this.evaluator.evaluate(expression, this.signalForThisCell), interrupted]).then(
      (r) => {
        done();
        return r;
      },
      (e: unknown) => {
        done();
        return { kind: 'thrown', value: e } as Evaluation;
      },
    );
  }

  /**
   * Waits for the pre_run_cell hooks that returned a promise: the triplet library loads
   * TensorFlow.js there and waits for its backend, so the cell runs on the backend it keeps (not
   * on cpu while wasm starts) and the backend notice is printed in this cell, not the next. This
   * runs outside the cell's SIGINT watchdog, so an interrupt meanwhile cannot cut a hook short;
   * it ends the cell at once.
   */
  private async untilPrepared(hooks: Promise<void>): Promise<'ready' | 'interrupted'> {
    const interrupted = new Promise<'interrupted'>((resolve) => {
      this.settleInterrupted = () => resolve('interrupted');
    });
    try {
      return await Promise.race([hooks.then(() => 'ready' as const), interrupted]);
    } finally {
      this.settleInterrupted = undefined;
    }
  }

  /** Tensors held now, once TensorFlow.js is loaded (before that, none). */
  private tensorMemory(): TensorMemory {
    try {
      return this.library.tensorMemory() ?? { numTensors: 0, numBytes: 0 };
    } catch {
      return { numTensors: 0, numBytes: 0 };
    }
  }

  /** Cell sources quote the failing line in tracebacks; the oldest are forgotten so memory stays flat. */
  private remember(cell: string, code: string): void {
    this.sources.delete(cell);
    this.sources.set(cell, code);
    if (this.sources.size > MAX_REMEMBERED_CELLS) this.sources.delete(this.sources.keys().next().value as string);
  }

  private reportStray(err: unknown, what: string): void {
    const report = formatError(err, this.sources);
    this.router.write('stderr', `${what}:\n${report.traceback.join('\n')}\n`);
  }

  private listen(event: string, fn: (...args: never[]) => void): () => void {
    process.on(event, fn as () => void);
    return () => process.off(event, fn as () => void);
  }
}
