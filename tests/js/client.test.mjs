// Tests of EwsClient and outlookTransport (pkg-template/client.js, outlook.js)
// through the BUILT package (pkg/, `npm run build`), packed and installed as
// `ews-wasm` by tests/js/helpers/package.mjs, against
// the mock Exchange server (www/mock-exchange/) started in-process on
// 127.0.0.1. Needs `npm run build` first.
//
//   node --test tests/js/client.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createServer } from 'node:net';
import { startMockExchange } from '../../www/mock-exchange/server.mjs';
import { installPackage, REPO as ROOT } from './helpers/package.mjs';

// ---- the built package, installed and imported as `ews-wasm` ------------------------
// (installPackage throws "... run `npm run build` ..." when pkg/ is missing or stale)

const pkg = await installPackage();
const { ews } = pkg;
const { EwsClient, EwsError, outlookTransport } = ews;
if (typeof EwsClient !== 'function' || typeof outlookTransport !== 'function') {
  throw new Error('pkg/ has no EwsClient/outlookTransport export: run npm run build');
}

// ---- helpers ---------------------------------------------------------------------

const SHAPE = { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'message:IsRead' }] };
const inbox = { distinguishedFolderId: { id: 'inbox' } };

async function admin(mock, method, path, json) {
  const res = await fetch(mock.adminUrl + path, {
    method, headers: json ? { 'Content-Type': 'application/json' } : {}, body: json ? JSON.stringify(json) : undefined,
  });
  const body = await res.json();
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Syncs the inbox to the end from `state` with the client's pages, applying
 * every change to `mirror` (id → { changeKey, isRead }). A Create for an id
 * already held, or a change for an id not held, fails the test.
 */
async function syncAll(client, mirror, state, { max = 512, signal, onProgress, initial = false, ...pageOpts } = {}) {
  const progress = [];
  let pages = 0;
  let last;
  for await (const page of client.syncFolderItemsPages(
    { itemShape: SHAPE, syncFolderId: inbox, syncState: state, maxChangesReturned: max },
    { signal, onProgress: (p) => { progress.push(p); onProgress?.(p); }, ...pageOpts },
  )) {
    assert.equal(page.responseClass, 'Success');
    if (page.restarted) mirror.clear();
    for (const c of page.changes) {
      if (c.kind === 'Create' || c.kind === 'Update') {
        const id = c.item.itemId.id;
        if (c.kind === 'Create' && initial) assert.ok(!mirror.has(id), `duplicate Create ${id}`);
        mirror.set(id, { changeKey: c.item.itemId.changeKey, isRead: c.item.isRead });
      } else if (c.kind === 'Delete') {
        assert.ok(mirror.delete(c.itemId.id), `Delete of unknown ${c.itemId.id}`);
      } else if (c.kind === 'ReadFlagChange') {
        const m = mirror.get(c.itemId.id);
        assert.ok(m, `ReadFlagChange of unknown ${c.itemId.id}`);
        m.isRead = c.isRead;
      } else {
        assert.fail(`unexpected change ${JSON.stringify(c)}`);
      }
    }
    pages++;
    last = page;
    assert.ok(pages < 200, 'too many pages');
  }
  assert.equal(last.includesLastItemInRange, true);
  return { state: last.syncState, pages, progress };
}

async function assertMirrorMatches(mock, mirror) {
  const { items } = await admin(mock, 'GET', 'folder/inbox/items');
  const server = new Map(items.map((i) => [i.id, { changeKey: i.changeKey, isRead: i.isRead }]));
  assert.equal(mirror.size, server.size, 'item count');
  for (const [id, s] of server) {
    const m = mirror.get(id);
    assert.ok(m, `missing ${id}`);
    assert.equal(m.changeKey, s.changeKey, `changeKey of ${id}`);
    if (m.isRead !== undefined || s.isRead !== undefined) assert.equal(m.isRead, s.isRead, `isRead of ${id}`);
  }
}

/** Resolves to the rejection of `p` and how long after `t0` it came. */
async function rejection(p, t0 = performance.now()) {
  try {
    await p;
  } catch (e) {
    return { e, ms: performance.now() - t0 };
  }
  assert.fail('expected a rejection');
}

/** Every text form of an error and its causes, for secret scans. */
function textsOf(err) {
  const out = [String(err), String(err?.stack), JSON.stringify(err), inspect(err, { depth: 8, showHidden: true })];
  for (let c = err?.cause, i = 0; c !== undefined && c !== null && i < 6; c = c.cause, i++) {
    out.push(String(c), String(c?.stack), JSON.stringify(c) ?? '', inspect(c, { depth: 8, showHidden: true }));
  }
  return out.join('\n');
}

function assertNoSecrets(err, secrets) {
  const all = textsOf(err);
  for (const s of secrets) assert.ok(!all.includes(s), `secret ${JSON.stringify(s)} leaked in ${err?.code}: ${all.slice(0, 400)}`);
}

const SFI_NO_CHANGES = readFileSync(join(ROOT, 'tests/fixtures/real/sfi-o365-15.20.3370-V2018_01_08-no-changes.xml'), 'utf8');

/** A port on 127.0.0.1 where nothing listens (connections are refused). */
async function closedPort() {
  const srv = createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

let mock;
let deadUrl;
before(async () => {
  deadUrl = `http://127.0.0.1:${await closedPort()}/EWS/Exchange.asmx`;
  mock = await startMockExchange({ port: 0, host: '127.0.0.1', seed: 3, items: 10_000, folder: 'inbox' });
});
after(async () => {
  await mock?.close();
  pkg.cleanup();
});

// ---- sync a whole folder ------------------------------------------------------------

test('syncFolderItemsPages: 10 000 items in pages of 512, then mixed changes, end with the server\'s item set', async () => {
  await admin(mock, 'DELETE', 'faults');
  const client = new EwsClient({ url: mock.ewsUrl });
  const mirror = new Map();
  const t0 = performance.now();
  const first = await syncAll(client, mirror, undefined, { initial: true });
  const fullMs = performance.now() - t0;
  assert.equal(first.pages, 20);
  assert.equal(mirror.size, 10_000);
  await assertMirrorMatches(mock, mirror);
  assert.deepEqual(first.progress.map((p) => p.pages), Array.from({ length: 20 }, (_, i) => i + 1));
  assert.equal(first.progress.at(-1).changes, 10_000);
  assert.equal(first.progress.at(-1).includesLastItemInRange, true);
  assert.equal(first.progress.at(-1).syncState, first.state);
  assert.equal(first.progress.at(-1).retries, 0);

  // Changes between runs, then a sync from the saved SyncState.
  let state = first.state;
  for (const [i, mix] of [{ creates: 300, updates: 400, deletes: 250, reads: 600 }, { creates: 0, updates: 50, deletes: 700, reads: 50 }, { creates: 900, updates: 0, deletes: 0, reads: 0 }].entries()) {
    await admin(mock, 'POST', 'mutate', { folder: 'inbox', seed: 100 + i, ...mix });
    const next = await syncAll(client, mirror, state);
    await assertMirrorMatches(mock, mirror);
    state = next.state;
  }
  // Nothing changed: one page, no changes.
  const idle = await syncAll(client, mirror, state);
  assert.equal(idle.pages, 1);
  assert.equal(idle.progress[0].changes, 0);
  assert.equal(client.stats.retries, 0);
  console.log(`# full sync of 10 000 items: ${Math.round(fullMs)} ms`);
});

test('syncFolderItemsPages through 30% injected faults (503, ErrorServerBusy, dropped connections): nothing lost or duplicated, retries reported', async () => {
  await admin(mock, 'POST', 'reset', { seed: 5, items: 10_000, folder: 'inbox' });
  await admin(mock, 'DELETE', 'stats');
  await admin(mock, 'POST', 'faults', { rate: 0.3, kinds: ['503', 'busy', 'drop'], retryAfterSeconds: 0, backOffMilliseconds: 5, seed: 8 });
  const retries = [];
  const client = new EwsClient({ url: mock.ewsUrl, retry: { maxRetries: 12, baseDelayMs: 5, maxDelayMs: 50, onRetry: (r) => retries.push(r) } });
  try {
    const mirror = new Map();
    const first = await syncAll(client, mirror, undefined, { initial: true });
    assert.equal(mirror.size, 10_000);
    await assertMirrorMatches(mock, mirror);
    let reported = first.progress.at(-1).retries;
    let state = first.state;
    for (const [i, mix] of [{ creates: 200, updates: 300, deletes: 300, reads: 500 }, { creates: 700, updates: 100, deletes: 100, reads: 100 }].entries()) {
      await admin(mock, 'POST', 'mutate', { folder: 'inbox', seed: 200 + i, ...mix });
      const next = await syncAll(client, mirror, state);
      await assertMirrorMatches(mock, mirror);
      reported += next.progress.at(-1).retries;
      state = next.state;
    }
    const stats = await admin(mock, 'GET', 'stats');
    assert.ok(stats.faults.total >= 5, `faults injected: ${JSON.stringify(stats.faults)}`);
    for (const kind of ['503', 'busy500', 'busy200', 'drop']) assert.ok(stats.faults[kind] > 0, `some ${kind} faults: ${JSON.stringify(stats.faults)}`);
    // Every fault cost exactly one retry, and every retry is reported.
    assert.equal(client.stats.retries, stats.faults.total);
    assert.equal(reported, stats.faults.total);
    assert.equal(retries.length, stats.faults.total);
    assert.equal(client.stats.requests, stats.byOperation.SyncFolderItems);
    const codes = new Set(retries.map((r) => r.code));
    assert.deepEqual([...codes].sort(), ['ERR_HTTP', 'ERR_NETWORK', 'ERR_RESPONSE', 'ERR_SOAP_FAULT']);
    for (const r of retries) {
      if (r.code === 'ERR_SOAP_FAULT' || r.code === 'ERR_RESPONSE') assert.equal(r.delayMs, 5, 'BackOffMilliseconds honoured');
      if (r.code === 'ERR_HTTP') assert.equal(r.delayMs, 0, 'Retry-After: 0 honoured');
      assert.ok(r.delayMs <= 50);
    }
    console.log(`# ${stats.faults.total} faults (${JSON.stringify(stats.faults)}), ${client.stats.retries} retries`);
  } finally {
    await admin(mock, 'DELETE', 'faults');
  }
});

// ---- abort and timeout ---------------------------------------------------------------

test('abort and timeout give ERR_ABORTED / ERR_TIMEOUT within 100 ms; timed-out attempts are retried', async () => {
  await admin(mock, 'POST', 'reset', { seed: 3, items: 600, folder: 'inbox' });
  const sfi = { itemShape: SHAPE, syncFolderId: inbox, maxChangesReturned: 10 };
  try {
    // A slow server: abort while the request is in flight.
    await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['delay'], delayMs: 5000 });
    const client = new EwsClient({ url: mock.ewsUrl });
    let ctrl = new AbortController();
    const p1 = client.syncFolderItems(sfi, { signal: ctrl.signal });
    await new Promise((r) => setTimeout(r, 150));
    let t0 = performance.now();
    ctrl.abort();
    const a = await rejection(p1, t0);
    assert.equal(a.e.code, 'ERR_ABORTED');
    assert.ok(a.e instanceof EwsError);
    assert.ok(a.ms < 100, `aborted after ${a.ms} ms`);

    // timeoutMs on the client and per call (no retries: the first timeout is thrown).
    const noRetry = new EwsClient({ url: mock.ewsUrl, retry: { maxRetries: 0 } });
    for (const [c, call] of [[new EwsClient({ url: mock.ewsUrl, timeoutMs: 250, retry: { maxRetries: 0 } }), undefined], [noRetry, { timeoutMs: 250 }]]) {
      t0 = performance.now();
      const t = await rejection(c.syncFolderItems(sfi, call), t0);
      assert.equal(t.e.code, 'ERR_TIMEOUT');
      assert.equal(t.e.timeoutMs, 250);
      assert.ok(t.ms >= 245 && t.ms < 350, `timed out after ${t.ms} ms`);
    }
    // A timed-out attempt is retried (the operations are read-only); ERR_TIMEOUT when the retries run out.
    const events = [];
    const retrying = new EwsClient({ url: mock.ewsUrl, timeoutMs: 200, retry: { maxRetries: 2, baseDelayMs: 10, onRetry: (r) => events.push(r) } });
    t0 = performance.now();
    const r = await rejection(retrying.syncFolderItems(sfi), t0);
    assert.equal(r.e.code, 'ERR_TIMEOUT');
    assert.deepEqual(retrying.stats, { requests: 3, retries: 2 });
    assert.deepEqual(events.map((e) => e.code), ['ERR_TIMEOUT', 'ERR_TIMEOUT']);
    assert.ok(r.ms >= 600 && r.ms < 1000, `gave up after ${r.ms} ms`);
    // ... and a server that answers in time on a later attempt gives the result.
    await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['delay'], delayMs: 5000, maxFaults: 1 });
    const page = await new EwsClient({ url: mock.ewsUrl, timeoutMs: 300, retry: { baseDelayMs: 10 } }).syncFolderItems(sfi);
    assert.equal(page.responseClass, 'Success');
    assert.equal(page.changes.length, 10);

    // Abort during a back-off wait (503 with Retry-After 30 s).
    await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['503'], retryAfterSeconds: 30 });
    ctrl = new AbortController();
    const p2 = client.syncFolderItems(sfi, { signal: ctrl.signal });
    await new Promise((r) => setTimeout(r, 200));
    t0 = performance.now();
    ctrl.abort();
    const b = await rejection(p2, t0);
    assert.equal(b.e.code, 'ERR_ABORTED');
    assert.ok(b.ms < 100, `aborted after ${b.ms} ms`);

    // Abort between pages of syncFolderItemsPages; an aborted signal sends nothing.
    await admin(mock, 'DELETE', 'faults');
    ctrl = new AbortController();
    let pages = 0;
    const c = await rejection((async () => {
      for await (const page of client.syncFolderItemsPages(sfi, { signal: ctrl.signal })) {
        assert.ok(page.changes.length > 0);
        if (++pages === 2) ctrl.abort();
      }
    })());
    assert.equal(c.e.code, 'ERR_ABORTED');
    assert.equal(pages, 2);
    const before = client.stats.requests;
    assert.equal((await rejection(client.getImItemList({}, { signal: ctrl.signal }))).e.code, 'ERR_ABORTED');
    assert.equal(client.stats.requests, before);
  } finally {
    await admin(mock, 'DELETE', 'faults');
  }
});

// ---- auth and headers ------------------------------------------------------------------

test('Bearer, Basic and custom headers reach the server; client-request-id per call', async () => {
  await admin(mock, 'POST', 'reset', { seed: 3, items: 50 });
  await admin(mock, 'DELETE', 'requests');
  try {
    await admin(mock, 'POST', 'auth', { mode: 'bearer', token: 'tok-Secret-123' });
    const bearer = new EwsClient({ url: mock.ewsUrl, auth: { bearer: 'tok-Secret-123' }, headers: { 'X-AnchorMailbox': 'alexw@contoso.com', 'X-Custom': 'yes' } });
    const list = await bearer.getImItemList();
    assert.equal(list.responseClass, 'Success');
    assert.ok(list.imItemList.personas.length > 0);
    await bearer.getImItemList({}, { clientRequestId: 'my-request-1', headers: { 'X-Per-Call': '1' } });

    await admin(mock, 'POST', 'auth', { mode: 'basic', username: 'alexw@contoso.com', password: 'P@ss wörd:1' });
    const basic = new EwsClient({ url: mock.ewsUrl, auth: { basic: { username: 'alexw@contoso.com', password: 'P@ss wörd:1' } } });
    const page = await basic.syncFolderItems({ itemShape: SHAPE, syncFolderId: inbox, maxChangesReturned: 5 });
    assert.equal(page.changes.length, 5);

    const { requests } = await admin(mock, 'GET', 'requests');
    assert.equal(requests.length, 3);
    const [r1, r2, r3] = requests;
    assert.equal(r1.authScheme, 'Bearer');
    assert.equal(r1.xAnchorMailbox, 'alexw@contoso.com');
    assert.equal(r1.headers['x-custom'], 'yes');
    assert.equal(r1.contentType, 'text/xml; charset=utf-8');
    assert.match(r1.clientRequestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(r1.status, 200);
    assert.equal(r2.clientRequestId, 'my-request-1');
    assert.equal(r2.headers['x-per-call'], '1');
    // the mock accepted the UTF-8 Basic credential (it logs the scheme, never the credential)
    assert.equal(r3.authScheme, 'Basic');
    assert.equal(r3.status, 200);
    assert.equal(JSON.stringify(requests).includes('tok-Secret-123'), false);
    assert.notEqual(r1.clientRequestId, r3.clientRequestId);

    // Wrong credentials: ERR_HTTP 401 (the HTML page is not parsed), no retry.
    const wrong = new EwsClient({ url: mock.ewsUrl, auth: { basic: { username: 'alexw@contoso.com', password: 'wrong-Pa55' } } });
    const e = (await rejection(wrong.getImItemList())).e;
    assert.equal(e.code, 'ERR_HTTP');
    assert.equal(e.status, 401);
    assert.equal(wrong.stats.retries, 0);
    assertNoSecrets(e, ['wrong-Pa55', Buffer.from('alexw@contoso.com:wrong-Pa55').toString('base64')]);
  } finally {
    await admin(mock, 'POST', 'auth', { mode: 'none' });
  }
});

test('the constructor header defaults merge under each call\'s header', async () => {
  await admin(mock, 'DELETE', 'requests');
  const client = new EwsClient({
    url: mock.ewsUrl,
    header: { requestServerVersion: 'Exchange2013_SP1', impersonation: { primarySmtpAddress: 'alexw@contoso.com' }, mailboxCulture: 'de-DE' },
  });
  await client.getImItemList({ header: { mailboxCulture: 'en-US' } });
  await client.getImItemList({ header: { requestServerVersion: 'V2018_01_08' } });
  const { requests } = await admin(mock, 'GET', 'requests');
  assert.equal(requests[0].requestServerVersion, 'Exchange2013_SP1');
  assert.equal(requests[0].mailboxCulture, 'en-US');
  assert.match(JSON.stringify(requests[0].impersonation), /alexw@contoso\.com/);
  assert.equal(requests[1].requestServerVersion, 'V2018_01_08');
  assert.equal(requests[1].mailboxCulture, 'de-DE');
});

// ---- error mapping -----------------------------------------------------------------

test('errors: SOAP fault, Error messages, HTTP status, network, invalid options', async () => {
  await admin(mock, 'POST', 'reset', { seed: 3, items: 50 });
  const client = new EwsClient({ url: mock.ewsUrl, retry: { maxRetries: 2, baseDelayMs: 1 } });
  const sfi = { itemShape: SHAPE, syncFolderId: inbox, maxChangesReturned: 5 };
  try {
    // HTTP 500 + Fault that is not ErrorServerBusy: ERR_SOAP_FAULT, not retried.
    await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['fault500'] });
    let e = (await rejection(client.syncFolderItems(sfi))).e;
    assert.equal(e.code, 'ERR_SOAP_FAULT');
    assert.equal(e.responseCode, 'ErrorInternalServerError');
    assert.equal(e.status, 500);
    assert.equal(client.stats.retries, 0);

    // Busy until retries run out: the last error is thrown; 1 + maxRetries attempts.
    await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['busy'], backOffMilliseconds: 3 });
    const r0 = client.stats.requests;
    e = (await rejection(client.syncFolderItems(sfi))).e;
    assert.ok(e.code === 'ERR_SOAP_FAULT' || e.code === 'ERR_RESPONSE', e.code);
    assert.equal(e.responseCode, 'ErrorServerBusy');
    assert.equal(e.backOffMilliseconds, 3);
    assert.equal(client.stats.requests - r0, 3);
    assert.equal(client.stats.retries, 2);

    // 429 with Retry-After, then success.
    await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['429'], retryAfterSeconds: 0, maxFaults: 1 });
    const ok = await client.syncFolderItems(sfi);
    assert.equal(ok.responseClass, 'Success');
    assert.equal(client.stats.retries, 3);
    await admin(mock, 'DELETE', 'faults');

    // An Error message: ERR_RESPONSE carrying the parsed message.
    e = (await rejection(client.syncFolderItems({ ...sfi, syncState: 'not-a-sync-state' }))).e;
    assert.equal(e.code, 'ERR_RESPONSE');
    assert.equal(e.responseCode, 'ErrorInvalidSyncStateData');
    assert.equal(typeof e.messageText, 'string');
    assert.equal(e.response.responseClass, 'Error');
    assert.equal(e.response.responseCode, 'ErrorInvalidSyncStateData');

    // GetConversationItems with one unknown conversation: `response` is the Error message, and the whole response is kept.
    const { conversations } = await admin(mock, 'GET', 'conversations');
    e = (await rejection(client.getConversationItems({
      itemShape: { baseShape: 'IdOnly' },
      conversations: [{ conversationId: { id: conversations[0].conversationId } }, { conversationId: { id: 'AAQkAGNoU3VjaA==' } }],
    }))).e;
    assert.equal(e.code, 'ERR_RESPONSE');
    assert.equal(e.responseCode, 'ErrorItemNotFound');
    assert.equal(e.response.responseClass, 'Error');
    assert.equal(e.response.responseCode, 'ErrorItemNotFound');
    assert.equal(e.fullResponse.responseMessages.length, 2);
    assert.equal(e.fullResponse.responseMessages[0].responseClass, 'Success');
    assert.ok(e.fullResponse.responseMessages[0].conversation.conversationNodes.length > 0);
    assert.equal(e.fullResponse.responseMessages[1], e.response);

    // Nothing listening: ERR_NETWORK after the retries.
    const closed = new EwsClient({ url: deadUrl, retry: { maxRetries: 1, baseDelayMs: 1 } });
    e = (await rejection(closed.getImItemList())).e;
    assert.equal(e.code, 'ERR_NETWORK');
    assert.equal(closed.stats.requests, 2);

    // Parser limits apply to every response.
    const tiny = new EwsClient({ url: mock.ewsUrl, limits: { maxResponseBytes: 200 } });
    e = (await rejection(tiny.getImItemList())).e;
    assert.equal(e.code, 'ERR_LIMIT');
    assert.equal(tiny.stats.retries, 0);

    // Invalid options throw before anything is sent.
    const before = client.stats.requests;
    e = (await rejection(client.syncFolderItems({ ...sfi, maxChangesReturned: 0 }))).e;
    assert.equal(e.code, 'ERR_INVALID_OPTIONS');
    assert.equal(e.path, 'maxChangesReturned');
    assert.throws(() => client.syncFolderItemsPages({ ...sfi, maxChangesReturned: 513 }), { code: 'ERR_INVALID_OPTIONS' });
    assert.throws(() => client.syncFolderItemsPages(sfi, { onInvalidSyncState: 'ignore' }), { code: 'ERR_INVALID_OPTIONS', path: 'onInvalidSyncState' });
    assert.equal(client.stats.requests, before);
    for (const bad of [{}, { url: 'ftp://x/' }, { url: 'not a url' }, { url: mock.ewsUrl, auth: { token: 'x' } }, { url: mock.ewsUrl, retry: { maxRetries: -1 } }, { url: mock.ewsUrl, timeoutMs: 0 }]) {
      assert.throws(() => new EwsClient(bad), { code: 'ERR_INVALID_OPTIONS' }, JSON.stringify(bad));
    }
  } finally {
    await admin(mock, 'DELETE', 'faults');
  }
});

test('credentials never appear in an error, its cause or its stack, a retry event, the client object, or the console', async (t) => {
  const password = 'Sup3r-Secret-Pw';
  const token = 'eyJ-Secret-Token-xyz';
  const secrets = [password, token, Buffer.from(`alexw@contoso.com:${password}`).toString('base64'), encodeURIComponent(password)];
  const errors = [];
  const retryEvents = [];
  const onRetry = (r) => retryEvents.push(r);
  // Whatever the library writes to the console while all this fails (it should write nothing).
  const logged = [];
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    t.mock.method(console, m, (...args) => logged.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' ')));
  }
  // A URL with credentials is refused (and not echoed).
  try {
    new EwsClient({ url: `http://alexw:${password}@127.0.0.1:9/EWS/Exchange.asmx` });
  } catch (e) {
    errors.push(e);
  }
  // fetch failing with a message that holds a URL with user-info and the token.
  for (const auth of [{ bearer: token }, { basic: { username: 'alexw@contoso.com', password } }]) {
    const secret = auth.bearer ? `Bearer ${token}` : `Basic ${secrets[2]} (${password})`;
    const leaky = async () => {
      const cause = new Error(`connect ECONNREFUSED http://alexw:${encodeURIComponent(password)}@mail.example.com/?q=${secret}`);
      cause.code = 'ECONNREFUSED';
      throw new TypeError(`fetch failed for http://alexw:${password}@mail.example.com/EWS/Exchange.asmx (${secret})`, { cause });
    };
    const c = new EwsClient({ url: 'https://mail.example.com/EWS/Exchange.asmx', auth, fetch: leaky, retry: { maxRetries: 1, baseDelayMs: 1, onRetry } });
    errors.push((await rejection(c.getImItemList())).e);
    for (const text of [inspect(c, { depth: 8, showHidden: true }), JSON.stringify(c), String(c), JSON.stringify(c.stats)]) {
      for (const sec of secrets) assert.ok(!text.includes(sec), `the client object shows ${sec}: ${text}`);
    }
    // Real network failure, timeout, abort, 401.
    errors.push((await rejection(new EwsClient({ url: deadUrl, auth, retry: { maxRetries: 0 } }).getImItemList())).e);
    await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['delay'], delayMs: 2000 });
    errors.push((await rejection(new EwsClient({ url: mock.ewsUrl, auth, timeoutMs: 50 }).getImItemList())).e);
    errors.push((await rejection(new EwsClient({ url: mock.ewsUrl, auth }).getImItemList({}, { signal: AbortSignal.timeout(50) }))).e);
    // Failed requests that reached the server: a SOAP fault, a 503 and ErrorServerBusy (message and fault) after their retries.
    for (const kinds of [['fault500'], ['503'], ['busy200'], ['busy500']]) {
      await admin(mock, 'POST', 'faults', { rate: 1, kinds, retryAfterSeconds: 0, backOffMilliseconds: 1 });
      errors.push((await rejection(new EwsClient({ url: mock.ewsUrl, auth, retry: { maxRetries: 2, baseDelayMs: 1, onRetry } }).getImItemList())).e);
    }
    await admin(mock, 'DELETE', 'faults');
    await admin(mock, 'POST', 'auth', { mode: 'bearer', token: 'another-token' });
    errors.push((await rejection(new EwsClient({ url: mock.ewsUrl, auth }).getImItemList())).e);
    await admin(mock, 'POST', 'auth', { mode: 'none' });
  }
  const codes = errors.map((e) => e.code);
  assert.deepEqual(codes, [
    'ERR_INVALID_OPTIONS',
    ...Array(2).fill(['ERR_NETWORK', 'ERR_NETWORK', 'ERR_TIMEOUT', 'ERR_ABORTED', 'ERR_SOAP_FAULT', 'ERR_HTTP', 'ERR_RESPONSE', 'ERR_SOAP_FAULT', 'ERR_HTTP']).flat(),
  ]);
  for (const e of errors) {
    assert.ok(e instanceof EwsError);
    assertNoSecrets(e, secrets);
  }
  // The retry events (network, timeout, 503, ErrorServerBusy) and the errors they carry.
  assert.ok(retryEvents.length >= 10, `${retryEvents.length} retry events`);
  assert.deepEqual([...new Set(retryEvents.map((r) => r.code))].sort(), ['ERR_HTTP', 'ERR_NETWORK', 'ERR_RESPONSE', 'ERR_SOAP_FAULT']);
  for (const r of retryEvents) {
    assertNoSecrets(r.error, secrets);
    const text = inspect(r, { depth: 8, showHidden: true });
    for (const sec of secrets) assert.ok(!text.includes(sec), `retry event shows ${sec}`);
  }
  // The library logged nothing at all (so nothing secret).
  assert.deepEqual(logged, []);
  // The scrubbed message still says what happened.
  assert.match(errors[1].message, /fetch failed for http:\/\/\*\*\*@mail\.example\.com/);
  assert.equal(errors[1].cause.cause.code, 'ECONNREFUSED');
});

// A secret header given for one call (not to the client) is scrubbed like the client's own:
// the core makes the secret set from every header an attempt sends.
test('secret headers of one call are scrubbed from its errors and retry events', async () => {
  const secret = 'per-call-token-5f2c91';
  const events = [];
  const client = new EwsClient({
    transport: async (_xml, ctx) => {
      assert.equal(ctx.headers['X-Api-Token'], secret);
      throw new TypeError(`socket closed while sending X-Api-Token: ${secret}`);
    },
    retry: { maxRetries: 1, baseDelayMs: 1, onRetry: (r) => events.push(r) },
  });
  const e = (await rejection(client.getImItemList({}, { headers: { 'X-Api-Token': secret } }))).e;
  assert.equal(e.code, 'ERR_NETWORK');
  assert.equal(events.length, 1);
  assertNoSecrets(e, [secret]);
  assertNoSecrets(events[0].error, [secret]);
  assert.match(e.message, /X-Api-Token: \*\*\*/);
  // Without the header, the same text is not a secret and is kept.
  const plain = new EwsClient({ transport: async () => { throw new TypeError(`socket closed: ${secret}`); }, retry: { maxRetries: 0 } });
  assert.ok((await rejection(plain.getImItemList())).e.message.includes(secret));
});

// ---- paging rules ---------------------------------------------------------------------

test('ErrorInvalidSyncStateData: ERR_RESPONSE, or a restart from an empty SyncState with onInvalidSyncState: restart', async () => {
  await admin(mock, 'POST', 'reset', { seed: 9, items: 700 });
  const client = new EwsClient({ url: mock.ewsUrl });
  const mirror = new Map();
  const { state } = await syncAll(client, mirror, undefined, { initial: true });
  await admin(mock, 'POST', 'reset', { seed: 10, items: 650 }); // old states become invalid
  const e = (await rejection(syncAll(client, mirror, state))).e;
  assert.equal(e.code, 'ERR_RESPONSE');
  assert.equal(e.responseCode, 'ErrorInvalidSyncStateData');
  const progress = [];
  let restartedPages = 0;
  for await (const page of client.syncFolderItemsPages({ itemShape: SHAPE, syncFolderId: inbox, syncState: state, maxChangesReturned: 512 }, { onInvalidSyncState: 'restart', onProgress: (p) => progress.push(p) })) {
    if (page.restarted) {
      restartedPages++;
      mirror.clear();
    }
    for (const c of page.changes) mirror.set(c.item.itemId.id, { changeKey: c.item.itemId.changeKey, isRead: c.item.isRead });
  }
  assert.equal(restartedPages, 1);
  assert.equal(progress.at(-1).restarts, 1);
  assert.equal(progress.at(-1).pages, 2);
  await assertMirrorMatches(mock, mirror);
});

test('a SyncState that stops advancing throws ERR_SYNC_STALLED; IncludesLastItemInRange on an Error message is not trusted', async () => {
  const stuck = SFI_NO_CHANGES.replace(/<m:SyncState>[^<]*<\/m:SyncState>/, '<m:SyncState>SAME</m:SyncState>').replace(/IncludesLastItemInRange>true</, 'IncludesLastItemInRange>false<');
  assert.notEqual(stuck, SFI_NO_CHANGES);
  const seen = [];
  const client = new EwsClient({ transport: async (xml, ctx) => { seen.push(ctx); return stuck; } });
  const pages = [];
  const e = (await rejection((async () => {
    for await (const p of client.syncFolderItemsPages({ itemShape: SHAPE, syncFolderId: inbox, syncState: 'START', maxChangesReturned: 10 })) pages.push(p);
  })())).e;
  assert.equal(e.code, 'ERR_SYNC_STALLED');
  assert.equal(e.syncState, 'SAME');
  assert.equal(pages.length, 1, 'the first page advanced START → SAME');
  assert.equal(seen.length, 2);
  assert.equal(seen[0].operation, 'SyncFolderItems');
  assert.ok(seen[0].signal instanceof AbortSignal);
  assert.equal(seen[0].headers['Content-Type'], 'text/xml; charset=utf-8');

  // An Error message saying IncludesLastItemInRange true does not end the sync as a success.
  const busyXml = readFileSync(join(ROOT, 'tests/fixtures/real/sfi-o365-15.20.8769-V2018_01_08-error-server-busy.xml'), 'utf8').replace(/ErrorServerBusy/g, 'ErrorMailboxStoreUnavailable');
  const c2 = new EwsClient({ transport: async () => busyXml });
  const e2 = (await rejection((async () => {
    for await (const p of c2.syncFolderItemsPages({ itemShape: SHAPE, syncFolderId: inbox, maxChangesReturned: 10 })) pages.push(p);
  })())).e;
  assert.equal(e2.code, 'ERR_RESPONSE');
  assert.equal(e2.responseCode, 'ErrorMailboxStoreUnavailable');

  // The real server-busy capture is retried after its BackOffMilliseconds (capped at maxDelayMs).
  const realBusy = readFileSync(join(ROOT, 'tests/fixtures/real/sfi-o365-15.20.8769-V2018_01_08-error-server-busy.xml'), 'utf8');
  let n = 0;
  const delays = [];
  const c3 = new EwsClient({ transport: async () => (n++ === 0 ? realBusy : SFI_NO_CHANGES), retry: { maxDelayMs: 20, onRetry: (r) => delays.push(r.delayMs) } });
  const msg = await c3.syncFolderItems({ itemShape: SHAPE, syncFolderId: inbox, maxChangesReturned: 10 });
  assert.equal(msg.responseClass, 'Success');
  assert.deepEqual(delays, [20]);
});

// ---- GetConversationItems with per-conversation SyncState -----------------------------

test('conversationSync remembers each conversation\'s SyncState and sends it next time', async () => {
  await admin(mock, 'POST', 'reset', { seed: 3 });
  const client = new EwsClient({ url: mock.ewsUrl });
  const { conversations } = await admin(mock, 'GET', 'conversations');
  const [a, b] = conversations.filter((c) => c.folders.includes('inbox'));
  const opts = { itemShape: { baseShape: 'IdOnly' }, conversations: [{ conversationId: { id: a.conversationId } }, { conversationId: { id: b.conversationId } }] };
  const sync = client.conversationSync();
  const r1 = await sync.getConversationItems(opts);
  assert.equal(r1.responseMessages.length, 2);
  const nodes1 = r1.responseMessages[0].conversation.conversationNodes.length;
  assert.ok(nodes1 > 0);
  assert.deepEqual(Object.keys(sync.syncStates).sort(), [a.conversationId, b.conversationId].sort());

  // A reply in conversation a: only that node comes back.
  await admin(mock, 'POST', 'items', { folder: 'inbox', conversationId: a.conversationId, subject: 'RE: new reply' });
  const r2 = await sync.getConversationItems(opts);
  assert.equal(r2.responseMessages[0].conversation.conversationNodes.length, 1);
  assert.equal(r2.responseMessages[1].conversation.conversationNodes?.length ?? 0, 0);

  // States survive as plain data.
  const saved = JSON.parse(JSON.stringify(sync.syncStates));
  const again = client.conversationSync({ syncStates: saved });
  const r3 = await again.getConversationItems(opts);
  assert.equal(r3.responseMessages[0].conversation.conversationNodes?.length ?? 0, 0);

  // Invalid states: ERR_RESPONSE, or a restart of that conversation.
  await admin(mock, 'POST', 'reset', { seed: 3 });
  const e = (await rejection(client.conversationSync({ syncStates: saved }).getConversationItems(opts))).e;
  assert.equal(e.code, 'ERR_RESPONSE');
  assert.equal(e.responseCode, 'ErrorInvalidSyncStateData');
  const restarting = client.conversationSync({ syncStates: saved, onInvalidSyncState: 'restart' });
  const r4 = await restarting.getConversationItems(opts);
  assert.equal(r4.responseMessages[0].restarted, true);
  assert.equal(r4.responseMessages[0].conversation.conversationNodes.length, nodes1);
  assert.notEqual(restarting.syncStateOf(a.conversationId), saved[a.conversationId]);
});

// ---- Outlook add-in transport ------------------------------------------------------------

test('outlookTransport sends GetConversationItems through makeEwsRequestAsync and refuses the other three before sending', async () => {
  await admin(mock, 'POST', 'reset', { seed: 3 });
  const calls = [];
  const mailbox = {
    makeEwsRequestAsync(xml, callback, userContext) {
      calls.push({ xml, userContext });
      fetch(mock.ewsUrl, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: xml })
        .then((r) => r.text())
        .then((value) => callback({ status: 'succeeded', value, asyncContext: userContext }), (error) => callback({ status: 'failed', error: { code: 9020, name: 'GenericResponseError', message: String(error) } }));
    },
  };
  const client = new EwsClient({ transport: outlookTransport(mailbox, { userContext: { tag: 1 } }) });
  const { conversations } = await admin(mock, 'GET', 'conversations');
  const r = await client.getConversationItems({ itemShape: { baseShape: 'IdOnly' }, conversations: [{ conversationId: { id: conversations[0].conversationId } }] });
  assert.equal(r.responseMessages[0].responseClass, 'Success');
  assert.ok(r.responseMessages[0].conversation.conversationNodes.length > 0);
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].userContext, { tag: 1 });
  assert.match(calls[0].xml, /^<\?xml version="1\.0" encoding="utf-8"\?>/);

  for (const [name, call] of [
    ['SyncFolderItems', () => client.syncFolderItems({ itemShape: SHAPE, syncFolderId: inbox, maxChangesReturned: 5 })],
    ['SyncFolderItems', async () => { for await (const p of client.syncFolderItemsPages({ itemShape: SHAPE, syncFolderId: inbox, maxChangesReturned: 5 })) assert.fail(p); }],
    ['GetImItems', () => client.getImItems({ contactIds: [{ id: 'AAMk' }] })],
    ['GetImItemList', () => client.getImItemList()],
  ]) {
    const e = (await rejection(call())).e;
    assert.equal(e.code, 'ERR_NOT_SUPPORTED');
    assert.equal(e.operation, name);
  }
  assert.equal(calls.length, 1, 'makeEwsRequestAsync was not called for the refused operations');
  assert.equal(client.stats.retries, 0);

  // Called directly: refused by the envelope too.
  const t = outlookTransport(mailbox);
  const sfiXml = ews.buildSyncFolderItemsRequest({ itemShape: SHAPE, syncFolderId: inbox, maxChangesReturned: 5 });
  assert.equal((await rejection(t(sfiXml))).e.code, 'ERR_NOT_SUPPORTED');
  assert.equal(calls.length, 1);
  assert.equal(t.supports('GetConversationItems'), true);
  assert.equal(t.supports('GetImItemList'), false);

  // Office's async errors become EwsErrors with the Office code kept.
  const failing = { makeEwsRequestAsync: (xml, cb) => setTimeout(() => cb({ status: 'failed', error: { code: 9020, name: 'GenericResponseError', message: 'An internal error has occurred.' } }), 1) };
  const c2 = new EwsClient({ transport: outlookTransport(failing), retry: { maxRetries: 0 } });
  const e = (await rejection(c2.getConversationItems({ itemShape: { baseShape: 'IdOnly' }, conversations: [{ conversationId: { id: 'AAQk' } }] }))).e;
  assert.equal(e.code, 'ERR_NETWORK');
  assert.equal(e.officeErrorCode, 9020);
  assert.equal(e.officeErrorName, 'GenericResponseError');
  assert.throws(() => outlookTransport({}), { code: 'ERR_INVALID_OPTIONS' });

  // Abort while Outlook has not answered.
  const never = { makeEwsRequestAsync() {} };
  const ctrl = new AbortController();
  const p = new EwsClient({ transport: outlookTransport(never) }).getConversationItems({ itemShape: { baseShape: 'IdOnly' }, conversations: [{ conversationId: { id: 'AAQk' } }] }, { signal: ctrl.signal });
  setTimeout(() => ctrl.abort(), 20);
  const t0 = performance.now() + 20;
  const ab = await rejection(p, t0);
  assert.equal(ab.e.code, 'ERR_ABORTED');
  assert.ok(ab.ms < 100, `${ab.ms}`);
});
