import { randomBytes } from 'node:crypto';
import type * as Zmq from 'zeromq';
import { ConnectionInfo, endpoint } from './connection';
import { decodeMessage, DEFAULT_LIMITS, encodeMessage, EncodeOptions, WireLimits } from './framing';
import { describeError, WireLog } from './log';
import { Message, MessageChannel } from './messages';
import { ReplayGuard } from './replay';
import { SendQueue } from './send-queue';
import { Signer } from './signing';

export interface ClientSocketsOptions {
  /**
   * ZeroMQ routing id shared by shell, control and stdin. It must be the same on shell and stdin:
   * a kernel sends input_request to the identities of the execute_request that asked for input.
   */
  routingId: string;
  onMessage: (channel: MessageChannel, msg: Message) => void;
  log: WireLog;
  limits?: WireLimits;
  guard?: ReplayGuard;
  encode?: EncodeOptions;
}

/** The frontend side of the channels: DEALER shell/control/stdin, SUB iopub, REQ heartbeat. */
export class ClientSockets {
  readonly signer: Signer;
  private readonly guard: ReplayGuard;
  private readonly queues = new Map<MessageChannel, SendQueue>();
  private readonly loops: Promise<void>[] = [];
  private hb: Zmq.Request;
  private hbBusy: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly zmq: typeof Zmq,
    readonly info: ConnectionInfo,
    private readonly sockets: Record<MessageChannel, Zmq.Dealer | Zmq.Subscriber>,
    private readonly options: ClientSocketsOptions,
  ) {
    this.signer = new Signer(info.key, info.signature_scheme);
    this.guard = options.guard ?? new ReplayGuard();
    for (const ch of ['shell', 'control', 'stdin'] as const) {
      this.queues.set(ch, new SendQueue(sockets[ch] as Zmq.Dealer));
    }
    for (const ch of ['shell', 'control', 'stdin', 'iopub'] as const) this.loops.push(this.receiveLoop(ch));
    this.hb = this.newHeartbeatSocket();
  }

  static async connect(info: ConnectionInfo, options: ClientSocketsOptions): Promise<ClientSockets> {
    const zmq = await import('zeromq');
    const dealer = () => new zmq.Dealer({ routingId: options.routingId, linger: 0 });
    const iopub = new zmq.Subscriber({ linger: 0 });
    iopub.subscribe();
    const sockets = { shell: dealer(), control: dealer(), stdin: dealer(), iopub };
    for (const ch of ['shell', 'control', 'stdin', 'iopub'] as const) sockets[ch].connect(endpoint(info, ch));
    return new ClientSockets(zmq, info, sockets, options);
  }

  send(channel: 'shell' | 'control' | 'stdin', msg: Message<unknown>): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`ClientSockets.send: the client is closed; cannot send ${msg.header.msg_type}`));
    let frames: Buffer[];
    try {
      frames = encodeMessage(msg, this.signer, this.options.encode);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.queues.get(channel)!.send(frames);
  }

  /** Sends a random payload on the heartbeat channel; true when the same bytes come back within `timeoutMs`. */
  ping(timeoutMs: number): Promise<boolean> {
    const run = this.hbBusy.then(() => this.pingOnce(timeoutMs));
    this.hbBusy = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const s of Object.values(this.sockets)) s.close();
    this.hb.close();
    await Promise.allSettled(this.loops);
  }

  private newHeartbeatSocket(): Zmq.Request {
    const req = new this.zmq.Request({ linger: 0 });
    req.connect(endpoint(this.info, 'hb'));
    return req;
  }

  private async pingOnce(timeoutMs: number): Promise<boolean> {
    if (this.closed) return false;
    const payload = randomBytes(16);
    this.hb.receiveTimeout = timeoutMs;
    this.hb.sendTimeout = timeoutMs;
    try {
      await this.hb.send(payload);
      const [echo] = await this.hb.receive();
      return echo !== undefined && echo.equals(payload);
    } catch {
      // A REQ socket that missed its reply cannot send again (strict request-reply), so replace it.
      this.hb.close();
      if (!this.closed) this.hb = this.newHeartbeatSocket();
      return false;
    }
  }

  private async receiveLoop(channel: MessageChannel): Promise<void> {
    const socket = this.sockets[channel];
    try {
      for await (const frames of socket) {
        let msg: Message;
        try {
          msg = decodeMessage(frames, this.signer, this.guard, this.options.limits ?? DEFAULT_LIMITS);
        } catch (err) {
          this.options.log('warn', `${channel}: dropped a message from the kernel: ${describeError(err)}`);
          continue;
        }
        try {
          this.options.onMessage(channel, msg);
        } catch (err) {
          this.options.log('error', `${channel}: handling ${msg.header.msg_type} failed: ${describeError(err)}`);
        }
      }
    } catch (err) {
      if (!this.closed) this.options.log('error', `${channel}: receive loop stopped: ${describeError(err)}`);
    }
  }
}
