import * as ts from 'typescript';
import type { Completion } from '../api';
import type { CellSource } from './cellSource';
import type { NameKind, TopLevelName } from './top-level-name';
import { utf16ToCodePoint } from './positions';

/**
 * Jupyter `complete_reply` for the cursor (UTF-16 offset in the cell). Matches are filtered by the
 * typed prefix and ordered as the language service ranks them; `cursor_start`/`cursor_end` span
 * the identifier under the cursor so a frontend replaces `con` with `console`. Earlier cells'
 * names are only in the checked text when the cell mentions them, so where any name may go
 * (a global completion) the matching ones are added from `prior`, ranked with local names.
 */
export function completionAt(
  service: ts.LanguageService,
  fileName: string,
  src: CellSource,
  cursor: number,
  prior: readonly TopLevelName[],
): Completion {
  const code = src.code;
  const info = service.getCompletionsAtPosition(fileName, src.toGenerated(cursor), {
    includeCompletionsForModuleExports: false,
    includeCompletionsWithInsertText: false,
  });
  let [start, end] = identifierSpan(code, cursor);
  const spanned = info?.entries.find((e) => e.replacementSpan)?.replacementSpan;
  if (spanned) {
    const s = src.toOriginal(spanned.start);
    const e = src.toOriginal(spanned.start + spanned.length);
    if (s !== undefined && e !== undefined && s <= cursor && cursor <= e) [start, end] = [s, e];
  }
  const typed = code.slice(start, cursor).toLowerCase().replace(/^['"`]/, '');
  const priorKinds = new Map(prior.map((n) => [n.name, n.kind]));
  const fromPrior: ts.CompletionEntry[] = info?.isGlobalCompletion
    ? prior.map((n) => ({ name: n.name, kind: ts.ScriptElementKind.alias, kindModifiers: '', sortText: LOCAL_SORT_TEXT }))
    : [];
  const entries = [...(info?.entries ?? []), ...fromPrior]
    .filter((e) => !e.source && !e.name.includes('__tripletlab_'))
    .filter((e) => e.name.toLowerCase().replace(/^['"`]/, '').startsWith(typed))
    .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const matches: string[] = [];
  const types: { start: number; end: number; text: string; type: string; signature: string }[] = [];
  const cpStart = utf16ToCodePoint(code, start);
  const cpEnd = utf16ToCodePoint(code, end);
  const seen = new Set<string>();
  for (const e of entries) {
    const text = e.insertText ?? e.name;
    if (seen.has(text)) continue;
    seen.add(text);
    matches.push(text);
    types.push({ start: cpStart, end: cpEnd, text, type: jupyterType(e.kind, priorKinds.get(e.name)), signature: '' });
  }
  return { matches, cursor_start: cpStart, cursor_end: cpEnd, metadata: { _jupyter_types_experimental: types, tripletlab_source: 'types' } };
}

/** TypeScript's rank for declarations in scope (`SortText.LocationPriority`), ahead of globals and keywords. */
const LOCAL_SORT_TEXT = '11';

/** UTF-16 span of the identifier around `cursor` (empty at the cursor when there is none). */
export function identifierSpan(code: string, cursor: number): [number, number] {
  let start = cursor;
  while (start > 0 && ts.isIdentifierPart(code.charCodeAt(start - 1), ts.ScriptTarget.ES2022)) start--;
  let end = cursor;
  while (end < code.length && ts.isIdentifierPart(code.charCodeAt(end), ts.ScriptTarget.ES2022)) end++;
  return [start, end];
}

/** The `type` names ipykernel uses in `_jupyter_types_experimental` (frontends pick icons by them). */
function jupyterType(kind: string, prior: NameKind | undefined): string {
  if (kind === ts.ScriptElementKind.alias && prior) kind = prior === 'import' ? 'module' : prior === 'const' || prior === 'let' ? 'var' : prior;
  switch (kind) {
    case 'function':
    case 'local function':
    case 'method':
    case 'constructor':
      return 'function';
    case 'class':
    case 'local class':
    case 'interface':
    case 'type':
    case 'enum':
    case 'type parameter':
      return 'class';
    case 'module':
    case 'namespace':
    case 'alias':
    case 'external module name':
      return 'module';
    case 'keyword':
      return 'keyword';
    case 'parameter':
      return 'param';
    case 'property':
    case 'getter':
    case 'setter':
    case 'enum member':
      return 'property';
    case 'directory':
    case 'script':
      return 'path';
    default:
      return 'instance';
  }
}
