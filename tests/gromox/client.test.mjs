// The JS EwsClient of the BUILT package (pkg/, installed as `ews-wasm` the way a
// user gets it) against a live gromox server, over fetch. What the server holds
// is read independently (hand-written FindItem/GetItem, see server.mjs) and
// compared element by element with what the client made of it (compare.mjs).
// The mailbox is changed with hand-written CreateItem/UpdateItem/DeleteItem and
// with gromox-import; everything a test adds it deletes again.
//
//   TEST_ONLY=gromox npm test
//   bash scripts/gromox.sh run node --test --test-concurrency=1 tests/gromox/   (by hand)
//
// Order matters: the wrong-password test runs last (gromox blocks a client
// after ten failed logins, for a minute).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { installPackage } from '../js/helpers/package.mjs';
import {
  URL_, USER, PASSWORD, xmlEscape, serverItems, findItemIds, createItems, updateItem, deleteItems, importMail,
} from './server.mjs';
import { compareElement } from './compare.mjs';

const pkg = await installPackage();
const { EwsClient, EwsError } = pkg.ews;
after(() => pkg.cleanup());

const RUN = `${Date.now().toString(36)}`;
const sent = [];
/** fetch that records what was sent (to check the request carried an option). */
const recordingFetch = (input, init) => {
  sent.push(String(init?.body ?? ''));
  return fetch(input, init);
};

function client(extra = {}) {
  return new EwsClient({
    url: URL_,
    auth: { basic: { username: USER, password: PASSWORD } },
    retry: { maxRetries: 2, baseDelayMs: 200 },
    fetch: recordingFetch,
    ...extra,
  });
}

const folderOf = (name) => ({ distinguishedFolderId: { id: name } });

/**
 * Syncs `folder` to the end with the client, applying every change to `local`
 * (Map id → item). Returns { local, syncState, pages, changes }.
 */
async function syncAll(c, folder, { baseShape = 'Default', pageSize = 512, syncState, local = new Map(), ignore, syncScope, onInvalidSyncState } = {}) {
  const changes = [];
  let pages = 0;
  let restarted = false;
  let last;
  const opts = {
    itemShape: { baseShape }, syncFolderId: folderOf(folder), maxChangesReturned: pageSize,
    ...(syncState ? { syncState } : {}), ...(ignore ? { ignore } : {}), ...(syncScope ? { syncScope } : {}),
  };
  for await (const page of c.syncFolderItemsPages(opts, onInvalidSyncState ? { onInvalidSyncState } : {})) {
    pages += 1;
    if (page.restarted) { local.clear(); restarted = true; }
    assert.ok(['Success', 'Warning'].includes(page.responseClass));
    assert.ok((page.changes ?? []).length <= pageSize, `a page of ${pageSize} brought ${(page.changes ?? []).length}`);
    for (const ch of page.changes ?? []) {
      changes.push(ch);
      if (ch.kind === 'Create' || ch.kind === 'Update') local.set(ch.item.itemId.id, ch.item);
      else if (ch.kind === 'Delete') local.delete(ch.itemId.id);
      else if (ch.kind === 'ReadFlagChange') {
        const item = local.get(ch.itemId.id);
        assert.ok(item, `ReadFlagChange for an item not in the local copy: ${ch.itemId.id}`);
        local.set(ch.itemId.id, { ...item, isRead: ch.isRead });
      } else assert.fail(`unexpected change kind ${ch.kind}`);
    }
    last = page;
  }
  assert.equal(last.includesLastItemInRange, true);
  return { local, syncState: last.syncState, pages, changes, restarted };
}

/** The local copy holds exactly the server's items, each equal to GetItem's answer. */
async function assertSameAsServer(local, folder, baseShape, { ignoreReadFlagChangeKeys = new Set() } = {}) {
  const server = await serverItems(folder, baseShape);
  assert.deepEqual([...local.keys()].sort(), [...server.keys()].sort(), `${folder}: the same item ids as FindItem`);
  const problems = [];
  for (const [id, el] of server) {
    let item = local.get(id);
    if (ignoreReadFlagChangeKeys.has(id)) item = { ...item, itemId: { ...item.itemId, changeKey: el.getElementsByTagNameNS('*', 'ItemId')[0].getAttribute('ChangeKey') } };
    problems.push(...compareElement(el, item));
  }
  assert.deepEqual(problems, [], `${folder} (${baseShape}): the client's items differ from the server's`);
  return server;
}

// ------------------------------------------------------------------ full sync

for (const baseShape of ['Default', 'AllProperties']) {
  test(`full inbox sync, ${baseShape}: page sizes 1, 7 and 512 give the server's items, property for property`, async () => {
    const c = client();
    const server = await serverItems('inbox', baseShape);
    assert.ok(server.size >= 36, `the test mailbox has its 36 messages (has ${server.size})`);
    for (const pageSize of [1, 7, 512]) {
      const r = await syncAll(c, 'inbox', { baseShape, pageSize });
      assert.equal(r.changes.length, server.size, `page size ${pageSize}: one Create per item`);
      assert.ok(r.changes.every((ch) => ch.kind === 'Create' && ch.item.kind === 'Message'));
      assert.ok(r.pages >= Math.ceil(server.size / pageSize), `page size ${pageSize}: ${r.pages} pages`);
      assert.ok(r.pages <= Math.ceil(server.size / pageSize) + 1, `page size ${pageSize}: ${r.pages} pages`);
      await assertSameAsServer(r.local, 'inbox', baseShape);
    }
  });
}

// ------------------------------------------------------------------ incremental

test('incremental inbox sync: new mail (gromox-import), edits, read flags, follow-up flags and deletes, equal to the server after every round', async () => {
  const c = client();
  let { local, syncState } = await syncAll(c, 'inbox');
  const before = new Set(local.keys());
  const tag = `ews-wasm gromox ${RUN}`;
  let added = [];
  try {
    // round 1: three new messages, imported with gromox's own tools
    importMail([
      { subject: `${tag} one`, body: 'first' },
      { subject: `${tag} zwei — Grüße ✓`, body: 'second, Unicode: 敬具' },
      { subject: `${tag} three`, from: 'Carol Example <carol@example.test>', body: 'third' },
    ]);
    let r = await syncAll(c, 'inbox', { syncState, local, pageSize: 2 });
    assert.deepEqual(r.changes.map((ch) => ch.kind), ['Create', 'Create', 'Create']);
    added = r.changes.map((ch) => ch.item.itemId.id);
    assert.deepEqual(r.changes.map((ch) => ch.item.subject).sort(), [`${tag} one`, `${tag} three`, `${tag} zwei — Grüße ✓`]);
    await assertSameAsServer(local, 'inbox', 'Default');
    syncState = r.syncState;

    // round 2: a subject changed (UpdateItem)
    await updateItem(added[0], [['item:Subject', 'Message', `<t:Subject>${xmlEscape(`${tag} one, edited`)}</t:Subject>`]]);
    r = await syncAll(c, 'inbox', { syncState, local });
    assert.deepEqual(r.changes.map((ch) => [ch.kind, ch.item?.itemId.id ?? ch.itemId?.id]), [['Update', added[0]]]);
    assert.equal(local.get(added[0]).subject, `${tag} one, edited`);
    await assertSameAsServer(local, 'inbox', 'Default');
    syncState = r.syncState;

    // round 3: marked read (and one of the 36 too)
    const old = [...before][0];
    const wasRead = local.get(old).isRead;
    await updateItem(added[1], [['message:IsRead', 'Message', '<t:IsRead>true</t:IsRead>']]);
    await updateItem(old, [['message:IsRead', 'Message', `<t:IsRead>${!wasRead}</t:IsRead>`]]);
    r = await syncAll(c, 'inbox', { syncState, local });
    assert.deepEqual(new Set(r.changes.map((ch) => ch.item?.itemId.id ?? ch.itemId.id)), new Set([added[1], old]));
    assert.equal(local.get(added[1]).isRead, true);
    assert.equal(local.get(old).isRead, !wasRead);
    const readOnly = new Set(r.changes.filter((ch) => ch.kind === 'ReadFlagChange').map((ch) => ch.itemId.id));
    await assertSameAsServer(local, 'inbox', 'Default', { ignoreReadFlagChangeKeys: readOnly });
    syncState = r.syncState;
    await updateItem(old, [['message:IsRead', 'Message', `<t:IsRead>${wasRead}</t:IsRead>`]]);
    r = await syncAll(c, 'inbox', { syncState, local });
    assert.equal(local.get(old).isRead, wasRead);
    syncState = r.syncState;

    // round 4: a follow-up flag
    await updateItem(added[2], [['item:Flag', 'Message', '<t:Flag><t:FlagStatus>Flagged</t:FlagStatus></t:Flag>']]);
    r = await syncAll(c, 'inbox', { syncState, local });
    assert.deepEqual(r.changes.map((ch) => [ch.kind, ch.item?.itemId.id]), [['Update', added[2]]]);
    await assertSameAsServer(local, 'inbox', 'Default');
    syncState = r.syncState;

    // round 5: deleted (DeleteItem, HardDelete)
    await deleteItems(added);
    const gone = added;
    added = [];
    r = await syncAll(c, 'inbox', { syncState, local });
    assert.deepEqual(r.changes.map((ch) => [ch.kind, ch.itemId?.id]).sort(), gone.map((id) => ['Delete', id]).sort());
    await assertSameAsServer(local, 'inbox', 'Default');
    assert.deepEqual(new Set(local.keys()), before);
  } finally {
    await deleteItems(added);
  }
});

// ------------------------------------------------------------------ other folders

const OTHER = {
  calendar: {
    kind: 'CalendarItem',
    make: (tag, i) => `<t:CalendarItem><t:Subject>${xmlEscape(`${tag} meeting ${i}`)}</t:Subject>`
      + `<t:Body BodyType="Text">agenda ${i}</t:Body><t:Start>2026-12-${10 + i}T09:00:00Z</t:Start><t:End>2026-12-${10 + i}T10:30:00Z</t:End>`
      + `<t:Location>Room ${i}</t:Location></t:CalendarItem>`,
    edit: ['calendar:Location', 'CalendarItem', '<t:Location>Room 42, moved</t:Location>'],
  },
  contacts: {
    kind: 'Contact',
    make: (tag, i) => `<t:Contact><t:FileAs>${xmlEscape(`${tag} contact ${i}`)}</t:FileAs><t:GivenName>Given${i}</t:GivenName>`
      + `<t:CompanyName>Firma ${i} GmbH</t:CompanyName><t:EmailAddresses><t:Entry Key="EmailAddress1">c${i}@example.test</t:Entry></t:EmailAddresses>`
      + `<t:JobTitle>Tester ${i}</t:JobTitle><t:Surname>Müller${i}</t:Surname></t:Contact>`,
    edit: ['contacts:JobTitle', 'Contact', '<t:JobTitle>Lead tester</t:JobTitle>'],
  },
  tasks: {
    kind: 'Task',
    make: (tag, i) => `<t:Task><t:Subject>${xmlEscape(`${tag} task ${i}`)}</t:Subject><t:Body BodyType="Text">todo ${i}</t:Body>`
      + `<t:DueDate>2026-12-${20 + i}T00:00:00Z</t:DueDate><t:Status>NotStarted</t:Status></t:Task>`,
    edit: ['task:Status', 'Task', '<t:Status>InProgress</t:Status>'],
  },
};

for (const [folder, spec] of Object.entries(OTHER)) {
  test(`${folder}: ${spec.kind} items created with CreateItem sync in full and incrementally, equal to the server`, async () => {
    const c = client();
    const tag = `ews-wasm gromox ${RUN}`;
    let created = [];
    try {
      created = await createItems(folder, [0, 1, 2].map((i) => spec.make(tag, i)));
      assert.equal(created.length, 3);
      for (const baseShape of ['Default', 'AllProperties']) {
        for (const pageSize of [1, 512]) {
          const r = await syncAll(c, folder, { baseShape, pageSize });
          for (const id of created) assert.equal(r.local.get(id)?.kind, spec.kind, `${id} is a ${spec.kind}`);
          await assertSameAsServer(r.local, folder, baseShape);
        }
      }
      let { local, syncState } = await syncAll(c, folder);
      await updateItem(created[0], [spec.edit]);
      let r = await syncAll(c, folder, { syncState, local });
      assert.deepEqual(r.changes.map((ch) => [ch.kind, ch.item?.itemId.id]), [['Update', created[0]]]);
      await assertSameAsServer(local, folder, 'Default');
      syncState = r.syncState;
      await deleteItems([created[1]]);
      r = await syncAll(c, folder, { syncState, local });
      assert.deepEqual(r.changes.map((ch) => [ch.kind, ch.itemId?.id]), [['Delete', created[1]]]);
      await assertSameAsServer(local, folder, 'Default');
    } finally {
      const still = new Set((await findItemIds(folder)).map((x) => x.id));
      await deleteItems(created.filter((id) => still.has(id)));
    }
  });
}

// ------------------------------------------------------------------ options and errors

test('a corrupted SyncState: ERR_RESPONSE (ErrorInvalidSyncStateData) by default, a full restart with onInvalidSyncState: "restart"', async () => {
  const c = client();
  const { syncState } = await syncAll(c, 'inbox');
  // the same length, other bytes: still base64, no longer a state the server made
  const bytes = Buffer.from(syncState, 'base64');
  for (let i = 0; i < bytes.length; i += 1) bytes[i] ^= 0x5a;
  const corrupted = bytes.toString('base64');
  await assert.rejects(syncAll(c, 'inbox', { syncState: corrupted }), (e) => {
    assert.ok(e instanceof EwsError);
    assert.equal(e.code, 'ERR_RESPONSE');
    assert.equal(e.responseCode, 'ErrorInvalidSyncStateData');
    return true;
  });
  const r = await syncAll(c, 'inbox', { syncState: corrupted, onInvalidSyncState: 'restart', pageSize: 7 });
  assert.equal(r.restarted, true);
  await assertSameAsServer(r.local, 'inbox', 'Default');
});

test('Ignore and SyncScope are sent and the answers read', async () => {
  const c = client();
  let { local, syncState } = await syncAll(c, 'inbox');
  const tag = `ews-wasm gromox ${RUN} ignore`;
  const ids = [...local.keys()].slice(0, 2);
  const wasRead = ids.map((id) => local.get(id).isRead);
  try {
    for (const [i, id] of ids.entries()) await updateItem(id, [['message:IsRead', 'Message', `<t:IsRead>${!wasRead[i]}</t:IsRead>`]]);
    sent.length = 0;
    const r = await syncAll(c, 'inbox', { syncState, local: new Map(local), ignore: [{ id: ids[0] }] });
    assert.match(sent.join('\n'), new RegExp(`<m:Ignore><t:ItemId Id="${ids[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"/></m:Ignore>`));
    const touched = r.changes.map((ch) => ch.item?.itemId.id ?? ch.itemId.id);
    assert.deepEqual(touched, [ids[1]], 'the ignored item\'s change is left out');
  } finally {
    for (const [i, id] of ids.entries()) await updateItem(id, [['message:IsRead', 'Message', `<t:IsRead>${wasRead[i]}</t:IsRead>`]]);
  }
  for (const syncScope of ['NormalItems', 'NormalAndAssociatedItems']) {
    sent.length = 0;
    const r = await syncAll(c, 'inbox', { syncScope, pageSize: 100 });
    assert.match(sent[0], new RegExp(`<m:SyncScope>${syncScope}</m:SyncScope>`));
    const normal = new Set((await findItemIds('inbox')).map((x) => x.id));
    const items = [...r.local.values()];
    for (const id of normal) assert.ok(r.local.has(id), `${syncScope}: ${id} is there`);
    if (syncScope === 'NormalItems') assert.equal(r.local.size, normal.size);
    // associated (folder-associated information) items are marked as such
    for (const item of items) if (!normal.has(item.itemId.id)) assert.equal(item.isAssociated, true, `${item.itemId.id} is an associated item`);
  }
  void tag;
});

test('GetConversationItems, GetImItems and GetImItemList: gromox does not have them, ERR_SOAP_FAULT', async () => {
  const c = client();
  const calls = {
    GetConversationItems: () => c.getConversationItems({
      itemShape: { baseShape: 'IdOnly' }, conversations: [{ conversationId: { id: 'AAQkAGZhZGQ=' } }],
    }),
    GetImItems: () => c.getImItems({ contactIds: [{ id: 'AAMkAGZhZGQ=' }] }),
    GetImItemList: () => c.getImItemList(),
  };
  for (const [op, call] of Object.entries(calls)) {
    await assert.rejects(call(), (e) => {
      assert.ok(e instanceof EwsError, op);
      assert.equal(e.code, 'ERR_SOAP_FAULT', op);
      assert.equal(typeof e.faultCode, 'string', op);
      return true;
    }, op);
  }
});

test('a wrong password: ERR_HTTP 401, not retried (runs last: gromox blocks after ten failed logins)', async () => {
  const c = client({ auth: { basic: { username: USER, password: `${PASSWORD}-wrong` } } });
  const before = c.stats.requests;
  await assert.rejects(c.syncFolderItems({ itemShape: { baseShape: 'IdOnly' }, syncFolderId: folderOf('inbox'), maxChangesReturned: 1 }), (e) => {
    assert.ok(e instanceof EwsError);
    assert.equal(e.code, 'ERR_HTTP');
    assert.equal(e.status, 401);
    assert.ok(!JSON.stringify(e).includes(`${PASSWORD}-wrong`), 'no password in the error');
    return true;
  });
  assert.equal(c.stats.requests - before, 1, 'a 401 is not retried');
});
