// The client scenario table (tests/client-scenarios/*.json) run against the
// JavaScript EwsClient of the BUILT package, with a scripted fetch (or the
// Outlook transport over a scripted mailbox), node:test's fake timers and a
// fixed clock and jitter. The same files run against the Rust client in
// tests/client_scenarios.rs: both clients drive one core, so both must give
// exactly this. Needs `npm run build` first.
//
//   node --test tests/js/client-scenarios.test.mjs

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { installPackage, REPO } from './helpers/package.mjs';

const pkg = await installPackage();
const { EwsClient, EwsError, outlookTransport } = pkg.ews;
after(() => pkg.cleanup());

const DIR = join(REPO, 'tests', 'client-scenarios');
const URL_ = 'https://mail.example.com/EWS/Exchange.asmx';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const encoder = new TextEncoder();

function fixture(name) {
  return readFileSync(join(REPO, 'tests', 'fixtures', name), 'utf8');
}

function bodyOf(a) {
  if (a.body !== undefined) return a.body;
  if (a.fixture === undefined) return '';
  const text = fixture(a.fixture);
  return a.replace ? text.split(a.replace[0]).join(a.replace[1]) : text;
}

/** `expected` is a subset of `actual` (objects: the keys given; arrays: same length, element-wise). */
function subset(expected, actual, path) {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) subset(v, actual[k], `${path}.${k}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${path}: ${expected.length} items expected, got ${JSON.stringify(actual)}`);
    expected.forEach((v, i) => subset(v, actual[i], `${path}[${i}]`));
  } else {
    assert.equal(actual ?? null, expected, `${path}`);
  }
}

/** The operation, SyncStates and conversation ids of a sent envelope. */
function sentSummary(xml) {
  const op = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(xml)?.[1];
  const states = [...xml.matchAll(/<m:SyncState>([^<]*)</g)].map((m) => m[1]).concat([...xml.matchAll(/<t:SyncState>([^<]*)</g)].map((m) => m[1]));
  const ids = [...xml.matchAll(/<t:ConversationId Id="([^"]*)"/g)].map((m) => m[1]);
  return { op, states, ids };
}

/** A Response-like object whose text() throws: the client must read the bytes. */
function response(a) {
  const bytes = encoder.encode(bodyOf(a));
  return {
    status: a.status ?? 200,
    statusText: a.statusText ?? 'OK',
    ok: (a.status ?? 200) < 300,
    headers: new Headers(a.headers ?? {}),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    text: () => {
      throw new Error('text() must not be called: the client reads the bytes');
    },
  };
}

function textsOf(err) {
  const out = [String(err), String(err?.stack), JSON.stringify(err), inspect(err, { depth: 8, showHidden: true })];
  for (let c = err?.cause, i = 0; c !== undefined && c !== null && i < 6; c = c.cause, i++) {
    out.push(String(c), String(c?.stack), JSON.stringify(c) ?? '', inspect(c, { depth: 8, showHidden: true }));
  }
  return out.join('\n');
}

async function runScenario(t, s) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.parse(s.now) });
  const answers = [...s.answers];
  const sent = [];
  const events = [];
  const ctrl = new AbortController();
  const next = () => {
    assert.ok(answers.length > 0, 'the scenario ran out of answers');
    return answers.shift();
  };
  const fakeFetch = (url, init) => {
    sent.push(sentSummary(init.body));
    const a = next();
    if (a.network !== undefined) return Promise.reject(new TypeError(a.network));
    if (a.hang) {
      return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal.reason), { once: true }));
    }
    return Promise.resolve(response(a));
  };
  const mailbox = {
    makeEwsRequestAsync(xml, callback) {
      sent.push(sentSummary(xml));
      const a = next();
      Promise.resolve().then(() => callback({ status: 'succeeded', value: bodyOf(a) }));
    },
  };
  const c = s.client ?? {};
  const client = new EwsClient({
    ...(s.transport === 'outlook' ? { transport: outlookTransport(mailbox) } : { url: URL_, fetch: fakeFetch }),
    auth: c.auth,
    headers: c.headers,
    timeoutMs: c.timeoutMs,
    limits: c.limits,
    retry: { ...(c.retry ?? {}), onRetry: (r) => events.push(r) },
    random: () => s.jitter,
  });
  const call = s.call;
  const callOptions = { signal: ctrl.signal };
  const outcome = {};
  const run = async () => {
    switch (call.method) {
      case 'syncFolderItems':
        outcome.result = await client.syncFolderItems(call.options, callOptions);
        break;
      case 'getConversationItems':
        outcome.result = await client.getConversationItems(call.options, callOptions);
        break;
      case 'getImItems':
        outcome.result = await client.getImItems(call.options, callOptions);
        break;
      case 'getImItemList':
        outcome.result = await client.getImItemList(call.options, callOptions);
        break;
      case 'syncFolderItemsPages': {
        outcome.pages = [];
        const onProgress = (p) => {
          outcome.progress = p;
        };
        for await (const page of client.syncFolderItemsPages(call.options, { ...callOptions, onProgress, onInvalidSyncState: call.restart ? 'restart' : 'throw' })) {
          outcome.pages.push({ syncState: page.syncState, changes: page.changes?.length ?? 0, restarted: page.restarted === true });
        }
        break;
      }
      case 'conversationSync': {
        const sync = client.conversationSync({ syncStates: call.syncStates, onInvalidSyncState: call.restart ? 'restart' : 'throw' });
        try {
          const r = await sync.getConversationItems(call.options, callOptions);
          outcome.result = r;
          outcome.restarted = r.responseMessages.flatMap((m, i) => (m.restarted === true ? [i] : []));
        } finally {
          outcome.syncStates = sync.syncStates;
        }
        break;
      }
      default:
        throw new Error(`unknown method ${call.method}`);
    }
  };
  let settled = false;
  let error;
  const done = run().then(
    () => {
      settled = true;
    },
    (e) => {
      error = e;
      settled = true;
    },
  );
  // Let the client run; when it waits on a timer (a back-off or a timeout), fire the timers,
  // unless the scenario aborts during that wait.
  for (let i = 0; i < 1000 && !settled; i++) {
    await new Promise((r) => setImmediate(r));
    if (settled) break;
    if (s.abortDuringWait !== undefined && events.length >= s.abortDuringWait && !ctrl.signal.aborted) {
      ctrl.abort();
      continue;
    }
    t.mock.timers.runAll();
  }
  await done;
  const expect = s.expect;
  if (error !== undefined) {
    assert.ok(error instanceof EwsError, `not an EwsError: ${error?.stack ?? error}`);
    outcome.error = { ...error, code: error.code, message: error.message };
    const all = textsOf(error);
    for (const secret of expect.secrets ?? []) assert.ok(!all.includes(secret), `secret ${secret} in the error: ${all.slice(0, 400)}`);
    if (expect.messageIncludes) assert.ok(error.message.includes(expect.messageIncludes), error.message);
  }
  for (const r of events) {
    const all = textsOf(r.error);
    for (const secret of expect.secrets ?? []) assert.ok(!all.includes(secret), `secret ${secret} in a retry event`);
  }
  if (expect.outcome.error === undefined && error !== undefined) assert.fail(`unexpected error ${error.code}: ${error.message}`);
  assert.equal(client.stats.requests, expect.requests, 'requests');
  assert.equal(client.stats.retries, expect.retries.length, 'stats.retries');
  subset(expect.retries, events, 'retries');
  if (expect.sent) subset(expect.sent, sent, 'sent');
  subset(expect.outcome, outcome, 'outcome');
}

test(`the scenario table has at least 40 scenarios (${files.length})`, () => {
  assert.ok(files.length >= 40);
});

for (const f of files) {
  const s = JSON.parse(readFileSync(join(DIR, f), 'utf8'));
  test(`${f}: ${s.about}`, (t) => runScenario(t, s));
}

test('a fetch Response whose text() throws is still read (the body goes to the parser as bytes)', async () => {
  // A non-ASCII subject: a UTF-16 round trip would be invisible, so also check the bytes path
  // reads multi-byte UTF-8 right.
  const xml = readFileSync(join(REPO, 'tests', 'fixtures', 'real', 'sfi-o365-15.20.3370-V2018_01_08-no-changes.xml'), 'utf8');
  let textCalls = 0;
  let bufferCalls = 0;
  const fetch = async () => {
    const bytes = encoder.encode(xml);
    return {
      status: 200,
      statusText: 'OK',
      headers: new Headers({ 'Content-Type': 'text/xml; charset=utf-8' }),
      arrayBuffer: async () => {
        bufferCalls++;
        return bytes.buffer;
      },
      text: async () => {
        textCalls++;
        throw new TypeError('text() is not available');
      },
    };
  };
  const client = new EwsClient({ url: URL_, fetch });
  const m = await client.syncFolderItems({ itemShape: { baseShape: 'IdOnly' }, syncFolderId: { distinguishedFolderId: { id: 'inbox' } }, maxChangesReturned: 10 });
  assert.equal(m.responseClass, 'Success');
  assert.equal(m.includesLastItemInRange, true);
  assert.equal(bufferCalls, 1);
  assert.equal(textCalls, 0);
});

test('a transport may answer with a string, bytes or { status, body }; non-ASCII text arrives intact either way', async () => {
  const subject = 'Grüße – 日本語 ✓ 😀';
  const xml = `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><m:SyncFolderItemsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:SyncState>S1</m:SyncState><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange><m:Changes><t:Create><t:Message><t:ItemId Id="a" ChangeKey="k"/><t:Subject>${subject}</t:Subject></t:Message></t:Create></m:Changes></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse></s:Body></s:Envelope>`;
  const bytes = encoder.encode(xml);
  for (const answer of [xml, bytes, bytes.buffer, { status: 200, body: bytes }, { status: 200, body: xml }]) {
    const client = new EwsClient({ transport: async () => answer });
    const m = await client.syncFolderItems({ itemShape: { baseShape: 'IdOnly' }, syncFolderId: { distinguishedFolderId: { id: 'inbox' } }, maxChangesReturned: 10 });
    assert.equal(m.changes[0].item.subject, subject);
  }
});
