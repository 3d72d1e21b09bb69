import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as vm from 'node:vm';
import { insideStringOrComment, mayBindHere, memberAccessAt } from '../../../kernel/exec/member-access';
import { ValueCompleter } from '../../../kernel/exec/value-completions';

const completer = new ValueCompleter();
after(() => completer.dispose());

/** Completes with the cursor at `|` in `text`. */
function complete(text: string) {
  const cursor = text.indexOf('|');
  return completer.complete(text.replace('|', ''), cursor);
}
const matchesOf = (text: string) => complete(text)?.matches;

test('memberAccessAt finds a plain chain of names before the cursor, with the span a completion replaces', () => {
  assert.deepEqual(memberAccessAt('x = emb.da', 10), { chain: 'emb', root: 'emb', prefix: 'da', start: 8, end: 10 });
  assert.deepEqual(memberAccessAt('triplet.losses.', 15), { chain: 'triplet.losses', root: 'triplet', prefix: '', start: 15, end: 15 });
  assert.deepEqual(memberAccessAt('a?.b.cd + 1', 6), { chain: 'a.b', root: 'a', prefix: 'c', start: 5, end: 7 });
  assert.equal(memberAccessAt('$el.', 4)?.chain, '$el');
});

test('memberAccessAt leaves calls, indexing, keywords, numbers and bare names to the type service', () => {
  for (const code of ['f().x.', 'a[0].', 'arr[0].x.', 'this.', 'new.', '1.', 'emb', 'a. b.', '"text".', '`t`.']) {
    assert.equal(memberAccessAt(code, code.length), undefined, code);
  }
});

test('memberAccessAt says nothing inside strings and comments, but does inside a template expression', () => {
  assert.equal(memberAccessAt('"emb.', 5), undefined);
  assert.equal(memberAccessAt('// emb.', 7), undefined);
  assert.equal(memberAccessAt('/* emb.', 7), undefined);
  assert.equal(memberAccessAt('`${emb.', 7)?.chain, 'emb');
  assert.equal(insideStringOrComment('`${ {a: 1}.a } still text', 25), true);
  assert.equal(insideStringOrComment('"a\\"b" + c', 10), false);
  assert.equal(insideStringOrComment('/* done */ x', 12), false);
});

test('a name the cell may bind itself is not answered from the session value', () => {
  for (const before of ['const emb = 1;\n', 'let a, emb;\n', 'import { emb } from "m";\n', 'for (const emb of list) ', '(emb) => ', 'emb => ', '(a, emb: Tensor) => ', 'function f(emb) { ', 'catch (emb) { ']) {
    assert.equal(mayBindHere(before, 'emb'), true, before);
    assert.equal(memberAccessAt(`${before}emb.`, before.length + 4), undefined, before);
  }
  for (const before of ['', 'const y = emb.add(1);\n', 'print(emb);\n', 'const embedding = 1;\n', 'x.emb => ']) {
    assert.equal(mayBindHere(before, 'emb'), false, before);
  }
});

test('the completer lists a live object\'s own and inherited members, filtered by the prefix, without private or shared names first', () => {
  class Base {
    inherited(): number {
      return 1;
    }
  }
  class Point extends Base {
    x = 1;
    _hidden = 2;
    method(): number {
      return this.x;
    }
  }
  (globalThis as Record<string, unknown>).completionPoint = new Point();
  try {
    const all = matchesOf('completionPoint.|')!;
    assert.deepEqual(all.slice(0, 3), ['inherited', 'method', 'x']);
    assert.ok(all.includes('hasOwnProperty'), 'what every object has comes too, after');
    assert.ok(all.indexOf('hasOwnProperty') > all.indexOf('x'));
    assert.ok(!all.includes('_hidden') && !all.includes('constructor'));
    assert.deepEqual(matchesOf('completionPoint._|'), ['_hidden']);
    const r = complete('completionPoint.me|thod()')!;
    assert.deepEqual(r.matches, ['method']);
    assert.deepEqual([r.cursor_start, r.cursor_end], [16, 22], 'the whole name under the cursor is replaced');
    const types = (r.metadata._jupyter_types_experimental as { type: string }[]).map((t) => t.type);
    assert.deepEqual(types, ['function']);
    assert.equal(r.metadata.tripletlab_source, 'values');
  } finally {
    delete (globalThis as Record<string, unknown>).completionPoint;
  }
});

test('the completer reads const and let bindings of earlier scripts, and primitives through their prototype', () => {
  vm.runInThisContext('const completionLabel = "digits"; let completionCount = 3;');
  assert.ok(matchesOf('completionLabel.sl|')!.includes('slice'));
  assert.ok(matchesOf('completionCount.toF|')!.includes('toFixed'));
});

test('a getter that would do something is not run: the type service answers instead', () => {
  let reads = 0;
  const lazy = {};
  Object.defineProperty(lazy, 'heavy', {
    get() {
      reads++;
      return { loaded: true };
    },
  });
  (globalThis as Record<string, unknown>).completionLazy = lazy;
  try {
    assert.equal(complete('completionLazy.heavy.|'), undefined);
    assert.equal(reads, 0);
    assert.deepEqual(matchesOf('completionLazy.he|'), ['heavy'], 'listing the getter itself does not read it');
    assert.equal(reads, 0);
  } finally {
    delete (globalThis as Record<string, unknown>).completionLazy;
  }
});

test('unknown names, null and a getter that never returns give no answer rather than a wrong or late one', () => {
  assert.equal(complete('completionNoSuchName.|'), undefined);
  (globalThis as Record<string, unknown>).completionNothing = null;
  const spinning = {};
  Object.defineProperty(spinning, 'forever', { get: new Function('while (true) {}') as () => unknown });
  (globalThis as Record<string, unknown>).completionSpinning = spinning;
  try {
    assert.equal(complete('completionNothing.|'), undefined);
    assert.equal(complete('completionSpinning.forever.|'), undefined);
  } finally {
    delete (globalThis as Record<string, unknown>).completionNothing;
    delete (globalThis as Record<string, unknown>).completionSpinning;
  }
});

test('a Proxy on the chain gets no answer: its traps could run code on any read', () => {
  let trapped = 0;
  const handler = {
    ownKeys(t: object) {
      trapped++;
      return Reflect.ownKeys(t);
    },
  };
  (globalThis as Record<string, unknown>).completionProxied = { inner: new Proxy({ a: 1 }, handler), behind: Object.create(new Proxy({}, handler)) };
  try {
    assert.equal(complete('completionProxied.inner.|'), undefined);
    assert.equal(complete('completionProxied.behind.|'), undefined);
    assert.equal(trapped, 0);
  } finally {
    delete (globalThis as Record<string, unknown>).completionProxied;
  }
});
