import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withTripletlabKernel } from '../../../extension/notebook/ipynb-metadata';

test("a new notebook's metadata (Python or none) gets the tripletlab kernelspec and TypeScript language_info", () => {
  for (const before of [undefined, {}, { kernelspec: { name: 'python3' }, language_info: { name: 'python' } }]) {
    const after = withTripletlabKernel(before);
    assert.deepEqual(after?.kernelspec, { name: 'tripletlab', display_name: 'TypeScript (tripletlab)', language: 'typescript' });
    assert.deepEqual(after?.language_info, { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' });
  }
});

test('other metadata is kept, and a notebook that already names the kernel is left alone', () => {
  const after = withTripletlabKernel({ authors: ['A'], kernelspec: { name: 'deno' } });
  assert.deepEqual(after?.authors, ['A']);
  assert.equal(withTripletlabKernel({ kernelspec: { name: 'tripletlab' }, language_info: { name: 'typescript' } }), undefined);
});
