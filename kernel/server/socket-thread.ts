/**
 * The kernel's socket thread: owns the ZeroMQ channels so that heartbeat, control requests and
 * interrupts are answered while the main thread is busy running a cell (Node runs one JS stack
 * per thread; a `while (true) {}` cell would otherwise silence the kernel).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KernelSockets, makeMessage, Message, MessageChannel } from '../wire';
import type { FromSocketThread, PortableMessage, SocketThreadData, ToSocketThread } from './worker-messages';
import { toBuffer } from './worker-messages';
import { BUSY, interruptMainThreadWhenSafe } from './interrupt';
import { removeOwnedFolder, watchParent } from './parent-watch';
import { stopIfStuck } from './stop-stuck-cell';

const data = workerData as SocketThreadData;
const port = parentPort!;
const busy = new Int32Array(data.busy);
const closed = new Int32Array(data.closed);
const interruptsTaken = new Int32Array(data.interrupts);
/** The execute request whose cell runs now (its execute_input went out, its reply not yet): notices about it go under it. */
let runningCell: Message['header'] | undefined;
const post = (m: FromSocketThread) => port.postMessage(m);
const log = (text: string) => post({ type: 'log', text });

const pendingInputs = new Set<number>();
let lastInputId = -1;

/** Tells a main thread waiting in clean-exit.ts that the sockets are closed (or never opened). */
function markClosed(): void {
  Atomics.store(closed, 0, 1);
  Atomics.notify(closed, 0);
}

/** How long the main thread gets to end the kernel itself (flushing output) before it is signalled. */
const ORPHAN_GRACE_MS = 1000;

/**
 * An orphaned kernel would run on (a busy cell at full CPU) and keep its connection folder.
 * Removes the folder at once, asks the main thread to exit cleanly, and if a busy cell keeps it
 * from answering, ends the process with SIGTERM (its default action: the process exits).
 */
function onParentGone(why: string): void {
  log(`[warn] shutting down: ${why}`);
  try {
    removeOwnedFolder(data.ownedDir);
  } catch (err) {
    log(`[warn] could not remove ${data.ownedDir}: ${(err as Error).message}`);
  }
  post({ type: 'parent-exited', why });
  setTimeout(() => process.kill(process.pid, 'SIGTERM'), ORPHAN_GRACE_MS).unref();
}

function portable(msg: Message): PortableMessage {
  return { ...msg, content: msg.content as Record<string, unknown> };
}

async function main(): Promise<void> {
  let sockets: KernelSockets;
  try {
    sockets = await KernelSockets.bind(data.connection, {
      kernelId: data.session,
      log: (level, message) => (level !== 'debug' || data.debug) && log(`[${level}] ${message}`),
    });
  } catch (err) {
    const e = err as Error & { code?: string };
    markClosed();
    post({ type: 'fatal', message: e.message, code: 2 });
    return;
  }
  if (data.parentPid !== undefined) watchParent(data.parentPid, onParentGone);

  const send = (channel: MessageChannel, msgType: string, content: unknown, parent: Message) =>
    sockets.send(channel, makeMessage(msgType, content, data.session, { parent, identities: channel === 'iopub' ? [] : parent.identities })).catch((err) => log(`[error] send ${msgType}: ${(err as Error).message}`));

  const status = (state: 'busy' | 'idle', parent: Message) => send('iopub', 'status', { execution_state: state }, parent);
  /** Answers a control request between the busy and idle statuses its parent gets (messaging spec, "Kernel status"). */
  const framed = async (parent: Message, answer: () => Promise<unknown>) => {
    await status('busy', parent);
    await answer();
    await status('idle', parent);
  };

  /** interrupt_request: stops the running cell, or says in the cell why it cannot and what to do. */
  const answerInterrupt = async (msg: Message) => {
    const seen = Atomics.load(interruptsTaken, 0);
    // Post first: a cell waiting on a promise is settled by the main thread as soon as it reads this.
    post({ type: 'interrupt' });
    const how = await interruptMainThreadWhenSafe(busy);
    if (data.debug) log(`[debug] interrupt: ${how}`);
    const cell = runningCell;
    const outcome = how === 'signalled' ? await stopIfStuck(interruptsTaken, seen, () => Atomics.load(busy, 0) !== BUSY.idle) : { stopped: true as const };
    if (data.debug) log(`[debug] interrupt outcome: ${JSON.stringify(outcome)}`);
    if (outcome.stopped) {
      await send('control', 'interrupt_reply', { status: 'ok' }, msg);
    } else {
      const evalue = `the interrupt cannot stop this cell: ${outcome.why}. Restart the kernel to stop it (the notebook toolbar's Restart, or "tripletlab: Restart Kernel"); variables defined so far will be lost.`;
      if (cell) await send('iopub', 'stream', { name: 'stderr', text: `tripletlab: ${evalue}\n` }, { header: cell, identities: [] } as unknown as Message);
      await send('control', 'interrupt_reply', { status: 'error', ename: 'InterruptFailed', evalue, traceback: [] }, msg);
    }
  };

  sockets.onMessage('shell', (msg) => post({ type: 'request', channel: 'shell', msg: portable(msg) }));

  sockets.onMessage('control', async (msg) => {
    const type = msg.header.msg_type;
    if (type === 'interrupt_request') {
      await framed(msg, () => answerInterrupt(msg));
    } else if (type === 'kernel_info_request') {
      // Answered here so a client can always reach the kernel, even while a cell runs.
      await framed(msg, () => send('control', 'kernel_info_reply', data.kernelInfo, msg));
    } else if (type === 'shutdown_request') {
      const restart = (msg.content as { restart?: boolean }).restart === true;
      await framed(msg, () => send('control', 'shutdown_reply', { status: 'ok', restart }, msg));
      post({ type: 'request', channel: 'control', msg: portable(msg) });
      // If the main thread is stuck in user code it cannot exit by itself: end the process.
      setTimeout(() => process.kill(process.pid, 'SIGTERM'), 1500).unref();
    } else {
      post({ type: 'request', channel: 'control', msg: portable(msg) });
    }
  });

  sockets.onMessage('stdin', (msg) => {
    if (msg.header.msg_type !== 'input_reply') {
      log(`[warn] stdin: ignored unexpected ${msg.header.msg_type}`);
      return;
    }
    // Replies carry no id of ours; the frontend answers the one outstanding request (spec: "stdin").
    const id = lastInputId;
    if (!pendingInputs.has(id)) {
      log('[warn] stdin: input_reply with no pending input_request');
      return;
    }
    pendingInputs.delete(id);
    const value = (msg.content as { value?: unknown }).value;
    post({ type: 'input-reply', id, value: typeof value === 'string' ? value : String(value ?? '') });
  });

  /**
   * While the shell socket is flushed after a failed cell, what the main thread sends waits here:
   * the failed cell's reply leaves only once every request that came before it has been handed
   * over (and will be aborted), so a request a client sends on seeing that reply runs.
   */
  let heldDuringFlush: ToSocketThread[] | undefined;
  const handle = (m: ToSocketThread): void => {
    if (heldDuringFlush) {
      heldDuringFlush.push(m);
      return;
    }
    if (m.type === 'batch') {
      for (const item of m.items) handle(item);
    } else if (m.type === 'send') {
      if (m.msgType === 'execute_input') runningCell = m.parent as Message['header'];
      else if (m.msgType === 'execute_reply' && runningCell?.msg_id === (m.parent as Partial<Message['header']>).msg_id) runningCell = undefined;
      const parent = { header: m.parent, identities: m.identities.map(toBuffer) } as unknown as Message;
      const msg = makeMessage(m.msgType, m.content, data.session, {
        parent: Object.keys(m.parent).length ? parent : undefined,
        identities: m.channel === 'iopub' ? [] : m.identities.map(toBuffer),
        metadata: m.metadata,
        buffers: m.buffers?.map(toBuffer),
      });
      sockets.send(m.channel, msg).catch((err) => log(`[error] send ${m.msgType}: ${(err as Error).message}`));
    } else if (m.type === 'input') {
      const identities = m.identities.map(toBuffer);
      pendingInputs.add(m.id);
      lastInputId = m.id;
      const parent = { header: m.parent, identities } as unknown as Message;
      sockets
        .send('stdin', makeMessage('input_request', { prompt: m.prompt, password: m.password }, data.session, { parent, identities }))
        .catch((err) => {
          pendingInputs.delete(m.id);
          post({ type: 'input-error', id: m.id, message: `could not send input_request: ${(err as Error).message}` });
        });
    } else if (m.type === 'flush-requests') {
      heldDuringFlush = [];
      void sockets.handedOver('shell').then(() => {
        post({ type: 'requests-flushed' });
        const held = heldDuringFlush ?? [];
        heldDuringFlush = undefined;
        for (const item of held) handle(item);
      });
    } else if (m.type === 'close') {
      sockets.close().finally(() => {
        markClosed();
        port.close();
      });
    }
  };
  port.on('message', handle);

  const ports: Record<string, number> = {};
  for (const k of ['shell_port', 'iopub_port', 'stdin_port', 'control_port', 'hb_port'] as const) ports[k] = data.connection[k];
  post({ type: 'ready', ports });
}

main().catch((err) => {
  markClosed();
  post({ type: 'fatal', message: `socket thread failed: ${(err as Error).stack ?? err}`, code: 1 });
});
