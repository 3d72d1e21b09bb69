import * as vscode from 'vscode';
import type { CellDiagnostic, Completion } from '../../kernel/api';
import { codePointToUtf16, utf16ToCodePoint } from '../../kernel/typecheck/positions';
import type { NotebookSession } from '../kernel/notebook-session';
import type { Sessions } from '../kernel/sessions';
import { declaredNames, missingName } from './unrun-names';

/** TypeScript cells of Jupyter notebooks; which of them use this kernel is checked per request. */
const CELLS: vscode.DocumentSelector = { notebookType: 'jupyter-notebook', language: 'typescript' };
/** Pause in typing after which a cell is checked (each check is ~5–10 ms in the kernel). */
const CHECK_DELAY_MS = 250;

/** `_jupyter_types_experimental` types (see kernel/typecheck/completions.ts) as editor icons. */
const KINDS: Record<string, vscode.CompletionItemKind> = {
  function: vscode.CompletionItemKind.Function,
  class: vscode.CompletionItemKind.Class,
  module: vscode.CompletionItemKind.Module,
  keyword: vscode.CompletionItemKind.Keyword,
  param: vscode.CompletionItemKind.Variable,
  property: vscode.CompletionItemKind.Property,
  path: vscode.CompletionItemKind.File,
  instance: vscode.CompletionItemKind.Variable,
};

function cellOf(document: vscode.TextDocument): { notebook: vscode.NotebookDocument; cell: vscode.NotebookCell } | undefined {
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document === document);
    if (cell) return { notebook, cell };
  }
  return undefined;
}

function codePointAt(document: vscode.TextDocument, position: vscode.Position): number {
  return utf16ToCodePoint(document.getText(), document.offsetAt(position));
}

function positionAtCodePoint(document: vscode.TextDocument, codePoints: number): vscode.Position {
  return document.positionAt(codePointToUtf16(document.getText(), codePoints));
}

function completionItems(document: vscode.TextDocument, reply: Completion): vscode.CompletionList {
  const range = new vscode.Range(positionAtCodePoint(document, reply.cursor_start), positionAtCodePoint(document, reply.cursor_end));
  const types = (reply.metadata._jupyter_types_experimental ?? []) as { text: string; type: string }[];
  const typeOf = new Map(types.map((t) => [t.text, t.type]));
  const width = String(reply.matches.length).length;
  const items = reply.matches.map((match, i) => {
    const item = new vscode.CompletionItem(match, KINDS[typeOf.get(match) ?? ''] ?? vscode.CompletionItemKind.Variable);
    item.range = range;
    // The kernel ranks matches as TypeScript does (locals, then members, globals, keywords).
    item.sortText = String(i).padStart(width, '0');
    return item;
  });
  return new vscode.CompletionList(items, false);
}

/**
 * Completion, hover, signature help and diagnostics for TypeScript cells of notebooks whose kernel is
 * "TypeScript (tripletlab)", answered by the kernel's type service with every cell run so far in
 * scope (complete_request, inspect_request and the `tripletlab.types` comm).
 */
export class KernelLanguageFeatures implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('tripletlab');
  private readonly timers = new Map<vscode.TextDocument, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly sessions: Sessions,
    private readonly log: (message: string) => void,
  ) {
    this.disposables = [
      this.diagnostics,
      vscode.languages.registerCompletionItemProvider(CELLS, { provideCompletionItems: (d, p, t) => this.complete(d, p, t) }, '.'),
      vscode.languages.registerHoverProvider(CELLS, { provideHover: (d, p, t) => this.hover(d, p, t) }),
      vscode.languages.registerSignatureHelpProvider(CELLS, { provideSignatureHelp: (d, p, t) => this.signature(d, p, t) }, '(', ','),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.forget(nb)),
    ];
  }

  /** Checks every code cell again, e.g. after cells ran (what earlier cells declare changed). */
  recheck(notebook: vscode.NotebookDocument): void {
    for (const cell of notebook.getCells()) this.schedule(cell.document);
  }

  /** The notebook no longer uses this kernel: its diagnostics are not ours to show. */
  forget(notebook: vscode.NotebookDocument): void {
    for (const cell of notebook.getCells()) {
      this.diagnostics.delete(cell.document.uri);
      clearTimeout(this.timers.get(cell.document));
      this.timers.delete(cell.document);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  private sessionFor(document: vscode.TextDocument): { session: NotebookSession; notebook: vscode.NotebookDocument; cell: vscode.NotebookCell } | undefined {
    if (document.languageId !== 'typescript') return undefined;
    const found = cellOf(document);
    if (!found || !this.sessions.isSelected(found.notebook)) return undefined;
    return { session: this.sessions.get(found.notebook), ...found };
  }

  private async complete(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const found = this.sessionFor(document);
    if (!found) return undefined;
    try {
      const reply = await found.session.kernel.complete(document.getText(), codePointAt(document, position));
      if (!reply || token.isCancellationRequested) return undefined;
      return completionItems(document, reply);
    } catch (err) {
      this.log(`[language] completion failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private async hover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const found = this.sessionFor(document);
    if (!found) return undefined;
    try {
      const reply = await found.session.kernel.inspect(document.getText(), codePointAt(document, position));
      if (!reply || token.isCancellationRequested) return undefined;
      const markdown = reply.data['text/markdown'];
      const text = typeof markdown === 'string' ? markdown : '```typescript\n' + String(reply.data['text/plain'] ?? '') + '\n```';
      return new vscode.Hover(new vscode.MarkdownString(text), document.getWordRangeAtPosition(position));
    } catch (err) {
      this.log(`[language] hover failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /**
   * Inside a call's parentheses, just after `(` or `,`, the kernel's inspect_request answers with
   * the signature of the call (kernel/typecheck/inspection.ts): its first paragraph, then its docs.
   */
  private async signature(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.SignatureHelp | undefined> {
    const found = this.sessionFor(document);
    if (!found) return undefined;
    try {
      const reply = await found.session.kernel.inspect(document.getText(), codePointAt(document, position));
      const text = reply?.data['text/plain'];
      if (typeof text !== 'string' || token.isCancellationRequested) return undefined;
      const [label, ...docs] = text.split('\n\n');
      if (!label.includes('(')) return undefined;
      const help = new vscode.SignatureHelp();
      help.signatures = [new vscode.SignatureInformation(label, docs.length ? new vscode.MarkdownString(docs.join('\n\n')) : undefined)];
      help.activeSignature = 0;
      return help;
    } catch (err) {
      this.log(`[language] signature help failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private schedule(document: vscode.TextDocument): void {
    if (!this.sessionFor(document)) {
      if (document.uri.scheme === 'vscode-notebook-cell') this.diagnostics.delete(document.uri);
      return;
    }
    clearTimeout(this.timers.get(document));
    this.timers.set(
      document,
      setTimeout(() => {
        this.timers.delete(document);
        void this.check(document);
      }, CHECK_DELAY_MS),
    );
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    const found = this.sessionFor(document);
    if (!found) return;
    const version = document.version;
    const code = document.getText();
    try {
      const result = await found.session.kernel.check(code);
      // Typed on meanwhile: that text has its own check coming.
      if (!result || document.isClosed || document.version !== version) return;
      if (!result.checked) {
        this.diagnostics.delete(document.uri);
        return;
      }
      const earlier = found.notebook.getCells().slice(0, found.cell.index).filter((c) => c.kind === vscode.NotebookCellKind.Code);
      const declaredEarlier = new Set(earlier.flatMap((c) => [...declaredNames(c.document.getText())]));
      this.diagnostics.set(document.uri, result.diagnostics.map((d) => toDiagnostic(document, d, declaredEarlier)));
    } catch (err) {
      this.log(`[language] type check failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function toDiagnostic(document: vscode.TextDocument, d: CellDiagnostic, declaredEarlier: Set<string>): vscode.Diagnostic {
  const line = Math.min(Math.max(d.line - 1, 0), document.lineCount - 1);
  const start = new vscode.Position(line, Math.max(d.column - 1, 0));
  const range = document.getWordRangeAtPosition(start) ?? new vscode.Range(start, start.translate(0, 1));
  const missing = missingName(d.code, d.message);
  const diagnostic =
    missing && declaredEarlier.has(missing)
      ? new vscode.Diagnostic(range, `${d.message} It is declared in an earlier cell that has not run in this kernel yet: run that cell first.`, vscode.DiagnosticSeverity.Information)
      : new vscode.Diagnostic(range, d.message, d.category === 'error' ? vscode.DiagnosticSeverity.Error : d.category === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
  diagnostic.source = 'tripletlab';
  diagnostic.code = `TS${d.code}`;
  return diagnostic;
}
