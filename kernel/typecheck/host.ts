import * as path from 'path';
import * as ts from 'typescript';

interface VirtualFile {
  text: string;
  version: number;
  snapshot: ts.IScriptSnapshot;
}

/**
 * Language-service host over a few in-memory files (the cell under check, committed cells'
 * declarations, the globals prelude) and the real disk for everything else. Disk files never
 * change version, so lib, `@types/node` and tfjs SourceFiles are parsed once and kept by the
 * document registry; only an edited in-memory file gets a new version.
 *
 * The kernel's own `node_modules` is shown to TypeScript under another folder name. TypeScript
 * looks up the package.json scope of every file whose path contains `/node_modules/` each time it
 * builds a program (for the module format of node16 resolution, which these options never use);
 * with tfjs's ~600 declaration files that look-up dominated every check. The files, their
 * contents and their resolution are unchanged, only the folder name differs.
 */
export class NotebookHost implements ts.LanguageServiceHost {
  private readonly files = new Map<string, VirtualFile>();
  private readonly diskSnapshots = new Map<string, ts.IScriptSnapshot | undefined>();
  private readonly modules = new Map<string, ts.ResolvedModuleFull | undefined>();
  private readonly typeRefs = new Map<string, ts.ResolvedTypeReferenceDirective | undefined>();
  private readonly fallbackFile: string;
  private readonly realModules: string;
  private readonly aliasModules: string;

  constructor(
    private readonly cwd: string,
    kernelRoot: string,
    private readonly roots: readonly string[],
    private readonly options: ts.CompilerOptions,
  ) {
    this.fallbackFile = path.join(kernelRoot, '__tripletlab_resolve.ts');
    this.realModules = path.join(kernelRoot, 'node_modules');
    this.aliasModules = path.join(kernelRoot, '__tripletlab_modules__');
  }

  /** The path TypeScript sees for a file of the kernel's `node_modules`. */
  toAlias(p: string): string {
    return p.startsWith(this.realModules + path.sep) ? this.aliasModules + p.slice(this.realModules.length) : p;
  }

  private toReal(p: string): string {
    return p === this.aliasModules || p.startsWith(this.aliasModules + path.sep) ? this.realModules + p.slice(this.aliasModules.length) : p;
  }

  setFile(fileName: string, text: string): void {
    const old = this.files.get(fileName);
    if (old && old.text === text) return;
    this.files.set(fileName, { text, version: (old?.version ?? 0) + 1, snapshot: ts.ScriptSnapshot.fromString(text) });
  }

  deleteFile(fileName: string): void {
    this.files.delete(fileName);
  }

  getFileText(fileName: string): string | undefined {
    return this.files.get(fileName)?.text;
  }

  /**
   * Forgets the notebook folder's failed module look-ups, so a package a cell just installed is
   * found. Failures inside libraries (ambient `node:*` modules) stay cached: they never change.
   */
  forgetFailedResolutions(): number {
    const prefix = this.cwd + '\0';
    let forgotten = 0;
    for (const [key, value] of this.modules) {
      if (!value && key.startsWith(prefix)) {
        this.modules.delete(key);
        forgotten++;
      }
    }
    return forgotten;
  }

  /** A new version of an unchanged file, so the next program parses it and resolves its imports again. */
  touch(fileName: string): void {
    const f = this.files.get(fileName);
    if (f) this.files.set(fileName, { text: f.text, version: f.version + 1, snapshot: ts.ScriptSnapshot.fromString(f.text) });
  }

  getScriptFileNames(): string[] {
    return [...this.roots];
  }

  getScriptVersion(fileName: string): string {
    const f = this.files.get(fileName);
    return f ? String(f.version) : '0';
  }

  getScriptSnapshot(fileName: string): ts.IScriptSnapshot | undefined {
    const f = this.files.get(fileName);
    if (f) return f.snapshot;
    if (!this.diskSnapshots.has(fileName)) {
      const text = ts.sys.readFile(this.toReal(fileName));
      this.diskSnapshots.set(fileName, text === undefined ? undefined : ts.ScriptSnapshot.fromString(text));
    }
    return this.diskSnapshots.get(fileName);
  }

  getCurrentDirectory(): string {
    return this.cwd;
  }

  /**
   * As the disk is. Without it TypeScript assumes a case-insensitive disk and lower-cases the path
   * of every file (lib, node and tfjs typings: ~700) each time it builds a program: ~8 % of the
   * samples of a profile of tensor completions here, and two paths differing only in case on
   * Linux would have been taken for one file.
   */
  useCaseSensitiveFileNames(): boolean {
    return ts.sys.useCaseSensitiveFileNames;
  }

  getCompilationSettings(): ts.CompilerOptions {
    return this.options;
  }

  getDefaultLibFileName(options: ts.CompilerOptions): string {
    return this.toAlias(ts.getDefaultLibFilePath(options));
  }

  fileExists(fileName: string): boolean {
    return this.files.has(fileName) || ts.sys.fileExists(this.toReal(fileName));
  }

  readFile(fileName: string): string | undefined {
    return this.files.get(fileName)?.text ?? ts.sys.readFile(this.toReal(fileName));
  }

  directoryExists(dir: string): boolean {
    return dir === this.cwd || ts.sys.directoryExists(this.toReal(dir));
  }

  getDirectories(dir: string): string[] {
    return ts.sys.getDirectories(this.toReal(dir));
  }

  realpath(p: string): string {
    return this.toAlias(ts.sys.realpath ? ts.sys.realpath(this.toReal(p)) : this.toReal(p));
  }

  /**
   * Packages a cell imports resolve from the notebook's folder first, then from the kernel's own
   * `node_modules` (tfjs and friends ship with the kernel). Results are cached per folder and name:
   * the cell file changes on every request and would otherwise repeat the same disk look-ups.
   */
  resolveModuleNameLiterals(
    literals: readonly ts.StringLiteralLike[],
    containingFile: string,
  ): ts.ResolvedModuleWithFailedLookupLocations[] {
    const dir = path.dirname(containingFile);
    return literals.map((lit) => ({ resolvedModule: this.resolveModule(lit.text, containingFile, dir) }));
  }

  resolveTypeReferenceDirectiveReferences<T extends ts.FileReference | string>(
    references: readonly T[],
    containingFile: string,
    redirectedReference: ts.ResolvedProjectReference | undefined,
    options: ts.CompilerOptions,
  ): ts.ResolvedTypeReferenceDirectiveWithFailedLookupLocations[] {
    const dir = path.dirname(containingFile);
    return references.map((ref) => {
      const name = typeof ref === 'string' ? ref : ref.fileName.toLowerCase();
      const key = `${dir}\0${name}`;
      if (!this.typeRefs.has(key)) {
        const r = ts.resolveTypeReferenceDirective(name, containingFile, options, this, redirectedReference).resolvedTypeReferenceDirective;
        this.typeRefs.set(key, r && { ...r, resolvedFileName: r.resolvedFileName && this.toAlias(r.resolvedFileName) });
      }
      return { resolvedTypeReferenceDirective: this.typeRefs.get(key) };
    });
  }

  private resolveModule(name: string, containingFile: string, dir: string): ts.ResolvedModuleFull | undefined {
    const key = `${dir}\0${name}`;
    if (this.modules.has(key)) return this.modules.get(key);
    let resolved = ts.resolveModuleName(name, containingFile, this.options, this).resolvedModule;
    if (!resolved && !ts.isExternalModuleNameRelative(name)) {
      resolved = ts.resolveModuleName(name, this.fallbackFile, this.options, this).resolvedModule;
    }
    const mapped: ts.ResolvedModuleFull | undefined = resolved && {
      resolvedFileName: this.toAlias(resolved.resolvedFileName),
      extension: resolved.extension,
      isExternalLibraryImport: resolved.isExternalLibraryImport,
      packageId: resolved.packageId,
      resolvedUsingTsExtension: resolved.resolvedUsingTsExtension,
    };
    this.modules.set(key, mapped);
    return mapped;
  }
}

