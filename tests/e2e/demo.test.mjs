// End-to-end tests of the demo page (www/): the demo server runs in-process,
// Debian's Chromium (playwright-core) drives the page as a person would, and
// every test fails on a console error or an uncaught page error.
//
//   npm run build && node --test tests/e2e/
//
// Screenshots (desktop 1280×800, phone 390×844) go to test-output/screenshots/.
// With UPDATE_DOC_SCREENSHOTS=1 one of each is also copied to docs/screenshots/
// for the README (`UPDATE_DOC_SCREENSHOTS=1 TEST_ONLY=e2e npm test`); without
// it a test run leaves the tracked images alone, so the tree stays clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { requirePkg, launchBrowser, ensureDirs, SHOTS, DOC_SHOTS, DESKTOP, PHONE } from './helpers.mjs';

let demo;
let chromium;

before(async () => {
  requirePkg(); // "pkg/ is missing ...: run npm run build"
  ensureDirs();
  const { startDemoServer } = await import('../../www/server.mjs');
  demo = await startDemoServer({ port: 0 });
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await demo?.close();
  // the README's pair: the sync dashboard on a desktop, the reply tree on a phone
  if (process.env.UPDATE_DOC_SCREENSHOTS !== '1') return;
  for (const [from, to] of [['desktop-sync.png', 'demo-desktop.png'], ['phone-conversation.png', 'demo-phone.png']]) {
    if (existsSync(path.join(SHOTS, from))) copyFileSync(path.join(SHOTS, from), path.join(DOC_SHOTS, to));
  }
});

// ------------------------------------------------------------------ helpers

async function admin(method, route, body) {
  const res = await fetch(new URL(`mock-admin/${route}`, demo.url), {
    method, headers: body ? { 'content-type': 'application/json' } : undefined, body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  assert.ok(res.ok, `admin ${method} ${route}: ${JSON.stringify(json)}`);
  return json;
}

/** A fresh mailbox, no faults, no auth. */
async function resetMock() {
  await admin('DELETE', 'faults');
  await admin('POST', 'auth', { mode: 'none' });
  await admin('POST', 'reset', {});
}

/**
 * Opens the demo at `hash`. Console errors and page errors are collected; with
 * `expectHttpErrors`, the browser's own "Failed to load resource: 4xx/5xx" lines
 * for EWS requests (the faults and 401s the test provokes on purpose) are allowed,
 * and nothing else.
 */
async function openDemo(t, hash, { viewport = DESKTOP, expectHttpErrors = false } = {}) {
  const page = await chromium.browser.newPage({ viewport });
  const errors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url ?? '';
    if (expectHttpErrors && /^Failed to load resource: the server responded with a status of [45]\d\d\b/.test(m.text())
      && /\/(EWS\/Exchange\.asmx|proxy)$/i.test(new URL(url, demo.url).pathname)) return;
    errors.push(`console.error: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  t.after(async () => {
    await page.close();
    assert.deepEqual(errors, [], 'the page logged errors');
  });
  await page.goto(new URL(hash, demo.url).href);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
  return page;
}

/** Presses a panel's Send (or another action) and waits until the panel has finished. */
async function press(page, panel, action = 'send', timeout = 30_000) {
  const sel = `#panel-${panel}`;
  await page.waitForFunction((s) => !document.querySelector(`${s} [data-action="send"]`).disabled, sel);
  await page.evaluate((s) => { document.querySelector(s).dataset.state = ''; }, sel);
  await page.click(`${sel} [data-action="${action}"]`);
  await page.waitForSelector(`${sel}[data-state="done"], ${sel}[data-state="error"]`, { timeout });
  return page.getAttribute(sel, 'data-state');
}

/** Waits for the live preview to settle (it is debounced). */
async function previewSettled(page, panel) {
  await page.waitForSelector(`#panel-${panel}:not([data-pending])`);
  return page.getAttribute(`#panel-${panel}`, 'data-valid');
}

async function shot(page, name, scrollTo) {
  await page.evaluate((sel) => {
    for (const t of document.querySelectorAll('.toast')) t.remove();
    const el = sel && document.querySelector(sel);
    if (el) el.scrollIntoView({ block: 'start' });
    document.activeElement?.blur?.();
  }, scrollTo);
  await page.waitForTimeout(100);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const texts = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent.trim()));

// ------------------------------------------------------------------ the server

test('the demo server serves the page, the package (with the right MIME types) and the mock', async () => {
  const get = (p, init) => fetch(new URL(p, demo.url), init);
  let res = await get('/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assert.match(res.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.match(await res.text(), /"ews-wasm": "\/pkg\/index\.js"/);
  res = await get('/pkg/ews_wasm_bg.wasm');
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 4).toString('hex'), '0061736d');
  for (const p of ['/pkg/index.js', '/app.js', '/ui.js']) {
    res = await get(p);
    assert.equal(res.status, 200, p);
    assert.match(res.headers.get('content-type'), /^text\/javascript/, p);
  }
  assert.match((await get('/app.css')).headers.get('content-type'), /^text\/css/);
  // no path traversal, no server sources
  for (const p of ['/pkg/../package.json', '/pkg/%2e%2e/Cargo.toml', '/server.mjs', '/mock-exchange/server.mjs']) {
    assert.equal((await get(p)).status, 404, p);
  }
  res = await get('/mock-admin/state');
  assert.equal(res.status, 200);
  assert.equal((await res.json()).owner.emailAddress ?? 'alexw@contoso.com', 'alexw@contoso.com');
  // the proxy insists on an http(s) target
  res = await get('/proxy', { method: 'POST', body: '<x/>', headers: { 'X-Ews-Target': 'file:///etc/passwd' } });
  assert.equal(res.status, 400);
  res = await get('/proxy', { method: 'POST', body: '<x/>', headers: { 'X-Ews-Target': 'http://127.0.0.1:1/EWS/Exchange.asmx' } });
  assert.equal(res.status, 502);
  assert.equal(res.headers.get('x-ews-proxy-error'), '1');
});

// ------------------------------------------------------------------ SyncFolderItems

test('SyncFolderItems: one page, then sync to end (progress 100%), then incremental changes in the log', async (t) => {
  await resetMock();
  const page = await openDemo(t, '#sync');
  const server = await admin('GET', 'folder/inbox/items');

  // one page of 10 (the default MaxChangesReturned): ten creates
  assert.equal(await press(page, 'sync'), 'done');
  assert.deepEqual(await texts(page, '#panel-sync .changelog .chg .chg-kind'), Array(10).fill('Created'));
  assert.equal(await page.textContent('[data-stat="pages"] strong'), '1');
  const state1 = await page.inputValue('#panel-sync [data-path="syncState"]');
  assert.ok(state1.length > 20, 'the SyncState is filled in');
  assert.match(await page.textContent('#panel-sync .preview pre.xml'), /<m:SyncState>/);

  // sync to end: the progress bar reaches 100% and the local copy is the server's folder
  assert.equal(await press(page, 'sync', 'sync-to-end'), 'done');
  assert.equal(await page.getAttribute('#panel-sync .progress', 'data-value'), '100');
  assert.equal(await page.getAttribute('#panel-sync .progress', 'aria-valuenow'), '100');
  assert.equal(await page.textContent('[data-stat="items"] strong'), String(server.count));
  assert.equal(await page.$$eval('#panel-sync .changelog .chg[data-kind="Create"]', (e) => e.length), server.count);
  await page.waitForSelector('#panel-sync .verify[data-ok="true"]');
  assert.match(await page.textContent('#panel-sync .syncstate .badge'), /includesLastItemInRange: true/);

  // the mailbox changes (the page's own mock button), the next sync brings just the changes
  await page.click('[data-mock="busy"]');
  await page.waitForSelector('.toast');
  const before = await page.$$eval('#panel-sync .changelog .chg', (e) => e.length);
  assert.equal(await press(page, 'sync', 'sync-to-end'), 'done');
  const kinds = await page.$$eval('#panel-sync .changelog .chg', (els, n) => els.slice(0, els.length - n).map((e) => e.dataset.kind), before);
  for (const k of ['Create', 'Update', 'Delete']) assert.ok(kinds.includes(k), `a ${k} row in ${kinds}`);
  assert.ok(kinds.includes('Read') || kinds.includes('Unread'), `a read-flag row in ${kinds}`);
  assert.equal(await page.getAttribute('#panel-sync .progress', 'data-value'), '100');
  await page.waitForSelector('#panel-sync .verify[data-ok="true"]');
  const now = await admin('GET', 'folder/inbox/items');
  assert.equal(await page.textContent('[data-stat="items"] strong'), String(now.count));
  // the change log rows carry icons
  assert.ok(await page.$$eval('#panel-sync .chg .chg-icon svg', (e) => e.length) >= kinds.length);
  await shot(page, 'desktop-sync', '#panel-sync .result');

  // the JSON and raw-XML toggles show the last response
  await page.click('#panel-sync .result [data-view="json"]');
  assert.match(await page.textContent('#panel-sync .result pre.json'), /"includesLastItemInRange": true/);
  await page.click('#panel-sync .result [data-view="xml"]');
  assert.match(await page.textContent('#panel-sync .result pre.xml'), /SyncFolderItemsResponse/);
  await page.click('#panel-sync .result [data-view="view"]');
});

test('SyncFolderItems survives injected throttling (503 and ErrorServerBusy) and ends in step with the server', async (t) => {
  await resetMock();
  const page = await openDemo(t, '#sync', { expectHttpErrors: true });
  // the page's Throttle button turns faults on...
  await page.click('[data-mock="throttle"]');
  await page.waitForSelector('.pill[data-faults="on"]');
  // ...and the test makes them quick and bounded through the admin API
  await admin('POST', 'faults', { rate: 0.6, kinds: ['503', 'busy'], retryAfterSeconds: 0, backOffMilliseconds: 50, maxFaults: 4, seed: 7, operations: ['SyncFolderItems'] });
  await page.fill('#panel-sync [data-path="maxChangesReturned"]', '5');
  assert.equal(await press(page, 'sync', 'sync-to-end', 60_000), 'done');
  assert.equal(await page.getAttribute('#panel-sync .progress', 'data-value'), '100');
  await page.waitForSelector('#panel-sync .verify[data-ok="true"]');
  const stats = await admin('GET', 'stats');
  assert.equal(stats.faults.total, 4);
  assert.equal(await page.textContent('[data-stat="retries"] strong'), '4');
  assert.equal(await page.$$eval('#panel-sync .changelog .chg[data-kind="Retry"]', (e) => e.length), 4);
  assert.ok(await page.$$eval('.nettable tr[data-status="503"]', (e) => e.length) >= 1, 'the network log shows a 503');
  assert.match(await page.textContent('#panel-sync .result .badge'), /OK after 4 retries/);
  const server = await admin('GET', 'folder/inbox/items');
  assert.equal(await page.textContent('[data-stat="items"] strong'), String(server.count));
  await shot(page, 'desktop-sync-throttled', '#panel-sync .result');
});

test('SyncFolderItems errors: invalid options inline, a corrupt SyncState as an error panel', async (t) => {
  await resetMock();
  const page = await openDemo(t, '#sync', { expectHttpErrors: true });
  // MaxChangesReturned 0: the builder's EwsError, on the field, before anything is sent
  await page.fill('#panel-sync [data-path="maxChangesReturned"]', '0');
  assert.equal(await previewSettled(page, 'sync'), 'false');
  assert.equal(await page.getAttribute('#panel-sync .preview-error', 'data-code'), 'ERR_INVALID_OPTIONS');
  assert.equal(await page.getAttribute('#panel-sync .preview-error', 'data-path'), 'maxChangesReturned');
  assert.equal(await page.getAttribute('#panel-sync [data-path="maxChangesReturned"]', 'aria-invalid'), 'true');
  assert.ok(await page.isDisabled('#panel-sync [data-action="send"]'));
  await shot(page, 'desktop-sync-invalid', '#panel-sync .op-grid');
  await page.fill('#panel-sync [data-path="maxChangesReturned"]', '10');
  assert.equal(await previewSettled(page, 'sync'), 'true');
  assert.equal(await page.getAttribute('#panel-sync [data-path="maxChangesReturned"]', 'aria-invalid'), null);

  // a SyncState the server does not know: ResponseClass Error → EwsError ERR_RESPONSE
  await page.fill('#panel-sync [data-path="syncState"]', 'AAAA');
  assert.equal(await press(page, 'sync'), 'error');
  assert.equal(await page.getAttribute('#panel-sync .error-panel', 'data-code'), 'ERR_RESPONSE');
  assert.equal(await page.getAttribute('#panel-sync .error-panel', 'data-response-code'), 'ErrorInvalidSyncStateData');
  assert.match(await page.textContent('#panel-sync .error-panel'), /Synchronization state data is corrupt/);
  await page.click('#panel-sync .result [data-view="xml"]');
  assert.match(await page.textContent('#panel-sync .result pre.xml'), /ResponseClass="Error"/);
});

// ------------------------------------------------------------------ GetConversationItems

/** Expected depth of each message (by InternetMessageId) from the admin API's parent links. */
function expectedDepths(detail, ignoredFolders) {
  const items = detail.items.filter((i) => !ignoredFolders.includes(i.folder));
  const byId = new Map(items.map((i) => [i.internetMessageId, i]));
  const depth = (i) => (i.parentInternetMessageId && byId.has(i.parentInternetMessageId) ? 1 + depth(byId.get(i.parentInternetMessageId)) : 0);
  return new Map(items.map((i) => [i.internetMessageId, { depth: depth(i), date: i.dateTimeReceived, parent: byId.has(i.parentInternetMessageId) ? i.parentInternetMessageId : null }]));
}

async function threadRows(page) {
  return page.$$eval('#panel-conversation .thread-node', (els) => els.map((e) => ({ id: e.dataset.messageId, depth: Number(e.dataset.depth) })));
}

/** Siblings (same parent) appear in date order: descending for newest first. */
function assertSiblingOrder(rows, expected, descending) {
  const byParent = new Map();
  for (const r of rows) {
    const key = expected.get(r.id).parent ?? '(root)';
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key).push(expected.get(r.id).date);
  }
  for (const [parent, dates] of byParent) {
    const sorted = [...dates].sort();
    if (descending) sorted.reverse();
    assert.deepEqual(dates, sorted, `children of ${parent} in ${descending ? 'newest' : 'oldest'}-first order`);
  }
}

test('GetConversationItems: the reply tree has the depth of the reply chain, newest or oldest first per SortOrder', async (t) => {
  await resetMock();
  const page = await openDemo(t, '#conversation');
  const convId = await page.inputValue('#panel-conversation [data-path="conversations[0].conversationId.id"]');
  assert.ok(convId, 'a conversation of the mock is picked');
  const detail = await admin('GET', `conversations/${encodeURIComponent(convId)}`);
  const expected = expectedDepths(detail, ['deleteditems']);

  assert.equal(await press(page, 'conversation'), 'done');
  let rows = await threadRows(page);
  assert.equal(rows.length, expected.size);
  for (const r of rows) assert.equal(r.depth, expected.get(r.id).depth, `depth of ${r.id}`);
  assert.ok(Math.max(...rows.map((r) => r.depth)) >= 2, 'a real tree');
  assert.equal(rows[0].depth, 0);
  // pre-order: every reply comes right after its parent's subtree starts
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i].depth <= rows[i - 1].depth + 1, 'tree order');
  assertSiblingOrder(rows, expected, true);
  assert.equal(await page.getAttribute('#panel-conversation .order-chip', 'data-order'), 'TreeOrderDescending');
  assert.match(await page.textContent('#panel-conversation .order-chip'), /Newest first/);
  assert.equal(await page.textContent('#panel-conversation .conv-topic'), detail.topic);
  await shot(page, 'desktop-conversation', '#panel-conversation .result');

  await page.selectOption('#panel-conversation [data-path="sortOrder"]', 'TreeOrderAscending');
  assert.equal(await previewSettled(page, 'conversation'), 'true');
  assert.match(await page.textContent('#panel-conversation .preview pre.xml'), /TreeOrderAscending/);
  assert.equal(await press(page, 'conversation'), 'done');
  rows = await threadRows(page);
  for (const r of rows) assert.equal(r.depth, expected.get(r.id).depth);
  assertSiblingOrder(rows, expected, false);
  assert.match(await page.textContent('#panel-conversation .order-chip'), /Oldest first/);

  // a reply arrives (mock button on the result): it shows up under its parent
  await page.evaluate(() => { document.querySelector('#panel-conversation').dataset.state = ''; });
  await page.click('#panel-conversation .conv-actions button:has-text("New reply arrives")');
  await page.waitForSelector('#panel-conversation[data-state="done"]');
  assert.equal((await threadRows(page)).length, expected.size + 1);
});

test('GetConversationItems errors: an empty id inline, an unknown conversation as ErrorItemNotFound', async (t) => {
  await resetMock();
  const page = await openDemo(t, '#conversation', { expectHttpErrors: true });
  const idField = '#panel-conversation [data-path="conversations[0].conversationId.id"]';
  await page.fill(idField, '');
  assert.equal(await previewSettled(page, 'conversation'), 'false');
  assert.equal(await page.getAttribute('#panel-conversation .preview-error', 'data-code'), 'ERR_INVALID_OPTIONS');
  assert.equal(await page.getAttribute('#panel-conversation .preview-error', 'data-path'), 'conversations[0].conversationId.id');
  assert.equal(await page.getAttribute(idField, 'aria-invalid'), 'true');

  await page.fill(idField, 'AAQkADE3YWFiMzY4LTQ0N2ItNGJmZS1hMGVlLTkwMTY4YjNlOGE0NgAQAAAAAAAAAAAAAAAAAAAAAAA=');
  assert.equal(await press(page, 'conversation'), 'error');
  assert.equal(await page.getAttribute('#panel-conversation .error-panel', 'data-code'), 'ERR_RESPONSE');
  assert.equal(await page.getAttribute('#panel-conversation .error-panel', 'data-response-code'), 'ErrorItemNotFound');
  assert.match(await page.textContent('#panel-conversation .error-panel .error-title'), /ErrorItemNotFound/);
  await shot(page, 'desktop-conversation-error', '#panel-conversation .result');
});

// ------------------------------------------------------------------ GetImItemList

test('GetImItemList: IM groups with their members, personas as cards with names, emails, phones and sources', async (t) => {
  await resetMock();
  const page = await openDemo(t, '#imlist');
  const im = await admin('GET', 'im');
  assert.equal(await press(page, 'imlist'), 'done');
  assert.deepEqual((await texts(page, '#panel-imlist .group-card .g-name')).sort(), im.groups.map((g) => g.displayName).sort());
  assert.deepEqual((await texts(page, '#panel-imlist .persona-card .p-name')).sort(), im.personas.map((p) => p.displayName).sort());
  // members resolved to persona names through the attributions' source ids
  for (const g of im.groups) {
    const members = await texts(page, `#panel-imlist .group-card[data-group="${g.displayName.replace(/"/g, '\\"')}"] .g-members .g-member-name`);
    assert.equal(members.length, g.members.length, g.displayName);
    for (const m of g.members) {
      const p = im.personas.find((x) => x.contactIds.includes(m));
      assert.ok(members.includes(p.displayName), `${p.displayName} in ${g.displayName}`);
    }
  }
  const dan = '#panel-imlist .persona-card[data-name="Dan Park"]';
  assert.deepEqual(await texts(page, `${dan} .src-chip`), ['OOutlook', 'LLync Contacts (read-only)']);
  const card = await page.textContent(dan);
  assert.match(card, /dpark@contoso\.com/);
  assert.match(card, /\+1 425 555 0150/);
  assert.match(card, /Program Manager/);
  await shot(page, 'desktop-imlist', '#panel-imlist .result');
});

test('GetImItemList error: wrong credentials through the proxy are ERR_HTTP 401; right ones work, and stay out of storage', async (t) => {
  await resetMock();
  await admin('POST', 'auth', { mode: 'basic', username: 'alexw@contoso.com', password: 'P@ssw0rd!' });
  t.after(() => admin('POST', 'auth', { mode: 'none' }));
  const page = await openDemo(t, '#imlist', { expectHttpErrors: true });
  await page.click('#connection [data-mode="remote"]');
  const remote = '#connection .remote';
  await page.fill(`${remote} input[type="url"]`, new URL('EWS/Exchange.asmx', demo.url).href);
  await page.selectOption(`${remote} select`, 'basic');
  await page.fill(`${remote} input[placeholder="alexw@contoso.com"]`, 'alexw@contoso.com');
  await page.fill(`${remote} input[type="password"]:visible`, 'wrong password');
  assert.equal(await press(page, 'imlist'), 'error');
  assert.equal(await page.getAttribute('#panel-imlist .error-panel', 'data-code'), 'ERR_HTTP');
  assert.match(await page.textContent('#panel-imlist .error-panel'), /401/);
  assert.match(await page.textContent('.nettable tbody tr'), /proxy/);
  await shot(page, 'desktop-imlist-error', '#panel-imlist .result');

  await page.fill(`${remote} input[type="password"]:visible`, 'P@ssw0rd!');
  assert.equal(await press(page, 'imlist'), 'done');
  assert.ok((await texts(page, '#panel-imlist .persona-card .p-name')).includes('Dan Park'));
  const log = await admin('GET', 'requests?operation=GetImItemList');
  assert.equal(log.requests.at(-1).authScheme, 'Basic');
  assert.equal(log.requests.at(-1).status, 200);
  // credentials are in memory only
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
  assert.equal(await page.evaluate(() => document.cookie), '');
});

// ------------------------------------------------------------------ GetImItems

test('GetImItems: the chosen contacts come back as persona cards, the chosen group with its members', async (t) => {
  await resetMock();
  const page = await openDemo(t, '#imitems');
  const im = await admin('GET', 'im');
  await page.waitForSelector('#panel-imitems .chips .chip');
  const ids = await page.$$eval('#panel-imitems [data-path^="contactIds["][data-path$="].id"]', (els) => els.map((e) => e.value));
  assert.equal(ids.length, 3);
  // add one more persona from the mock's chips
  await page.click(`#panel-imitems .chips .chip:has-text("${im.personas[5].displayName}")`);
  assert.equal(await previewSettled(page, 'imitems'), 'true');
  assert.match(await page.textContent('#panel-imitems .preview pre.xml'), /<m:ContactIds>/);
  assert.equal(await press(page, 'imitems'), 'done');
  const want = [...im.personas.slice(0, 3), im.personas[5]].map((p) => p.displayName).sort();
  assert.deepEqual((await texts(page, '#panel-imitems .persona-card .p-name')).sort(), want);
  const groups = await texts(page, '#panel-imitems .group-card .g-name');
  assert.equal(groups.length, 1);
  const g = im.groups.find((x) => x.displayName === groups[0]);
  assert.equal(await page.$$eval('#panel-imitems .group-card .g-members li', (e) => e.length), g.members.length);
  // the 0x3001 extended property asked for by default comes back on the group
  assert.match(await page.textContent('#panel-imitems .group-card'), /0x3001/);
  await shot(page, 'desktop-imitems', '#panel-imitems .result');
});

test('GetImItems errors: an empty contact id inline, a SOAP fault as ERR_SOAP_FAULT', async (t) => {
  await resetMock();
  const page = await openDemo(t, '#imitems', { expectHttpErrors: true });
  await page.waitForSelector('#panel-imitems [data-path="contactIds[0].id"]');
  const first = '#panel-imitems [data-path="contactIds[0].id"]';
  const saved = await page.inputValue(first);
  await page.fill(first, '');
  assert.equal(await previewSettled(page, 'imitems'), 'false');
  assert.equal(await page.getAttribute('#panel-imitems .preview-error', 'data-code'), 'ERR_INVALID_OPTIONS');
  assert.equal(await page.getAttribute('#panel-imitems .preview-error', 'data-path'), 'contactIds[0].id');
  await page.fill(first, saved);

  await admin('POST', 'faults', { rate: 1, kinds: ['fault500'], operations: ['GetImItems'] });
  assert.equal(await press(page, 'imitems'), 'error');
  assert.equal(await page.getAttribute('#panel-imitems .error-panel', 'data-code'), 'ERR_SOAP_FAULT');
  assert.equal(await page.getAttribute('#panel-imitems .error-panel', 'data-response-code'), 'ErrorInternalServerError');
  assert.match(await page.textContent('#panel-imitems .error-panel'), /faultCode/);
  await page.click('#panel-imitems .result [data-view="json"]');
  assert.match(await page.textContent('#panel-imitems .result pre.json'), /"code": "ERR_SOAP_FAULT"/);
});

// ------------------------------------------------------------------ phone

test('phone (390×844): every panel, sent, fits the screen', async (t) => {
  await resetMock();
  for (const [panel, action] of [['sync', 'sync-to-end'], ['conversation', 'send'], ['imlist', 'send'], ['imitems', 'send']]) {
    const page = await openDemo(t, `#${panel}`, { viewport: PHONE });
    await page.waitForSelector(`#panel-${panel}[data-valid="true"]`);
    assert.equal(await press(page, panel, action), 'done', panel);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${panel}: the page is ${overflow}px wider than the screen`);
    await shot(page, `phone-${panel}`, `#panel-${panel} .result`);
    if (panel === 'sync') await shot(page, 'phone-top', 'body');
  }
});
