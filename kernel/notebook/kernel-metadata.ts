/**
 * What a notebook for this kernel records about it (nbformat 4 `metadata.kernelspec` and
 * `metadata.language_info`), so Jupyter clients and GitHub know the cells are TypeScript and
 * which kernel runs them. The editor writes it when its kernel is picked for a notebook.
 */
export function tripletlabNotebookMetadata(): { kernelspec: Record<string, string>; language_info: Record<string, string> } {
  return {
    kernelspec: { name: 'tripletlab', display_name: 'TypeScript (tripletlab)', language: 'typescript' },
    language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
  };
}
