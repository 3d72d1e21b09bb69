import * as ts from 'typescript';
import type { NameKind, TopLevelName } from './top-level-name';

/** Module specifier, relative to the cell file, of the module that holds every committed cell's declarations. */
export const PRIOR_SPECIFIER = './__tripletlab_prior';
/** Local name of the cell's namespace import of the prior module. */
export const PRIOR_NAMESPACE = '__tripletlab_p';
/** The prior module's one export: a namespace of every current name. */
export const PRIOR_NAMES_EXPORT = '__tripletlab_names';

const NS = '__tripletlab_c';
const MOD = '__tripletlab_m';

interface Block {
  text: string;
  /** Hoisted `declare global` / `declare module "x"` augmentations of this commit. */
  augmentations: string[];
  /** Commits this one's declarations refer to. */
  refs: number[];
}

interface NameEntry {
  commit: number;
  kind: NameKind;
}

/**
 * The declarations every committed cell left behind, as ONE module. Each commit's declaration
 * emit becomes a namespace `__tripletlab_cN`; the module exports each name from the newest
 * namespace that declares it. Types inside a namespace refer to the namespaces that were newest
 * when that cell ran, so re-declaring `P` later does not change what an older `p: P` means.
 *
 * Why one module and hoisted `import … = require()` lines: TypeScript rebuilds its whole file
 * graph (all of lib, `@types/node` and tfjs) whenever some file's list of imports changes, and
 * reuses it when only file contents change. Keeping the prior's imports — one line per external
 * module ever used, never removed — and the cell's one import of this module stable makes a
 * commit a content change only. The cell reaches names as `__tripletlab_p.x` through that import.
 */
export class PriorModule {
  private readonly modules = new Map<string, string>();
  private readonly blocks = new Map<number, Block>();
  private readonly names = new Map<string, NameEntry>();

  get size(): number {
    return this.names.size;
  }

  kindOf(name: string): NameKind | undefined {
    return this.names.get(name)?.kind;
  }

  /** Names visible to the next cell, except the ones it declares itself. */
  visibleNames(declared: ReadonlySet<string>): TopLevelName[] {
    const out: TopLevelName[] = [];
    for (const [name, e] of this.names) if (!declared.has(name)) out.push({ name, kind: e.kind });
    return out;
  }

  /** Adds commit `commit`: `dts` is the declaration emit of the cell, `names` its top-level names. */
  add(commit: number, dts: string, names: readonly TopLevelName[]): void {
    this.blocks.set(commit, this.toBlock(commit, dts));
    for (const { name, kind } of names) this.names.set(name, { commit, kind });
    this.dropUnreachable();
  }

  /** Number of commits whose declarations are still kept. */
  get liveCommits(): number {
    return this.blocks.size;
  }

  text(): string {
    const out: string[] = [];
    for (const [key, local] of this.modules) {
      const [form, spec] = key.split('\0');
      out.push(form === 'default' ? `import ${local} from ${JSON.stringify(spec)};` : `import ${local} = require(${JSON.stringify(spec)});`);
    }
    for (const [n, block] of this.blocks) out.push(`declare namespace ${NS}${n} {\n${block.text}\n}`);
    for (const block of this.blocks.values()) out.push(...block.augmentations);
    // Inside a namespace so the names do not enter this module's scope, where they would shadow
    // globals (a cell's own `Response` or `process`) for every block above.
    out.push(`export declare namespace ${PRIOR_NAMES_EXPORT} {`);
    for (const [name, e] of this.names) out.push(`  export import ${name} = ${NS}${e.commit}.${name};`);
    out.push('}', '');
    return out.join('\n');
  }

  private hoist(form: 'default' | 'require', spec: string): string {
    const key = `${form}\0${spec}`;
    let local = this.modules.get(key);
    if (!local) {
      local = `${MOD}${this.modules.size + 1}`;
      this.modules.set(key, local);
    }
    return local;
  }

  private toBlock(commit: number, dts: string): Block {
    const sf = ts.createSourceFile('commit.d.ts', dts, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const lines: string[] = [];
    const augmentations: string[] = [];
    const refs = new Set<number>();
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
        lines.push(...this.importAliases(st, st.moduleSpecifier.text));
      } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) {
        const ref = st.moduleReference.expression;
        if (ts.isStringLiteral(ref)) lines.push(`export import ${st.name.text} = ${this.hoist('require', ref.text)};`);
      } else if (ts.isExportDeclaration(st) || ts.isExportAssignment(st)) {
        // `export { fs }` only re-exports the cell's imports, which become `export import` aliases above.
        continue;
      } else if (ts.isModuleDeclaration(st) && (st.flags & ts.NodeFlags.GlobalAugmentation || ts.isStringLiteral(st.name))) {
        augmentations.push(this.rewrite(st, sf, refs, true));
      } else {
        lines.push(this.rewrite(st, sf, refs));
      }
    }
    return { text: lines.join('\n'), augmentations, refs: [...refs] };
  }

  private importAliases(st: ts.ImportDeclaration, spec: string): string[] {
    const clause = st.importClause;
    if (!clause) return [];
    const out: string[] = [];
    // The cell's view of earlier names; its uses (`__tripletlab_p.x`) are pinned in rewrite().
    if (spec === PRIOR_SPECIFIER) return out;
    if (clause.name) out.push(`export import ${clause.name.text} = ${this.hoist('default', spec)};`);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) out.push(`export import ${bindings.name.text} = ${this.hoist('require', spec)};`);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) {
        const imported = (el.propertyName ?? el.name).text;
        out.push(`export import ${el.name.text} = ${this.hoist('require', spec)}.${imported};`);
      }
    }
    return out;
  }

  /** Statement text with `declare` dropped (the namespace is already ambient) and `import("x")` types pointed at hoisted modules. */
  private rewrite(st: ts.Statement, sf: ts.SourceFile, refs: Set<number>, topLevel = false): string {
    const edits: { start: number; end: number; text: string }[] = [];
    const declare = !topLevel && ts.canHaveModifiers(st) ? ts.getModifiers(st)?.find((m) => m.kind === ts.SyntaxKind.DeclareKeyword) : undefined;
    if (declare) {
      let end = declare.end;
      while (end < sf.text.length && (sf.text[end] === ' ' || sf.text[end] === '\t')) end++;
      edits.push({ start: declare.getStart(sf), end, text: '' });
    }
    const visit = (node: ts.Node): void => {
      // `__tripletlab_p.x` (an earlier name, as the cell saw it): pin it to x's commit.
      const pair = ts.isQualifiedName(node) ? [node.left, node.right] : ts.isPropertyAccessExpression(node) ? [node.expression, node.name] : undefined;
      if (pair && ts.isIdentifier(pair[0]) && pair[0].text === PRIOR_NAMESPACE && ts.isIdentifier(pair[1])) {
        const left = pair[0];
        const entry = this.names.get(pair[1].text);
        if (entry) {
          refs.add(entry.commit);
          edits.push({ start: left.getStart(sf), end: left.end, text: `${NS}${entry.commit}` });
          return;
        }
      }
      if (ts.isImportTypeNode(node) && !node.attributes && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        const head = this.importTypeHead(node, node.argument.literal.text, refs);
        if (head !== undefined) {
          const end = node.qualifier ? node.qualifier.end : sf.text.indexOf(')', node.argument.end) + 1;
          edits.push({ start: node.getStart(sf), end, text: head });
          node.typeArguments?.forEach(visit);
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(st);
    // From the full start, so the JSDoc above a declaration stays with it (inspect shows it).
    const base = st.getFullStart();
    let text = sf.text.slice(base, st.end);
    for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start - base) + e.text + text.slice(e.end - base);
    return text.replace(/^\s*\n/, '');
  }

  private importTypeHead(node: ts.ImportTypeNode, spec: string, refs: Set<number>): string | undefined {
    const prefix = node.isTypeOf ? 'typeof ' : '';
    const qualifier = node.qualifier ? entityText(node.qualifier) : undefined;
    if (spec === PRIOR_SPECIFIER) {
      if (!qualifier) return undefined;
      const first = qualifier.split('.')[0];
      const entry = this.names.get(first);
      if (!entry) return undefined;
      refs.add(entry.commit);
      return `${prefix}${NS}${entry.commit}.${qualifier}`;
    }
    return `${prefix}${this.hoist('require', spec)}${qualifier ? '.' + qualifier : ''}`;
  }

  /**
   * A commit's block stays while a current name, or a block that stays, refers to it. A block that
   * augments the global scope always stays: its augmentation still holds at run time.
   */
  private dropUnreachable(): void {
    const live = new Set<number>();
    const pending = [...new Set([...this.names.values()].map((e) => e.commit))];
    for (const [n, block] of this.blocks) if (block.augmentations.length > 0) pending.push(n);
    while (pending.length > 0) {
      const n = pending.pop()!;
      if (live.has(n)) continue;
      live.add(n);
      pending.push(...(this.blocks.get(n)?.refs ?? []));
    }
    for (const n of this.blocks.keys()) if (!live.has(n)) this.blocks.delete(n);
  }
}

function entityText(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : `${entityText(name.left)}.${name.right.text}`;
}
