import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { on, off, emit, listenerCount } from '../../../../kernel/triplet/config';

describe('events', () => {
  test('on returns an unsubscribe; off removes; a throwing listener does not stop the others', () => {
    const got: number[] = [];
    const a = (e: { epoch: number }) => got.push(e.epoch);
    const bad = () => {
      throw new Error('listener bug');
    };
    const unsub = on('epoch', a);
    on('epoch', bad);
    const write = process.stderr.write;
    let logged = '';
    process.stderr.write = ((s: string) => ((logged += s), true)) as typeof process.stderr.write;
    try {
      emit('epoch', { epoch: 1, step: 10, loss: 0.5 });
    } finally {
      process.stderr.write = write;
    }
    assert.match(logged, /listener bug/);
    unsub();
    off('epoch', bad);
    emit('epoch', { epoch: 2, step: 20, loss: 0.4 });
    assert.deepEqual(got, [1]);
    assert.equal(listenerCount('epoch'), 0);
  });

  test('an unknown event name is rejected with the valid names', () => {
    assert.throws(() => on('step' as never, () => undefined), /'event'.*"step".*'batch', 'mined', 'epoch', 'config'/);
  });
});
