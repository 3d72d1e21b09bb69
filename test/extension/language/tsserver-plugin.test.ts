import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';

interface Plugin {
  create(info: { languageService: Record<string, unknown> }): Record<string, (...args: unknown[]) => unknown>;
  onConfigurationChanged(config: unknown): void;
}

// As tsserver loads it: the installed package, by name, from the extension's node_modules.
const init = require(join(repoRoot(), 'node_modules', 'tripletlab-tsserver-plugin')) as () => Plugin;

function service() {
  const calls: string[] = [];
  const languageService = {
    getQuickInfoAtPosition: (file: string) => (calls.push(`quickinfo ${file}`), { kind: 'var' }),
    getCompletionsAtPosition: (file: string) => (calls.push(`completions ${file}`), { entries: [] }),
    getSemanticDiagnostics: (file: string) => (calls.push(`diagnostics ${file}`), []),
  };
  return { calls, languageService };
}

const cell = (authority: string, path: string, id = 'W0sZmlsZQ==') => `^/vscode-notebook-cell/${authority}${path}#${id}`;

test('the tsserver plugin answers no hover and no completions in cells of notebooks on the kernel, and passes everything else through', () => {
  const plugin = init();
  const { calls, languageService } = service();
  const proxy = plugin.create({ languageService });
  const onKernel = cell('127.0.0.1%3A32891', '/work/space/my%20notebook.ipynb');
  const other = cell('ts-nul-authority', '/work/space/other.ipynb');

  // Before the extension names any notebook, every cell is VS Code's.
  assert.deepEqual(proxy.getQuickInfoAtPosition(onKernel, 3), { kind: 'var' });
  plugin.onConfigurationChanged({ notebooks: ['/work/space/my notebook.ipynb'] });
  assert.equal(proxy.getQuickInfoAtPosition(onKernel, 3), undefined);
  assert.equal(proxy.getCompletionsAtPosition(onKernel, 3, {}), undefined);
  assert.deepEqual(proxy.getSemanticDiagnostics(onKernel), [], 'other requests still reach the service');
  assert.deepEqual(proxy.getQuickInfoAtPosition(other, 3), { kind: 'var' });
  assert.deepEqual(proxy.getQuickInfoAtPosition('/work/space/my notebook.ts', 3), { kind: 'var' }, 'a file beside the notebook is not a cell');
  assert.deepEqual(calls, [`quickinfo ${onKernel}`, `diagnostics ${onKernel}`, `quickinfo ${other}`, 'quickinfo /work/space/my notebook.ts']);

  // The kernel deselected: VS Code's answers again.
  plugin.onConfigurationChanged({ notebooks: [] });
  assert.deepEqual(proxy.getCompletionsAtPosition(onKernel, 3, {}), { entries: [] });
  plugin.onConfigurationChanged(null);
  assert.deepEqual(proxy.getQuickInfoAtPosition(onKernel, 3), { kind: 'var' });
});
