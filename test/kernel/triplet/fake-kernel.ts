import type { CellRunInfo, Comm, CommApi, DisplayApi, DisplayHandle, HookEvent, HookEvents, HookRegistry, KernelApi, MimeBundle } from '../../../kernel/api';

/** An in-memory comm: `sent` is what the kernel side sent; `receive` plays a frontend message. */
export class FakeComm implements Comm {
  readonly sent: unknown[] = [];
  closed = false;
  private msgFns: ((data: unknown, msg: { content: Record<string, unknown>; buffers: Buffer[] }) => void)[] = [];
  private closeFns: ((data: unknown) => void)[] = [];
  constructor(readonly commId: string, readonly targetName: string) {}
  send(data: unknown): void {
    if (this.closed) throw new Error('comm closed');
    this.sent.push(JSON.parse(JSON.stringify(data)));
  }
  close(data?: unknown): void {
    this.closed = true;
    for (const f of this.closeFns) f(data);
  }
  onMsg(fn: (data: unknown, msg: { content: Record<string, unknown>; buffers: Buffer[] }) => void): void {
    this.msgFns.push(fn);
  }
  onClose(fn: (data: unknown) => void): void {
    this.closeFns.push(fn);
  }
  receive(data: unknown): void {
    for (const f of this.msgFns) f(data, { content: { data }, buffers: [] });
  }
}

export interface Shown {
  displayId: string;
  bundles: MimeBundle[];
}

/** A KernelApi double recording displays, updates and hooks, with frontend-opened comms. */
export function fakeKernel() {
  const targets = new Map<string, (comm: Comm, data: unknown) => void>();
  const lazyTargets = new Map<string, () => void>();
  const comms: FakeComm[] = [];
  const shown: Shown[] = [];
  const hookFns: { [E in HookEvent]: Set<HookEvents[E]> } = { pre_run_cell: new Set(), post_run_cell: new Set(), interrupt: new Set() };
  let n = 0;
  const show = (bundle: MimeBundle): DisplayHandle => {
    const entry: Shown = { displayId: `d${++n}`, bundles: [bundle] };
    shown.push(entry);
    return { displayId: entry.displayId, update: (v: unknown) => entry.bundles.push(v as MimeBundle) };
  };
  const display = Object.assign((v: unknown) => show({ 'text/plain': String(v) }), {
    html: (h: string) => show({ 'text/html': h }),
    markdown: (m: string) => show({ 'text/markdown': m }),
    svg: (s: string) => show({ 'image/svg+xml': s }),
    png: () => show({ 'image/png': '' }),
    jpeg: () => show({ 'image/jpeg': '' }),
    json: (v: unknown) => show({ 'application/json': v }),
    mime: (b: MimeBundle) => show(b),
    clear: () => undefined,
  }) as unknown as DisplayApi;
  const hooks: HookRegistry = {
    on: (e, fn) => {
      (hookFns[e] as Set<typeof fn>).add(fn);
      return () => (hookFns[e] as Set<typeof fn>).delete(fn);
    },
    off: (e, fn) => {
      (hookFns[e] as Set<typeof fn>).delete(fn);
    },
  };
  const commApi: CommApi = {
    registerTarget: (name, fn) => {
      lazyTargets.delete(name);
      targets.set(name, fn);
    },
    registerLazyTarget: (name, load) => {
      if (!targets.has(name)) lazyTargets.set(name, load);
    },
    unregisterTarget: (name) => {
      lazyTargets.delete(name);
      targets.delete(name);
    },
    open: (name) => {
      const c = new FakeComm(`k${comms.length}`, name);
      comms.push(c);
      return c;
    },
    list: (name) => comms.filter((c) => !c.closed && (!name || c.targetName === name)),
  };
  const kernel: KernelApi = { display, hooks, comms: commApi, typecheck: 'warn', cwd: process.cwd(), page: (c) => void show(typeof c === 'string' ? { 'text/plain': c } : c) };
  return {
    kernel,
    shown,
    /** Plays a frontend comm_open on `target`; the returned comm records what the kernel sent. */
    openFromFrontend(target: string, data: unknown = {}): FakeComm {
      const c = new FakeComm(`f${comms.length}`, target);
      comms.push(c);
      const load = lazyTargets.get(target);
      lazyTargets.delete(target);
      load?.();
      const fn = targets.get(target);
      if (!fn) throw new Error(`no comm target ${target}`);
      fn(c, data);
      return c;
    },
    /** Whether a frontend's comm_open on `t` would find a target (a lazy one counts). */
    hasTarget: (t: string) => targets.has(t) || lazyTargets.has(t),
    /** Runs every post_run_cell hook as the kernel does after a cell. */
    async runCell(code = ''): Promise<void> {
      const info: CellRunInfo = { executionCount: 1, code, silent: false, outcome: { status: 'ok' } };
      for (const fn of [...hookFns.post_run_cell]) await fn(info);
    },
    /** Runs every interrupt hook as the kernel does when it takes an interrupt. */
    interrupt(): void {
      for (const fn of [...hookFns.interrupt]) fn();
    },
    /** post_run_cell hooks registered now (watch adds one per watched model). */
    hookCount: () => hookFns.post_run_cell.size,
  };
}
