import { randomUUID } from 'node:crypto';
import { makeMessage } from './build';
import { ClientSockets } from './client-sockets';
import { ConnectionInfo } from './connection';
import { ClientClosedError, RequestTimeoutError } from './errors';
import { EncodeOptions, WireLimits } from './framing';
import { describeError, stderrLog, WireLog } from './log';
import { ExecuteReply, ExecuteRequest, InputRequest, KernelInfoReply, Message, MessageChannel, ShutdownReply, StatusContent } from './messages';

export interface KernelClientOptions {
  session?: string;
  username?: string;
  log?: WireLog;
  limits?: WireLimits;
  encode?: EncodeOptions;
}

export interface RequestOptions {
  timeoutMs?: number;
  metadata?: Record<string, unknown>;
  buffers?: Buffer[];
}

export interface ExecuteOptions {
  /** Every IOPub message of this request, in arrival order (status and execute_input included). */
  onIOPub?: (msg: Message) => void;
  /** Answers input_request from the kernel; needs allowStdin (default true when given). */
  onInput?: (prompt: string, password: boolean) => Promise<string> | string;
  allowStdin?: boolean;
  silent?: boolean;
  storeHistory?: boolean;
  stopOnError?: boolean;
  userExpressions?: Record<string, string>;
  timeoutMs?: number;
}

export interface ExecuteResult {
  reply: Message<ExecuteReply>;
  /** IOPub output messages of the request (everything but status and execute_input). */
  outputs: Message[];
}

interface Pending {
  resolve: (msg: Message) => void;
  reject: (err: Error) => void;
  /** execute() keeps its entry after the reply, until IOPub idle or its timeout. */
  keepAfterReply?: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A Jupyter frontend over ZeroMQ, used by the headless runner, tests, benchmarks and the
 * extension. Replies are matched to requests by parent_header.msg_id ("Request-Reply").
 */
export class KernelClient {
  readonly session: string;
  private readonly username: string;
  private readonly log: WireLog;
  private readonly replies = new Map<string, Pending>();
  private readonly iopubWatchers = new Map<string, Set<(msg: Message) => void>>();
  private readonly iopubListeners = new Set<(msg: Message) => void>();
  private readonly inputHandlers = new Map<string, (prompt: string, password: boolean) => Promise<string> | string>();
  private sockets!: ClientSockets;
  private closed = false;

  private constructor(options: KernelClientOptions) {
    this.session = options.session ?? randomUUID();
    this.username = options.username ?? 'tripletlab';
    this.log = options.log ?? stderrLog;
  }

  /** Connects to the channels of `info`. Call waitForReady() before relying on IOPub. */
  static async connect(info: ConnectionInfo, options: KernelClientOptions = {}): Promise<KernelClient> {
    const client = new KernelClient(options);
    client.sockets = await ClientSockets.connect(info, {
      routingId: client.session,
      onMessage: (channel, msg) => client.route(channel, msg),
      log: client.log,
      limits: options.limits,
      encode: options.encode,
    });
    return client;
  }

  /** Listens to every IOPub message; returns a function that stops listening. */
  onIOPub(listener: (msg: Message) => void): () => void {
    this.iopubListeners.add(listener);
    return () => this.iopubListeners.delete(listener);
  }

  /**
   * Sends a message that gets no reply of its own (comm_open, comm_msg, comm_close: "Custom
   * Messages" are answered on IOPub only); resolves once the socket has taken it.
   */
  send(channel: 'shell' | 'control', msgType: string, content: unknown, options: Omit<RequestOptions, 'timeoutMs'> = {}): Promise<void> {
    const msg = makeMessage(msgType, content, this.session, { username: this.username, metadata: options.metadata, buffers: options.buffers });
    return this.sockets.send(channel, msg);
  }

  /** Sends a request and resolves with the reply whose parent is that request. */
  request<C = Record<string, unknown>>(channel: 'shell' | 'control', msgType: string, content: unknown, options: RequestOptions = {}): Promise<Message<C>> {
    const msg = makeMessage(msgType, content, this.session, { username: this.username, metadata: options.metadata, buffers: options.buffers });
    const reply = this.expectReply(msg.header.msg_id, `${msgType} on ${channel}`, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.sockets.send(channel, msg).catch((err) => this.fail(msg.header.msg_id, err));
    return reply as Promise<Message<C>>;
  }

  /**
   * Runs code and resolves once BOTH the execute_reply and the IOPub `status: idle` of this request
   * have arrived: the kernel publishes outputs before going idle, so none are lost ("Kernel status").
   */
  execute(code: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    if (typeof code !== 'string') {
      return Promise.reject(new TypeError(`KernelClient.execute: argument 'code' must be a string, got ${typeof code}`));
    }
    const content: ExecuteRequest = {
      code,
      silent: options.silent ?? false,
      store_history: options.storeHistory ?? !(options.silent ?? false),
      user_expressions: options.userExpressions ?? {},
      allow_stdin: options.allowStdin ?? options.onInput !== undefined,
      stop_on_error: options.stopOnError ?? true,
    };
    const msg = makeMessage('execute_request', content, this.session, { username: this.username });
    const id = msg.header.msg_id;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

    return new Promise<ExecuteResult>((resolve, reject) => {
      const outputs: Message[] = [];
      let reply: Message<ExecuteReply> | undefined;
      let idle = false;
      const cleanup = () => {
        clearTimeout(timer);
        stopWatching();
        this.inputHandlers.delete(id);
        this.replies.delete(id);
      };
      const finish = () => {
        if (reply && idle) {
          cleanup();
          resolve({ reply, outputs });
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        const missing = [reply ? null : 'execute_reply', idle ? null : "IOPub status 'idle'"].filter(Boolean).join(' and ');
        reject(new RequestTimeoutError(`execute_request (${missing} missing)`, timeoutMs));
      }, timeoutMs);
      const stopWatching = this.watchIOPub(id, (m) => {
        if (options.onIOPub) {
          try {
            options.onIOPub(m);
          } catch (err) {
            this.log('error', `execute: onIOPub threw for ${m.header.msg_type}: ${describeError(err)}`);
          }
        }
        if (m.header.msg_type === 'status') {
          if ((m.content as unknown as StatusContent).execution_state === 'idle') {
            idle = true;
            finish();
          }
        } else if (m.header.msg_type !== 'execute_input') {
          outputs.push(m);
        }
      });
      if (options.onInput) this.inputHandlers.set(id, options.onInput);
      this.replies.set(id, {
        resolve: (m) => {
          reply = m as Message<ExecuteReply>;
          finish();
        },
        reject: (err) => {
          cleanup();
          reject(err);
        },
        keepAfterReply: true,
      });
      this.sockets.send('shell', msg).catch((err) => this.fail(id, err));
    });
  }

  kernelInfo(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Message<KernelInfoReply>> {
    return this.request<KernelInfoReply>('shell', 'kernel_info_request', {}, { timeoutMs }) as Promise<Message<KernelInfoReply>>;
  }

  shutdown(restart = false, timeoutMs = 5_000): Promise<Message<ShutdownReply>> {
    return this.request('control', 'shutdown_request', { restart }, { timeoutMs }) as Promise<Message<ShutdownReply>>;
  }

  interrupt(timeoutMs = 5_000): Promise<Message> {
    return this.request('control', 'interrupt_request', {}, { timeoutMs });
  }

  /**
   * Repeats kernel_info_request until a reply AND an IOPub message with the same parent arrive.
   * A SUB socket misses everything published before its subscription reaches the kernel (the
   * ZeroMQ "slow joiner"), so a reply alone does not prove that IOPub output will be seen;
   * jupyter_client's wait_for_ready checks IOPub the same way.
   */
  async waitForReady(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Message<KernelInfoReply>> {
    const deadline = Date.now() + timeoutMs;
    let tryMs = 250;
    while (!this.closed && Date.now() < deadline) {
      const msg = makeMessage('kernel_info_request', {}, this.session, { username: this.username });
      const id = msg.header.msg_id;
      let sawIOPub!: () => void;
      const iopub = new Promise<void>((r) => (sawIOPub = r));
      const stop = this.watchIOPub(id, () => sawIOPub());
      try {
        const remaining = Math.max(1, deadline - Date.now());
        const reply = this.expectReply(id, 'kernel_info_request', Math.min(tryMs, remaining));
        this.sockets.send('shell', msg).catch((err) => this.fail(id, err));
        const got = await reply.catch(() => null);
        if (got) {
          const seen = await Promise.race([iopub.then(() => true), delay(Math.min(500, Math.max(1, deadline - Date.now()))).then(() => false)]);
          if (seen) return got as unknown as Message<KernelInfoReply>;
        }
      } finally {
        stop();
      }
      tryMs = Math.min(tryMs * 2, 2_000);
    }
    if (this.closed) throw new ClientClosedError('waitForReady');
    throw new RequestTimeoutError('kernel_info_request with IOPub status (waitForReady)', timeoutMs);
  }

  /** True when the kernel echoes a heartbeat within `timeoutMs`. */
  heartbeat(timeoutMs = 1_000): Promise<boolean> {
    return this.sockets.ping(timeoutMs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [id, p] of [...this.replies]) {
      this.replies.delete(id);
      p.reject(new ClientClosedError(`the request ${id}`));
    }
    await this.sockets.close();
  }

  private expectReply(msgId: string, what: string, timeoutMs: number): Promise<Message> {
    if (this.closed) return Promise.reject(new ClientClosedError(what));
    return new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(msgId);
        reject(new RequestTimeoutError(what, timeoutMs));
      }, timeoutMs);
      this.replies.set(msgId, {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
    });
  }

  private fail(msgId: string, err: Error): void {
    const p = this.replies.get(msgId);
    this.replies.delete(msgId);
    p?.reject(err);
  }

  private watchIOPub(parentId: string, fn: (msg: Message) => void): () => void {
    let set = this.iopubWatchers.get(parentId);
    if (!set) this.iopubWatchers.set(parentId, (set = new Set()));
    set.add(fn);
    return () => {
      set!.delete(fn);
      if (set!.size === 0) this.iopubWatchers.delete(parentId);
    };
  }

  private route(channel: MessageChannel, msg: Message): void {
    const parentId = (msg.parent_header as { msg_id?: string }).msg_id;
    if (channel === 'iopub') {
      for (const l of this.iopubListeners) {
        try {
          l(msg);
        } catch (err) {
          this.log('error', `onIOPub listener threw for ${msg.header.msg_type}: ${describeError(err)}`);
        }
      }
      if (parentId) for (const fn of [...(this.iopubWatchers.get(parentId) ?? [])]) fn(msg);
      return;
    }
    if (channel === 'stdin') {
      if (msg.header.msg_type === 'input_request') void this.answerInput(msg);
      return;
    }
    const pending = parentId ? this.replies.get(parentId) : undefined;
    if (!pending) {
      this.log('debug', `${channel}: ${msg.header.msg_type} answers no pending request (late or foreign reply)`);
      return;
    }
    if (!pending.keepAfterReply) this.replies.delete(parentId!);
    pending.resolve(msg);
  }

  private async answerInput(request: Message): Promise<void> {
    const { prompt, password } = request.content as unknown as InputRequest;
    const parentId = (request.parent_header as { msg_id?: string }).msg_id ?? '';
    const handler = this.inputHandlers.get(parentId);
    let value = '';
    if (handler) {
      try {
        value = String(await handler(prompt, password));
      } catch (err) {
        this.log('error', `onInput failed for prompt ${JSON.stringify(prompt)}: ${describeError(err)}; answering ''`);
      }
    } else {
      this.log('warn', `input_request ${JSON.stringify(prompt)} for a request without onInput; answering ''`);
    }
    const reply = makeMessage('input_reply', { value }, this.session, { username: this.username, parent: request });
    await this.sockets.send('stdin', reply).catch((err) => this.log('error', `stdin: input_reply not sent: ${describeError(err)}`));
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
