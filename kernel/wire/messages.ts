/**
 * Jupyter messaging protocol 5.3 message shapes (jupyter_client docs, "Messaging in Jupyter").
 * Types only: no I/O, so any runtime (worker thread, extension host, tests) can import them.
 */

/** The five sockets of a kernel ("Introduction", messaging spec). */
export type Channel = 'shell' | 'control' | 'iopub' | 'stdin' | 'hb';

/** Channels that carry Jupyter messages (heartbeat carries raw bytes only). */
export type MessageChannel = Exclude<Channel, 'hb'>;

export const CHANNELS: readonly Channel[] = ['shell', 'control', 'iopub', 'stdin', 'hb'];
export const MESSAGE_CHANNELS: readonly MessageChannel[] = ['shell', 'control', 'iopub', 'stdin'];

/** Protocol version we speak; sent in every header. */
export const PROTOCOL_VERSION = '5.3';

/** Message header ("General Message Format"). `date` is ISO 8601 with a timezone. */
export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
  /** Optional subshell routing (JEP 91); carried through untouched. */
  subshell_id?: string | null;
}

/** A decoded message: routing identities, the four JSON parts and the raw binary buffers. */
export interface Message<C = Record<string, unknown>> {
  identities: Buffer[];
  header: Header;
  /** The request's header for replies and IOPub side effects; `{}` for messages with no parent. */
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

export type ReplyStatus = 'ok' | 'error' | 'abort';

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Every `*_reply` carries a status; an error reply also carries the error fields. */
export type Reply<T> = ({ status: 'ok' } & T) | ({ status: 'error' } & ErrorContent) | { status: 'abort' };

export type MimeData = Record<string, unknown>;

// --- kernel_info ("Kernel info") ---
export type KernelInfoRequest = Record<string, never>;
export interface LanguageInfo {
  name: string;
  version: string;
  mimetype: string;
  file_extension: string;
  pygments_lexer?: string;
  codemirror_mode?: string | Record<string, unknown>;
  nbconvert_exporter?: string;
}
export interface HelpLink { text: string; url: string }
export interface KernelInfoReply {
  status: ReplyStatus;
  protocol_version: string;
  implementation: string;
  implementation_version: string;
  language_info: LanguageInfo;
  banner: string;
  debugger?: boolean;
  help_links?: HelpLink[];
}

// --- execute ("Execute") ---
export interface ExecuteRequest {
  code: string;
  silent: boolean;
  store_history: boolean;
  user_expressions: Record<string, string>;
  allow_stdin: boolean;
  stop_on_error: boolean;
}
export type ExecuteReply = Reply<{ execution_count: number; payload?: unknown[]; user_expressions?: Record<string, unknown> }> & {
  execution_count?: number;
};

// --- introspection and completion ---
export interface IsCompleteRequest { code: string }
export interface IsCompleteReply {
  status: 'complete' | 'incomplete' | 'invalid' | 'unknown';
  indent?: string;
}
export interface CompleteRequest { code: string; cursor_pos: number }
export type CompleteReply = Reply<{ matches: string[]; cursor_start: number; cursor_end: number; metadata: Record<string, unknown> }>;
export interface InspectRequest { code: string; cursor_pos: number; detail_level: 0 | 1 }
export type InspectReply = Reply<{ found: boolean; data: MimeData; metadata: Record<string, unknown> }>;

// --- history ---
export interface HistoryRequest {
  output: boolean;
  raw: boolean;
  hist_access_type: 'range' | 'tail' | 'search';
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}
/** Entries are `[session, line_number, input]` or `[session, line_number, [input, output]]`. */
export type HistoryReply = Reply<{ history: Array<[number, number, string | [string, string | null]]> }>;

// --- comms ("Custom Messages") ---
export interface CommInfoRequest { target_name?: string }
export type CommInfoReply = Reply<{ comms: Record<string, { target_name: string }> }>;
export interface CommOpen { comm_id: string; target_name: string; data: unknown; target_module?: string | null }
export interface CommMsg { comm_id: string; data: unknown }
export interface CommClose { comm_id: string; data: unknown }

// --- control ---
export type InterruptRequest = Record<string, never>;
export type InterruptReply = Reply<Record<string, never>>;
export interface ShutdownRequest { restart: boolean }
export type ShutdownReply = Reply<{ restart: boolean }>;

// --- stdin ---
export interface InputRequest { prompt: string; password: boolean }
export interface InputReply { value: string }

// --- IOPub ---
export interface StreamContent { name: 'stdout' | 'stderr'; text: string }
export interface DisplayDataContent {
  data: MimeData;
  metadata: Record<string, unknown>;
  transient?: { display_id?: string } & Record<string, unknown>;
}
export type UpdateDisplayDataContent = DisplayDataContent & { transient: { display_id: string } };
export interface ExecuteInputContent { code: string; execution_count: number }
export interface ExecuteResultContent { execution_count: number; data: MimeData; metadata: Record<string, unknown> }
export type ErrorOutputContent = ErrorContent;
export type ExecutionState = 'busy' | 'idle' | 'starting';
export interface StatusContent { execution_state: ExecutionState }
export interface ClearOutputContent { wait: boolean }

/** Content type by message type, for the messages this product sends or handles. */
export interface ContentByType {
  kernel_info_request: KernelInfoRequest;
  kernel_info_reply: KernelInfoReply;
  execute_request: ExecuteRequest;
  execute_reply: ExecuteReply;
  is_complete_request: IsCompleteRequest;
  is_complete_reply: IsCompleteReply;
  complete_request: CompleteRequest;
  complete_reply: CompleteReply;
  inspect_request: InspectRequest;
  inspect_reply: InspectReply;
  history_request: HistoryRequest;
  history_reply: HistoryReply;
  comm_info_request: CommInfoRequest;
  comm_info_reply: CommInfoReply;
  comm_open: CommOpen;
  comm_msg: CommMsg;
  comm_close: CommClose;
  interrupt_request: InterruptRequest;
  interrupt_reply: InterruptReply;
  shutdown_request: ShutdownRequest;
  shutdown_reply: ShutdownReply;
  input_request: InputRequest;
  input_reply: InputReply;
  stream: StreamContent;
  display_data: DisplayDataContent;
  update_display_data: UpdateDisplayDataContent;
  execute_input: ExecuteInputContent;
  execute_result: ExecuteResultContent;
  error: ErrorOutputContent;
  status: StatusContent;
  clear_output: ClearOutputContent;
}

export type KnownMessageType = keyof ContentByType;
