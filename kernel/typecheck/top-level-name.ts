// A cell's top-level names, shared by the cell rewriter (cellSource.ts) and the module of earlier cells (prior.ts).

/** What a top-level name is, so later cells can treat it as the REPL does (`let`/`var` stay assignable). */
export type NameKind = 'const' | 'let' | 'var' | 'function' | 'class' | 'interface' | 'type' | 'enum' | 'namespace' | 'import';

export interface TopLevelName {
  name: string;
  kind: NameKind;
}
