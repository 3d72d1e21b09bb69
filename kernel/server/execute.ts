import type { CellDiagnostic, CellOutcome, TypecheckMode } from '../api';
import type { CellRuntime } from '../exec';
import type { ExecuteRequest } from '../wire/messages';
import type { ExecutionState } from './execution-state';
import type { LazyTypeService } from './lazy-type-service';
import type { RequestContext, Unchecked } from './request-context';

/** The kernel's parts an execute request uses; it advances `state` and nothing else of the kernel's. */
export interface ExecuteParts {
  readonly state: ExecutionState;
  readonly runtime: CellRuntime;
  readonly typeService: LazyTypeService;
  log(text: string): void;
}

/** An execute_request's content with the spec's defaults for what the client left out. */
export function executeRequestOf(c: Unchecked<ExecuteRequest>): ExecuteRequest {
  return {
    code: typeof c.code === 'string' ? c.code : '',
    silent: c.silent === true,
    store_history: c.store_history !== false,
    user_expressions: isRecord(c.user_expressions) ? (c.user_expressions as Record<string, string>) : {},
    allow_stdin: c.allow_stdin === true,
    stop_on_error: c.stop_on_error !== false,
  };
}

/**
 * execute_request ("Execute", messaging spec): busy → execute_input → outputs → execute_reply →
 * idle is framed by the caller; this runs type checking per the cell policy, the cell itself,
 * and publishes the result or error.
 */
export async function handleExecute(kernel: ExecuteParts, ctx: RequestContext, req: ExecuteRequest): Promise<'ok' | 'error'> {
  const { state, runtime, typeService: types } = kernel;
  const { code, silent } = req;
  const run = state.begin(code, { silent, storeHistory: req.store_history });
  const count = run.count;
  if (!silent) ctx.publish('execute_input', { code, execution_count: count });

  const mode: TypecheckMode = runtime.kernel.typecheck;
  let outcome: CellOutcome | undefined;

  // In `warn` mode the check runs on the type service's thread while the cell runs here, so a
  // cell costs max(check, run) rather than their sum. A cell run while the checker still loads
  // waits for it before its reply: a type error in a notebook's first cell is reported too.
  // In `error` mode the cell only runs once the check found no error.
  const checking: Promise<CellDiagnostic[] | null> =
    mode !== 'off' && code.trim() !== ''
      ? types
          .get()
          .check(run.cellId, code)
          .catch((err: Error) => {
            kernel.log(`type check of ${run.cellId} failed: ${err.message}`);
            return null;
          })
      : Promise.resolve(null);

  if (mode === 'error') {
    const diags = (await checking) ?? [];
    const errors = diags.filter((d) => d.category === 'error');
    if (errors.length > 0) {
      outcome = {
        status: 'error',
        ename: 'TypeError',
        evalue: `${errors.length} type error${errors.length > 1 ? 's' : ''} (typecheck mode 'error'; set kernel.typecheck = 'warn' to run anyway)`,
        traceback: types.get().formatDiagnostics(diags, code).split('\n'),
      };
    }
  }

  // Busy and execute_input go out before user code runs; what follows the run is sent together.
  ctx.release();
  outcome ??= await state.whileRunning(run, () => runtime.execute(code, { sink: ctx, executionCount: count, silent }));
  if (mode !== 'off' || types.started) types.get().commit(run.cellId, code);
  ctx.hold();

  if (outcome.status === 'ok' && outcome.result && !silent) {
    ctx.publish('execute_result', { execution_count: count, data: outcome.result, metadata: outcome.resultMetadata ?? {} });
    const text = outcome.result['text/plain'];
    state.finished(run, typeof text === 'string' ? text : undefined);
  } else if (outcome.status === 'error') {
    ctx.publish('error', { ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback });
  }
  if (mode === 'warn') {
    const diags = await checking;
    if (diags && diags.length > 0 && !silent) {
      const block = types.get().formatDiagnostics(diags, code);
      ctx.publish('stream', { name: 'stderr', text: block.endsWith('\n') ? block : block + '\n' });
    }
  }

  if (outcome.status === 'ok') {
    const userExpressions = Object.keys(req.user_expressions).length > 0 ? await runtime.evaluateExpressions(req.user_expressions, ctx) : {};
    ctx.reply('execute_reply', { status: 'ok', execution_count: count, user_expressions: userExpressions, payload: outcome.payload ?? [] });
    return 'ok';
  }
  const { ename, evalue, traceback } = outcome;
  ctx.reply('execute_reply', { status: 'error', execution_count: count, ename, evalue, traceback, user_expressions: {}, payload: [] });
  return 'error';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
