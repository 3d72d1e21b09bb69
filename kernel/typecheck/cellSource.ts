import * as ts from 'typescript';
import { PRIOR_NAMES_EXPORT, PRIOR_NAMESPACE, PRIOR_SPECIFIER } from './prior';
import type { NameKind, TopLevelName } from './top-level-name';


/** A cell rewritten into the module the language service checks, with offsets mapped both ways. */
export interface CellSource {
  readonly code: string;
  readonly text: string;
  readonly names: readonly TopLevelName[];
  /** Offset in `code` of a generated-text offset; `undefined` inside generated text. */
  toOriginal(generated: number): number | undefined;
  /** Offset in the generated text of an offset in `code`. */
  toGenerated(original: number): number;
}

interface Insertion {
  at: number;
  text: string;
  /** Among insertions at one offset, lower goes first: the header precedes an `export ` at offset 0. */
  rank: number;
}

/**
 * Rewrites a cell into a module whose top-level declarations are all exported, so that declaration
 * emit of the checked text describes every name the cell leaves behind (V8's REPL mode keeps them
 * all, and lets a later cell re-declare them). Earlier cells' names come in through one import on
 * the first line (see prior.ts); names this cell declares itself are left out, so its own
 * declarations win. That import is there even when unused, so the cell's list of imported modules
 * stays the same from one request to the next.
 * Generated text is only ever inserted, never replacing user text, so positions map exactly.
 */
export function buildCellSource(code: string, prior: (declared: ReadonlySet<string>) => readonly TopLevelName[]): CellSource {
  const sf = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names: TopLevelName[] = [];
  const seen = new Set<string>();
  const add = (name: string, kind: NameKind) => {
    const existing = names.find((n) => n.name === name);
    // `const Foo = …; type Foo = …`: the name has a type meaning too, so later cells import it.
    if (existing && isVariable(existing.kind) && !isVariable(kind)) existing.kind = kind;
    if (seen.has(name)) return;
    seen.add(name);
    names.push({ name, kind });
  };
  const insertions: Insertion[] = [];
  const reexports: string[] = [];

  for (const st of sf.statements) {
    const exportable = declaredNames(st, add, reexports);
    if (exportable && !hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
      insertions.push({ at: st.getStart(sf), text: 'export ', rank: 1 });
    }
  }

  // Only the earlier names the cell mentions: each costs the checker a declaration to parse and an
  // alias to resolve, and a notebook accumulates hundreds. (Completion adds the rest by name.)
  const used = identifiers(sf);
  const visible = prior(seen).filter((n) => used.has(n.name));
  // Earlier variables become ambient variables of this cell rather than import aliases: an alias
  // is read-only, and V8's REPL lets a later cell assign an earlier `let` (checked as usual).
  // Functions, classes, types and imports become aliases, which keep every meaning (value, type,
  // namespace) and the JSDoc.
  let header = `import { ${PRIOR_NAMES_EXPORT} as ${PRIOR_NAMESPACE} } from ${JSON.stringify(PRIOR_SPECIFIER)}; `;
  for (const n of visible) {
    header += isVariable(n.kind)
      ? `declare ${n.kind} ${n.name}: typeof ${PRIOR_NAMESPACE}.${n.name}; `
      : `import ${n.name} = ${PRIOR_NAMESPACE}.${n.name}; `;
  }
  if (reexports.length > 0) header += `export { ${reexports.join(', ')} }; `;
  header += 'export {}; ';
  // A hashbang must stay the first line.
  const headerAt = code.startsWith('#!') ? firstLineEnd(code) : 0;
  insertions.push({ at: headerAt, text: headerAt === 0 ? header : '\n' + header, rank: 0 });
  insertions.sort((a, b) => a.at - b.at || a.rank - b.rank);

  let text = '';
  let last = 0;
  for (const ins of insertions) {
    text += code.slice(last, ins.at) + ins.text;
    last = ins.at;
  }
  text += code.slice(last);

  return {
    code,
    text,
    names,
    toOriginal(generated) {
      let shift = 0;
      for (const ins of insertions) {
        const start = ins.at + shift;
        if (generated < start) break;
        if (generated < start + ins.text.length) return undefined;
        shift += ins.text.length;
      }
      return generated - shift;
    },
    toGenerated(original) {
      let shift = 0;
      for (const ins of insertions) {
        if (ins.at > original) break;
        shift += ins.text.length;
      }
      return original + shift;
    },
  };
}

/** Reports the names a top-level statement declares; returns whether `export ` can be put in front of it. */
function declaredNames(st: ts.Statement, add: (name: string, kind: NameKind) => void, reexports: string[]): boolean {
  if (ts.isVariableStatement(st)) {
    const flags = st.declarationList.flags;
    // `using` declarations cannot be exported (TC39 explicit resource management); they are also scoped to the cell.
    if (flags & ts.NodeFlags.Using) return false;
    const kind: NameKind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
    for (const d of st.declarationList.declarations) bindingNames(d.name, (n) => add(n, kind));
    return true;
  }
  if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) {
    if (!st.name || hasModifier(st, ts.SyntaxKind.DefaultKeyword)) return false;
    add(st.name.text, ts.isClassDeclaration(st) ? 'class' : 'function');
    return true;
  }
  if (ts.isInterfaceDeclaration(st)) return addNamed(st.name.text, 'interface', add);
  if (ts.isTypeAliasDeclaration(st)) return addNamed(st.name.text, 'type', add);
  if (ts.isEnumDeclaration(st)) return addNamed(st.name.text, 'enum', add);
  if (ts.isModuleDeclaration(st)) {
    // `declare global {}` and `declare module "x" {}` are augmentations, not names of this cell.
    if (!ts.isIdentifier(st.name) || st.flags & ts.NodeFlags.GlobalAugmentation) return false;
    return addNamed(st.name.text, 'namespace', add);
  }
  if (ts.isImportDeclaration(st)) {
    const clause = st.importClause;
    if (!clause) return false;
    const imported: string[] = [];
    if (clause.name) imported.push(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) imported.push(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) imported.push(el.name.text);
    for (const n of imported) {
      add(n, 'import');
      reexports.push(n);
    }
    return false;
  }
  if (ts.isImportEqualsDeclaration(st)) {
    add(st.name.text, 'import');
    if (!hasModifier(st, ts.SyntaxKind.ExportKeyword)) reexports.push(st.name.text);
    return false;
  }
  return false;
}

function addNamed(name: string, kind: NameKind, add: (name: string, kind: NameKind) => void): boolean {
  add(name, kind);
  return true;
}

function bindingNames(name: ts.BindingName, add: (name: string) => void): void {
  if (ts.isIdentifier(name)) {
    add(name.text);
    return;
  }
  for (const el of name.elements) {
    if (!ts.isOmittedExpression(el)) bindingNames(el.name, add);
  }
}

function isVariable(kind: NameKind): kind is 'const' | 'let' | 'var' {
  return kind === 'const' || kind === 'let' || kind === 'var';
}

function identifiers(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) out.add(node.text);
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function firstLineEnd(code: string): number {
  const nl = code.indexOf('\n');
  return nl === -1 ? code.length : nl;
}
