'use strict';
/**
 * A tsserver plugin (package.json `typescriptServerPlugins`). VS Code's own TypeScript service
 * sees each notebook cell alone: it knows neither the kernel's globals (`tf`, `triplet`) nor the
 * cells that ran, so its hover on `triplet.fit` adds `any` under the kernel's answer and its
 * completions repeat or contradict the kernel's. In the cells of notebooks that run on the
 * tripletlab kernel, whose type service knows both (extension/language), it answers no hover and
 * no completions. The extension says which notebooks those are through `configurePlugin`:
 * `{ notebooks: [uri path, ...] }` (extension/language/builtin-typescript.ts). Plain JavaScript:
 * tsserver loads it with require().
 */
function init() {
  /** Paths of the notebooks on the kernel, as `vscode.Uri#path`. */
  let notebooks = [];

  /** tsserver names a cell `^/vscode-notebook-cell/<authority>/<notebook path>#<cell>`. */
  function isKernelCell(fileName) {
    if (notebooks.length === 0 || !fileName.includes('vscode-notebook-cell')) return false;
    const hash = fileName.lastIndexOf('#');
    let notebook = hash < 0 ? fileName : fileName.slice(0, hash);
    try {
      notebook = decodeURIComponent(notebook);
    } catch {
      // A path that is not percent-encoded is compared as it is.
    }
    return notebooks.some((path) => notebook.endsWith(path));
  }

  return {
    create(info) {
      const service = info.languageService;
      const proxy = Object.create(null);
      for (const key of Object.keys(service)) {
        const member = service[key];
        proxy[key] = typeof member === 'function' ? member.bind(service) : member;
      }
      proxy.getQuickInfoAtPosition = (fileName, ...rest) => (isKernelCell(fileName) ? undefined : service.getQuickInfoAtPosition(fileName, ...rest));
      proxy.getCompletionsAtPosition = (fileName, ...rest) => (isKernelCell(fileName) ? undefined : service.getCompletionsAtPosition(fileName, ...rest));
      return proxy;
    },
    onConfigurationChanged(config) {
      notebooks = config && Array.isArray(config.notebooks) ? config.notebooks.filter((p) => typeof p === 'string' && p !== '') : [];
    },
  };
}

module.exports = init;
