// The Outlook add-in's task pane, end to end: built with its own build
// (esbuild, examples/outlook-addin/build.mjs), served by its own HTTPS server
// (serve.mjs, development certificates generated offline), run in headless
// Chromium with Microsoft's office-addin-mock standing in for Office.js, its
// makeEwsRequestAsync forwarding to the mock Exchange server, whose
// GetConversationItems answers the pane lays out as a reply tree.
//
//   npm run build && node --test tests/addin/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, SHOTS, requirePkg, launchBrowser, ensureDirs } from '../e2e/helpers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(ROOT, 'target', 'addin-test');

let chromium;
let addin;
let mock;
let officeScript;
let certDir;
let pkg;
let conversationRequest;
let adminServer;
let adminBase;

before(async () => {
  requirePkg();
  const { buildAddin } = await import('../../examples/outlook-addin/build.mjs');
  const { startAddinServer, ensureDevCerts } = await import('../../examples/outlook-addin/serve.mjs');
  const { createMockExchangeHandler } = await import('../../www/mock-exchange/server.mjs');
  ({ conversationRequest } = await import('../../examples/outlook-addin/src/request.js'));
  pkg = await import('../../pkg/node.js');
  const esbuild = await import('esbuild');
  const bundled = await esbuild.build({
    entryPoints: [path.join(HERE, 'office-mock.js')],
    bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent',
    // office-addin-mock needs only the OfficeApp names from office-addin-manifest
    alias: { 'office-addin-manifest': path.join(ROOT, 'node_modules', 'office-addin-manifest', 'lib', 'officeApp.js') },
  });
  officeScript = bundled.outputFiles[0].text;
  certDir = mkdtempSync(path.join(os.tmpdir(), 'ews-addin-certs-'));
  const certs = await ensureDevCerts(certDir);
  mock = createMockExchangeHandler({ seed: 7 });
  const dist = path.join(OUT, 'dist');
  addin = await startAddinServer({ port: 0, host: '127.0.0.1', dist, certs, handler: (req, res) => mock.handle(req, res) });
  await buildAddin({ origin: addin.origin, outDir: dist, minify: false });
  // the same mock over plain HTTP, for the test's own admin calls from Node
  adminServer = http.createServer((req, res) => { if (!mock.handle(req, res)) res.writeHead(404).end(); });
  await new Promise((resolve) => adminServer.listen(0, '127.0.0.1', resolve));
  adminBase = `http://127.0.0.1:${adminServer.address().port}/`;
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await addin?.close();
  await new Promise((resolve) => (adminServer ? adminServer.close(resolve) : resolve()));
  mock?.close();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

async function admin(method, route, body) {
  const res = await fetch(`${adminBase}mock-admin/${route}`, {
    method, headers: body ? { 'content-type': 'application/json' } : undefined, body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  assert.ok(res.ok, `admin ${method} ${route}: ${JSON.stringify(json)}`);
  return json;
}

/** GetConversationItems straight to the mock, parsed with the Node package: what the pane should show. */
async function expectedThread(conversationId, maxItems) {
  const xml = pkg.buildGetConversationItemsRequest(conversationRequest(conversationId, maxItems));
  const res = await fetch(`${adminBase}EWS/Exchange.asmx`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: xml });
  const text = await res.text();
  const parsed = pkg.parseGetConversationItemsResponse(text);
  const rows = [];
  for (const { depth, node } of pkg.conversationThread(parsed.responseMessages[0].conversation)) {
    for (const item of node.items ?? []) {
      if (item.kind !== 'Unknown') rows.push([depth, item.subject ?? '(no subject)', item.itemId?.id ?? '']);
    }
  }
  return { rows, bytes: text.length };
}

/** A conversation with replies, and one of its messages in the inbox (the selected one). */
async function pickConversation() {
  const { conversations } = await admin('GET', 'conversations');
  const sorted = [...conversations].sort((a, b) => b.itemCount - a.itemCount);
  for (const c of sorted) {
    const detail = await admin('GET', `conversations/${encodeURIComponent(c.conversationId)}`);
    const inInbox = detail.items.find((i) => i.folder === 'inbox' && i.parentInternetMessageId);
    if (inInbox) return { conversationId: c.conversationId, item: inInbox, topic: detail.topic };
  }
  throw new Error('the mock mailbox has no conversation with a reply in the inbox');
}

/** Opens the task pane with the Office mock configured by `config`; fails on page errors. */
async function openPane(t, config, { expectHttpErrors = false } = {}) {
  const context = await chromium.browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 360, height: 700 } });
  const errors = [];
  await context.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: officeScript }));
  await context.addInitScript((c) => { window.__officeMockConfig = c; }, { ewsUrl: `${addin.origin}/EWS/Exchange.asmx`, ...config });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // the browser's own line for an EWS answer with an HTTP error status (faults the test asks for)
    if (expectHttpErrors && /^Failed to load resource: the server responded with a status of 5\d\d/.test(m.text())) return;
    if (m.type() === 'error') errors.push(m.text());
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], 'page errors');
  });
  await page.goto(`${addin.origin}/taskpane.html`);
  return page;
}

/** [depth, subject, itemId] of every message the pane shows. */
async function shownThread(page) {
  await page.waitForSelector('.thread, .error', { timeout: 30_000 });
  return page.$$eval('.thread .node', (nodes) => nodes.map((n) => [Number(n.dataset.depth), n.querySelector('.subject').textContent, n.dataset.itemId]));
}

async function reset() {
  await admin('DELETE', 'faults');
  await admin('POST', 'reset', {});
  await admin('DELETE', 'requests');
}

test('shows the selected message\'s conversation as a reply tree', async (t) => {
  await reset();
  const { conversationId, item } = await pickConversation();
  const page = await openPane(t, { item: { itemId: item.id, conversationId, subject: item.subject } });
  const shown = await shownThread(page);
  const expected = await expectedThread(conversationId, 100);
  assert.ok(expected.rows.length >= 2);
  assert.ok(expected.rows.some(([depth]) => depth > 0), 'the conversation has replies');
  assert.deepEqual(shown, expected.rows);
  ensureDirs();
  await page.screenshot({ path: path.join(SHOTS, 'addin-taskpane.png') });
  // the selected message is marked
  assert.equal(await page.$eval('.node[aria-current="true"]', (n) => n.dataset.itemId), item.id);
  const { requests } = await admin('GET', 'requests?operation=GetConversationItems');
  assert.equal(requests.length, 2); // the pane's, then expectedThread's
  assert.equal(requests[0].status, 200);
});

test('retries a throttled Exchange and says so when it keeps refusing', async (t) => {
  await reset();
  const { conversationId, item } = await pickConversation();
  // two ErrorServerBusy faults: the client waits BackOffMilliseconds and retries
  await admin('POST', 'faults', { kinds: ['busy500'], backOffMilliseconds: 20, maxFaults: 2 });
  const page = await openPane(t, { item: { itemId: item.id, conversationId } }, { expectHttpErrors: true });
  const shown = await shownThread(page);
  assert.equal((await admin('GET', 'requests?operation=GetConversationItems')).requests.length, 3);
  await admin('DELETE', 'faults');
  assert.deepEqual(shown, (await expectedThread(conversationId, 100)).rows);

  // always busy: after its retries the pane explains, and offers to try again
  await admin('POST', 'faults', { kinds: ['busy500'], backOffMilliseconds: 20 });
  await admin('DELETE', 'requests');
  await page.evaluate(() => window.__officeMock.selectItem({ ...window.__officeMockConfig.item, itemId: 'other' }));
  await page.waitForSelector('.error[data-kind="throttled"]');
  assert.equal((await admin('GET', 'requests?operation=GetConversationItems')).requests.length, 4); // 1 + 3 retries
  await admin('DELETE', 'faults');
  await page.waitForSelector('#retry:not([disabled])');
  await page.click('#retry');
  await page.waitForSelector('.thread');
  assert.equal((await shownThread(page)).length, shown.length);
});

test('over the 1 MB makeEwsRequestAsync carries: explains and loads fewer messages', async (t) => {
  await reset();
  const { conversationId, item } = await pickConversation();
  // a long conversation: 40 more replies
  await admin('POST', 'items', { folder: 'inbox', count: 40, conversationId });
  const all = await expectedThread(conversationId, 100);
  const fewer = await expectedThread(conversationId, 20);
  assert.equal(fewer.rows.length, 20);
  assert.ok(all.rows.length > 40);
  // Outlook's limit, scaled down to this conversation: the whole of it is over, 20 messages are under
  const limit = Math.floor((all.bytes + fewer.bytes) / 2);
  const page = await openPane(t, { item: { itemId: item.id, conversationId }, sizeLimit: limit });
  await page.waitForSelector('.error[data-kind="too-large"]');
  await page.click('#fewer');
  await page.waitForSelector('.thread');
  const shown = await shownThread(page);
  assert.deepEqual(shown, fewer.rows);
  assert.match(await page.textContent('#status'), /20/);
  // Outlook's refusal is not retried (the same request would be refused again)
  const calls = await page.evaluate(() => window.__officeMock.calls.map((c) => [c.status, /MaxItemsToReturn>(\d+)</.exec(c.request)?.[1]]));
  assert.deepEqual(calls, [['failed', '100'], ['succeeded', '20']]);
});

test('an Outlook without makeEwsRequestAsync gets an explanation, and no request is sent', async (t) => {
  await reset();
  const { conversationId, item } = await pickConversation();
  const page = await openPane(t, { item: { itemId: item.id, conversationId }, ews: false });
  await page.waitForSelector('.error[data-kind="not-supported"]');
  assert.equal((await admin('GET', 'requests')).requests.length, 0);
});

test('a pinned task pane follows the selection', async (t) => {
  await reset();
  const first = await pickConversation();
  const page = await openPane(t, { item: { itemId: first.item.id, conversationId: first.conversationId } });
  await shownThread(page);
  const { conversations } = await admin('GET', 'conversations');
  const other = conversations.find((c) => c.conversationId !== first.conversationId && c.itemCount >= 2);
  const detail = await admin('GET', `conversations/${encodeURIComponent(other.conversationId)}`);
  const expected = await expectedThread(other.conversationId, 100);
  await page.evaluate((sel) => window.__officeMock.selectItem(sel), { itemId: detail.items[0].id, conversationId: other.conversationId });
  await page.waitForFunction((n) => document.querySelectorAll('.thread .node').length === n
    && !document.getElementById('status').textContent.startsWith('Loading'), expected.rows.length);
  assert.deepEqual(await shownThread(page), expected.rows);
});
