import { Session } from 'node:inspector';
import * as vm from 'node:vm';

/** What evaluating one script gave: a value, a thrown value, or a stop by SIGINT. */
export type Evaluation =
  | { kind: 'value'; value: unknown }
  | { kind: 'thrown'; value: unknown; line?: number; column?: number }
  | { kind: 'interrupted' };

/** The inspector protocol's handle to a value (`Runtime.RemoteObject`), as far as the kernel reads it. */
export interface RemoteObject {
  type: string;
  subtype?: string;
  value?: unknown;
  unserializableValue?: string;
  objectId?: string;
}
export interface EvaluateReply {
  result: RemoteObject;
  exceptionDetails?: { lineNumber: number; columnNumber: number; exception?: RemoteObject };
}

const CALL = Symbol.for('tripletlab.exec.call');
const SLOT = Symbol.for('tripletlab.exec.slot');
/** `Runtime.callFunctionOn` this on an object's handle, then `takeStashed()`: the object itself in this realm. */
export const STASH = 'function () { "use strict"; globalThis[Symbol.for("tripletlab.exec.slot")] = this; }';

/** The object the last STASH call put aside (and forgets it). */
export function takeStashed(): unknown {
  const g = globalThis as Record<symbol, unknown>;
  const value = g[SLOT];
  delete g[SLOT];
  return value;
}

function fromUnserializable(text: string): unknown {
  if (text === 'NaN') return NaN;
  if (text === 'Infinity') return Infinity;
  if (text === '-Infinity') return -Infinity;
  if (text === '-0') return -0;
  if (text.endsWith('n')) return BigInt(text.slice(0, -1));
  return text;
}

/**
 * Runs scripts in the main realm through V8's inspector in REPL mode (`Runtime.evaluate` with
 * `replMode: true`): `let`/`const`/`class` may be declared again by a later script, top-level
 * `await` works, and the completion value of the last statement comes back. The main realm,
 * not a vm context, because TensorFlow.js relies on `instanceof Float32Array` and friends.
 *
 * The same-thread inspector dispatches synchronously, so the synchronous part of the script runs
 * inside `vm.Script#runInThisContext({ breakOnSigint: true })` and a SIGINT stops it.
 */
export class InspectorEvaluator {
  private readonly session = new Session();
  private readonly trampoline = new vm.Script('globalThis[Symbol.for("tripletlab.exec.call")]()', {
    filename: 'tripletlab-exec-trampoline',
  });
  private groups = 0;

  constructor() {
    this.session.connect();
  }

  dispose(): void {
    this.session.disconnect();
  }

  private post<T>(method: string, params: Record<string, unknown>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T)));
    });
  }

  private async materialize(obj: RemoteObject, group: string): Promise<unknown> {
    if (obj.type === 'undefined') return undefined;
    if (obj.unserializableValue !== undefined) return fromUnserializable(obj.unserializableValue);
    if (!obj.objectId) return obj.value;
    await this.post('Runtime.callFunctionOn', { objectId: obj.objectId, functionDeclaration: STASH, objectGroup: group });
    return takeStashed();
  }

  private async settle(reply: EvaluateReply, group: string): Promise<Evaluation> {
    try {
      const d = reply.exceptionDetails;
      if (d) {
        const value = d.exception ? await this.materialize(d.exception, group) : undefined;
        return { kind: 'thrown', value, line: d.lineNumber + 1, column: d.columnNumber + 1 };
      }
      return { kind: 'value', value: await this.materialize(reply.result, group) };
    } finally {
      this.session.post('Runtime.releaseObjectGroup', { objectGroup: group });
    }
  }

  /**
   * Evaluates `expression` (a script); settles once its promise, if any, has settled.
   * `signalled` tells whether an interrupt was sent for this script (default: always assumed).
   */
  evaluate(expression: string, signalled: () => boolean = () => true): Promise<Evaluation> {
    const group = `tripletlab-${++this.groups}`;
    return new Promise<Evaluation>((resolve) => {
      let done = false;
      const finish = (e: Evaluation | Promise<Evaluation>) => {
        if (!done) {
          done = true;
          resolve(e);
        }
      };
      const g = globalThis as Record<symbol, unknown>;
      let started = false;
      g[CALL] = () => {
        started = true;
        this.session.post(
          'Runtime.evaluate',
          { expression, replMode: true, awaitPromise: true, objectGroup: group, includeCommandLineAPI: false },
          (err, reply) => {
            if (err) finish({ kind: 'thrown', value: err });
            else finish(this.settle(reply as EvaluateReply, group));
          },
        );
      };
      const run = (): 'interrupted' | undefined => {
        try {
          this.trampoline.runInThisContext({ breakOnSigint: true });
        } catch (err) {
          if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') return 'interrupted';
          finish({ kind: 'thrown', value: err });
        }
        return undefined;
      };
      try {
        let outcome = run();
        // A SIGINT sent for the previous script, which ended before the signal landed, can stop
        // this one before its code starts (seen under load: an interrupt as a cell finished
        // stopped the next cell). Nothing of it ran and no interrupt was sent for it: run it.
        if (outcome === 'interrupted' && !started && !signalled()) outcome = run();
        if (outcome === 'interrupted') {
          this.session.post('Runtime.releaseObjectGroup', { objectGroup: group });
          finish({ kind: 'interrupted' });
        }
      } finally {
        delete g[CALL];
      }
    });
  }
}
