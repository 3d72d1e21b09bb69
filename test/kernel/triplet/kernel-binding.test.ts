import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bindToKernel } from '../../../kernel/triplet/kernel-binding';
import { configure, getConfig, miningNames, resetConfig, schedule } from '../../../kernel/triplet/config';
import { activeSession, TripletSession } from '../../../kernel/triplet/session';
import { fakeKernel } from './fake-kernel';

const DEFAULT = { margin: 0.2, mining: 'batch-hard', distance: 'euclidean', softMargin: false, normalize: true, watch: true, miningNames: miningNames() };
let unbind: (() => void) | undefined;
afterEach(() => {
  unbind?.();
  resetConfig();
});

describe('tripletlab.config comm', () => {
  test('open → config; get → config; set → broadcast to every open comm; invalid set → error', () => {
    const k = fakeKernel();
    unbind = bindToKernel(k.kernel).unbind;
    const a = k.openFromFrontend('tripletlab.config');
    const b = k.openFromFrontend('tripletlab.config');
    assert.deepEqual(a.sent, [{ type: 'config', config: DEFAULT }]);
    a.receive({ type: 'get' });
    assert.deepEqual(a.sent[1], { type: 'config', config: DEFAULT });

    a.receive({ type: 'set', config: { margin: 0.35, mining: 'semi-hard' } });
    const expected = { type: 'config', source: 'frontend', config: { ...DEFAULT, margin: 0.35, mining: 'semi-hard' } };
    assert.deepEqual(a.sent.at(-1), expected);
    assert.deepEqual(b.sent.at(-1), expected);
    assert.equal(getConfig().margin, 0.35);

    const before = b.sent.length;
    b.receive({ type: 'set', config: { mining: 'hardest' } });
    assert.equal(b.sent.length, before + 1);
    const err = b.sent.at(-1) as { type: string; message: string };
    assert.equal(err.type, 'error');
    assert.match(err.message, /'mining'.*'hardest'.*'batch-hard'/);
    assert.equal(a.sent.length, 3, 'a rejected set is not broadcast');
    assert.equal(getConfig().mining, 'semi-hard');

    b.receive({ type: 'launch' });
    assert.match((b.sent.at(-1) as { message: string }).message, /unknown message type 'launch'/);
  });

  test('changes made by code reach every open comm with source code; closed comms are dropped', () => {
    const k = fakeKernel();
    unbind = bindToKernel(k.kernel).unbind;
    const a = k.openFromFrontend('tripletlab.config');
    const b = k.openFromFrontend('tripletlab.config');
    b.close();
    configure({ margin: schedule.margin.linear(0.1, 0.3, 10), normalize: false });
    assert.deepEqual(a.sent.at(-1), { type: 'config', source: 'code', config: { ...DEFAULT, margin: 0.1, marginSchedule: 'custom', normalize: false } });
    assert.equal(b.sent.length, 1);
  });

  test('binding twice is one binding', () => {
    const k = fakeKernel();
    const first = bindToKernel(k.kernel);
    unbind = first.unbind;
    assert.equal(bindToKernel(k.kernel), first);
    const a = k.openFromFrontend('tripletlab.config');
    configure({ margin: 0.25 });
    assert.equal(a.sent.length, 2);
  });

  test('an empty mining schedule set through the comm is answered with an error, and get still works', () => {
    const k = fakeKernel();
    unbind = bindToKernel(k.kernel).unbind;
    const a = k.openFromFrontend('tripletlab.config');
    a.receive({ type: 'set', config: { mining: { kind: 'mining-schedule', stages: [] } } });
    const err = a.sent.at(-1) as { type: string; message: string };
    assert.equal(err.type, 'error');
    assert.match(err.message, /tripletlab\.config set: argument 'mining\.stages' is an empty array/);
    a.receive({ type: 'get' });
    assert.deepEqual(a.sent.at(-1), { type: 'config', config: DEFAULT });
  });

  test('the config message carries every mining name the kernel accepts', () => {
    const k = fakeKernel();
    unbind = bindToKernel(k.kernel).unbind;
    const a = k.openFromFrontend('tripletlab.config');
    const names = (a.sent[0] as { config: { miningNames: string[] } }).config.miningNames;
    assert.ok(names.includes('subspace-hard') && names.includes('batch-hard'), names.join());
  });
});

describe('binding a kernel', () => {
  test("the kernel's session is the one the library's functions use while bound; unbinding puts the previous one back", () => {
    const before = activeSession();
    const k = fakeKernel();
    const b = bindToKernel(k.kernel);
    unbind = b.unbind;
    assert.equal(activeSession(), b.session);
    assert.equal(b.session.kernel, k.kernel);
    configure({ margin: 0.4 });
    assert.equal(b.session.config.get().margin, 0.4);
    b.unbind();
    unbind = undefined;
    assert.equal(activeSession(), before);
    assert.equal(getConfig().margin, 0.2, "the kernel's configuration went with its session");
    assert.equal(k.hasTarget('tripletlab.config'), false, 'the comm target is gone');
  });

  test('the config target is there from the start and loads on the first open, before any cell ran', () => {
    const k = fakeKernel();
    unbind = bindToKernel(k.kernel).unbind;
    assert.equal(k.hasTarget('tripletlab.config'), true);
    assert.deepEqual(k.openFromFrontend('tripletlab.config').sent, [{ type: 'config', config: DEFAULT }]);
  });

  test("an interrupt stops the running training of the kernel's session, and nobody else's", () => {
    const k = fakeKernel();
    const b = bindToKernel(k.kernel);
    unbind = b.unbind;
    const mine = b.session.runs.start();
    const elsewhere = new TripletSession().runs.start();
    k.interrupt();
    assert.equal(mine.stopped, true);
    assert.equal(elsewhere.stopped, false);
    mine.end();
    elsewhere.end();
  });

  test('the tensor memory is unknown until TensorFlow.js is loaded, and asking does not load it', () => {
    const k = fakeKernel();
    const b = bindToKernel(k.kernel);
    unbind = b.unbind;
    assert.equal(b.tensorMemory(), undefined);
    const tf = b.tf();
    const t = tf.ones([2, 3]);
    assert.ok((b.tensorMemory()?.numTensors ?? 0) >= 1);
    t.dispose();
  });
});
