import type { Comm, CommApi } from '../api';
import { KernelApiArgumentError } from './errors';
import type { OutputRouter } from './output-router';

// node:crypto loads lazily: it is slow to load and only needed once something is displayed.
function newId(): string {
  return (require('node:crypto') as typeof import('node:crypto')).randomUUID();
}

type MsgHandler = (data: unknown, msg: { content: Record<string, unknown>; buffers: Buffer[] }) => void;
type CloseHandler = (data: unknown) => void;
type TargetFn = (comm: Comm, data: unknown) => void;

class KernelComm implements Comm {
  readonly msgHandlers: MsgHandler[] = [];
  readonly closeHandlers: CloseHandler[] = [];
  closed = false;

  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly manager: Comms,
  ) {}

  send(data: unknown, metadata: Record<string, unknown> = {}, buffers?: Buffer[]): void {
    if (this.closed) throw new Error(`comm.send: comm ${this.commId} ('${this.targetName}') is closed; open a new one with kernel.comms.open('${this.targetName}')`);
    this.manager.router.publish('comm_msg', { comm_id: this.commId, data: data ?? {} }, metadata, buffers);
  }

  close(data?: unknown): void {
    if (this.closed) return;
    this.manager.router.publish('comm_close', { comm_id: this.commId, data: data ?? {} });
    this.manager.closed(this, data);
  }

  onMsg(fn: MsgHandler): void {
    this.msgHandlers.push(fn);
  }

  onClose(fn: CloseHandler): void {
    this.closeHandlers.push(fn);
  }
}

/**
 * Kernel side of Jupyter comms ("Custom Messages" in the messaging spec). A comm_open for an
 * unknown target is answered with comm_close, as ipykernel does, so the frontend does not wait.
 * A lazy target's loader runs on the first comm_open or comm_info_request that names it.
 */
export class Comms implements CommApi {
  private readonly targets = new Map<string, TargetFn>();
  private readonly loaders = new Map<string, () => void>();
  private readonly open_ = new Map<string, KernelComm>();

  constructor(
    readonly router: OutputRouter,
    private readonly report: (err: unknown, where: string) => void,
  ) {}

  registerTarget(targetName: string, fn: TargetFn): void {
    if (typeof targetName !== 'string' || targetName === '') throw new KernelApiArgumentError('kernel.comms.registerTarget', 'targetName', 'must be a non-empty string', "pass the name the frontend opens, e.g. 'my.widget'");
    if (typeof fn !== 'function') throw new KernelApiArgumentError('kernel.comms.registerTarget', 'fn', `must be a function, got ${typeof fn}`, 'pass (comm, data) => { ... }');
    this.loaders.delete(targetName);
    this.targets.set(targetName, fn);
  }

  registerLazyTarget(targetName: string, load: () => void): void {
    if (typeof targetName !== 'string' || targetName === '') throw new KernelApiArgumentError('kernel.comms.registerLazyTarget', 'targetName', 'must be a non-empty string', "pass the name the frontend opens, e.g. 'my.widget'");
    if (typeof load !== 'function') throw new KernelApiArgumentError('kernel.comms.registerLazyTarget', 'load', `must be a function, got ${typeof load}`, "pass () => kernel.comms.registerTarget('my.widget', (comm, data) => { ... })");
    if (!this.targets.has(targetName)) this.loaders.set(targetName, load);
  }

  unregisterTarget(targetName: string): void {
    this.loaders.delete(targetName);
    this.targets.delete(targetName);
  }

  open(targetName: string, data?: unknown, metadata: Record<string, unknown> = {}): Comm {
    if (typeof targetName !== 'string' || targetName === '') throw new KernelApiArgumentError('kernel.comms.open', 'targetName', 'must be a non-empty string', "pass the target the frontend registered, e.g. 'my.widget'");
    const comm = new KernelComm(newId(), targetName, this);
    this.open_.set(comm.commId, comm);
    this.router.publish('comm_open', { comm_id: comm.commId, target_name: targetName, data: data ?? {} }, metadata);
    return comm;
  }

  list(targetName?: string): Comm[] {
    return [...this.open_.values()].filter((c) => targetName === undefined || c.targetName === targetName);
  }

  /** comm_info_request's `comms` (messaging spec: comm_id → { target_name }). */
  info(targetName?: string): Record<string, { target_name: string }> {
    if (targetName !== undefined) this.loadLazy(targetName);
    const out: Record<string, { target_name: string }> = {};
    for (const c of this.list(targetName)) out[c.commId] = { target_name: c.targetName };
    return out;
  }

  closed(comm: KernelComm, data: unknown): void {
    comm.closed = true;
    this.open_.delete(comm.commId);
    for (const fn of comm.closeHandlers) this.guard(() => fn(data), `comm '${comm.targetName}' close handler`);
  }

  /** An incoming comm_open / comm_msg / comm_close from the frontend. */
  handle(msgType: 'comm_open' | 'comm_msg' | 'comm_close', content: Record<string, unknown>, buffers: Buffer[]): void {
    const commId = typeof content.comm_id === 'string' ? content.comm_id : '';
    if (commId === '') {
      this.report(new Error(`${msgType} without a comm_id; the frontend must send content.comm_id`), 'comms');
      return;
    }
    if (msgType === 'comm_open') {
      const targetName = String(content.target_name ?? '');
      this.loadLazy(targetName);
      const fn = this.targets.get(targetName);
      if (!fn) {
        this.router.publish('comm_close', { comm_id: commId, data: {} });
        return;
      }
      const comm = new KernelComm(commId, targetName, this);
      this.open_.set(commId, comm);
      this.guard(() => fn(comm, content.data ?? {}), `comm target '${targetName}'`);
      return;
    }
    const comm = this.open_.get(commId);
    if (!comm) return; // Spec: messages for unknown comms are ignored.
    if (msgType === 'comm_msg') {
      for (const fn of comm.msgHandlers) this.guard(() => fn(content.data ?? {}, { content, buffers }), `comm '${comm.targetName}' message handler`);
    } else {
      this.closed(comm, content.data ?? {});
    }
  }

  /** Runs a lazy target's loader once; one that fails or registers nothing leaves the target unknown. */
  private loadLazy(targetName: string): void {
    const load = this.loaders.get(targetName);
    if (!load) return;
    this.loaders.delete(targetName);
    this.guard(load, `the loader of comm target '${targetName}'`);
    if (!this.targets.has(targetName)) this.report(new Error(`the loader of comm target '${targetName}' did not register it; call kernel.comms.registerTarget('${targetName}', ...) in the loader`), 'comms');
  }

  private guard(fn: () => void, where: string): void {
    try {
      fn();
    } catch (err) {
      this.report(err, where);
    }
  }
}
