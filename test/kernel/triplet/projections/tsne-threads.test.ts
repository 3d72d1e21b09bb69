import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { project, projectAsync, ProjectionAbortedError } from '../../../../kernel/triplet/projections';
import { SpaceTree } from '../../../../kernel/triplet/projections/barnes-hut';
import { nnDescent } from '../../../../kernel/triplet/projections/nn-descent';
import { tsneAffinities } from '../../../../kernel/triplet/projections/tsne-affinities';
import { forcesOnOneThread, forceState } from '../../../../kernel/triplet/projections/tsne-forces';
import { TsneTeam } from '../../../../kernel/triplet/projections/tsne-team';
import { createRandom } from '../../../../kernel/triplet/samplers/random';
import { gaussianClusters } from '../training/clusters';

const D = 12;
const clusters = gaussianClusters(6, 60, D, 0.4, 11);
const data = { x: clusters.x, n: 360, dims: D };

/** Clusters in which every point has a twin 1e-6 away: the tree goes deep. */
function twins(n: number): { x: Float32Array; n: number; dims: number } {
  const base = gaussianClusters(4, n / 8, D, 0.3, 5).x;
  const rnd = createRandom(9);
  const x = new Float32Array(n * D);
  for (let i = 0; i < n / 2; i++) {
    for (let c = 0; c < D; c++) {
      x[2 * i * D + c] = base[i * D + c];
      x[(2 * i + 1) * D + c] = base[i * D + c] + (rnd.next() - 0.5) * 2e-6;
    }
  }
  return { x, n, dims: D };
}

/** Threads of this process, where Linux tells (else undefined). */
function threadCount(): number | undefined {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
  } catch {
    return undefined;
  }
}

describe('t-SNE on several threads', () => {
  for (const dims of [2, 3] as const) {
    test(`${dims}-d: two and three threads draw exactly the one-thread picture, and again for the same seed`, () => {
      const one = project(data, { method: 'tsne', dims, seed: 2, threads: 1 });
      const two = project(data, { method: 'tsne', dims, seed: 2, threads: 2 });
      assert.deepEqual(two.coords, one.coords);
      assert.deepEqual(project(data, { method: 'tsne', dims, seed: 2, threads: 2 }).coords, two.coords);
      assert.deepEqual(project(data, { method: 'tsne', dims, seed: 2, threads: 3 }).coords, one.coords);
    });
  }

  test('near-duplicate points (a deep tree), NN-descent rather than exact neighbours, a warm start: the same picture on one and two threads', () => {
    const x = twins(800);
    const one = project(x, { method: 'tsne', threads: 1, iterations: 120 });
    const two = project(x, { method: 'tsne', threads: 2, iterations: 120 });
    assert.deepEqual(two.coords, one.coords);
    const warmOne = project(x, { method: 'tsne', threads: 1, previous: one });
    const warmTwo = project(x, { method: 'tsne', threads: 2, previous: two });
    assert.equal(warmTwo.warm, true);
    assert.deepEqual(warmTwo.coords, warmOne.coords);
  });

  test('NN-descent measuring its candidates on helper threads finds exactly the one-thread lists', () => {
    const x = gaussianClusters(5, 300, D, 0.5, 3).x;
    const team = new TsneTeam(2);
    try {
      for (const options of [{ maxCandidates: 12, iterations: 3 }, { seed: 4 }]) {
        const alone = nnDescent(x, 1500, D, 30, options);
        const shared = nnDescent(x, 1500, D, 30, { ...options, measure: team.measure });
        assert.deepEqual(shared.indices, alone.indices);
        assert.deepEqual(shared.distances, alone.distances);
      }
    } finally {
      team.close();
    }
  });

  test('a helper reads the tree after it grew new arrays: forces, attraction and Z equal the one-thread pass', () => {
    const n = 300;
    const rnd = createRandom(4);
    const spread = Float32Array.from({ length: 2 * n }, () => (rnd.next() - 0.5) * 40);
    // Pairs of points 1e-9 apart: each pair splits the tree down to its depth limit.
    const clumped = Float32Array.from(spread, (v, c) => (Math.floor(c / 2) % 2 ? spread[c - 2] + 1e-9 : v));
    const P = tsneAffinities(nnDescent(data.x.subarray(0, n * D), n, D, 30), n, 10);
    const team = new TsneTeam(1);
    try {
      const shared = forceState(spread, n, 2, 0.25, P, true);
      const alone = forceState(spread, n, 2, 0.25, P, false);
      team.share(shared);
      const sharedTree = new SpaceTree(2, true);
      const aloneTree = new SpaceTree(2);
      let first: Int32Array | undefined;
      for (const y of [spread, clumped]) {
        shared.y.set(y);
        alone.y.set(y);
        assert.equal(team.forces(shared, sharedTree), forcesOnOneThread(alone, aloneTree));
        first ??= sharedTree.view().child;
        assert.deepEqual(shared.repulse, alone.repulse);
        assert.deepEqual(shared.attract, alone.attract);
      }
      assert.notEqual(sharedTree.view().child, first, 'the clumped points should have grown the tree');
    } finally {
      team.close();
    }
  });

  test('projectAsync with two threads draws the one-thread picture', async () => {
    const r = await projectAsync(data, { method: 'tsne', threads: 2 });
    assert.deepEqual(r.coords, project(data, { method: 'tsne', threads: 1 }).coords);
  });

  test('stopping from onProgress ends the helpers and returns the layout so far', () => {
    let calls = 0;
    const r = project(data, { method: 'tsne', threads: 2, iterations: 100_000, onProgress: () => ++calls < 3 });
    assert.equal(r.complete, false);
    assert.equal(calls, 3);
  });

  test('an interrupt during a two-thread projectAsync rejects at once and ends its threads', async () => {
    const before = threadCount();
    const stop = new AbortController();
    await assert.rejects(
      projectAsync(data, { method: 'tsne', threads: 2, iterations: 100_000, signal: stop.signal, onProgress: () => stop.abort() }),
      (e: unknown) => e instanceof ProjectionAbortedError,
    );
    if (before === undefined) return;
    // The layout worker and its helper exit shortly after (terminate is asynchronous).
    for (let wait = 0; wait < 100 && threadCount()! > before; wait++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(threadCount()! <= before, `${threadCount()} threads, ${before} before`);
  });

  test('threads must be a whole number from 1 to 8', () => {
    for (const threads of [0, 1.5, 9, NaN]) {
      assert.throws(() => project(data, { method: 'tsne', threads }), new RegExp(`'options.threads' is ${threads}. Use an integer from 1 to 8`));
    }
  });
});
