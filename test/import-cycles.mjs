// Fails when the source import graph has a cycle, type-only imports included (a type-only cycle
// still ties two modules together for a reader and for the next refactoring).
// Usage: node test/import-cycles.mjs   (part of `npm run lint`)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folders = ['contract', 'kernel', 'extension', 'test', 'bench'];

function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'node_modules') out.push(...sources(p)); }
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The .ts file a relative specifier names, or undefined for packages and non-TS files. */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  return undefined;
}

const graph = new Map();
for (const folder of folders) {
  if (!existsSync(join(root, folder))) continue;
  for (const file of sources(join(root, folder))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(file, [...new Set(importedFiles.map((i) => resolveSpecifier(file, i.fileName)).filter(Boolean))]);
  }
}

// Tarjan's strongly connected components; every component of two or more files is a cycle.
let counter = 0;
const index = new Map(), low = new Map(), stack = [], onStack = new Set(), cycles = [];
function visit(v) {
  index.set(v, counter); low.set(v, counter); counter++;
  stack.push(v); onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
    else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do { w = stack.pop(); onStack.delete(w); component.push(w); } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component);
  }
}
for (const v of graph.keys()) if (!index.has(v)) visit(v);

if (cycles.length) {
  console.error(`import cycles (${cycles.length}): each group imports itself through the others`);
  for (const c of cycles) console.error(`  ${c.map((f) => relative(root, f)).sort().join(' <-> ')}`);
  process.exit(1);
}
console.log(`import cycles: none in ${graph.size} files`);
