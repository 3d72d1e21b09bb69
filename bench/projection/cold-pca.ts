/**
 * The first PCA of a fresh process (bench/projection runs it as a child): what a user's first
 * projection costs before the JIT has compiled PCA's loops. Reads the n × dims float32 file named
 * by argv and prints the first call's milliseconds. TensorFlow.js is loaded and its backend ready
 * first, as in a kernel whose model produced the embeddings: loading it is not PCA's cost.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ready } from '../../kernel/triplet/backend';
import { project } from '../../kernel/triplet/projections';

const [file, n, dims] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const bytes = readFileSync(file);
const x = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
void ready().then(() => {
  const t0 = performance.now();
  project({ x, n, dims });
  console.log((performance.now() - t0).toFixed(1));
});
