import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../kernel/paths';

/** A kernel under test: how to start it and the cells that mean the same thing in its language. */
export interface KernelUnderTest {
  name: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  trivial: string;
  /** A trivial cell whose text differs each time: `1 + i`. */
  trivialDistinct: (i: number) => string;
  declaration: (i: number) => string;
  /** Defines `arr` for the completion test. */
  setup: string;
  complete: string;
  /** Type checking happens on declaration cells (for the report). */
  typeChecks: boolean;
  /** A cell whose output proves the type checker is loaded (tripletlab loads it in the background). */
  warmTypecheck?: { code: string; expect: RegExp };
  missing?: string;
  /** Cells for the editor session (editor-session.ts); absent for a kernel without TypeScript. */
  editor?: EditorCells;
  /** Caps on the cell counts, for a peer that cannot run the full sequence (reported with the results). */
  maxCells?: { total: number; why: string };
}

/** What the editor session types and runs, in the kernel's own dialect of TypeScript. */
export interface EditorCells {
  /** Completed at its end in a fresh session, before any cell; the answer must hold `firstCompleteExpect`. */
  firstComplete: string;
  firstCompleteExpect: string;
  /** Run as the first cell of a fresh session: a type error (TS2322). */
  wrongFirstCell: string;
  /** Declares `emb`, a tfjs tensor. */
  tensorSetup: string;
  /** Completion after `emb.`, a different text for each `i`. */
  tensorComplete: (i: number) => string;
  /** Completion on a call's result (`emb.square().resh`): only a type checker knows it before the call runs. */
  typedComplete: (i: number) => string;
  typedCompleteExpect: string;
}

const root = packageRoot();
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

export function kernelsUnderTest(): KernelUnderTest[] {
  const ts = {
    trivial: '1 + 1',
    trivialDistinct: (i: number) => `1 + ${i}`,
    declaration: (i: number) => `const v${i}: number = ${i};`,
    setup: 'const arr = [1, 2, 3];',
    complete: 'arr.',
  };
  const editor = (tensorSetup: string): EditorCells => ({
    firstComplete: 'console.lo',
    firstCompleteExpect: 'log',
    wrongFirstCell: 'const tc: number = "text";',
    tensorSetup,
    tensorComplete: (i) => `// edit ${i}\nemb.`,
    typedComplete: (i) => `// edit ${i}\nemb.square().resh`,
    typedCompleteExpect: 'reshape',
  });
  // Deno and tslab import tfjs from the kernel's node_modules (the bench runs in the package root); ours has `tf` built in.
  const importTf = "import * as tf from '@tensorflow/tfjs';\n";
  const ipykernel = existsSync('/usr/bin/python3') ? null : 'python3 not found';
  return [
    {
      name: 'tripletlab',
      argv: [process.execPath, join(root, 'out', 'kernel', 'cli', 'main.js'), 'kernel', '--connection-file', '{connection_file}'],
      ...ts,
      typeChecks: true,
      editor: editor('const emb = tf.randomNormal([4, 8]);'),
      warmTypecheck: { code: 'const warmUp: number = "not a number";', expect: /TS2322|not assignable/ },
    },
    {
      name: 'deno',
      argv: [bin('deno'), 'jupyter', '--kernel', '--conn', '{connection_file}'],
      ...ts,
      typeChecks: false,
      editor: editor(importTf + 'const emb = tf.randomNormal([4, 8]);'),
      missing: existsSync(bin('deno')) ? undefined : 'npm package deno not installed',
    },
    {
      name: 'tslab',
      argv: [process.execPath, join(root, 'node_modules', 'tslab', 'bin', 'tslab'), 'kernel', '--config-path', '{connection_file}'],
      ...ts,
      typeChecks: true,
      editor: editor(importTf + 'const emb = tf.randomNormal([4, 8]);'),
      missing: existsSync(join(root, 'node_modules', 'tslab')) ? undefined : 'npm package tslab not installed',
      // Seen here: tslab 1.0.22 stops publishing `status: idle` after ~170 executions in one
      // session, which leaves every later request unanswered by Jupyter's rules.
      maxCells: { total: 150, why: 'tslab 1.0.22 stops publishing status idle after ~170 cells' },
    },
    {
      name: 'ipykernel',
      argv: ['/usr/bin/python3', '-m', 'ipykernel_launcher', '-f', '{connection_file}'],
      trivial: '1 + 1',
      trivialDistinct: (i: number) => `1 + ${i}`,
      declaration: (i: number) => `v${i}: int = ${i}`,
      setup: 'arr = [1, 2, 3]',
      complete: 'arr.',
      typeChecks: false,
      missing: ipykernel ?? undefined,
    },
  ];
}
