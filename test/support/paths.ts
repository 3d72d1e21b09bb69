import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/**
 * Tests run from TypeScript source (under `node -r sucrase/register/ts`) while they are written
 * and from the compiled `out/test` tree in `npm test`; these helpers make paths work in both.
 */
export function repoRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'tripletlab') return dir;
    if (dirname(dir) === dir) throw new Error(`repoRoot: no tripletlab package.json above ${from}`);
  }
}

/** `dir/name` with the extension the calling test file has (`.ts` from source, `.js` compiled). */
export function scriptBeside(dir: string, name: string, callerFile: string): string {
  return join(dir, name + extname(callerFile));
}

/** Node arguments that run `script`: a TypeScript file needs the sucrase require hook. */
export function nodeArgs(script: string): string[] {
  return extname(script) === '.ts' ? ['-r', require.resolve('sucrase/register/ts'), script] : [script];
}
