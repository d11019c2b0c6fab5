// The task pane's error explanations, from the errors ews-wasm really throws
// (pkg-template's outlookTransport and EwsError: plain JS, no build needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlookTransport } from '../../pkg-template/outlook.js';
import { EwsError } from '../../pkg-template/errors.js';
import { explain, FEWER_ITEMS, MAX_ITEMS } from '../../examples/outlook-addin/src/explain.js';

const SYNC = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:SyncFolderItems xmlns:m="x"/></s:Body></s:Envelope>';
const GCI = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:GetConversationItems xmlns:m="x"/></s:Body></s:Envelope>';

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

test('an operation Outlook does not carry: not-supported', async () => {
  const transport = outlookTransport({ makeEwsRequestAsync: () => assert.fail('nothing may be sent') });
  const e = await rejection(transport(SYNC, { operation: 'SyncFolderItems' }));
  assert.equal(e.code, 'ERR_NOT_SUPPORTED');
  assert.equal(explain(e).kind, 'not-supported');
});

test('an Outlook without makeEwsRequestAsync: not-supported', () => {
  let e;
  try {
    outlookTransport({});
  } catch (err) {
    e = err;
  }
  assert.equal(e.code, 'ERR_INVALID_OPTIONS');
  assert.equal(explain(e).kind, 'not-supported');
});

test("Outlook's failed call (the 1 MB limit): too-large, with fewer messages offered once", async () => {
  const transport = outlookTransport({
    makeEwsRequestAsync: (_xml, cb) => cb({ status: 'failed', error: { code: 9020, name: 'GenericResponseError', message: 'too large' } }),
  });
  const e = await rejection(transport(GCI, { operation: 'GetConversationItems' }));
  assert.equal(e.code, 'ERR_NETWORK');
  assert.equal(e.officeErrorCode, 9020);
  const first = explain(e, { maxItems: MAX_ITEMS });
  assert.equal(first.kind, 'too-large');
  assert.equal(first.fewer, true);
  assert.equal(explain(e, { maxItems: FEWER_ITEMS }).fewer, false);
});

test('ErrorServerBusy (fault or message) and HTTP 503/429: throttled, with the server\'s wait', () => {
  const fault = new EwsError('ERR_SOAP_FAULT', 'busy', { responseCode: 'ErrorServerBusy', backOffMilliseconds: 2500 });
  assert.deepEqual([explain(fault).kind, explain(fault).retryAfterMs], ['throttled', 2500]);
  const message = new EwsError('ERR_RESPONSE', 'busy', { responseCode: 'ErrorServerBusy' });
  assert.deepEqual([explain(message).kind, explain(message).retryAfterMs], ['throttled', 60_000]);
  const http = new EwsError('ERR_HTTP', '503', { status: 503, retryAfterMs: 1000 });
  assert.deepEqual([explain(http).kind, explain(http).retryAfterMs], ['throttled', 1000]);
});

test('an Error response message: server, with its response code', () => {
  const e = new EwsError('ERR_RESPONSE', 'x', { responseCode: 'ErrorItemNotFound', messageText: 'The specified object was not found in the store.' });
  const info = explain(e);
  assert.equal(info.kind, 'server');
  assert.ok(info.title.includes('ErrorItemNotFound'));
});

test('anything else: other, with the code', () => {
  const info = explain(new EwsError('ERR_MALFORMED_XML', 'x', { position: 3 }));
  assert.equal(info.kind, 'other');
  assert.ok(info.text.startsWith('ERR_MALFORMED_XML'));
  assert.equal(explain(undefined).kind, 'other');
});
