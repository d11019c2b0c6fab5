// Where gromox answers differently from Exchange (docs/servers.md), through the
// BUILT package: gromox's captured answers (tests/fixtures/gromox-*.xml, with
// their provenance) parsed, and fed to EwsClient through a transport with the
// HTTP status gromox sent. The live checks are the `gromox` layer (tests/gromox/).
//
//   node --test tests/js/servers.test.mjs

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackage, FIXTURES } from './helpers/package.mjs';

const pkg = await installPackage();
const { parseSyncFolderItemsResponse, EwsClient, EwsError } = pkg.ews;
after(() => pkg.cleanup());

const fixture = (name) => readFileSync(join(FIXTURES, name), 'utf8');
const ID_14 = 'AAAAAHhJht3XC4tMjlaYq1S8MsIHAAEAAAClGHtvvNzqHtA8VlcAAAAAAA0AAAEAAAClGHtvvNzqHtA8VlcAAAADAA4AAAM=';
const sync = (name) => {
  const r = parseSyncFolderItemsResponse(fixture(name));
  assert.equal(r.responseMessages.length, 1);
  const [m] = r.responseMessages;
  assert.equal(m.responseClass, 'Success');
  return { r, m, kinds: (m.changes ?? []).map((c) => c.kind) };
};

/** A client whose transport answers every request with `body` and `status`. */
const clientAnswering = (status, body) => new EwsClient({
  transport: async () => ({ status, headers: { 'content-type': 'text/xml' }, body }),
  retry: { maxRetries: 2, baseDelayMs: 1 },
});

test('gromox envelope (SOAP: prefix) and a Default shape without IsRead', () => {
  const { r, m, kinds } = sync('gromox-sfi-default.xml');
  assert.deepEqual(r.serverVersionInfo, { majorVersion: 15, minorVersion: 0, majorBuildNumber: 847, minorBuildNumber: 4040, version: 'V2017_07_11' });
  assert.deepEqual(kinds, ['Create', 'Create']);
  const { item } = m.changes[0];
  assert.equal(item.kind, 'Message');
  assert.equal(item.subject, '¿Qué tal? [35]');
  assert.equal(item.from.mailbox.emailAddress, 'noreply@ops.test');
  assert.equal('isRead' in item, false);
});

test('gromox IdOnly items also carry DateTimeReceived', () => {
  const { m } = sync('gromox-sfi-idonly.xml');
  for (const c of m.changes) assert.deepEqual(Object.keys(c.item).sort(), ['dateTimeReceived', 'itemId', 'kind']);
});

test('a read-state change as an Update, and an Ignore that is not applied', () => {
  let { m, kinds } = sync('gromox-sfi-read-as-update.xml');
  assert.deepEqual(kinds, ['Update']);
  assert.equal(m.changes[0].item.itemId.id, ID_14);
  assert.equal(m.changes[0].item.isRead, true);
  ({ m, kinds } = sync('gromox-sfi-ignore-not-applied.xml'));
  assert.deepEqual(kinds, ['Update']);
  assert.equal(m.changes[0].item.itemId.id, ID_14, 'the ignored item comes all the same');
  assert.equal(m.changes[0].item.isRead, false);
});

test('a paged first sync ends with ReadFlagChanges; an unreadable SyncState starts over as Success', () => {
  let { m, kinds } = sync('gromox-sfi-paged-first-sync-readflags.xml');
  assert.deepEqual(kinds, ['Create', 'ReadFlagChange', 'ReadFlagChange', 'ReadFlagChange', 'ReadFlagChange']);
  assert.equal(m.includesLastItemInRange, true);
  for (const c of m.changes.slice(1)) {
    assert.equal(c.isRead, false);
    assert.equal(c.itemId.changeKey, undefined);
  }
  ({ m, kinds } = sync('gromox-sfi-unreadable-syncstate.xml'));
  assert.deepEqual(kinds, ['Create', 'Create', 'Create']);
  assert.equal(m.includesLastItemInRange, false);
});

test('ErrorInvalidSyncStateData as a SOAP fault in HTTP 200: ERR_SOAP_FAULT with the response code, from the parser and the client', async () => {
  const body = fixture('gromox-fault-invalid-syncstate.xml');
  assert.throws(() => parseSyncFolderItemsResponse(body), (e) => {
    assert.ok(e instanceof EwsError);
    assert.equal(e.code, 'ERR_SOAP_FAULT');
    assert.equal(e.faultCode, 'ErrorInvalidSyncStateData');
    assert.equal(e.responseCode, 'ErrorInvalidSyncStateData');
    return true;
  });
  const c = clientAnswering(200, body);
  const opts = { itemShape: { baseShape: 'IdOnly' }, syncFolderId: { distinguishedFolderId: { id: 'inbox' } }, syncState: 'AQACARdACgAAAAEAUgAAAAAAAAA=', maxChangesReturned: 5 };
  await assert.rejects(c.syncFolderItems(opts), (e) => {
    assert.equal(e.code, 'ERR_SOAP_FAULT');
    assert.equal(e.responseCode, 'ErrorInvalidSyncStateData');
    return true;
  });
  assert.equal(c.stats.requests, 1, 'not retried');
});

test('the three operations gromox lacks: HTTP 500 faults, ERR_SOAP_FAULT, not retried', async () => {
  const calls = {
    'gromox-fault-unknown-request-gci.xml': (c) => c.getConversationItems({ itemShape: { baseShape: 'IdOnly' }, conversations: [{ conversationId: { id: 'AAQkAGZhZGQ=' } }] }),
    'gromox-fault-unknown-request-imitems.xml': (c) => c.getImItems({ contactIds: [{ id: 'AAMkAGZhZGQ=' }] }),
    'gromox-fault-unknown-request-imitemlist.xml': (c) => c.getImItemList(),
  };
  for (const [name, call] of Object.entries(calls)) {
    const c = clientAnswering(500, fixture(name));
    await assert.rejects(call(c), (e) => {
      assert.ok(e instanceof EwsError, name);
      assert.equal(e.code, 'ERR_SOAP_FAULT', name);
      assert.equal(e.faultCode, 'SOAP:Server', name);
      assert.equal(e.responseCode, undefined, name);
      assert.match(e.faultString, /^Unknown request '/, name);
      return true;
    });
    assert.equal(c.stats.requests, 1, `${name}: not retried`);
  }
});
