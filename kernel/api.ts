/**
 * The contracts shared by the kernel's parts: the request server (kernel/server), the cell
 * runtime (kernel/exec), the type service (kernel/typecheck) and the triplet helpers
 * (kernel/triplet). Types only: no I/O and no imports with side effects, so any runtime
 * (the renderer included) can import it.
 */

/** A Jupyter MIME bundle: MIME type → data (string for text types, JSON value for +json types). */
export type MimeBundle = Record<string, unknown>;

/** What a cell's code can publish on IOPub; the server adds the parent header of the running request. */
export interface OutputSink {
  /** Sends one IOPub message (`stream`, `display_data`, `update_display_data`, `clear_output`, `comm_*`, …). */
  publish(msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>, buffers?: Buffer[]): void;
  /** Asks the frontend for a line of input on the stdin channel; rejects when the request did not allow stdin. */
  input(prompt: string, password: boolean): Promise<string>;
}

/** Outcome of running one cell, before the server turns it into `execute_reply`. */
export type CellOutcome =
  | { status: 'ok'; result?: MimeBundle; resultMetadata?: Record<string, unknown>; payload?: Record<string, unknown>[] }
  | { status: 'error'; ename: string; evalue: string; traceback: string[] };

/** Type-checking policy for cells: `warn` shows diagnostics and runs the cell, `error` blocks it, `off` skips checking. */
export type TypecheckMode = 'warn' | 'error' | 'off';

/** One type-checker diagnostic, positioned in the cell's own lines (1-based). */
export interface CellDiagnostic {
  line: number;
  column: number;
  code: number;
  category: 'error' | 'warning' | 'suggestion';
  message: string;
}

/** Jupyter `complete_reply` content minus `status`. */
export interface Completion {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: Record<string, unknown>;
}

/** Jupyter `inspect_reply` content minus `status`. */
export interface Inspection {
  found: boolean;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** A live display handle returned by `display(...)`: `update()` sends `update_display_data` on the same id. */
export interface DisplayHandle {
  readonly displayId: string;
  update(value: unknown): void;
}

/** The `display` global in cells. */
export interface DisplayApi {
  (value: unknown, options?: { displayId?: string; metadata?: Record<string, unknown> }): DisplayHandle;
  html(html: string): DisplayHandle;
  markdown(md: string): DisplayHandle;
  svg(svg: string): DisplayHandle;
  png(data: Uint8Array | string): DisplayHandle;
  jpeg(data: Uint8Array | string): DisplayHandle;
  json(value: unknown): DisplayHandle;
  mime(bundle: MimeBundle, metadata?: Record<string, unknown>): DisplayHandle;
  clear(options?: { wait?: boolean }): void;
}

/** The cell about to run, given to pre_run_cell hooks (IPython's `pre_run_cell`). */
export interface CellStartInfo {
  executionCount: number;
  code: string;
  silent: boolean;
}

/** Information about the cell that just ran, given to post-run-cell hooks (IPython's `post_run_cell`). */
export interface CellRunInfo extends CellStartInfo {
  outcome: CellOutcome;
}

/** What each hook event calls, and when. */
export interface HookEvents {
  /**
   * Before every cell's code runs, silent cells included, awaited in order (a library readies
   * what the cell will use); an interrupt meanwhile ends the cell without running it.
   */
  pre_run_cell: (info: CellStartInfo) => void | Promise<void>;
  /** After every cell that is not silent, inside that cell's request (their output belongs to it). */
  post_run_cell: (info: CellRunInfo) => void | Promise<void>;
  /** When the kernel takes an interrupt: work a cell started in the background should stop. */
  interrupt: () => void;
}

export type HookEvent = keyof HookEvents;

/** Registry of hooks the kernel calls around cells and on interrupts (`kernel.hooks`). */
export interface HookRegistry {
  /** Registers `fn` for `event`; returns a function that removes it. */
  on<E extends HookEvent>(event: E, fn: HookEvents[E]): () => void;
  off<E extends HookEvent>(event: E, fn: HookEvents[E]): void;
}

/** A comm (Jupyter messaging "Custom Messages"), as seen from kernel-side code. */
export interface Comm {
  readonly commId: string;
  readonly targetName: string;
  send(data: unknown, metadata?: Record<string, unknown>, buffers?: Buffer[]): void;
  close(data?: unknown): void;
  onMsg(fn: (data: unknown, msg: { content: Record<string, unknown>; buffers: Buffer[] }) => void): void;
  onClose(fn: (data: unknown) => void): void;
}

/** Kernel-side comm API for code (`kernel.comms`). */
export interface CommApi {
  /** Called when a frontend opens a comm with this target; `data` is the comm_open data. */
  registerTarget(targetName: string, fn: (comm: Comm, data: unknown) => void): void;
  /**
   * Names a target whose handler loads on first need: `load` runs on the first comm_open or
   * comm_info_request for `targetName` and registers it (registerTarget), so a frontend can open
   * the comm from kernel start while the code behind it loads only when one does.
   */
  registerLazyTarget(targetName: string, load: () => void): void;
  /** Removes a target, or a lazy one not loaded yet. */
  unregisterTarget(targetName: string): void;
  /** Opens a comm from the kernel side (sends comm_open). */
  open(targetName: string, data?: unknown, metadata?: Record<string, unknown>): Comm;
  /** Open comms, optionally for one target (used by comm_info_request). */
  list(targetName?: string): Comm[];
}

/** The `kernel` global in cells: what code can do with the kernel it runs in. */
export interface KernelApi {
  readonly display: DisplayApi;
  readonly hooks: HookRegistry;
  readonly comms: CommApi;
  /** Type-checking policy for the following cells. */
  typecheck: TypecheckMode;
  /** Folder that `require`/`import` resolve from (the notebook's folder). */
  readonly cwd: string;
  /**
   * Shows text or a MIME bundle in the frontend's pager (the execute_reply `page` payload, as
   * IPython's `?` help does); frontends without a pager show it below the cell.
   */
  page(content: string | MimeBundle): void;
}
