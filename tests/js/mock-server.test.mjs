// Tests of the mock Exchange server (www/mock-exchange/): real HTTP requests
// against an in-process server on 127.0.0.1, hand-written SOAP requests in
// the shape of Microsoft's reference examples (http:// namespaces), and every
// SOAP response body checked with ../shared/schemas/validate (xmllint).
//
//   node --test tests/js/mock-server.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockExchange, createMockExchangeHandler } from '../../www/mock-exchange/server.mjs';
import { parseXml, child, children } from '../../www/mock-exchange/xml.mjs';
import { raw, corsGrants } from './helpers/http.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VALIDATE = process.env.EWS_VALIDATE || join(ROOT, '..', 'shared', 'schemas', 'validate');
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';

// ---- helpers ---------------------------------------------------------------------

const outDir = mkdtempSync(join(tmpdir(), 'mock-exchange-test-'));
const saved = { soap: [], fault: [] };
let savedCount = 0;

function envelope(body, { version = 'Exchange2013', header = '' } = {}) {
  const rsv = version === null ? '' : `<t:RequestServerVersion Version="${version}"/>`;
  return '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:m="${M}" xmlns:t="${T}" ` +
    'xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\n' +
    `  <soap:Header>${rsv}${header}</soap:Header>\n  <soap:Body>\n${body}\n  </soap:Body>\n</soap:Envelope>\n`;
}

/** Finds descendants by local-name path, e.g. find(doc, 'Body', 'SyncFolderItemsResponse'). */
function find(node, ...path) {
  let cur = node;
  for (const p of path) { cur = child(cur, p); if (!cur) return undefined; }
  return cur;
}
function all(node, name) {
  const out = [];
  const walk = (n) => { for (const c of n.children) { if (c.name === name) out.push(c); walk(c); } };
  if (node) walk(node);
  return out;
}
const text = (n) => (n ? n.text : undefined);

/** POSTs a SOAP request; saves the response body for validation; returns { status, headers, body, doc }. */
async function ews(mock, xml, { label = 'response', headers = {} } = {}) {
  const res = await fetch(mock.ewsUrl, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8', ...headers }, body: xml });
  const body = await res.text();
  let doc;
  if (/^text\/xml/.test(res.headers.get('content-type') || '')) {
    doc = parseXml(body);
    const isFault = !!find(doc, 'Body', 'Fault');
    const file = join(outDir, `${String(++savedCount).padStart(3, '0')}-${label}.xml`);
    writeFileSync(file, body);
    saved[isFault ? 'fault' : 'soap'].push(file);
  }
  return { status: res.status, headers: res.headers, body, doc };
}

async function admin(mock, method, path, json) {
  const res = await fetch(mock.adminUrl + path, {
    method, headers: json ? { 'Content-Type': 'application/json' } : {}, body: json ? JSON.stringify(json) : undefined,
  });
  return { status: res.status, json: await res.json() };
}

const sfiRequest = ({ folder = 'inbox', folderId, state, max = 512, shape = 'IdOnly', additional = [], additionalXml = '', ignore = [], scope } = {}) => envelope(`
    <m:SyncFolderItems>
      <m:ItemShape><t:BaseShape>${shape}</t:BaseShape>${additional.length || additionalXml ? `<t:AdditionalProperties>${additional.map((f) => `<t:FieldURI FieldURI="${f}"/>`).join('')}${additionalXml}</t:AdditionalProperties>` : ''}</m:ItemShape>
      <m:SyncFolderId>${folderId ? `<t:FolderId Id="${folderId}"/>` : `<t:DistinguishedFolderId Id="${folder}"/>`}</m:SyncFolderId>
      ${state !== undefined ? `<m:SyncState>${state}</m:SyncState>` : ''}
      ${ignore.length ? `<m:Ignore>${ignore.map((id) => `<t:ItemId Id="${id}"/>`).join('')}</m:Ignore>` : ''}
      <m:MaxChangesReturned>${max}</m:MaxChangesReturned>
      ${scope ? `<m:SyncScope>${scope}</m:SyncScope>` : ''}
    </m:SyncFolderItems>`);

/** One SyncFolderItems page, parsed. */
async function syncPage(mock, opts, label = 'sfi') {
  const r = await ews(mock, sfiRequest(opts), { label });
  assert.equal(r.status, 200, r.body.slice(0, 500));
  const msg = find(r.doc, 'Body', 'SyncFolderItemsResponse', 'ResponseMessages', 'SyncFolderItemsResponseMessage');
  const changes = children(child(msg, 'Changes')).map((c) => {
    if (c.name === 'Create' || c.name === 'Update') {
      const item = c.children[0];
      const id = child(item, 'ItemId');
      return { type: c.name, kind: item.name, id: id.attrs.Id, changeKey: id.attrs.ChangeKey, item,
        subject: text(child(item, 'Subject')), isRead: text(child(item, 'IsRead')) === undefined ? undefined : text(child(item, 'IsRead')) === 'true' };
    }
    const id = child(c, 'ItemId').attrs.Id;
    return c.name === 'Delete' ? { type: 'Delete', id } : { type: 'ReadFlagChange', id, isRead: text(child(c, 'IsRead')) === 'true' };
  });
  return {
    responseClass: msg.attrs.ResponseClass, responseCode: text(child(msg, 'ResponseCode')),
    syncState: text(child(msg, 'SyncState')), includesLast: text(child(msg, 'IncludesLastItemInRange')) === 'true', changes, doc: r.doc,
  };
}

/** Syncs to the end from `state`, applying changes to `mirror` (id → {changeKey, subject, isRead}). */
async function syncAll(mock, mirror, state, opts = {}) {
  let pages = 0;
  for (;;) {
    const p = await syncPage(mock, { ...opts, state, additional: ['item:Subject', 'message:IsRead'] });
    assert.equal(p.responseClass, 'Success');
    for (const c of p.changes) applyChange(mirror, c);
    state = p.syncState;
    pages++;
    if (p.includesLast) return { state, pages };
    assert.ok(pages < 100, 'too many pages');
  }
}
function applyChange(mirror, c) {
  if (c.type === 'Create' || c.type === 'Update') mirror.set(c.id, { changeKey: c.changeKey, subject: c.subject, isRead: c.isRead });
  else if (c.type === 'Delete') mirror.delete(c.id);
  else mirror.get(c.id).isRead = c.isRead;
}
async function assertMirrorMatches(mock, mirror, folder = 'inbox') {
  const { json } = await admin(mock, 'GET', `folder/${folder}/items`);
  const server = new Map(json.items.map((i) => [i.id, { changeKey: i.changeKey, subject: i.subject, isRead: i.isRead }]));
  assert.equal(mirror.size, server.size, 'item count');
  assert.deepEqual(new Map([...mirror].sort()), new Map([...server].sort()));
}

const gciRequest = ({ ids, shape = 'IdOnly', additional = ['item:Subject', 'item:DateTimeReceived'], ignore = [], ignoreIds = [], sort, max, scope, states = {} }) => envelope(`
      <m:GetConversationItems>
         <m:ItemShape>
            <t:BaseShape>${shape}</t:BaseShape>
            ${additional.length ? `<t:AdditionalProperties>${additional.map((f) => `<t:FieldURI FieldURI="${f}"/>`).join('')}</t:AdditionalProperties>` : ''}
         </m:ItemShape>
         ${ignore.length || ignoreIds.length ? `<m:FoldersToIgnore>${ignore.map((f) => `<t:DistinguishedFolderId Id="${f}"/>`).join('')}${ignoreIds.map((f) => `<t:FolderId Id="${f}"/>`).join('')}</m:FoldersToIgnore>` : ''}
         ${max !== undefined ? `<m:MaxItemsToReturn>${max}</m:MaxItemsToReturn>` : ''}
         ${sort ? `<m:SortOrder>${sort}</m:SortOrder>` : ''}
         ${scope ? `<m:MailboxScope>${scope}</m:MailboxScope>` : ''}
         <m:Conversations>
            ${ids.map((id) => `<t:Conversation><t:ConversationId Id="${id}"/>${states[id] ? `<t:SyncState>${states[id]}</t:SyncState>` : ''}</t:Conversation>`).join('')}
         </m:Conversations>
      </m:GetConversationItems>`);

async function gci(mock, opts, label = 'gci') {
  const r = await ews(mock, gciRequest(opts), { label });
  assert.equal(r.status, 200, r.body.slice(0, 500));
  return children(find(r.doc, 'Body', 'GetConversationItemsResponse', 'ResponseMessages')).map((m) => {
    const conv = child(m, 'Conversation');
    return {
      responseClass: m.attrs.ResponseClass, responseCode: text(child(m, 'ResponseCode')),
      syncState: text(child(conv, 'SyncState')),
      nodes: children(child(conv, 'ConversationNodes')).map((n) => ({
        imid: text(child(n, 'InternetMessageId')), parent: text(child(n, 'ParentInternetMessageId')),
        items: children(child(n, 'Items')).map((i) => ({ kind: i.name, id: child(i, 'ItemId').attrs.Id, names: i.children.map((c) => c.name), received: text(child(i, 'DateTimeReceived')) })),
      })),
    };
  });
}

function faultOf(doc) {
  const f = find(doc, 'Body', 'Fault');
  if (!f) return undefined;
  return { faultcode: text(child(f, 'faultcode')), responseCode: text(find(f, 'detail', 'ResponseCode')), detail: child(f, 'detail') };
}

function runValidate(args) {
  return new Promise((resolve) => {
    execFile(args[0], args.slice(1), { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => resolve({ code: err ? err.code ?? 1 : 0, out: `${stdout}${stderr}` }));
  });
}

function hasXmllint() {
  return new Promise((resolve) => execFile('xmllint', ['--version'], (err) => resolve(!err)));
}

// ---- the server under test ----------------------------------------------------------

let mock;
before(async () => { mock = await startMockExchange({ port: 0, host: '127.0.0.1', seed: 1 }); });
after(async () => {
  await mock?.close();
  if (!process.env.KEEP_MOCK_OUTPUT) rmSync(outDir, { recursive: true, force: true });
});

// ---- tests ---------------------------------------------------------------------

test('the CLI prints exactly one "listening" line and serves', async () => {
  const child_ = spawn(process.execPath, [join(ROOT, 'www/mock-exchange/server.mjs'), '--port', '0', '--host', '127.0.0.1', '--seed', '5', '--items', '50',
    '--allow-origin', 'http://localhost:5173', '--allow-origin=http://localhost:3000', '--allow-host', 'mock.test'],
  { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EWS_ALLOW_ORIGINS: 'http://app.test:8443, https://b.test' } });
  try {
    const out = await new Promise((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`no listening line: ${buf}`)), 5000);
      child_.stdout.on('data', (d) => { buf += d; if (buf.includes('\n')) { clearTimeout(timer); resolve(buf); } });
      child_.on('exit', (c) => reject(new Error(`exited ${c}`)));
    });
    assert.match(out, /^mock-exchange listening on http:\/\/127\.0\.0\.1:\d+\/\n$/);
    const url = out.trim().split(' ').pop();
    const st = await (await fetch(`${url}mock-admin/state`)).json();
    assert.equal(st.seed, 5);
    assert.equal(st.folders.find((f) => f.name === 'inbox').count, 50);
    // --allow-origin (repeated) and EWS_ALLOW_ORIGINS are granted CORS, others are not; --allow-host is answered
    const port = new URL(url).port;
    for (const [origin, status] of [['http://localhost:5173', 204], ['http://localhost:3000', 204], ['http://app.test:8443', 204],
      ['https://b.test', 204], [`http://127.0.0.1:${port}`, 204], ['http://localhost:5174', 403], ['https://app.test:8443', 403]]) {
      const r = await fetch(`${url}EWS/Exchange.asmx`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
      assert.equal(r.status, status, origin);
      assert.equal(r.headers.get('access-control-allow-origin'), status === 204 ? origin : null, origin);
      await r.arrayBuffer();
    }
    const viaName = await new Promise((resolve, reject) => {
      http.get(`${url}mock-admin/state`, { headers: { Host: `mock.test:${port}` } }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject);
    });
    assert.equal(viaName, 200);
  } finally {
    child_.kill('SIGTERM');
  }
});

test('the CLI refuses to start with an --allow-origin that is not an origin', async () => {
  for (const bad of ['*', 'http://localhost:5173/path']) {
    const child_ = spawn(process.execPath, [join(ROOT, 'www/mock-exchange/server.mjs'), '--port', '0', '--allow-origin', bad], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child_.stdout.on('data', (d) => { out += d; });
    const code = await new Promise((resolve) => {
      const timer = setTimeout(() => { child_.kill('SIGKILL'); resolve('still running after 5 s'); }, 5000);
      child_.on('exit', (c) => { clearTimeout(timer); resolve(c); });
    });
    assert.equal(code, 1, bad);
    assert.equal(out, '', bad);
  }
});

test('SyncFolderItems pages 1200 creates as 512 + 512 + 176', async () => {
  const r = await admin(mock, 'POST', 'reset', { seed: 11, items: 1200, folder: 'inbox' });
  assert.equal(r.status, 200);
  const counts = [];
  const last = [];
  const ids = new Set();
  let state;
  for (let page = 0; page < 3; page++) {
    const p = await syncPage(mock, { state, max: 512, shape: page === 0 ? 'Default' : 'IdOnly' }, `sfi-page${page + 1}`);
    assert.equal(p.responseClass, 'Success');
    assert.ok(p.changes.every((c) => c.type === 'Create'));
    p.changes.forEach((c) => ids.add(c.id));
    counts.push(p.changes.length);
    last.push(p.includesLast);
    state = p.syncState;
  }
  assert.deepEqual(counts, [512, 512, 176]);
  assert.deepEqual(last, [false, false, true]);
  const { json } = await admin(mock, 'GET', 'folder/inbox/items');
  assert.equal(json.count, 1200);
  assert.deepEqual([...ids].sort(), json.items.map((i) => i.id).sort());
  const again = await syncPage(mock, { state }, 'sfi-nochanges');
  assert.equal(again.changes.length, 0);
  assert.equal(again.includesLast, true);
  assert.ok(again.doc && find(again.doc, 'Body', 'SyncFolderItemsResponse', 'ResponseMessages', 'SyncFolderItemsResponseMessage', 'Changes'));
});

test('item shapes: IdOnly, AdditionalProperties, Default and AllProperties in schema order, escaped text', async () => {
  await admin(mock, 'POST', 'reset', { seed: 1 });
  const idOnly = await syncPage(mock, { max: 20 }, 'sfi-idonly');
  for (const c of idOnly.changes) assert.deepEqual(c.item.children.map((n) => n.name), ['ItemId']);
  const extra = await syncPage(mock, { max: 20, additional: ['item:Subject', 'message:IsRead', 'item:DateTimeReceived'] }, 'sfi-additional');
  const msg = extra.changes.find((c) => c.kind === 'Message');
  assert.deepEqual(msg.item.children.map((n) => n.name), ['ItemId', 'Subject', 'DateTimeReceived', 'IsRead']);

  const def = await syncPage(mock, { max: 512, shape: 'Default' }, 'sfi-default');
  const kinds = new Set(def.changes.map((c) => c.kind));
  assert.ok(kinds.has('Message') && kinds.has('MeetingRequest'), [...kinds].join());
  const m = def.changes.find((c) => c.kind === 'Message').item;
  for (const name of ['ItemId', 'ParentFolderId', 'Subject', 'DateTimeReceived', 'Size', 'Importance', 'Sensitivity', 'HasAttachments', 'ConversationId', 'Sender', 'ToRecipients', 'From', 'InternetMessageId', 'IsRead', 'ConversationTopic', 'DateTimeSent']) {
    assert.ok(child(m, name), `Message has ${name}`);
  }
  const mr = def.changes.find((c) => c.kind === 'MeetingRequest').item;
  for (const name of ['Start', 'End', 'Location', 'Organizer', 'UID', 'ResponseType', 'AssociatedCalendarItemId']) assert.ok(child(mr, name), `MeetingRequest has ${name}`);
  const names = mr.children.map((n) => n.name);
  assert.ok(names.indexOf('IsRead') < names.indexOf('AssociatedCalendarItemId') && names.indexOf('UID') < names.indexOf('Start'), 'MeetingMessage children after MessageType children');
  // Subjects with characters that need escaping survive the round trip.
  const subjects = def.changes.map((c) => c.subject).filter(Boolean);
  assert.ok(subjects.some((s) => /[&<>]/.test(s)), 'some subject has & < or >');
  assert.ok(subjects.some((s) => /[^\x00-\x7f]/.test(s)), 'some subject has non-ASCII text');
  assert.ok(def.changes.every((c) => /^[A-Za-z0-9+/]+=*$/.test(c.id) && /^[A-Za-z0-9+/]+=*$/.test(c.changeKey)), 'base64-looking ids');

  const allProps = await syncPage(mock, { max: 512, shape: 'AllProperties' }, 'sfi-allproperties');
  assert.ok(allProps.changes.some((c) => child(c.item, 'InReplyTo') && child(c.item, 'References')), 'AllProperties has InReplyTo/References');
  const cal = await syncPage(mock, { folder: 'calendar', max: 100, shape: 'Default' }, 'sfi-calendar');
  const ci = cal.changes.find((c) => c.kind === 'CalendarItem').item;
  for (const name of ['Start', 'End', 'Location', 'Organizer', 'CalendarItemType', 'MyResponseType']) assert.ok(child(ci, name), `CalendarItem has ${name}`);
  const ext = await syncPage(mock, { max: 50, additional: ['item:Subject'], additionalXml: '<t:ExtendedFieldURI PropertyTag="0x0037" PropertyType="String"/><t:ExtendedFieldURI PropertyTag="0x0E08" PropertyType="Integer"/><t:ExtendedFieldURI PropertyName="Nope" PropertySetId="00020329-0000-0000-c000-000000000046" PropertyType="String"/>' }, 'sfi-extended');
  for (const c of ext.changes) {
    assert.deepEqual(c.item.children.map((n) => n.name), ['ItemId', 'Subject', 'ExtendedProperty', 'ExtendedProperty']);
    assert.equal(text(find(c.item, 'ExtendedProperty', 'Value')), c.subject);
  }
  const contacts = await syncPage(mock, { folder: 'contacts', max: 50, additional: ['contacts:DisplayName'], additionalXml: '<t:IndexedFieldURI FieldURI="contacts:EmailAddress" FieldIndex="EmailAddress1"/>' }, 'sfi-contacts-indexed');
  assert.ok(contacts.changes.length > 0 && contacts.changes.every((c) => c.kind === 'Contact' && child(c.item, 'EmailAddresses') && child(c.item, 'DisplayName')));
  for (const f of ['contacts', 'imcontactlist', 'sentitems', 'deleteditems', 'drafts', 'junkemail']) {
    const p = await syncPage(mock, { folder: f, max: 100, shape: 'AllProperties' }, `sfi-${f}`);
    assert.equal(p.responseClass, 'Success');
  }
});

test('SyncFolderItems collapses changes as Exchange does, and a client mirror matches the server', async () => {
  await admin(mock, 'POST', 'reset', { seed: 1 });
  const mirror = new Map();
  const { state: s0 } = await syncAll(mock, mirror, undefined);
  await assertMirrorMatches(mock, mirror);
  const before = (await admin(mock, 'GET', 'folder/inbox/items')).json.items.filter((i) => i.kind === 'Message');
  const f = before.find((i) => !i.isRead);
  assert.ok(f, 'an unread message');
  const [c, d, h] = before.filter((i) => i !== f);

  const A = (await admin(mock, 'POST', 'items', { folder: 'inbox', subject: 'A created' })).json.created[0];
  await admin(mock, 'POST', `items/${encodeURIComponent(A)}/update`, { subject: 'A updated' });
  const B = (await admin(mock, 'POST', 'items', { folder: 'inbox', subject: 'B created' })).json.created[0];
  await admin(mock, 'POST', `items/${encodeURIComponent(B)}/delete`, {});
  await admin(mock, 'POST', `items/${encodeURIComponent(c.id)}/update`, { subject: 'C once' });
  const cLast = (await admin(mock, 'POST', `items/${encodeURIComponent(c.id)}/update`, { subject: 'C twice' })).json;
  await admin(mock, 'POST', `items/${encodeURIComponent(d.id)}/update`, { subject: 'D updated' });
  await admin(mock, 'POST', `items/${encodeURIComponent(d.id)}/delete`, {});
  const E = (await admin(mock, 'POST', 'items', { folder: 'inbox', subject: 'E created', isRead: false })).json.created[0];
  await admin(mock, 'POST', `items/${encodeURIComponent(E)}/read`, { isRead: true });
  await admin(mock, 'POST', `items/${encodeURIComponent(f.id)}/read`, { isRead: true });
  const moved = (await admin(mock, 'POST', `items/${encodeURIComponent(h.id)}/delete`, { move: true })).json;
  assert.ok(moved.moved && moved.moved.folder === 'deleteditems');

  const p = await syncPage(mock, { state: s0, additional: ['item:Subject', 'message:IsRead'] }, 'sfi-collapsed');
  assert.equal(p.includesLast, true);
  const byId = new Map(p.changes.map((x) => [x.id, x]));
  assert.equal(p.changes.length, byId.size, 'one change per item');
  assert.equal(byId.get(A).type, 'Create');
  assert.equal(byId.get(A).subject, 'A updated');
  assert.ok(!byId.has(B), 'create+delete → nothing');
  assert.equal(byId.get(c.id).type, 'Update');
  assert.equal(byId.get(c.id).subject, 'C twice');
  assert.equal(byId.get(c.id).changeKey, cLast.changeKey);
  assert.equal(byId.get(d.id).type, 'Delete');
  assert.equal(byId.get(E).type, 'Create');
  assert.equal(byId.get(E).isRead, true, 'create+read → Create with the current IsRead');
  assert.deepEqual({ type: byId.get(f.id).type, isRead: byId.get(f.id).isRead }, { type: 'ReadFlagChange', isRead: true });
  assert.equal(byId.get(h.id).type, 'Delete', 'moved away → Delete');
  assert.equal(p.changes.length, 6); // A, C, D, E, F, H (nothing for B)
  for (const x of p.changes) applyChange(mirror, x);
  await assertMirrorMatches(mock, mirror);
  const di = await syncPage(mock, { folder: 'deleteditems', max: 512 }, 'sfi-deleteditems');
  assert.ok(di.changes.some((x) => x.id === moved.moved.id && x.type === 'Create'));

  // Bulk random mutations, synced in small pages, still mirror exactly.
  const mu = await admin(mock, 'POST', 'mutate', { folder: 'inbox', creates: 30, updates: 20, deletes: 10, reads: 25, seed: 99 });
  assert.equal(mu.status, 200);
  assert.equal(mu.json.created.length, 30);
  await syncAll(mock, mirror, p.syncState, { max: 7 });
  await assertMirrorMatches(mock, mirror);
});

test('paging is consistent when the folder changes between pages', async () => {
  await admin(mock, 'POST', 'reset', { seed: 4, items: 1200 });
  const mirror = new Map();
  const p1 = await syncPage(mock, { max: 500, additional: ['item:Subject', 'message:IsRead'] });
  p1.changes.forEach((c) => applyChange(mirror, c));
  const items = (await admin(mock, 'GET', 'folder/inbox/items')).json.items;
  const early = items[10].id; const late = items[1100].id;   // one already sent, one not yet
  await admin(mock, 'POST', `items/${encodeURIComponent(early)}/update`, { subject: 'early edit' });
  await admin(mock, 'POST', `items/${encodeURIComponent(late)}/delete`, {});
  await admin(mock, 'POST', `items/${encodeURIComponent(items[20].id)}/read`, { isRead: !items[20].isRead });
  await admin(mock, 'POST', 'mutate', { folder: 'inbox', creates: 5, updates: 5, deletes: 5, reads: 5, seed: 3 });
  await syncAll(mock, mirror, p1.syncState, { max: 500 });
  await assertMirrorMatches(mock, mirror);
});

test('Ignore and SyncScope', async () => {
  await admin(mock, 'POST', 'reset', { seed: 1 });
  const items = (await admin(mock, 'GET', 'folder/inbox/items')).json.items;
  const ignore = [items[0].id, items[5].id];
  const p = await syncPage(mock, { ignore }, 'sfi-ignore');
  assert.equal(p.changes.length, items.length - 2);
  assert.ok(!p.changes.some((c) => ignore.includes(c.id)));
  const withFai = await syncPage(mock, { scope: 'NormalAndAssociatedItems', additional: ['item:IsAssociated'] }, 'sfi-associated');
  const assoc = withFai.changes.filter((c) => text(child(c.item, 'IsAssociated')) === 'true');
  const st = (await admin(mock, 'GET', 'state')).json.folders.find((f) => f.name === 'inbox');
  assert.equal(assoc.length, st.associatedCount);
  assert.ok(assoc.length > 0);
  assert.equal(withFai.changes.length, items.length + assoc.length);
  const normal = await syncPage(mock, { scope: 'NormalItems' });
  assert.equal(normal.changes.length, items.length);
});

test('bad SyncState, folder and request values', async () => {
  await admin(mock, 'POST', 'reset', { seed: 1 });
  const good = (await syncPage(mock, { max: 5 })).syncState;
  const decoded = JSON.parse(Buffer.from(good, 'base64').toString());
  const tampered = Buffer.from(JSON.stringify({ ...decoded, c: decoded.c + 1 })).toString('base64');
  const other = await startMockExchange({ seed: 1 });
  let foreign;
  try {
    foreign = (await syncPage(other, { max: 5 })).syncState;
  } finally { await other.close(); }
  const sentState = (await syncPage(mock, { folder: 'sentitems', max: 5 })).syncState;
  for (const [label, state] of [['garbage', 'not a sync state!'], ['gzip', 'H4sIAAAAAAAEAGNgYGcAAotqE0tHE2NTA0ddZ3NHC10TR2djXSdnJ2ddNyMnC2cnczdLU1OD2vBg'],
    ['tampered', tampered], ['foreign', foreign], ['other-folder', sentState]]) {
    const p = await syncPage(mock, { state }, `sfi-bad-state-${label}`);
    assert.equal(p.responseClass, 'Error', label);
    assert.equal(p.responseCode, 'ErrorInvalidSyncStateData', label);
    assert.equal(p.changes.length, 0);
  }
  const nf = await syncPage(mock, { folderId: 'AAMkADAwATM0MTAwAS1hZjZiLTQ4MDgtMDAwMC0wMAAuAAAAAAAA' }, 'sfi-folder-not-found');
  assert.equal(nf.responseCode, 'ErrorFolderNotFound');
  const byId = await syncPage(mock, { folderId: (await admin(mock, 'GET', 'state')).json.folders.find((f) => f.name === 'inbox').folderId, max: 3 }, 'sfi-by-folderid');
  assert.equal(byId.responseClass, 'Success');
  for (const [label, xml] of [
    ['max-0', sfiRequest({ max: 0 })], ['max-513', sfiRequest({ max: 513 })], ['bad-folder-name', sfiRequest({ folder: 'nosuchfolder' })],
    ['bad-shape', sfiRequest({ shape: 'Everything' })], ['bad-scope', sfiRequest({ scope: 'Some' })],
  ]) {
    const r = await ews(mock, xml, { label: `fault-${label}` });
    assert.equal(r.status, 500, label);
    assert.equal(faultOf(r.doc).faultcode, 'a:ErrorSchemaValidation', label);
  }
});

test('malformed requests get an ErrorSchemaValidation fault and never break the server', async () => {
  const bodies = {
    truncated: envelope('<m:GetImItemList/>').slice(0, 120),
    'bad-entity': envelope('<m:GetImItemList>&bogus;</m:GetImItemList>'),
    mismatched: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><a></b></soap:Body></soap:Envelope>',
    'not-xml': 'hello world',
    binary: '\u0000\u0001\u0002PK\u0003\u0004',
    empty: '',
    doctype: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
    deep: '<a>'.repeat(5000) + '</a>'.repeat(5000),
    'no-body': '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header/></soap:Envelope>',
    'not-envelope': '<html><body>hi</body></html>',
    'undeclared-prefix': '<soap:Envelope><soap:Body/></soap:Envelope>',
  };
  for (const [label, body] of Object.entries(bodies)) {
    const r = await ews(mock, body, { label: `fault-malformed-${label}` });
    assert.equal(r.status, 500, label);
    const f = faultOf(r.doc);
    assert.equal(f.faultcode, 'a:ErrorSchemaValidation', label);
    assert.equal(f.responseCode, 'ErrorSchemaValidation', label);
  }
  // Seeded fuzzing: mutated requests never cause an internal error, and every answer is XML.
  const { Rng } = await import('../../www/mock-exchange/prng.mjs');
  const rng = new Rng('fuzz');
  const conv = (await admin(mock, 'GET', 'conversations')).json.conversations[0].conversationId;
  const seeds = [sfiRequest({ max: 5, shape: 'Default', additional: ['item:Subject'], ignore: ['x'], scope: 'NormalItems', state: '' }),
    gciRequest({ ids: [conv], ignore: ['deleteditems'], max: 3, sort: 'TreeOrderDescending', states: { [conv]: 'abc' } }),
    envelope('<m:GetImItems><m:ContactIds><t:ItemId Id="a"/></m:ContactIds><m:GroupIds><t:ItemId Id="b"/></m:GroupIds><m:ExtendedProperties><t:ExtendedProperty PropertyTag="0x3001" PropertyType="String"/></m:ExtendedProperties></m:GetImItems>')];
  const tokens = ['<', '>', '&', '&amp;', '"', "'", '/', '=', ' ', '</m:X>', '<t:Y/>', '&#0;', '&#x41;', '\u0000', '\ud800', '💥', 'xmlns:q="u"', '<![CDATA[', ']]>', '<!--', '-->', '0', '-1', '513'];
  for (let i = 0; i < 250; i++) {
    let s = rng.pick(seeds);
    for (let k = rng.int(1, 4); k > 0; k--) {
      const pos = rng.int(0, s.length);
      const op = rng.int(0, 2);
      s = op === 0 ? s.slice(0, pos) + rng.pick(tokens) + s.slice(pos) : op === 1 ? s.slice(0, pos) + s.slice(pos + rng.int(1, 20)) : s.slice(0, pos);
    }
    const r = await ews(mock, s, { label: `fuzz-${i}` });
    assert.ok(r.doc, 'an XML answer');
    assert.ok(r.status === 200 || r.status === 500);
    assert.ok(!/ErrorInternalServerError/.test(r.body), s);
  }
  const ok = await ews(mock, envelope('<m:GetImItemList/>'), { label: 'iml-after-garbage' });
  assert.equal(ok.status, 200);
  // Entities, CDATA, comments, other prefixes and a default namespace are read.
  const odd = '\ufeff<?xml version="1.0" encoding="utf-8"?><!-- hi --><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">' +
    `<S:Header><RequestServerVersion xmlns="${T}" Version="Exchange2013_SP1"/></S:Header><S:Body>` +
    `<SyncFolderItems xmlns="${M}" xmlns:x="${T}"><ItemShape><x:BaseShape><![CDATA[IdOnly]]></x:BaseShape></ItemShape>` +
    '<SyncFolderId><x:DistinguishedFolderId Id="&#x69;nbox"/></SyncFolderId><MaxChangesReturned>&#51;</MaxChangesReturned></SyncFolderItems></S:Body></S:Envelope>';
  const r = await ews(mock, odd, { label: 'sfi-odd-prefixes' });
  assert.equal(r.status, 200, r.body);
  assert.equal(all(r.doc, 'Create').length, 3);
});

test('GetConversationItems: sort orders, FoldersToIgnore, MaxItemsToReturn, unknown ids, SyncState', async () => {
  await admin(mock, 'POST', 'reset', { seed: 1 });
  const list = (await admin(mock, 'GET', 'conversations')).json.conversations;
  const conv = list.filter((c) => c.folders.includes('deleteditems') && c.folders.includes('sentitems')).sort((a, b) => b.itemCount - a.itemCount)[0];
  assert.ok(conv, 'a conversation across inbox, sentitems and deleteditems');
  const detail = (await admin(mock, 'GET', `conversations/${encodeURIComponent(conv.conversationId)}`)).json;
  const [all_] = await gci(mock, { ids: [conv.conversationId], sort: 'TreeOrderAscending' }, 'gci-tree-asc');
  assert.equal(all_.responseClass, 'Success');
  assert.ok(all_.syncState);
  assert.equal(all_.nodes.flatMap((n) => n.items).length, detail.items.length);
  // Tree order: every node comes after its parent (when the parent is present).
  const pos = new Map(all_.nodes.map((n, i) => [n.imid, i]));
  for (const n of all_.nodes) if (n.parent && pos.has(n.parent)) assert.ok(pos.get(n.parent) < pos.get(n.imid));
  for (const n of all_.nodes) {
    const d = detail.items.find((i) => i.internetMessageId === n.imid);
    assert.equal(n.parent, d.parentInternetMessageId);
    assert.deepEqual(n.items[0].names, ['ItemId', 'Subject', 'DateTimeReceived']);
  }
  const [desc] = await gci(mock, { ids: [conv.conversationId] }, 'gci-default-sort');
  assert.deepEqual(desc.nodes.map((n) => n.imid), all_.nodes.map((n) => n.imid).reverse(), 'default TreeOrderDescending');
  const [dateAsc] = await gci(mock, { ids: [conv.conversationId], sort: 'DateOrderAscending' }, 'gci-date-asc');
  const dates = dateAsc.nodes.map((n) => n.items[0].received);
  assert.deepEqual(dates, [...dates].sort());
  const [dateDesc] = await gci(mock, { ids: [conv.conversationId], sort: 'DateOrderDescending' }, 'gci-date-desc');
  assert.deepEqual(dateDesc.nodes.map((n) => n.items[0].received), [...dates].reverse());

  const inDeleted = detail.items.filter((i) => i.folder === 'deleteditems').map((i) => i.id);
  const [noDeleted] = await gci(mock, { ids: [conv.conversationId], ignore: ['deleteditems', 'drafts'] }, 'gci-ignore');
  const ids = noDeleted.nodes.flatMap((n) => n.items.map((i) => i.id));
  assert.ok(inDeleted.length && !ids.some((id) => inDeleted.includes(id)));
  assert.equal(ids.length, detail.items.filter((i) => i.folder !== 'deleteditems' && i.folder !== 'drafts').length);
  const sentId = (await admin(mock, 'GET', 'state')).json.folders.find((f) => f.name === 'sentitems').folderId;
  const [noSent] = await gci(mock, { ids: [conv.conversationId], ignoreIds: [sentId] }, 'gci-ignore-folderid');
  assert.equal(noSent.nodes.flatMap((n) => n.items).length, detail.items.filter((i) => i.folder !== 'sentitems').length);

  const [two] = await gci(mock, { ids: [conv.conversationId], max: 2, shape: 'Default', additional: [] }, 'gci-max2-default');
  assert.equal(two.nodes.flatMap((n) => n.items).length, 2);
  const [, unknown, third] = await gci(mock, { ids: [conv.conversationId, 'AAQkADAwATNiZmYAZC1kYmU3LTQ3AAAQAAAAAAAAAAAA=', list[0].conversationId], shape: 'AllProperties', additional: [], scope: 'PrimaryOnly' }, 'gci-unknown');
  assert.deepEqual([unknown.responseClass, unknown.responseCode], ['Error', 'ErrorItemNotFound']);
  assert.equal(third.responseClass, 'Success');
  const everywhere = conv.folders;
  const [gone] = await gci(mock, { ids: [conv.conversationId], ignore: [...everywhere, 'drafts'] }, 'gci-all-ignored');
  assert.deepEqual([gone.responseClass, gone.responseCode], ['Error', 'ErrorItemNotFound']);

  // SyncState: nothing changed → no nodes; a new reply → just that node.
  const [same] = await gci(mock, { ids: [conv.conversationId], states: { [conv.conversationId]: all_.syncState } }, 'gci-sync-same');
  assert.equal(same.nodes.length, 0);
  const reply = (await admin(mock, 'POST', 'items', { folder: 'inbox', conversationId: conv.conversationId })).json.items[0];
  const [changed] = await gci(mock, { ids: [conv.conversationId], states: { [conv.conversationId]: same.syncState } }, 'gci-sync-changed');
  assert.equal(changed.nodes.length, 1);
  assert.equal(changed.nodes[0].items[0].id, reply.id);
  assert.equal(changed.nodes[0].imid, reply.internetMessageId);
  const [badState] = await gci(mock, { ids: [conv.conversationId], states: { [conv.conversationId]: 'AQIAAABNVkUwAgIAAABhHqHU' } }, 'gci-bad-state');
  assert.equal(badState.responseCode, 'ErrorInvalidSyncStateData');
  const r = await ews(mock, gciRequest({ ids: [conv.conversationId], sort: 'Sideways' }), { label: 'fault-gci-sort' });
  assert.equal(faultOf(r.doc).faultcode, 'a:ErrorSchemaValidation');
});

test('GetImItemList and GetImItems', async () => {
  await admin(mock, 'POST', 'reset', { seed: 1 });
  const im = (await admin(mock, 'GET', 'im')).json;
  const r = await ews(mock, envelope('<m:GetImItemList/>', { header: '<t:MailboxCulture>en-US</t:MailboxCulture>' }), { label: 'iml' });
  assert.equal(r.status, 200);
  const resp = find(r.doc, 'Body', 'GetImItemListResponse');
  assert.equal(resp.attrs.ResponseClass, 'Success');
  assert.ok(!child(resp, 'ResponseMessages'), 'not wrapped in ResponseMessages');
  const groups = all(resp, 'ImGroup');
  const personas = all(resp, 'Persona');
  assert.equal(groups.length, im.groups.length);
  assert.equal(personas.length, im.personas.length);
  assert.ok(groups.every((g) => /^IPM\.DistList\.MOC\./.test(text(child(g, 'GroupType')))));
  assert.ok(groups.some((g) => all(g, 'ItemId').length > 0), 'a group with MemberCorrelationKey');
  assert.ok(personas.every((p) => child(p, 'PersonaId') && children(child(p, 'EmailAddresses'), 'Address').length === 1));
  assert.ok(personas.some((p) => child(p, 'Attributions') && child(p, 'DisplayNames') && child(p, 'Emails1') && child(p, 'MobilePhones')));
  assert.ok(!all(resp, 'ExtendedProperties').length);

  const persona = im.personas[0];
  const viaContact = im.personas[1];
  const group = im.groups.find((g) => g.members.length);
  const body = `<m:GetImItems>
         <m:ContactIds><t:ItemId Id="${persona.personaId}" ChangeKey="EQAAABBmNDjF"/><t:ItemId Id="${viaContact.contactIds[0]}"/><t:ItemId Id="AAMkAGunknown="/></m:ContactIds>
         <m:GroupIds><t:ItemId Id="${group.id}" ChangeKey="EgAAAA=="/><t:ItemId Id="AAMkAGnogroup="/></m:GroupIds>
         <m:ExtendedProperties><t:ExtendedProperty PropertyTag="0x3001" PropertyType="String"/><t:ExtendedProperty PropertyTag="0x3a06" PropertyType="String"/></m:ExtendedProperties>
      </m:GetImItems>`;
  const g = await ews(mock, envelope(body, { header: '<t:MailboxCulture>en-US</t:MailboxCulture>' }), { label: 'imi' });
  assert.equal(g.status, 200);
  const gr = find(g.doc, 'Body', 'GetImItemsResponse');
  assert.equal(gr.attrs.ResponseClass, 'Success');
  const gGroups = all(gr, 'ImGroup');
  const gPersonas = all(gr, 'Persona');
  assert.deepEqual(gGroups.map((x) => text(child(x, 'DisplayName'))), [group.displayName]);
  assert.deepEqual(gPersonas.map((x) => child(x, 'PersonaId').attrs.Id), [persona.personaId, viaContact.personaId]);
  const ext = find(gGroups[0], 'ExtendedProperties', 'ExtendedProperty');
  assert.equal(child(ext, 'ExtendedFieldURI').attrs.PropertyTag, '0x3001');
  assert.equal(text(child(ext, 'Value')), group.displayName);
  const pext = find(gPersonas[0], 'ExtendedProperties', 'ExtendedPropertyAttributedValue', 'Value');
  assert.equal(text(child(pext, 'Value')), persona.displayName);
  // Nothing known → empty lists, still Success.
  const none = await ews(mock, envelope('<m:GetImItems><m:ContactIds><t:ItemId Id="AAMkAGunknown="/></m:ContactIds></m:GetImItems>'), { label: 'imi-unknown' });
  assert.equal(find(none.doc, 'Body', 'GetImItemsResponse').attrs.ResponseClass, 'Success');
  assert.equal(all(none.doc, 'Persona').length, 0);
  const bad = await ews(mock, envelope('<m:GetImItemList><m:ExtendedProperties><t:ExtendedFieldURI PropertyTag="0x3001" PropertyType="String"/></m:ExtendedProperties></m:GetImItemList>'), { label: 'fault-iml-extendedfielduri' });
  assert.equal(faultOf(bad.doc).faultcode, 'a:ErrorSchemaValidation');
});

test('RequestServerVersion: missing or unknown → ErrorIncorrectSchemaVersion fault', async () => {
  for (const [label, version] of [['missing', null], ['unknown', 'Exchange2099'], ['empty', '']]) {
    const r = await ews(mock, envelope('<m:GetImItemList/>', { version }), { label: `fault-version-${label}` });
    assert.equal(r.status, 500, label);
    const f = faultOf(r.doc);
    assert.equal(f.faultcode, 'a:ErrorIncorrectSchemaVersion');
    assert.equal(f.responseCode, 'ErrorIncorrectSchemaVersion');
    assert.ok(find(f.detail, 'Message'));
  }
  for (const v of ['Exchange2010_SP2', 'Exchange2013_SP1', 'V2018_01_08']) {
    assert.equal((await ews(mock, envelope('<m:GetImItemList/>', { version: v }), { label: `iml-${v}` })).status, 200);
  }
  const r = await ews(mock, envelope('<m:GetItem/>'), { label: 'fault-unknown-operation' });
  assert.equal(r.status, 500);
  assert.equal(faultOf(r.doc).faultcode, 'a:ErrorInvalidRequest');
});

test('auth modes: none, Basic, Bearer (401 with WWW-Authenticate and an HTML body)', async () => {
  const m2 = await startMockExchange({ auth: { mode: 'basic', username: 'alex@contoso.com', password: 'pa:ss wörd' } });
  try {
    const xml = envelope('<m:GetImItemList/>');
    const post = (headers) => fetch(m2.ewsUrl, { method: 'POST', headers: { 'Content-Type': 'text/xml', ...headers }, body: xml });
    let r = await post({});
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'Basic realm="mock-exchange"');
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.match(await r.text(), /401 - Unauthorized/);
    r = await post({ Authorization: `Basic ${Buffer.from('alex@contoso.com:wrong').toString('base64')}` });
    assert.equal(r.status, 401);
    await r.arrayBuffer();
    const basic = `Basic ${Buffer.from('alex@contoso.com:pa:ss wörd').toString('base64')}`;
    r = await post({ Authorization: basic, 'X-AnchorMailbox': 'alex@contoso.com', 'client-request-id': 'abc-123', 'return-client-request-id': 'true' });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('client-request-id'), 'abc-123');
    await r.arrayBuffer();

    const admin2 = await (await fetch(`${m2.adminUrl}auth`, { method: 'POST', body: JSON.stringify({ mode: 'bearer', token: 'tok-42' }) })).json();
    assert.equal(admin2.auth.mode, 'bearer');
    r = await post({ Authorization: basic });
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'Bearer');
    await r.text();
    r = await post({ Authorization: 'Bearer tok-41' });
    assert.equal(r.status, 401);
    await r.text();
    const imp = '<t:ExchangeImpersonation><t:ConnectingSID><t:PrimarySmtpAddress>boss@contoso.com</t:PrimarySmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>';
    r = await fetch(m2.ewsUrl, { method: 'POST', headers: { 'Content-Type': 'text/xml', Authorization: 'Bearer tok-42', 'X-Custom': 'yes' }, body: envelope('<m:GetImItemList/>', { header: imp }) });
    assert.equal(r.status, 200);
    await r.text();

    // a credential without a scheme name: the whole header could be the secret
    r = await post({ Authorization: 'rawSecretToken-77' });
    assert.equal(r.status, 401);
    await r.text();

    const log = (await (await fetch(`${m2.adminUrl}requests`)).json()).requests;
    assert.deepEqual(log.map((x) => x.status), [401, 401, 200, 401, 401, 200, 401]);
    // the log keeps the scheme, never the credential (nor a copy among the headers)
    assert.deepEqual(log.map((x) => x.authScheme), [undefined, 'Basic', 'Basic', 'Basic', 'Bearer', 'Bearer', 'other']);
    for (const x of log) {
      assert.equal('authorization' in x, false);
      assert.equal(x.headers.authorization, undefined);
    }
    const dump = JSON.stringify(log) + JSON.stringify(m2.handler.requests());
    for (const secret of [basic.split(' ')[1], Buffer.from('alex@contoso.com:wrong').toString('base64'), 'pa:ss wörd', 'tok-41', 'tok-42', 'rawSecretToken-77']) {
      assert.equal(dump.includes(secret), false, secret);
    }
    assert.equal(log[2].xAnchorMailbox, 'alex@contoso.com');
    assert.equal(log[2].clientRequestId, 'abc-123');
    assert.equal(log[2].operation, 'GetImItemList');
    assert.equal(log[2].requestServerVersion, 'Exchange2013');
    assert.equal(log[5].headers['x-custom'], 'yes');
    assert.deepEqual(log[5].impersonation, { primarySmtpAddress: 'boss@contoso.com' });
    const stats = await (await fetch(`${m2.adminUrl}stats`)).json();
    assert.equal(stats.unauthorized, 5);
    await fetch(`${m2.adminUrl}requests`, { method: 'DELETE' });
    assert.equal((await (await fetch(`${m2.adminUrl}requests`)).json()).requests.length, 0);
    await fetch(`${m2.adminUrl}auth`, { method: 'POST', body: JSON.stringify({ mode: 'none' }) });
    r = await post({});
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('www-authenticate'), null);
    await r.text();
  } finally {
    await m2.close();
  }
});


test('CORS: granted only to its own and the configured origins; other origins and their preflights get 403', async () => {
  const m2 = await startMockExchange({ seed: 1, allowOrigins: ['http://localhost:5173', 'https://app.example/'] });
  try {
    const preflight = (origin, url = m2.ewsUrl) => raw(url, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, authorization, x-anchormailbox' } });
    const post = (origin, extra = {}) => raw(m2.ewsUrl, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8', ...(origin === undefined ? {} : { Origin: origin }), ...extra }, body: envelope('<m:GetImItemList/>') });
    const allowed = ['http://localhost:5173', 'https://app.example', `http://127.0.0.1:${m2.port}`, `http://localhost:${m2.port}`, `http://[::1]:${m2.port}`];
    for (const origin of allowed) {
      const pre = await preflight(origin);
      assert.equal(pre.status, 204, origin);
      assert.equal(pre.headers['access-control-allow-origin'], origin);
      assert.equal(pre.headers['access-control-allow-headers'], 'content-type, authorization, x-anchormailbox');
      assert.equal(pre.headers['access-control-allow-methods'], 'POST, GET, DELETE, OPTIONS');
      assert.equal(pre.headers['access-control-allow-credentials'], 'true');
      assert.match(pre.headers.vary, /Origin/);
      const r = await post(origin);
      assert.equal(r.status, 200, origin);
      assert.equal(r.headers['access-control-allow-origin'], origin);
      assert.equal(r.headers['access-control-expose-headers'], 'Retry-After, WWW-Authenticate');
      assert.equal(r.headers['access-control-allow-credentials'], 'true');
      const adm = await raw(`${m2.adminUrl}state`, { headers: { Origin: origin } });
      assert.equal(adm.status, 200);
      assert.equal(adm.headers['access-control-allow-origin'], origin);
    }

    await fetch(`${m2.adminUrl}requests`, { method: 'DELETE' });
    const before = (await admin(m2, 'GET', 'state')).json;
    const foreign = ['http://example.test', 'http://localhost:5174', 'http://localhost', 'https://localhost:5173', 'http://app.example',
      `http://127.0.0.1:${m2.port + 1}`, `https://127.0.0.1:${m2.port}`, 'http://evil.example', '*', 'not a url'];
    for (const origin of foreign) {
      const pre = await preflight(origin);
      assert.equal(pre.status, 403, origin);
      assert.deepEqual(corsGrants(pre.headers), [], origin);
      const r = await post(origin);
      assert.equal(r.status, 403, origin);
      assert.deepEqual(corsGrants(r.headers), [], origin);
      // no cross-site request forgery on the admin API either (a text/plain POST needs no preflight)
      const reset = await raw(`${m2.adminUrl}reset`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'text/plain' }, body: '{"seed":99}' });
      assert.equal(reset.status, 403, origin);
      assert.deepEqual(corsGrants(reset.headers), [], origin);
      assert.equal((await preflight(origin, `${m2.adminUrl}auth`)).status, 403);
    }
    assert.deepEqual((await admin(m2, 'GET', 'state')).json, before);
    assert.equal((await admin(m2, 'GET', 'requests')).json.requests.length, 0);

    // Origin: null (a no-referrer page's own requests) passes without a grant, unless it is cross-site
    let r = await post('null', { 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(r.status, 200);
    assert.deepEqual(corsGrants(r.headers), []);
    for (const site of ['cross-site', 'same-site']) {
      r = await post('null', { 'Sec-Fetch-Site': site });
      assert.equal(r.status, 403, site);
      assert.deepEqual(corsGrants(r.headers), []);
    }
    // no Origin (not a browser): answered, no grant; a bare OPTIONS grants nothing either
    r = await post(undefined);
    assert.equal(r.status, 200);
    assert.deepEqual(corsGrants(r.headers), []);
    r = await raw(m2.ewsUrl, { method: 'OPTIONS' });
    assert.equal(r.status, 204);
    assert.deepEqual(corsGrants(r.headers), []);
  } finally {
    await m2.close();
  }
  // a configured value that is not an origin is refused at start
  for (const bad of ['*', 'http://localhost:5173/app', 'localhost:5173', 'ftp://x.test']) {
    const started = await startMockExchange({ allowOrigins: [bad] }).catch((e) => e);
    if (!(started instanceof Error)) await started.close();
    assert.ok(started instanceof Error, bad);
  }
});

test('DNS rebinding: a request for another Host gets 421 and reaches nothing', async () => {
  const m2 = await startMockExchange({ seed: 1, allowHosts: ['mock.test', 'fwd.test:9999'] });
  try {
    const p = m2.port;
    for (const host of [`evil.example:${p}`, `127.0.0.1:${p + 1}`, 'localhost', `localhost.:${p}`, `mock.test:${p + 1}`, 'fwd.test',
      `user@127.0.0.1:${p}`, `127.0.0.1:${p}/x`]) {
      for (const path of ['EWS/Exchange.asmx', 'mock-admin/state', '']) {
        const r = await raw(`${m2.url}${path}`, { method: path.startsWith('EWS') ? 'POST' : 'GET', headers: { Host: host }, body: path.startsWith('EWS') ? envelope('<m:GetImItemList/>') : undefined });
        assert.equal(r.status, 421, `${host} ${path}`);
        assert.deepEqual(corsGrants(r.headers), []);
      }
      const reset = await raw(`${m2.adminUrl}reset`, { method: 'POST', headers: { Host: host }, body: '{"seed":99}' });
      assert.equal(reset.status, 421);
    }
    assert.equal((await admin(m2, 'GET', 'state')).json.seed, 1);
    assert.equal((await admin(m2, 'GET', 'requests')).json.requests.length, 0);
    for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `LocalHost:${p}`, `[::1]:${p}`, `mock.test:${p}`, 'fwd.test:9999']) {
      const r = await raw(`${m2.adminUrl}state`, { headers: { Host: host } });
      assert.equal(r.status, 200, host);
    }
    assert.deepEqual(m2.access.hosts().sort(), [`127.0.0.1:${p}`, `[::1]:${p}`, 'fwd.test:9999', `localhost:${p}`, `mock.test:${p}`].sort());
  } finally {
    await m2.close();
  }
});

test('fault injection: every kind, deterministic, and no state change', async () => {
  await admin(mock, 'POST', 'reset', { seed: 1 });
  const first = await syncPage(mock, { max: 10 });
  const stateBefore = (await admin(mock, 'GET', 'state')).json;
  await admin(mock, 'DELETE', 'stats');
  const sfi = sfiRequest({ state: first.syncState, max: 10 });

  await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['503'], retryAfterSeconds: 0 });
  let r = await fetch(mock.ewsUrl, { method: 'POST', body: sfi });
  assert.equal(r.status, 503);
  assert.equal(r.headers.get('retry-after'), '0');
  await r.text();
  await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['429'], retryAfterSeconds: 3 });
  r = await fetch(mock.ewsUrl, { method: 'POST', body: sfi });
  assert.equal(r.status, 429);
  assert.equal(r.headers.get('retry-after'), '3');
  await r.text();

  await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['busy'], backOffMilliseconds: 250 });
  const b1 = await ews(mock, sfi, { label: 'fault-busy-500' });
  assert.equal(b1.status, 500);
  const bf = faultOf(b1.doc);
  assert.equal(bf.faultcode, 'a:ErrorServerBusy');
  assert.equal(bf.responseCode, 'ErrorServerBusy');
  assert.equal(all(bf.detail, 'Value').find((v) => v.attrs.Name === 'BackOffMilliseconds').text, '250');
  const b2 = await ews(mock, sfi, { label: 'sfi-busy-200' });
  assert.equal(b2.status, 200);
  const bm = find(b2.doc, 'Body', 'SyncFolderItemsResponse', 'ResponseMessages', 'SyncFolderItemsResponseMessage');
  assert.equal(bm.attrs.ResponseClass, 'Error');
  assert.equal(text(child(bm, 'ResponseCode')), 'ErrorServerBusy');
  assert.equal(find(bm, 'MessageXml', 'Value').text, '250');
  for (const [label, xml] of [['gci', gciRequest({ ids: ['AAQk'] })], ['iml', envelope('<m:GetImItemList/>')], ['imi', envelope('<m:GetImItems/>')]]) {
    await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['busy200'], backOffMilliseconds: 10 });
    const x = await ews(mock, xml, { label: `${label}-busy-200` });
    assert.equal(x.status, 200);
    assert.ok(all(x.doc, 'ResponseCode').some((n) => n.text === 'ErrorServerBusy'), label);
  }

  await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['fault500'] });
  const f5 = await ews(mock, sfi, { label: 'fault-500' });
  assert.equal(f5.status, 500);
  assert.equal(faultOf(f5.doc).faultcode, 'a:ErrorInternalServerError');

  await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['drop'] });
  await assert.rejects(fetch(mock.ewsUrl, { method: 'POST', body: sfi }));

  await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['delay'], delayMs: 300 });
  const t0 = performance.now();
  const delayed = await syncPage(mock, { state: first.syncState, max: 10 }, 'sfi-delayed');
  assert.ok(performance.now() - t0 >= 280, 'delayed');
  assert.equal(delayed.responseClass, 'Success');

  // maxFaults and operations filters
  await admin(mock, 'POST', 'faults', { rate: 1, kinds: ['503'], maxFaults: 1, operations: ['SyncFolderItems'] });
  assert.equal((await ews(mock, envelope('<m:GetImItemList/>'), { label: 'iml-not-faulted' })).status, 200);
  assert.equal((await fetch(mock.ewsUrl, { method: 'POST', body: sfi })).status, 503);
  assert.equal((await ews(mock, sfi, { label: 'sfi-after-maxfaults' })).status, 200);

  // Deterministic pattern for a seed.
  const pattern = async () => {
    await admin(mock, 'POST', 'faults', { rate: 0.5, kinds: ['503', '429'], seed: 42, retryAfterSeconds: 0 });
    const out = [];
    for (let i = 0; i < 16; i++) {
      const x = await fetch(mock.ewsUrl, { method: 'POST', body: envelope('<m:GetImItemList/>') });
      out.push(x.status);
      await x.arrayBuffer();
    }
    return out.join(',');
  };
  const p1 = await pattern();
  assert.equal(await pattern(), p1);
  assert.match(p1, /200/);
  assert.match(p1, /503|429/);
  await admin(mock, 'DELETE', 'faults');

  const stats = (await admin(mock, 'GET', 'stats')).json;
  assert.equal(stats.faults['503'] >= 2, true);
  assert.equal(stats.faults['429'] >= 1, true);
  assert.equal(stats.faults.busy, 2);
  assert.equal(stats.faults.busy500, 1);
  assert.equal(stats.faults.busy200, 4);
  assert.equal(stats.faults.drop, 1);
  assert.equal(stats.faults.delay, 1);
  assert.equal(stats.faults.fault500, 1);
  const log = (await admin(mock, 'GET', 'requests?operation=SyncFolderItems')).json.requests;
  assert.ok(log.some((x) => x.fault === 'drop'));

  // Faults changed nothing: same change number, and the pre-fault state gives the same page.
  const stateAfter = (await admin(mock, 'GET', 'state')).json;
  assert.equal(stateAfter.changeNumber, stateBefore.changeNumber);
  const again = await syncPage(mock, { state: first.syncState, max: 10 });
  assert.deepEqual(again.changes.map((c) => c.id), delayed.changes.map((c) => c.id));
  const bad = await admin(mock, 'POST', 'faults', { rate: 2 });
  assert.equal(bad.status, 400);
  assert.equal((await admin(mock, 'POST', 'faults', { kinds: ['explode'] })).status, 400);
});

test('admin API', async () => {
  await admin(mock, 'POST', 'reset', { seed: 2 });
  const st = (await admin(mock, 'GET', 'state')).json;
  for (const name of ['inbox', 'sentitems', 'drafts', 'deleteditems', 'calendar', 'contacts', 'junkemail', 'outbox', 'imcontactlist']) {
    const f = st.folders.find((x) => x.name === name);
    assert.ok(f && f.folderId, name);
  }
  assert.ok(st.personas > 0 && st.imGroups > 0 && st.conversations > 0);
  const created = (await admin(mock, 'POST', 'items', { folder: 'inbox', count: 3, subject: 'Hello <you> & “me”' })).json;
  assert.equal(created.created.length, 3);
  const mr = (await admin(mock, 'POST', 'items', { folder: 'inbox', kind: 'MeetingRequest', subject: 'Planning' })).json.items[0];
  assert.equal(mr.kind, 'MeetingRequest');
  const items = (await admin(mock, 'GET', 'folder/inbox/items')).json;
  assert.ok(created.created.every((id) => items.items.some((i) => i.id === id && i.subject === 'Hello <you> & “me”' && i.isRead === false)));
  const id = encodeURIComponent(created.created[0]);
  const u = (await admin(mock, 'POST', `items/${id}/update`, { subject: 'changed' })).json;
  assert.equal(u.subject, 'changed');
  assert.notEqual(u.changeKey, items.items.find((i) => i.id === created.created[0]).changeKey);
  assert.equal((await admin(mock, 'POST', `items/${id}/read`, { isRead: true })).json.isRead, true);
  assert.equal((await admin(mock, 'GET', `items/${id}`)).json.item.subject, 'changed');
  assert.equal((await admin(mock, 'POST', `items/${id}/delete`, {})).json.deleted, created.created[0]);
  assert.equal((await admin(mock, 'POST', `items/${id}/update`, {})).status, 404);
  assert.equal((await admin(mock, 'GET', 'folder/nowhere/items')).status, 404);
  assert.equal((await admin(mock, 'GET', 'no/such/route')).status, 404);
  const badJson = await fetch(`${mock.adminUrl}items`, { method: 'POST', body: '{oops' });
  assert.equal(badJson.status, 400);
  await badJson.text();
  assert.equal((await admin(mock, 'POST', 'items', { folder: 'inbox', count: 0 })).status, 400);
  const mu = (await admin(mock, 'POST', 'mutate', { folder: 'inbox', creates: 2, updates: 2, deletes: 1, reads: 2, seed: 5 })).json;
  assert.equal(mu.created.length, 2);
  assert.equal(mu.updated.length, 2);
  assert.equal(mu.deleted.length, 1);
  assert.equal(mu.read.length, 2);
  // Same seed, same mailbox: reset is deterministic.
  await admin(mock, 'POST', 'reset', { seed: 2 });
  const a = (await admin(mock, 'GET', 'folder/inbox/items')).json.items;
  await admin(mock, 'POST', 'reset', { seed: 2 });
  const b = (await admin(mock, 'GET', 'folder/inbox/items')).json.items;
  assert.deepEqual(a, b);
  await admin(mock, 'POST', 'reset', { seed: 3 });
  assert.notDeepEqual((await admin(mock, 'GET', 'folder/inbox/items')).json.items.map((i) => i.id), a.map((i) => i.id));
  assert.ok((await admin(mock, 'GET', 'requests')).json.requests.length > 0);
});

test('a 10 000-item reset is fast', async () => {
  // Timed over HTTP; the best of up to three tries, so that a machine busy with
  // other work (2 shared cores) does not make the test flaky.
  const times = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const t0 = performance.now();
    const r = await admin(mock, 'POST', 'reset', { seed: 9, items: 10000, folder: 'inbox' });
    times.push(performance.now() - t0);
    assert.equal(r.status, 200);
    assert.equal(r.json.folders.find((f) => f.name === 'inbox').count, 10000);
    if (times[times.length - 1] < 1000) break;
  }
  assert.ok(Math.min(...times) < 1000, `reset took ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  const t1 = performance.now();
  const p = await syncPage(mock, { max: 512, shape: 'Default' });
  assert.equal(p.changes.length, 512);
  assert.ok(performance.now() - t1 < 1000);
});

test('createMockExchangeHandler mounts in another server', async () => {
  const h = createMockExchangeHandler({ seed: 1, items: 7 });
  const server = http.createServer((req, res) => { if (!h.handle(req, res)) { res.writeHead(200); res.end('demo page'); } });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    assert.equal(await (await fetch(`${base}/index.html`)).text(), 'demo page');
    const st = await (await fetch(`${base}/mock-admin/state`)).json();
    assert.equal(st.folders.find((f) => f.name === 'inbox').count, 7);
    const r = await fetch(`${base}/ews/exchange.asmx`, { method: 'POST', body: envelope('<m:GetImItemList/>') });
    assert.equal(r.status, 200);
    await r.text();
    assert.equal(h.mailbox.folderItems('inbox').count, 7);
  } finally {
    h.close();
    await new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
  }
});

test('every SOAP response body validates against the EWS schema', async (t) => {
  if (!(await hasXmllint())) { t.skip('xmllint is missing (apt-get install -y libxml2-utils): schema validation skipped'); return; }
  assert.ok(existsSync(VALIDATE), `validator at ${VALIDATE}`);
  assert.ok(saved.soap.length > 40, `${saved.soap.length} responses saved`);
  const r = await runValidate([VALIDATE, ...saved.soap]);
  assert.equal(r.code, 0, r.out.split('\n').filter((l) => !/ validates$/.test(l)).slice(0, 20).join('\n'));
});

test('every SOAP fault body validates as a SOAP 1.1 Fault', async (t) => {
  // ../shared/schemas/validate only accepts EWS elements in the Body (xs:any ##other),
  // so it cannot accept any s:Fault; check faults against the SOAP 1.1 Fault structure instead.
  if (!(await hasXmllint())) { t.skip('xmllint is missing (apt-get install -y libxml2-utils): fault validation skipped'); return; }
  assert.ok(saved.fault.length > 15, `${saved.fault.length} faults saved`);
  const xsd = join(outDir, 'soap11-fault.xsd');
  writeFileSync(xsd, `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"
           targetNamespace="http://schemas.xmlsoap.org/soap/envelope/" elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="${join(dirname(VALIDATE), 'xml.xsd')}"/>
  <xs:element name="Envelope"><xs:complexType><xs:sequence>
    <xs:element name="Header" minOccurs="0"><xs:complexType><xs:sequence><xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="Body"><xs:complexType><xs:sequence><xs:element ref="s:Fault"/></xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
  <xs:element name="Fault"><xs:complexType><xs:sequence>
    <xs:element name="faultcode" type="xs:QName" form="unqualified"/>
    <xs:element name="faultstring" form="unqualified"><xs:complexType><xs:simpleContent><xs:extension base="xs:string"><xs:attribute ref="xml:lang"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>
    <xs:element name="faultactor" type="xs:anyURI" form="unqualified" minOccurs="0"/>
    <xs:element name="detail" form="unqualified" minOccurs="0"><xs:complexType><xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`);
  const r = await runValidate(['xmllint', '--nonet', '--noout', '--schema', xsd, ...saved.fault]);
  assert.equal(r.code, 0, r.out.split('\n').filter((l) => !/ validates$/.test(l)).slice(0, 20).join('\n'));
  // And the shared validator indeed rejects them only for being a Fault.
  const shared = await runValidate([VALIDATE, saved.fault[0]]);
  assert.notEqual(shared.code, 0);
  assert.match(shared.out, /Fault.*not expected/);
});

test('a handler mounted in an HTTPS server answers its own https:// pages, and no other origin', async () => {
  // As the Outlook add-in tests mount it: the page is https://127.0.0.1:PORT,
  // its requests arrive over TLS with that Host and Origin.
  const { ensureDevCerts } = await import('../../examples/outlook-addin/serve.mjs');
  const https = await import('node:https');
  const dir = mkdtempSync(join(tmpdir(), 'ews-mount-certs-'));
  const mock = createMockExchangeHandler({ seed: 1 });
  const certs = await ensureDevCerts(dir);
  const server = https.createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    if (!mock.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const post = (origin) => new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: '/EWS/Exchange.asmx', method: 'POST', rejectUnauthorized: false,
      headers: { 'Content-Type': 'text/xml; charset=utf-8', Origin: origin } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(envelope('<m:GetImItemList/>'));
  });
  try {
    assert.equal(await post(`https://127.0.0.1:${port}`), 200, 'the page of the origin the request was made to');
    assert.equal(await post(`http://127.0.0.1:${port}`), 403, 'another scheme is another origin');
    assert.equal(await post('https://evil.example'), 403);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
