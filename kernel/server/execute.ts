import type { CellDiagnostic, CellOutcome, TypecheckMode } from '../api';
import type { CellRuntime } from '../exec';
import type { TypeService } from '../typecheck';
import type { History } from './history';
import type { RequestContext } from './request-context';

/**
 * What an execute request needs from the kernel (KernelServer is one): the counters and history
 * it advances, the cell runtime, the type service and the busy flag. Declared here, so this module
 * does not import the server that imports it.
 */
export interface ExecuteHost {
  executionCount: number;
  cellSerial: number;
  readonly history: History;
  readonly runtime: CellRuntime;
  types(): TypeService;
  typesStarted(): boolean;
  formatDiagnostics(diags: CellDiagnostic[], code: string): string;
  log(text: string): void;
  setBusy(on: boolean): void;
}

/**
 * execute_request ("Execute", messaging spec): busy → execute_input → outputs → execute_reply →
 * idle is framed by the caller; this runs type checking per the cell policy, the cell itself,
 * and publishes the result or error.
 */
export async function handleExecute(server: ExecuteHost, ctx: RequestContext): Promise<'ok' | 'error' | 'aborted'> {
  const c = ctx.content;
  const code = typeof c.code === 'string' ? c.code : '';
  const silent = c.silent === true;
  const storeHistory = silent ? false : c.store_history !== false;
  if (storeHistory) server.executionCount++;
  const count = server.executionCount;
  if (!silent) ctx.publish('execute_input', { code, execution_count: count });
  if (storeHistory) server.history.add(count, code);

  // Silent executions share the execution count, so the type service gets its own serial id.
  const cellId = `cell-${++server.cellSerial}`;
  const mode: TypecheckMode = server.runtime.kernel.typecheck;
  let outcome: CellOutcome | undefined;

  // In `warn` mode the check runs on the type service's thread while the cell runs here, so a
  // cell costs max(check, run) rather than their sum. A cell run while the checker still loads
  // waits for it before its reply: a type error in a notebook's first cell is reported too.
  // In `error` mode the cell only runs once the check found no error.
  const checking: Promise<CellDiagnostic[] | null> =
    mode !== 'off' && code.trim() !== ''
      ? server
          .types()
          .check(cellId, code)
          .catch((err: Error) => {
            server.log(`type check of ${cellId} failed: ${err.message}`);
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
        traceback: server.formatDiagnostics(diags, code).split('\n'),
      };
    }
  }

  // Busy and execute_input go out before user code runs; what follows the run is sent together.
  ctx.release();
  if (!outcome) {
    server.setBusy(true);
    try {
      outcome = await server.runtime.execute(code, { sink: ctx, executionCount: count, silent });
    } finally {
      server.setBusy(false);
    }
  }
  if (mode !== 'off' || server.typesStarted()) server.types().commit(cellId, code);
  ctx.hold();

  if (outcome.status === 'ok' && outcome.result && !silent) {
    ctx.publish('execute_result', { execution_count: count, data: outcome.result, metadata: outcome.resultMetadata ?? {} });
    const text = outcome.result['text/plain'];
    if (storeHistory && typeof text === 'string') server.history.setOutput(count, text);
  } else if (outcome.status === 'error') {
    ctx.publish('error', { ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback });
  }
  if (mode === 'warn') {
    const diags = await checking;
    if (diags && diags.length > 0 && !silent) {
      const block = server.formatDiagnostics(diags, code);
      ctx.publish('stream', { name: 'stderr', text: block.endsWith('\n') ? block : block + '\n' });
    }
  }

  if (outcome.status === 'ok') {
    const userExpressions = isRecord(c.user_expressions)
      ? await server.runtime.evaluateExpressions(c.user_expressions as Record<string, string>, ctx)
      : {};
    ctx.reply('execute_reply', { status: 'ok', execution_count: count, user_expressions: userExpressions, payload: outcome.payload ?? [] });
    return 'ok';
  }
  const { ename, evalue, traceback } = outcome;
  ctx.reply('execute_reply', { status: 'error', execution_count: count, ename, evalue, traceback, user_expressions: {}, payload: [] });
  return 'error';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0;
}
