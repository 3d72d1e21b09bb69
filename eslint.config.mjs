// Lint: the runtime boundaries. The kernel runs in plain Node, the renderer in a webview (no Node),
// the contract is shared by both and by the extension, so it may use neither, nor TensorFlow.js.
// `npm run lint` runs this and test/import-cycles.mjs (no import cycles); `npm test` runs both.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), 'node:*'];

/** One zone: neither `import ... from` nor `require()` may name these modules. */
function zone(files, forbidden, why) {
  const paths = forbidden.filter((m) => !m.includes('*')).map((name) => ({ name, message: why }));
  const patterns = forbidden.filter((m) => m.includes('*')).map((group) => ({ group: [group], message: why }));
  const requireNames = forbidden.map((m) => `^${m.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '.*').replace(/\*/g, '[^/]*')}$`);
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths, patterns }],
      'no-restricted-syntax': ['error', {
        selector: `CallExpression[callee.name='require'] > Literal.arguments[value=/${requireNames.join('|').replace(/\//g, '\\/')}/]`,
        message: why,
      }],
    },
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-artifacts/**', '.cache/**'] },
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  zone(['kernel/**/*.ts'], ['vscode', '**/extension/**'],
    'The kernel runs in plain Node (Jupyter clients, `tripletlab run`), never inside VS Code.'),
  zone(['extension/renderer/**/*.ts'], [...nodeBuiltins, 'vscode', '**/kernel/**'],
    'The renderer runs in a webview: no Node built-ins, no vscode API; shared code comes from contract/.'),
  zone(['contract/**/*.ts'], [...nodeBuiltins, 'vscode', '@tensorflow/*', '**/kernel/**', '**/extension/**'],
    'contract/ is shared by the kernel, the extension and the renderer: no Node, no vscode, no TensorFlow.js.'),
);
