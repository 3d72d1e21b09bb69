import { test } from 'node:test';
import assert from 'node:assert/strict';
import { svgPanels } from '../../../../kernel/triplet/images';
import { bundleOf } from '../../../../kernel/exec/format-result';

const box = (w: number, h: number, fill: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${fill}"/></svg>`;

/** Every nested panel's x, y, width, height and viewBox, in document order. */
const placed = (svg: string) =>
  [...svg.matchAll(/<svg x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" viewBox="0 0 ([\d.]+) ([\d.]+)">/g)].map((m) => m.slice(1).map(Number));

test('svgPanels lays panels out in rows, scaled to one width, each keeping its aspect ratio', () => {
  const out = svgPanels([box(200, 100, 'red'), box(100, 100, 'green'), box(400, 100, 'blue')], { columns: 2, panelWidth: 100, gap: 10 });
  assert.deepEqual(placed(out.svg), [
    [0, 0, 100, 50, 200, 100],
    [110, 0, 100, 100, 100, 100],
    [0, 110, 100, 25, 400, 100],
  ]);
  assert.deepEqual([out.width, out.height], [210, 135]);
  assert.match(out.svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="210" height="135" viewBox="0 0 210 135"/);
  for (const fill of ['red', 'green', 'blue']) assert.match(out.svg, new RegExp(`fill="${fill}"`), 'the panels are drawn unchanged');
});

test('svgPanels keeps each panel at its own size by default, one row, with captions above', () => {
  const out = svgPanels([{ svg: box(120, 80, 'red'), caption: 'margin 0.2' }, { svg: box(60, 40, 'blue'), caption: 'a < b & c' }]);
  assert.deepEqual(placed(out.svg), [[0, 22, 120, 80, 120, 80], [132, 22, 60, 40, 60, 40]]);
  assert.deepEqual([out.width, out.height], [192, 102]);
  assert.match(out.svg, /<text[^>]*>margin 0.2<\/text>/);
  assert.match(out.svg, /a &lt; b &amp; c/, 'captions are escaped');
});

test('svgPanels shows as one SVG image when it is a cell\'s value', () => {
  const bundle = bundleOf(svgPanels([box(10, 10, 'red')], { title: 'two runs' }))!;
  assert.match(bundle['image/svg+xml'] as string, /^<svg /);
  assert.equal(bundle['text/plain'], '[two runs]');
});

test('svgPanels names what is wrong with its input and how to fix it', () => {
  assert.throws(() => svgPanels([]), /'panels' is empty/);
  assert.throws(() => svgPanels([box(10, 10, 'red'), '<div>no</div>']), /'panels\[1\]' is not an SVG document/);
  assert.throws(() => svgPanels(['<svg viewBox="0 0 10 10"></svg>']), /'panels\[0\]' has no numeric width and height/);
  assert.throws(() => svgPanels([box(10, 10, 'red')], { columns: 0 }), /'options\.columns' is 0/);
  assert.throws(() => svgPanels([box(10, 10, 'red')], { panelWidth: -1 }), /'options\.panelWidth' is -1/);
});
