// Bundles the notebook renderer into ONE ES module for VS Code's webview (no Node, no network).
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = resolve(root, 'out/renderer/index.js');
await build({
  entryPoints: [resolve(root, 'extension/renderer/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  outfile,
  logLevel: 'warning',
});
console.log(`out/renderer/index.js ${statSync(outfile).size} bytes`);
