/**
 * The kernel checks a cell against the cells that have *run*. In a notebook just opened, a cell
 * that uses a name an earlier cell declares gets "Cannot find name" although Run All will work;
 * such diagnostics are told apart here so the editor can say what to do instead of calling the
 * cell wrong.
 */

/** "Cannot find name 'x'." and "Cannot find name 'x'. Did you mean 'y'?" */
const CANNOT_FIND_NAME = new Set([2304, 2552]);

const DECLARATION = /^[ \t]*(?:export\s+)?(?:declare\s+)?(?:const|let|var|(?:async\s+)?function\s*\*?|abstract\s+class|class|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)/gm;

/** Top-level names a cell declares, by its text (declarations at the start of a line). */
export function declaredNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(DECLARATION)) names.add(m[1]);
  return names;
}

/** The missing name when `code`/`message` is a "Cannot find name" diagnostic, else undefined. */
export function missingName(code: number, message: string): string | undefined {
  if (!CANNOT_FIND_NAME.has(code)) return undefined;
  return /^Cannot find name '([^']+)'/.exec(message)?.[1];
}
