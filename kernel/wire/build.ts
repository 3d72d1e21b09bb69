import { makeHeader } from './header';
import { Message } from './messages';

export interface BuildOptions {
  /** The request this message answers or is a side effect of (sets parent_header; replies also reuse its identities). */
  parent?: Message<unknown>;
  identities?: Buffer[];
  metadata?: Record<string, unknown>;
  buffers?: Buffer[];
  username?: string;
}

/** A new message with a fresh header ("General Message Format"). */
export function makeMessage<C>(msgType: string, content: C, session: string, options: BuildOptions = {}): Message<C> {
  return {
    identities: options.identities ?? [],
    header: makeHeader(msgType, session, options.username),
    parent_header: options.parent ? options.parent.header : {},
    metadata: options.metadata ?? {},
    content,
    buffers: options.buffers ?? [],
  };
}

/**
 * A reply to `request` on the same ROUTER socket: the request's identities route it back to the
 * sender, and its header becomes the parent ("Request-Reply", messaging spec).
 */
export function makeReply<C>(request: Message<unknown>, msgType: string, content: C, session: string, options: Omit<BuildOptions, 'parent'> = {}): Message<C> {
  return makeMessage(msgType, content, session, { ...options, parent: request, identities: options.identities ?? request.identities });
}
