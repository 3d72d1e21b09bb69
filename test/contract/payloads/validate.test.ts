import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PayloadError, validateDistancesPayload, validateTrainingPayload, distancesSchema, trainingSchema, projectionSchema } from '../../../contract/payloads';
import { distances, training } from './fixtures';

test('valid payloads pass and come back unchanged', () => {
  const d = distances();
  assert.equal(validateDistancesPayload(d), d);
  const t = training();
  assert.equal(validateTrainingPayload(t), t);
  assert.equal(validateDistancesPayload({ ...d, previous: { binEdges: [0, 1], positive: [3], negative: [4] }, step: 5, title: 't' }).step, 5);
});

const distanceCases: [string, (d: Record<string, unknown>) => unknown, RegExp][] = [
  ['not an object', () => 42, /payload is 42, expected a object/],
  ['null', () => null, /payload is null/],
  ['missing margin', (d) => ({ ...d, margin: undefined }), /payload\.margin is missing/],
  ['wrong version', (d) => ({ ...d, version: 2 }), /payload\.version is 2, expected 1/],
  ['unknown distance', (d) => ({ ...d, distance: 'manhattan' }), /payload\.distance is "manhattan", expected one of/],
  ['NaN mean', (d) => ({ ...d, meanPositive: NaN }), /payload\.meanPositive is NaN, expected a number/],
  ['negative count', (d) => ({ ...d, positive: [1, -1, 0, 0] }), /payload\.positive\[1\] is -1, below the minimum 0/],
  ['count length', (d) => ({ ...d, negative: [1, 2] }), /payload\.negative has 2 counts but binEdges has 4 bins/],
  ['descending edges', (d) => ({ ...d, binEdges: [0, 1, 0.5, 1.5, 2] }), /payload\.binEdges\[2\] is 0\.5, not above/],
  ['auc > 1', (d) => ({ ...d, rocAuc: 1.5 }), /payload\.rocAuc is 1\.5, above the maximum 1/],
  ['triplets missing field', (d) => ({ ...d, triplets: { easy: 1, hard: 2 } }), /payload\.triplets\.semiHard is missing/],
  ['bad previous', (d) => ({ ...d, previous: { binEdges: [0, 1], positive: [1, 2], negative: [1] } }), /payload\.previous\.positive has 2 counts/],
];

for (const [name, mutate, pattern] of distanceCases) {
  test(`validateDistancesPayload rejects: ${name}`, () => {
    assert.throws(() => validateDistancesPayload(mutate(distances() as unknown as Record<string, unknown>)), (e: unknown) => {
      if (!(e instanceof PayloadError)) return false;
      assert.match(e.message, /^validateDistancesPayload: /);
      assert.match(e.message, pattern);
      return true;
    });
  });
}

const trainingCases: [string, (t: Record<string, unknown>) => unknown, RegExp][] = [
  ['status', (t) => ({ ...t, status: 'paused' }), /payload\.status is "paused"/],
  ['loss length', (t) => ({ ...t, loss: [1] }), /payload\.loss has 1 values but lossSteps has 4/],
  ['step beyond total', (t) => ({ ...t, step: 101 }), /payload\.step is 101, beyond totalSteps 100/],
  ['fraction > 1', (t) => ({ ...t, fractions: { easy: 2, semiHard: 0, hard: 0 } }), /payload\.fractions\.easy is 2, above the maximum 1/],
  ['too many loss points', (t) => ({ ...t, loss: new Array(501).fill(1), lossSteps: new Array(501).fill(1) }), /payload\.lossSteps has 501 items, expected at most 500/],
  ['history length', (t) => ({ ...t, fractionHistory: { steps: [1, 2], easy: [1], semiHard: [1, 1], hard: [1, 1] } }), /payload\.fractionHistory\.easy has 1 values/],
  ['config change without a margin', (t) => ({ ...t, config: [{ step: 0, mining: 'hard' }] }), /payload\.config\[0\]/],
  ['config changes out of order', (t) => ({ ...t, config: [{ step: 5, margin: 0.2, mining: 'hard' }, { step: 3, margin: 0.3, mining: 'hard' }] }), /payload\.config\[1\]\.step is 3, before the previous change's step 5/],
];

for (const [name, mutate, pattern] of trainingCases) {
  test(`validateTrainingPayload rejects: ${name}`, () => {
    assert.throws(() => validateTrainingPayload(mutate(training() as unknown as Record<string, unknown>)), pattern);
  });
}

test('schemas are plain JSON (publishable as .schema.json)', () => {
  for (const s of [distancesSchema, projectionSchema, trainingSchema]) {
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
    assert.match(String(s.$id), /^application\/vnd\.tripletlab\.\w+\+json#v1$/);
  }
});
