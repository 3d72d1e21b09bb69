import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/paths';

interface MenuItem { command: string; group?: string; when?: string }
const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8'));

test('the notebook toolbar offers Interrupt and Restart, with icons, only on notebooks running our kernel', () => {
  // VS Code names a selected kernel `<publisher>.<name>/<controller id>` in the notebookKernel context key.
  const kernelKey = `${manifest.publisher}.${manifest.name}/tripletlab`;
  const toolbar: MenuItem[] = manifest.contributes.menus['notebook/toolbar'] ?? [];
  for (const command of ['tripletlab.interruptKernel', 'tripletlab.restartKernel']) {
    const item = toolbar.find((m) => m.command === command);
    assert.ok(item, `${command} is in the notebook toolbar`);
    assert.match(item.group ?? '', /^navigation/, `${command} shows as a button, not in the overflow menu`);
    assert.ok(item.when?.includes(`notebookKernel == ${kernelKey}`), `${command} shows only for our kernel: ${item.when}`);
    const declared = manifest.contributes.commands.find((c: { command: string }) => c.command === command);
    assert.match(declared?.icon ?? '', /^\$\(.+\)$/, `${command} has a codicon for the toolbar`);
  }
});
