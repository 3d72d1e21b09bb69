import type * as Zmq from 'zeromq';
import { ConnectionInfo, endpoint } from './connection';
import { PortInUseError } from './errors';
import { decodeMessage, DEFAULT_LIMITS, encodeMessage, WireLimits } from './framing';
import { UnserializablePolicy } from './json';
import { describeError, stderrLog, WireLog } from './log';
import { Channel, Message, MessageChannel } from './messages';
import { ReplayGuard } from './replay';
import { SendQueue } from './send-queue';
import { Signer } from './signing';

export type ServerHandler = (msg: Message, channel: MessageChannel) => void | Promise<void>;

export interface KernelSocketsOptions {
  limits?: WireLimits;
  /** Shared by all channels, as one jupyter_client Session's digest history is. */
  guard?: ReplayGuard;
  log?: WireLog;
  /** What to do with BigInt/cyclic content in outgoing messages; default 'replace' so a cell's value cannot stop the kernel. */
  unserializable?: UnserializablePolicy;
  digestBuffers?: boolean;
  /** Kernel id used in IOPub topics `kernel.<id>.<msg_type>`, as ipykernel names them. */
  kernelId?: string;
  /** Linger for unsent messages on close (ms), so a final shutdown_reply still leaves. */
  lingerMs?: number;
}

type Incoming = 'shell' | 'control' | 'stdin';

/**
 * The kernel side of the five channels ("Introduction", messaging spec): ROUTER shell, control and
 * stdin, PUB iopub, and a REP heartbeat that echoes every frame back. Works inside a worker thread.
 */
export class KernelSockets {
  readonly signer: Signer;
  private readonly guard: ReplayGuard;
  private readonly log: WireLog;
  private readonly limits: WireLimits;
  private readonly queues = new Map<MessageChannel, SendQueue>();
  private readonly handlers = new Map<Incoming, ServerHandler>();
  /** Messages read so far per channel, for handedOver. */
  private readonly readCounts = new Map<Incoming, number>();
  private readonly loops: Promise<void>[] = [];
  private closed = false;

  private constructor(
    readonly info: ConnectionInfo,
    private readonly sockets: Record<Channel, Zmq.Socket>,
    private readonly options: KernelSocketsOptions,
  ) {
    this.signer = new Signer(info.key, info.signature_scheme);
    this.guard = options.guard ?? new ReplayGuard();
    this.log = options.log ?? stderrLog;
    this.limits = options.limits ?? DEFAULT_LIMITS;
    for (const ch of ['shell', 'control', 'stdin', 'iopub'] as const) {
      this.queues.set(ch, new SendQueue(sockets[ch] as unknown as { send(f: Buffer[]): Promise<void> }));
    }
    this.loops.push(this.heartbeatLoop());
  }

  /** Binds every channel of `info`; a taken port gives PortInUseError naming the channel. */
  static async bind(info: ConnectionInfo, options: KernelSocketsOptions = {}): Promise<KernelSockets> {
    const zmq = await import('zeromq');
    const limits = options.limits ?? DEFAULT_LIMITS;
    const linger = options.lingerMs ?? 1000;
    // libzmq drops (and disconnects) a peer sending any frame over this size before allocating
    // it, so an oversized message cannot exhaust memory before decodeMessage's own check.
    const maxMessageSize = Math.min(limits.maxMessageBytes, 2 ** 31 - 1);
    const sockets: Record<Channel, Zmq.Socket> = {
      shell: new zmq.Router({ linger, maxMessageSize }),
      control: new zmq.Router({ linger, maxMessageSize }),
      stdin: new zmq.Router({ linger, maxMessageSize }),
      iopub: new zmq.Publisher({ linger }),
      hb: new zmq.Reply({ linger: 0, maxMessageSize: 1024 * 1024 }),
    };
    const bound: [Zmq.Socket, string][] = [];
    for (const channel of ['shell', 'control', 'stdin', 'iopub', 'hb'] as const) {
      const address = endpoint(info, channel);
      try {
        await sockets[channel].bind(address);
        bound.push([sockets[channel], address]);
      } catch (err) {
        // Unbind first and wait for it: close() alone releases the ports a moment later, on
        // ZeroMQ's I/O thread, so a caller retrying at once could find them still taken.
        await Promise.allSettled(bound.map(([s, a]) => s.unbind(a)));
        for (const s of Object.values(sockets)) s.close();
        if ((err as { code?: string }).code === 'EADDRINUSE') {
          const port = info[`${channel}_port` as const];
          throw new PortInUseError(channel, port, address);
        }
        throw err;
      }
    }
    return new KernelSockets(info, sockets, options);
  }

  /**
   * Sets the handler for requests on `channel`. Reading starts on the first registration, so
   * messages that arrive earlier wait in ZeroMQ's queue. Handlers are called in arrival order and
   * not awaited; a throwing or rejecting handler is logged and the next message is still served.
   */
  onMessage(channel: Incoming, handler: ServerHandler): void {
    const first = !this.handlers.has(channel);
    this.handlers.set(channel, handler);
    if (first && !this.closed) this.loops.push(this.receiveLoop(channel));
  }

  /** Encodes and queues `msg` on `channel`; resolves once ZeroMQ has taken it. */
  send(channel: MessageChannel, msg: Message<unknown>): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`KernelSockets.send: the sockets are closed; cannot send ${msg.header.msg_type} on ${channel}`));
    let frames: Buffer[];
    try {
      if (channel === 'iopub' && msg.identities.length === 0) {
        const id = this.options.kernelId ?? msg.header.session;
        msg = { ...msg, identities: [Buffer.from(`kernel.${id}.${msg.header.msg_type}`)] };
      }
      frames = encodeMessage(msg, this.signer, { unserializable: this.options.unserializable ?? 'replace', digestBuffers: this.options.digestBuffers });
    } catch (err) {
      return Promise.reject(err);
    }
    return this.queues.get(channel)!.send(frames);
  }

  /**
   * Resolves once the messages ZeroMQ held for `channel` have been read and given to its handler
   * (handlers are called synchronously as messages are read): after two event-loop turns, that
   * is a whole poll phase, in which nothing more was read. A message already queued has made the
   * socket's descriptor readable, so the receive loop reads it in that poll phase.
   * `socket.readable` is not asked: it reads ZMQ_EVENTS, which clears the edge-triggered
   * descriptor that a waiting receive is parked on, so a message that had just arrived would
   * never be read and `readable` would stay true (a full-CPU loop here, and a kernel that never
   * saw the next request, after a failed cell under load).
   */
  async handedOver(channel: Incoming): Promise<void> {
    const turn = () => new Promise((r) => setImmediate(r));
    let before: number;
    do {
      before = this.readCounts.get(channel) ?? 0;
      await turn();
      await turn();
    } while (!this.closed && (this.readCounts.get(channel) ?? 0) !== before);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.queues.values()].map((q) => q.drain()));
    for (const s of Object.values(this.sockets)) s.close();
    await Promise.allSettled(this.loops);
  }

  private async receiveLoop(channel: Incoming): Promise<void> {
    const socket = this.sockets[channel] as Zmq.Router;
    try {
      for await (const frames of socket) {
        this.readCounts.set(channel, (this.readCounts.get(channel) ?? 0) + 1);
        let msg: Message;
        try {
          msg = decodeMessage(frames, this.signer, this.guard, this.limits);
        } catch (err) {
          this.log('warn', `${channel}: dropped a message: ${describeError(err)}`);
          continue;
        }
        this.dispatch(channel, msg);
      }
    } catch (err) {
      if (!this.closed) this.log('error', `${channel}: receive loop stopped: ${describeError(err)}`);
    }
  }

  private dispatch(channel: Incoming, msg: Message): void {
    const handler = this.handlers.get(channel)!;
    try {
      const r = handler(msg, channel);
      if (r && typeof (r as Promise<void>).catch === 'function') {
        (r as Promise<void>).catch((err) => this.log('error', `${channel}: handler for ${msg.header.msg_type} failed: ${describeError(err)}`));
      }
    } catch (err) {
      this.log('error', `${channel}: handler for ${msg.header.msg_type} failed: ${describeError(err)}`);
    }
  }

  private async heartbeatLoop(): Promise<void> {
    const socket = this.sockets.hb as Zmq.Reply;
    try {
      // "Heartbeat for kernels": echo whatever arrives, unchanged.
      for await (const frames of socket) await socket.send(frames);
    } catch (err) {
      if (!this.closed) this.log('error', `hb: heartbeat loop stopped: ${describeError(err)}`);
    }
  }
}
