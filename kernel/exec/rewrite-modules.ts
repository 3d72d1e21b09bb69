import { CellSyntaxError } from './errors';

/** The global function cells import through (see module-loader.ts for why it is not `import()`). */
export const IMPORT_FN = '__tripletlab_import';

interface AcornNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}
interface ImportSpecifier extends AcornNode {
  local: { name: string };
  imported?: { type: string; name?: string; value?: string };
}

const MAY_NEED_REWRITE = /\b(import|export)\b/;

function keepLines(original: string, replacement: string): string {
  const lines = original.split('\n').length - 1;
  return replacement + '\n'.repeat(lines);
}

function importedName(s: ImportSpecifier): string {
  const imp = s.imported!;
  return imp.type === 'Identifier' ? imp.name! : JSON.stringify(imp.value);
}

function rewriteImport(node: AcornNode, code: string): string {
  const source = JSON.stringify((node.source as { value: string }).value);
  const call = `await ${IMPORT_FN}(${source})`;
  const specs = node.specifiers as ImportSpecifier[];
  if (specs.length === 0) return `${call};`;
  const ns = specs.find((s) => s.type === 'ImportNamespaceSpecifier');
  const named = specs
    .filter((s) => s.type !== 'ImportNamespaceSpecifier')
    .map((s) => (s.type === 'ImportDefaultSpecifier' ? `default: ${s.local.name}` : `${importedName(s)}: ${s.local.name}`));
  if (ns) {
    const rest = named.length > 0 ? ` const {${named.join(', ')}} = ${ns.local.name};` : '';
    return `const ${ns.local.name} = ${call};${rest}`;
  }
  return `const {${named.join(', ')}} = ${call};`;
}

function blank(code: string, start: number, end: number): string {
  return code.slice(start, end).replace(/[^\n]/g, ' ');
}

function collectDynamicImports(node: unknown, out: AcornNode[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectDynamicImports(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as AcornNode;
  if (n.type === 'ImportExpression') out.push(n);
  for (const key of Object.keys(n)) {
    const v = n[key];
    if (v !== null && typeof v === 'object') collectDynamicImports(v, out);
  }
}

/**
 * Turns module syntax into script syntax, since a REPL evaluation is a script (ECMA-262 §16.1:
 * ImportDeclaration only occurs in a Module): `import x, {a as b} from 'p'` becomes
 * `const {default: x, a: b} = await __tripletlab_import('p')`, `import()` calls go through the
 * same function, and `export` keywords are dropped (a cell's declarations are already visible to
 * later cells). Replacements keep every line where it was, so stack traces match the cell.
 */
export function rewriteModuleSyntax(js: string): string {
  if (!MAY_NEED_REWRITE.test(js)) return js;
  const acorn = require('acorn') as typeof import('acorn');
  let program: AcornNode;
  try {
    program = acorn.parse(js, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowImportExportEverywhere: true,
      allowAwaitOutsideFunction: true,
      allowHashBang: true,
    }) as unknown as AcornNode;
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    const line = e.loc?.line ?? 1;
    const column = (e.loc?.column ?? 0) + 1;
    throw new CellSyntaxError(e.message.replace(/\s*\(\d+:\d+\)$/, ''), line, column);
  }
  const edits: { start: number; end: number; text: string }[] = [];
  for (const node of program.body as AcornNode[]) {
    const original = js.slice(node.start, node.end);
    switch (node.type) {
      case 'ImportDeclaration':
        edits.push({ start: node.start, end: node.end, text: keepLines(original, rewriteImport(node, js)) });
        break;
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration': {
        if (node.source) {
          throw new CellSyntaxError(
            `'export … from' is not supported in a notebook cell; import the names instead: import { … } from ${(node.source as { raw: string }).raw}`,
            lineOf(js, node.start),
            columnOf(js, node.start),
          );
        }
        const decl = node.declaration as AcornNode | null;
        if (decl) edits.push({ start: node.start, end: decl.start, text: blank(js, node.start, decl.start) });
        else edits.push({ start: node.start, end: node.end, text: blank(js, node.start, node.end) });
        break;
      }
      case 'ExportAllDeclaration':
        throw new CellSyntaxError(
          "'export * from' is not supported in a notebook cell; use import * as ns from '…' instead",
          lineOf(js, node.start),
          columnOf(js, node.start),
        );
    }
  }
  const dynamic: AcornNode[] = [];
  collectDynamicImports(program, dynamic);
  for (const node of dynamic) edits.push({ start: node.start, end: node.start + 'import'.length, text: IMPORT_FN });
  edits.sort((a, b) => b.start - a.start);
  let out = js;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function lineOf(code: string, pos: number): number {
  return code.slice(0, pos).split('\n').length;
}
function columnOf(code: string, pos: number): number {
  return pos - code.lastIndexOf('\n', pos - 1);
}
