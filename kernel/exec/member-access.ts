/**
 * Finds `a.b.c.pre|` at the cursor: a member completion whose object is a plain chain of names,
 * which the kernel can answer from the live value (value-completions.ts) instead of waiting for
 * the type checker. Anything else (a call, an index, a name this cell may bind differently from
 * the session's value) is left to the type service, so a wrong answer is never given quickly.
 */

export interface MemberAccess {
  /** The object's expression, e.g. `triplet.losses` (names joined by `.`). */
  chain: string;
  /** The first name of the chain: the binding that must be the session's, not the cell's. */
  root: string;
  /** What is typed after the last `.` (may be empty). */
  prefix: string;
  /** UTF-16 span of the name under the cursor, which a chosen completion replaces. */
  start: number;
  end: number;
}

const NAME_START = /[A-Za-z_$]/;
const NAME_PART = /[\w$]/;

/** Words that are not bindings: a chain starting with one is not a value we may read. */
const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package ' +
    'private protected public await async of').split(' '),
);

function nameBefore(code: string, end: number): number {
  let start = end;
  while (start > 0 && NAME_PART.test(code[start - 1])) start--;
  return start < end && NAME_START.test(code[start]) ? start : -1;
}

/** The member access ending at `cursor` (UTF-16 offset), or undefined where it is not a plain chain of names. */
export function memberAccessAt(code: string, cursor: number): MemberAccess | undefined {
  if (!Number.isInteger(cursor) || cursor < 0 || cursor > code.length) return undefined;
  if (insideStringOrComment(code, cursor)) return undefined;
  let start = cursor;
  while (start > 0 && NAME_PART.test(code[start - 1])) start--;
  let end = cursor;
  while (end < code.length && NAME_PART.test(code[end])) end++;
  const names: string[] = [];
  let at = start;
  // Walk back over `.name` (or `?.name`) links; no spaces, calls or indexing inside the chain.
  while (at > 0 && code[at - 1] === '.') {
    let dot = at - 1;
    if (dot > 0 && code[dot - 1] === '?') dot--;
    const nameStart = nameBefore(code, dot);
    if (nameStart < 0) return undefined;
    names.unshift(code.slice(nameStart, dot));
    at = nameStart;
  }
  if (names.length === 0) return undefined;
  // What comes before the root must not make it a member of something else (`f().x.`, `a[0].x.`, `1.x`).
  const before = at > 0 ? code[at - 1] : '';
  if (before === ')' || before === ']' || before === '?' || /[\w$]/.test(before)) return undefined;
  if (/\.\s*$/.test(code.slice(Math.max(0, at - 200), at))) return undefined; // `a.\n  b.`: a member of `a`
  if (names.some((n) => RESERVED.has(n)) || RESERVED.has(names[0])) return undefined;
  const root = names[0];
  if (mayBindHere(code.slice(0, at), root)) return undefined;
  return { chain: names.join('.'), root, prefix: code.slice(start, cursor), start, end };
}

/**
 * Whether the cell's text before the chain may declare `name` itself (a declaration, an import, a
 * parameter, a catch binding): then the session's value is not the one in scope. Errs towards yes;
 * a yes only means the type service answers instead.
 */
export function mayBindHere(textBefore: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  const patterns = [
    // const / let / var / function / class / import / destructuring, up to the `=` or `;`
    new RegExp(`\\b(?:const|let|var|function|class|import|as)\\b[^;=]*?(?<![\\w$])${n}(?![\\w$])`),
    // an arrow's single parameter, or a name inside a parameter list closing into `=>` or `{`
    new RegExp(`(?<![\\w$.])${n}\\s*=>`),
    new RegExp(`(?<![\\w$.])${n}(?![\\w$])[^()]*\\)\\s*(?::[^=;{]*)?(?:=>|\\{)`),
    new RegExp(`\\bcatch\\s*\\(\\s*${n}(?![\\w$])`),
  ];
  return patterns.some((p) => p.test(textBefore));
}

/** A small scan of quotes and comments (template literals' `${…}` count as code). */
export function insideStringOrComment(code: string, cursor: number): boolean {
  const templates: number[] = []; // brace depth at which each open `${` returns to its template
  let depth = 0;
  let quote = '';
  for (let i = 0; i < cursor; i++) {
    const c = code[i];
    if (quote === '//') {
      if (c === '\n') quote = '';
    } else if (quote === '/*') {
      if (c === '*' && code[i + 1] === '/') {
        quote = '';
        i++;
      }
    } else if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      else if (quote === '`' && c === '$' && code[i + 1] === '{') {
        templates.push(depth);
        depth++;
        quote = '';
        i++;
      }
    } else if (c === '/' && code[i + 1] === '/') quote = '//';
    else if (c === '/' && code[i + 1] === '*') {
      quote = '/*';
      i++;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        templates.pop();
        quote = '`';
      }
    }
  }
  return quote !== '';
}
