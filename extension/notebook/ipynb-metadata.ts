import { tripletlabNotebookMetadata } from '../../kernel/notebook/kernel-metadata';

/** A notebook's top-level nbformat `metadata` (VS Code's ipynb serializer keeps it under `notebook.metadata.metadata`). */
export type IpynbMetadata = { kernelspec?: { name?: unknown }; language_info?: { name?: unknown }; [key: string]: unknown };

/**
 * The metadata with this kernel's kernelspec and language_info, or undefined when it already
 * has them; every other key (authors, widgets, …) is kept.
 */
export function withTripletlabKernel(metadata: IpynbMetadata | undefined): IpynbMetadata | undefined {
  if (metadata?.kernelspec?.name === 'tripletlab' && metadata?.language_info?.name === 'typescript') return undefined;
  return { ...metadata, ...tripletlabNotebookMetadata() };
}
