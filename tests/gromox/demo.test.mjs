// The demo page (www/) in Debian's Chromium, in "Real server" mode: the page's
// EwsClient goes through the demo server's /proxy to the live gromox server,
// and "Sync to end" brings the whole inbox, as FindItem (hand-written, see
// server.mjs) says the server holds it.
//
//   TEST_ONLY=gromox npm test

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { requirePkg, launchBrowser, DESKTOP } from '../e2e/helpers.mjs';
import { URL_, USER, PASSWORD, findItemIds, getItems, kid } from './server.mjs';

let demo;
let chromium;

before(async () => {
  requirePkg();
  const { startDemoServer } = await import('../../www/server.mjs');
  demo = await startDemoServer({ port: 0 });
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await demo?.close();
});

async function press(page, panel, action, timeout = 120_000) {
  const sel = `#panel-${panel}`;
  await page.waitForFunction((s) => !document.querySelector(`${s} [data-action="send"]`).disabled, sel);
  await page.evaluate((s) => { document.querySelector(s).dataset.state = ''; }, sel);
  await page.click(`${sel} [data-action="${action}"]`);
  await page.waitForSelector(`${sel}[data-state="done"], ${sel}[data-state="error"]`, { timeout });
  return page.getAttribute(sel, 'data-state');
}

test('the demo in "Real server" mode syncs the gromox inbox to the end through its proxy', async (t) => {
  const page = await chromium.browser.newPage({ viewport: DESKTOP });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console.error: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const proxied = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname === '/proxy') proxied.push(r.headers()['x-ews-target']); });
  t.after(() => page.close());

  await page.goto(new URL('#sync', demo.url).href);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 });
  await page.click('#connection [data-mode="remote"]');
  const remote = '#connection .remote';
  await page.fill(`${remote} input[type="url"]`, URL_);
  await page.selectOption(`${remote} select`, 'basic');
  await page.fill(`${remote} input[placeholder="alexw@contoso.com"]`, USER);
  await page.fill(`${remote} input[type="password"]:visible`, PASSWORD);
  await page.fill('#panel-sync [data-path="maxChangesReturned"]', '10');
  // gromox's Default shape has no IsRead (docs/servers.md): ask for it, as a
  // user of the page would, so the unread count means something
  await page.click('#panel-sync [data-list-path="itemShape.additionalProperties"] .list-actions button');
  await page.fill('#panel-sync [data-path="itemShape.additionalProperties[0].fieldURI"]', 'message:IsRead');

  const ids = (await findItemIds('inbox')).map((x) => x.id);
  assert.ok(ids.length >= 36, `the inbox has its messages (${ids.length})`);
  assert.equal(await press(page, 'sync', 'sync-to-end'), 'done');
  assert.equal(await page.getAttribute('#panel-sync .progress', 'data-value'), '100');
  assert.match(await page.textContent('#panel-sync .syncstate .badge'), /includesLastItemInRange: true/);
  assert.equal(await page.textContent('[data-stat="items"] strong'), String(ids.length));
  // (gromox may add ReadFlagChanges after the Creates when the sync takes more than one page)
  assert.ok(Number(await page.textContent('[data-stat="pages"] strong')) >= Math.ceil(ids.length / 10));
  assert.equal(await page.$$eval('#panel-sync .changelog .chg[data-kind="Create"]', (e) => e.length), ids.length);
  // the local copy on the page is the server's inbox: the same ids, and the
  // unread count is what GetItem says
  const shown = await page.$$eval('#panel-sync .local-item', (els) => els.map((e) => e.dataset.id));
  assert.deepEqual(shown.sort(), [...ids].sort());
  const server = await getItems(ids, 'Default', ['message:IsRead']);
  const unread = [...server.values()].filter((el) => kid(el, 'IsRead')?.textContent === 'false').length;
  assert.equal(await page.textContent('[data-stat="unread"] strong'), String(unread));
  // every request went through the demo server's proxy to gromox
  assert.ok(proxied.length >= Math.ceil(ids.length / 10));
  assert.ok(proxied.every((target) => target === URL_), 'X-Ews-Target is the gromox URL');
  assert.deepEqual(errors, [], 'the page logged errors');
});
