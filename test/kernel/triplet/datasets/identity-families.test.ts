import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeIdentities, sampleIdentities } from '../../../../kernel/triplet/datasets';

const dist = (a: Float32Array, i: number, j: number, dims: number) => {
  let s = 0;
  for (let k = 0; k < dims; k++) s += (a[i * dims + k] - a[j * dims + k]) ** 2;
  return Math.sqrt(s);
};

test('makeIdentities puts identities of one family closer together than identities of different families', () => {
  const people = makeIdentities({ identities: 200, perFamily: 10, seed: 3 });
  assert.equal(people.identities, 200);
  assert.equal(people.latentDims, 16);
  let within = 0, nWithin = 0, across = 0, nAcross = 0;
  for (let i = 0; i < 200; i++) {
    for (let j = i + 1; j < 200; j++) {
      const d = dist(people.latent, i, j, 16);
      if (people.family[i] === people.family[j]) { within += d; nWithin++; } else { across += d; nAcross++; }
    }
  }
  assert.equal(people.family[9], 0);
  assert.equal(people.family[10], 1);
  assert.ok(within / nWithin < 0.5 * (across / nAcross), `within ${within / nWithin}, across ${across / nAcross}`);
  assert.deepEqual(makeIdentities({ identities: 200, perFamily: 10, seed: 3 }).latent, people.latent);
});

test('sampleIdentities draws perIdentity rows of the chosen identities, labelled by identity', () => {
  const people = makeIdentities({ identities: 50, seed: 1 });
  const s = sampleIdentities(people, { perIdentity: 3, ids: Int32Array.from([4, 7]), nuisanceDims: 2, outDims: 5, seed: 2 });
  assert.equal(s.n, 6);
  assert.equal(s.dims, 5);
  assert.deepEqual(Array.from(s.labels), [4, 4, 4, 7, 7, 7]);
  assert.equal(s.x.length, 30);
  assert.ok(s.x.every(Number.isFinite));
});

test('makeIdentities and sampleIdentities name the bad argument', () => {
  assert.throws(() => makeIdentities({ identities: 0 }), /makeIdentities: argument 'spec.identities' is 0/);
  assert.throws(() => makeIdentities({ identities: 10, perFamily: 2.5 }), /'spec.perFamily' is 2.5/);
  const people = makeIdentities({ identities: 10 });
  assert.throws(() => sampleIdentities(people, { perIdentity: 0 }), /'spec.perIdentity' is 0/);
  assert.throws(() => sampleIdentities(people, { perIdentity: 2, ids: Int32Array.from([3, 10]) }), /'spec.ids' contains 10\. Use identity numbers 0…9/);
});
