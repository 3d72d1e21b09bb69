import * as path from 'path';
import * as ts from 'typescript';
import type { CellDiagnostic, Completion, Inspection } from '../api';
import { cacheable } from './cacheable';
import { buildCellSource, type CellSource } from './cellSource';
import { completionAt } from './completions';
import { toCellDiagnostics } from './diagnostics';
import { NotebookHost } from './host';
import { inspectionAt } from './inspection';
import { compilerOptions, globalsText, kernelPaths } from './options';
import { codePointToUtf16 } from './positions';
import { PRIOR_SPECIFIER, PriorModule } from './prior';

export interface NotebookTypesOptions {
  /** The notebook's folder: relative and bare imports in cells resolve from here. */
  cwd: string;
  /** Module path (no extension) of the triplet library's index, if not the kernel's own. */
  tripletPath?: string;
}

/**
 * The notebook as the type checker sees it: the cell under check is one module file, importing
 * earlier cells' names from the prior module (see prior.ts), which is built from TypeScript's own
 * declaration emit of each committed cell, so inferred types, classes and overloads come out
 * exactly. A re-declared name points to a newer commit, so there is no "Cannot redeclare".
 * Positions in and out are code points of the cell, as Jupyter counts them.
 */
const CHECK_CACHE_SIZE = 64;

export class NotebookTypes {
  private readonly host: NotebookHost;
  private readonly service: ts.LanguageService;
  private readonly cellFile: string;
  private readonly priorFile: string;
  private readonly prior = new PriorModule();
  private commits = 0;
  private current: CellSource | undefined;
  /** Diagnostics of recent cells, valid while the earlier cells' model (the prior text) is unchanged. */
  private readonly checked = new Map<string, CellDiagnostic[]>();
  private checkedPrior = '';

  constructor(opts: NotebookTypesOptions) {
    const cwd = path.resolve(opts.cwd);
    const paths = kernelPaths(opts.tripletPath);
    const globalsFile = path.join(cwd, '__tripletlab_globals.d.ts');
    this.cellFile = path.join(cwd, '__tripletlab_cell.ts');
    this.priorFile = path.join(cwd, PRIOR_SPECIFIER + '.d.ts');
    const options = compilerOptions(paths);
    this.host = new NotebookHost(cwd, paths.root, [globalsFile, this.cellFile], options);
    const seen = { ...paths, tfjs: this.host.toAlias(paths.tfjs), typeRoot: this.host.toAlias(paths.typeRoot) };
    options.typeRoots = [seen.typeRoot];
    this.host.setFile(globalsFile, globalsText(seen));
    this.host.setFile(this.priorFile, this.prior.text());
    this.host.setFile(this.cellFile, 'export {};');
    this.service = ts.createLanguageService(this.host, ts.createDocumentRegistry());
  }

  /** Changes whenever a commit changes what later cells see (the diagnostics of a cell may change). */
  get version(): number {
    return this.commits;
  }

  /** Type errors of `code` as the next cell, positioned in its own lines. */
  check(code: string): CellDiagnostic[] {
    // Re-running a cell whose earlier cells have not changed gives the same diagnostics; each
    // fresh check costs a whole new TypeScript program (~5 ms even for `1 + 1`).
    const prior = this.host.getFileText(this.priorFile) ?? '';
    if (prior !== this.checkedPrior) {
      this.checked.clear();
      this.checkedPrior = prior;
    }
    const known = this.checked.get(code);
    if (known) return known;
    const src = this.load(code);
    const diags = [
      ...this.service.getSyntacticDiagnostics(this.cellFile),
      ...this.service.getSemanticDiagnostics(this.cellFile),
    ];
    const result = toCellDiagnostics(diags, src, (name) => this.prior.kindOf(name));
    if (cacheable(result)) {
      if (this.checked.size >= CHECK_CACHE_SIZE) this.checked.delete(this.checked.keys().next().value as string);
      this.checked.set(code, result);
    }
    return result;
  }

  /** Records a cell that ran: its top-level names shadow earlier ones from now on. */
  commit(code: string): void {
    const src = this.load(code);
    // A cell that declares nothing leaves the model as it was (no emit, no new program).
    if (src.names.length === 0 && !/\bdeclare\s+global\b/.test(code)) {
      this.current = undefined;
      this.retryMissingModules();
      return;
    }
    const emitted = this.service.getEmitOutput(this.cellFile, true, true).outputFiles.find((f) => f.name.endsWith('.d.ts'));
    if (!emitted) return;
    this.prior.add(++this.commits, emitted.text, src.names);
    this.host.setFile(this.priorFile, this.prior.text());
    this.current = undefined;
    this.retryMissingModules();
  }

  /**
   * A cell that ran may have installed a package (`npm install` from a cell declares nothing):
   * imports that failed to resolve from the notebook's folder are looked up again by the next check.
   */
  private retryMissingModules(): void {
    if (this.host.forgetFailedResolutions() > 0) this.host.touch(this.cellFile);
  }

  /** Jupyter completion at `cursorPos` (code points). */
  complete(code: string, cursorPos: number): Completion {
    const src = this.load(code);
    const declared = new Set(src.names.map((n) => n.name));
    return completionAt(this.service, this.cellFile, src, codePointToUtf16(code, cursorPos), this.prior.visibleNames(declared));
  }

  /** Jupyter inspection at `cursorPos` (code points). */
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Inspection {
    const src = this.load(code);
    return inspectionAt(this.service, this.cellFile, src, codePointToUtf16(code, cursorPos), detailLevel, (name) => this.prior.kindOf(name));
  }

  /** How much the notebook model holds: names declared so far and commits still referenced. */
  stats(): { names: number; liveCommits: number; priorChars: number } {
    return { names: this.prior.size, liveCommits: this.prior.liveCommits, priorChars: this.host.getFileText(this.priorFile)?.length ?? 0 };
  }

  private load(code: string): CellSource {
    if (this.current?.code !== code) {
      this.current = buildCellSource(code, (declared) => this.prior.visibleNames(declared));
      this.host.setFile(this.cellFile, this.current.text);
    }
    return this.current;
  }
}
