import * as ts from 'typescript';
import type { Inspection } from '../api';
import type { CellSource } from './cellSource';
import type { NameKind } from './top-level-name';

/**
 * Jupyter `inspect_reply` for the cursor (UTF-16 offset in the cell): the quick-info signature and
 * JSDoc of the name at or just before the cursor, else the signature of the call the cursor is in
 * (as ipykernel shows a function's docs inside `f(|`). `detailLevel` 1 adds the JSDoc tags.
 */
export function inspectionAt(
  service: ts.LanguageService,
  fileName: string,
  src: CellSource,
  cursor: number,
  detailLevel: 0 | 1,
  priorKind: (name: string) => NameKind | undefined,
): Inspection {
  const found = quickInfo(service, fileName, src, cursor, priorKind) ?? signatureInfo(service, fileName, src, cursor);
  if (!found) return { found: false, data: {}, metadata: {} };
  const docs = ts.displayPartsToString(found.documentation);
  const tags = detailLevel === 1 ? (found.tags ?? []).map(tagText) : [];
  const prose = [docs, ...tags].filter((s) => s.length > 0).join('\n\n');
  const plain = prose ? `${found.signature}\n\n${prose}` : found.signature;
  const markdown = '```typescript\n' + found.signature + '\n```' + (prose ? '\n\n' + prose : '');
  return { found: true, data: { 'text/plain': plain, 'text/markdown': markdown }, metadata: {} };
}

interface Found {
  signature: string;
  documentation: ts.SymbolDisplayPart[];
  tags?: ts.JSDocTagInfo[];
}

function quickInfo(
  service: ts.LanguageService,
  fileName: string,
  src: CellSource,
  cursor: number,
  priorKind: (name: string) => NameKind | undefined,
): Found | undefined {
  for (const at of [cursor, cursor - 1]) {
    if (at < 0 || at >= src.code.length || !isNamePart(src.code.charCodeAt(at))) continue;
    const info = service.getQuickInfoAtPosition(fileName, src.toGenerated(at));
    if (!info) continue;
    let signature = withoutAlias(info.displayParts ?? []);
    // An imported function reads "f(x: T): R"; the user declared `function f`, say so as tsc does.
    const name = nameAt(src.code, at);
    if (info.kind === ts.ScriptElementKind.alias && priorKind(name) === 'function') signature = 'function ' + signature;
    return { signature, documentation: info.documentation ?? [], tags: info.tags };
  }
  return undefined;
}

function nameAt(code: string, at: number): string {
  let start = at;
  while (start > 0 && isNamePart(code.charCodeAt(start - 1))) start--;
  let end = at;
  while (end < code.length && isNamePart(code.charCodeAt(end))) end++;
  return code.slice(start, end);
}

function signatureInfo(service: ts.LanguageService, fileName: string, src: CellSource, cursor: number): Found | undefined {
  const help = service.getSignatureHelpItems(fileName, src.toGenerated(cursor), undefined);
  const item = help?.items[help.selectedItemIndex];
  if (!item) return undefined;
  const signature = [...item.prefixDisplayParts, ...joinParams(item), ...item.suffixDisplayParts].map((p) => p.text).join('');
  return { signature, documentation: item.documentation, tags: item.tags };
}

function joinParams(item: ts.SignatureHelpItem): ts.SymbolDisplayPart[] {
  return item.parameters.flatMap((p, i) => (i === 0 ? p.displayParts : [...item.separatorDisplayParts, ...p.displayParts]));
}

/**
 * Earlier cells' names reach a cell as imports, which quick info shows as
 * "(alias) const x: number\nimport x"; the user declared a plain `const x`, so show that.
 */
function withoutAlias(parts: readonly ts.SymbolDisplayPart[]): string {
  let list = [...parts];
  if (list.length > 3 && list[0].text === '(' && list[1].text === 'alias' && list[2].text === ')') {
    list = list.slice(list[3].kind === 'space' ? 4 : 3);
    const cut = list.findIndex((p, i) => p.kind === 'lineBreak' && list[i + 1]?.text === 'import');
    if (cut !== -1) list = list.slice(0, cut);
  }
  return ts.displayPartsToString(list);
}

function tagText(tag: ts.JSDocTagInfo): string {
  const text = tag.text ? ts.displayPartsToString(tag.text) : '';
  return `@${tag.name}${text ? ' ' + text : ''}`;
}

function isNamePart(ch: number): boolean {
  return ts.isIdentifierPart(ch, ts.ScriptTarget.ES2022);
}
