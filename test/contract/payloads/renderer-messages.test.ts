import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isExtensionToRendererMessage, isRendererToExtensionMessage } from '../../../contract/payloads';

test('message guards accept the tagged union and reject anything else', () => {
  assert.equal(isRendererToExtensionMessage({ type: 'setMargin', value: 0.3 }), true);
  assert.equal(isRendererToExtensionMessage({ type: 'setMargin', value: 0.3, outputId: 'x' }), true);
  assert.equal(isRendererToExtensionMessage({ type: 'setMargin', value: '0.3' }), false);
  assert.equal(isRendererToExtensionMessage({ type: 'setMargin', value: NaN }), false);
  assert.equal(isRendererToExtensionMessage({ type: 'other', value: 1 }), false);
  assert.equal(isRendererToExtensionMessage(null), false);
  assert.equal(isExtensionToRendererMessage({ type: 'marginApplied', value: 1 }), true);
  assert.equal(isExtensionToRendererMessage({ type: 'setMargin', value: 1 }), false);
});
