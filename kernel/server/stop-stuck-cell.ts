/**
 * Stops a cell that the interrupt signal cannot reach: a busy loop that runs after an `await`
 * (`await x; while (true) {}`) is a promise continuation, outside the SIGINT watchdog that
 * stops synchronous cell code (kernel/exec/interrupt.ts). Runs on the socket thread, which
 * reaches the main thread through Node's inspector (`Session#connectToMainThread`).
 *
 * `Runtime.terminateExecution` alone is not safe: it unwinds whatever JavaScript runs, and Node
 * aborts the process ("async hook stack has become corrupted", or the `execution_async_id == 0`
 * check in InternalCallbackScope::Close) when the unwound code had entered an async context it
 * never leaves: a timer or nextTick callback, or any promise continuation once async_hooks are
 * enabled (AsyncLocalStorage). So the main thread is paused first, and terminated only when
 * (a) the code at the bottom of its stack is a cell's, below it nothing but Node's task queues,
 * so no kernel code is cut short, and (b) it runs outside any async context
 * (`executionAsyncId() === 0`), as promise continuations do while no async hook is enabled.
 * Measured here (Node 20, 2 cores): the whole stop takes 70-300 ms, most of it `Debugger.enable`,
 * after the 250 ms the main thread gets to take the interrupt by itself.
 */
import { isCellScript } from '../exec/cell-names';
import { ASYNC_ID_PROBE } from './async-id-probe';

export type StopOutcome = { stopped: true } | { stopped: false; why: string };

/** How long the main thread gets to take an interrupt by itself before it counts as stuck. */
export const TAKE_INTERRUPT_MS = 250;
/** After this long the user is told the cell cannot be stopped (the 2 s, with room for the message). */
const GIVE_UP_MS = 1500;
const PAUSE_WAIT_MS = 500;
const RETRY_MS = 150;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for the main thread to take the interrupt (`handled[0]` moves past `seen`); if it does
 * not, stops the cell through the inspector, retrying while the main thread is somewhere it
 * must not be cut (kernel code, a callback) in case it moves into the cell's own code.
 */
export async function stopIfStuck(handled: Int32Array, seen: number, stillRunning: () => boolean): Promise<StopOutcome> {
  const taken = () => Atomics.load(handled, 0) !== seen || !stillRunning();
  const start = Date.now();
  while (Date.now() - start < TAKE_INTERRUPT_MS) {
    if (taken()) return { stopped: true };
    await sleep(10);
  }
  let last: StopOutcome = { stopped: false, why: 'it did not stop' };
  while (Date.now() - start < GIVE_UP_MS) {
    if (taken()) return { stopped: true };
    last = await terminateIfSafe();
    if (last.stopped) return last;
    await sleep(RETRY_MS);
  }
  return taken() ? { stopped: true } : last;
}

interface CallFrame {
  callFrameId: string;
  url: string;
  location: { scriptId: string };
}

async function terminateIfSafe(): Promise<StopOutcome> {
  // Loaded when first needed: node:inspector takes 30-80 ms to load, which start-up should not pay.
  const { Session } = require('node:inspector') as typeof import('node:inspector');
  const session = new Session();
  session.connectToMainThread();
  const post = <T = unknown>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))));
  const urls = new Map<string, string>();
  session.on('Debugger.scriptParsed', (m) => urls.set(m.params.scriptId, m.params.url));
  let paused = false;
  try {
    const pausedAt = new Promise<CallFrame[]>((resolve) => session.once('Debugger.paused', (m) => resolve(m.params.callFrames as CallFrame[])));
    await post('Debugger.enable');
    await post('Debugger.pause');
    const frames = await Promise.race([pausedAt, sleep(PAUSE_WAIT_MS).then(() => undefined)]);
    if (!frames) return { stopped: false, why: 'it is inside a native call that does not return' };
    paused = true;
    const own = frames.filter((f) => !(f.url || urls.get(f.location.scriptId) || '').startsWith('node:'));
    const outermost = own[own.length - 1];
    if (!outermost) return { stopped: false, why: 'it is running inside Node itself' };
    // Evaluated in the outermost frame of ours or the user's: Node's internal modules have no `globalThis`.
    const probe = await post<{ result: { value?: unknown } }>('Debugger.evaluateOnCallFrame', { callFrameId: outermost.callFrameId, expression: ASYNC_ID_PROBE, silent: true });
    if (probe.result.value !== 0) {
      return { stopped: false, why: 'it is running inside a callback (a timer, process.nextTick, queueMicrotask) or with async_hooks enabled, where a forced stop would corrupt Node' };
    }
    if (!isCellScript(outermost.url || urls.get(outermost.location.scriptId) || '')) return { stopped: false, why: 'it is running code outside the cell (kernel or library callbacks)' };
    // Answered only once the termination is over, that is after the resume below: not awaited.
    post('Runtime.terminateExecution').catch(() => undefined);
    await post('Debugger.resume');
    paused = false;
    return { stopped: true };
  } finally {
    if (paused) await post('Debugger.resume').catch(() => undefined);
    await post('Debugger.disable').catch(() => undefined);
    session.disconnect();
  }
}
