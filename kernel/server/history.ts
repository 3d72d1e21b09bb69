import type { HistoryRequest } from '../wire/messages';
import type { Unchecked } from './request-context';

/**
 * Input history for `history_request` ("History", messaging spec): one session per kernel
 * process, numbered 1; entries are (session, line, input) or (session, line, (input, output)).
 */
export interface HistoryEntry {
  line: number;
  input: string;
  output?: string;
}

export type HistoryTuple = [number, number, string | [string, string | null]];

export class History {
  readonly session = 1;
  private readonly entries: HistoryEntry[] = [];

  add(line: number, input: string): void {
    this.entries.push({ line, input });
  }

  setOutput(line: number, output: string): void {
    const e = this.entries.find((x) => x.line === line);
    if (e) e.output = output;
  }

  /** Answers a history_request's content. */
  query(c: Unchecked<HistoryRequest>): HistoryTuple[] {
    const output = c.output === true;
    const access = c.hist_access_type;
    let picked: HistoryEntry[];
    if (access === 'tail') {
      const n = typeof c.n === 'number' && c.n > 0 ? c.n : this.entries.length;
      picked = this.entries.slice(-n);
    } else if (access === 'range') {
      const session = typeof c.session === 'number' ? c.session : 0;
      // 0 or a negative number means the current session (relative numbering); others have no history here.
      if (session > 0 && session !== this.session) return [];
      const start = typeof c.start === 'number' ? c.start : 0;
      const stop = typeof c.stop === 'number' && c.stop > 0 ? c.stop : Infinity;
      picked = this.entries.filter((e) => e.line >= start && e.line < stop);
    } else if (access === 'search') {
      const re = globToRegExp(typeof c.pattern === 'string' ? c.pattern : '*');
      picked = this.entries.filter((e) => re.test(e.input));
      if (c.unique === true) {
        const seen = new Set<string>();
        // Keep the most recent occurrence of each input, as IPython's HistoryManager.search does.
        picked = picked.reverse().filter((e) => (seen.has(e.input) ? false : (seen.add(e.input), true))).reverse();
      }
      const n = typeof c.n === 'number' && c.n > 0 ? c.n : undefined;
      if (n !== undefined) picked = picked.slice(-n);
    } else {
      return [];
    }
    return picked.map((e) => [this.session, e.line, output ? [e.input, e.output ?? null] : e.input]);
  }
}

/** IPython's search patterns are shell globs (`*`, `?`), matched against the whole input. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`);
}
