import { Session } from 'node:inspector';
import { types } from 'node:util';
import type { Completion } from '../api';
import { utf16ToCodePoint } from '../typecheck/positions';
import { STASH, takeStashed, type EvaluateReply, type RemoteObject } from './inspector-eval';
import { memberAccessAt } from './member-access';

/** One step of the prototype chain: its names and which of them hold functions. */
interface NameLevel {
  names: string[];
  functions: boolean[];
  /** Object.prototype or Function.prototype: what every object has, ranked last. */
  shared: boolean;
}

/** Longest a chain may take to evaluate; side-effect-free code can still loop. */
const EVALUATE_TIMEOUT_MS = 50;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const PRIMITIVE_PROTOTYPES: Record<string, object> = {
  string: String.prototype,
  number: Number.prototype,
  boolean: Boolean.prototype,
  bigint: BigInt.prototype,
  symbol: Symbol.prototype,
};

/**
 * Member completions from the session's live values: `emb.` after a cell made `emb` a tensor
 * lists that tensor's members at once, with no type checker involved (which takes seconds to
 * load and tens of milliseconds per answer on a tensor). The chain is evaluated through V8's
 * inspector with `throwOnSideEffect`, so a getter that would do something (load TensorFlow.js,
 * count, log) makes the evaluation fail instead of running, and the type service answers.
 */
export class ValueCompleter {
  private session: Session | undefined;
  private groups = 0;

  /** The completion at `cursor` (UTF-16) from live values, or undefined where the type service should answer. */
  complete(code: string, cursor: number): Completion | undefined {
    const access = memberAccessAt(code, cursor);
    if (!access) return undefined;
    const group = `tripletlab-complete-${++this.groups}`;
    try {
      const target = this.post<EvaluateReply>('Runtime.evaluate', {
        expression: access.chain,
        throwOnSideEffect: true,
        timeout: EVALUATE_TIMEOUT_MS,
        objectGroup: group,
        silent: true,
      });
      if (!target || target.exceptionDetails) return undefined;
      const levels = this.namesOf(target.result, group);
      if (!levels) return undefined;
      return toCompletion(code, access.start, access.end, access.prefix, levels);
    } finally {
      this.post('Runtime.releaseObjectGroup', { objectGroup: group });
    }
  }

  dispose(): void {
    this.session?.disconnect();
    this.session = undefined;
  }

  private namesOf(obj: RemoteObject, group: string): NameLevel[] | undefined {
    if (obj.type === 'undefined' || obj.subtype === 'null') return undefined;
    if (!obj.objectId) return PRIMITIVE_PROTOTYPES[obj.type] ? listNames(PRIMITIVE_PROTOTYPES[obj.type]) : undefined;
    // The inspector only hands back a handle: bring the object itself into this realm.
    this.post('Runtime.callFunctionOn', { objectId: obj.objectId, functionDeclaration: STASH, objectGroup: group, silent: true });
    const value = takeStashed();
    return value !== null && (typeof value === 'object' || typeof value === 'function') ? listNames(value) : undefined;
  }

  /** The same-thread inspector answers synchronously: the callback has run when `post` returns. */
  private post<T>(method: string, params: Record<string, unknown>): T | undefined {
    if (!this.session) {
      this.session = new Session();
      this.session.connect();
    }
    let reply: T | undefined;
    this.session.post(method, params, (err, res) => {
      if (!err) reply = res as T;
    });
    return reply;
  }
}

/**
 * Names along the prototype chain, read without calling accessors (a getter may have effects);
 * a Proxy anywhere on the chain could run code on any of these reads, so it gets no answer.
 */
function listNames(start: object): NameLevel[] | undefined {
  const levels: NameLevel[] = [];
  for (let o: object | null = start, depth = 0; o !== null && depth < 32; o = Object.getPrototypeOf(o) as object | null, depth++) {
    if (types.isProxy(o)) return undefined;
    const names = Object.getOwnPropertyNames(o);
    const functions = names.map((n) => {
      const d = Object.getOwnPropertyDescriptor(o, n);
      return !!d && 'value' in d && typeof d.value === 'function';
    });
    levels.push({ names, functions, shared: o === Object.prototype || o === Function.prototype });
  }
  return levels;
}

function toCompletion(code: string, start: number, end: number, prefix: string, levels: NameLevel[]): Completion {
  const typed = prefix.toLowerCase();
  // `_name` is private by convention and `__name` is the engine's: shown once the prefix asks for them.
  const hidden = (name: string) => (name.startsWith('__') ? !prefix.startsWith('__') : name.startsWith('_') && !prefix.startsWith('_'));
  const seen = new Set<string>();
  const own: { name: string; fn: boolean }[] = [];
  const shared: { name: string; fn: boolean }[] = [];
  for (const level of levels) {
    const found: { name: string; fn: boolean }[] = [];
    level.names.forEach((name, i) => {
      if (seen.has(name)) return;
      seen.add(name);
      if (name === 'constructor' || !IDENTIFIER.test(name) || hidden(name)) return;
      if (!name.toLowerCase().startsWith(typed)) return;
      found.push({ name, fn: level.functions[i] });
    });
    (level.shared ? shared : own).push(...found);
  }
  // Alphabetical, as the type service ranks members; what every object has comes last.
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  own.sort(byName);
  shared.sort(byName);
  const cpStart = utf16ToCodePoint(code, start);
  const cpEnd = utf16ToCodePoint(code, end);
  const all = [...own, ...shared];
  return {
    matches: all.map((m) => m.name),
    cursor_start: cpStart,
    cursor_end: cpEnd,
    metadata: {
      _jupyter_types_experimental: all.map((m) => ({ start: cpStart, end: cpEnd, text: m.name, type: m.fn ? 'function' : 'property', signature: '' })),
      // Where the answer came from: the session's values, not the type checker.
      tripletlab_source: 'values',
    },
  };
}
