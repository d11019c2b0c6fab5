// Soak test (issue 7): EwsClient.syncFolderItemsPages, from the BUILT package,
// keeps a 10 000-item inbox of the mock Exchange server
// (www/mock-exchange/) while the folder changes under it (creates, updates,
// deletes, read flags, from a concurrent mutator) and 30% of the
// SyncFolderItems requests fail: 503 with Retry-After, ErrorServerBusy (as a
// SOAP Fault and as an Error message), dropped connections and answers that
// come after the client's timeout. It syncs until it has caught up, in
// several phases; at the end of each phase, with the mutator stopped, the
// client's copy must equal the server's folder (ids, ChangeKeys, IsRead and
// subjects), with no item lost and none duplicated. It prints the figures
// (requests, retries by cause, faults by kind, mutations, pages, time).
//
//   npm run build && node --test tests/soak/
//
// Env: SOAK_PHASES (default 3), SOAK_REQUESTS (per phase: sync rounds go on
// while the folder changes until the client has sent this many requests,
// default 120), SOAK_SEED (default 11). Nothing is timed as a pass
// condition; node:test's timeout only stops a hung run.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startMockExchange } from '../../www/mock-exchange/server.mjs';
import { installPackage } from '../js/helpers/package.mjs';

const PHASES = Number(process.env.SOAK_PHASES ?? 3);
const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 120);
const SEED = Number(process.env.SOAK_SEED ?? 11);
const ITEMS = 10_000;
const TIMEOUT_MS = 1_000; // the client's per-attempt timeout (a loaded machine answers a 512-change page well within it)
const DELAY_MS = 2_500; // the mock's "delay" fault: well past the timeout

const pkg = await installPackage();
const { EwsClient } = pkg.ews;

const SHAPE = {
  baseShape: 'IdOnly',
  additionalProperties: [{ fieldURI: 'message:IsRead' }, { fieldURI: 'item:Subject' }],
};
const INBOX = { distinguishedFolderId: { id: 'inbox' } };

let mock;
before(async () => {
  mock = await startMockExchange({ port: 0, host: '127.0.0.1', seed: SEED, items: ITEMS, folder: 'inbox' });
});
after(async () => {
  await mock?.close();
  pkg.cleanup();
});

async function admin(method, path, json) {
  const res = await fetch(mock.adminUrl + path, {
    method,
    headers: json ? { 'Content-Type': 'application/json' } : {},
    body: json ? JSON.stringify(json) : undefined,
  });
  const body = await res.json();
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Changes the inbox through the admin API every `everyMs` until stopped or
 * `done()`: small random batches of creates, updates, deletes and read-flag
 * flips.
 */
function startMutator({ everyMs, seed, done }) {
  const totals = { batches: 0, created: 0, updated: 0, deleted: 0, read: 0 };
  let stopped = false;
  let n = 0;
  const loop = (async () => {
    while (!stopped && !done()) {
      const mix = [
        { creates: 3, updates: 2, deletes: 1, reads: 3 },
        { creates: 0, updates: 4, deletes: 3, reads: 1 },
        { creates: 5, updates: 0, deletes: 2, reads: 6 },
      ][n % 3];
      const r = await admin('POST', 'mutate', { folder: 'inbox', seed: `${seed}:${n++}`, ...mix });
      totals.batches++;
      totals.created += r.created.length;
      totals.updated += r.updated.length;
      totals.deleted += r.deleted.length;
      totals.read += r.read.length;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    totals,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/**
 * One sync round: pages from `state` until IncludesLastItemInRange, applying
 * every change to `mirror` (id → { changeKey, isRead, subject }). Counts
 * anything that would lose or duplicate an item instead of failing at once,
 * so that the report says how many.
 */
async function syncRound(client, mirror, state, maxChangesReturned, tally) {
  let last;
  for await (const page of client.syncFolderItemsPages(
    { itemShape: SHAPE, syncFolderId: INBOX, syncState: state, maxChangesReturned },
    {},
  )) {
    assert.equal(page.responseClass, 'Success');
    tally.pages++;
    // Did the folder change since the previous page? (proves the mutations
    // really came while a round was paging, not only between rounds)
    const seq = mock.mailbox.seq;
    if (tally.lastSeq !== undefined && seq !== tally.lastSeq && !page.includesLastItemInRange) tally.pagesAfterMutation++;
    tally.lastSeq = seq;
    const seenInPage = new Set();
    for (const c of page.changes) {
      tally.changes[c.kind] = (tally.changes[c.kind] ?? 0) + 1;
      const id = c.kind === 'Create' || c.kind === 'Update' ? c.item.itemId.id : c.itemId.id;
      if (seenInPage.has(id)) tally.duplicateInPage++;
      seenInPage.add(id);
      switch (c.kind) {
        case 'Create':
          if (mirror.has(id)) tally.duplicateCreates++;
          mirror.set(id, { changeKey: c.item.itemId.changeKey, isRead: c.item.isRead, subject: c.item.subject });
          break;
        case 'Update':
          if (!mirror.has(id)) tally.unknownUpdates++;
          mirror.set(id, { changeKey: c.item.itemId.changeKey, isRead: c.item.isRead, subject: c.item.subject });
          break;
        case 'Delete':
          if (!mirror.delete(id)) tally.unknownDeletes++;
          break;
        case 'ReadFlagChange': {
          const m = mirror.get(id);
          if (m) m.isRead = c.isRead;
          else tally.unknownReadFlags++;
          break;
        }
        default:
          assert.fail(`unexpected change kind ${c.kind}`);
      }
    }
    last = page;
  }
  assert.equal(last.includesLastItemInRange, true);
  return last.syncState;
}

/** The client's copy against GET /mock-admin/folder/inbox/items: lost, extra and stale items. */
async function compare(mirror) {
  const { items } = await admin('GET', 'folder/inbox/items');
  const lost = [];
  const stale = [];
  for (const s of items) {
    const m = mirror.get(s.id);
    if (!m) lost.push(s.id);
    else if (m.changeKey !== s.changeKey || m.isRead !== s.isRead || m.subject !== s.subject) stale.push(s.id);
  }
  const serverIds = new Set(items.map((i) => i.id));
  const extra = [...mirror.keys()].filter((id) => !serverIds.has(id));
  return { serverCount: items.length, clientCount: mirror.size, lost, extra, stale };
}

test(`soak: a ${ITEMS}-item folder changing while it syncs, 30% faults, ${PHASES} phases to convergence`, { timeout: 20 * 60_000 }, async () => {
  await admin('DELETE', 'stats');
  await admin('POST', 'faults', {
    rate: 0.3,
    kinds: ['503', 'busy', 'drop', 'delay'],
    retryAfterSeconds: 1,
    backOffMilliseconds: 100,
    delayMs: DELAY_MS,
    seed: SEED,
    operations: ['SyncFolderItems'],
  });
  const retries = {};
  const client = new EwsClient({
    url: mock.ewsUrl,
    timeoutMs: TIMEOUT_MS,
    retry: {
      maxRetries: 12,
      baseDelayMs: 50,
      maxDelayMs: 2_000,
      onRetry: (r) => {
        const key = r.code === 'ERR_HTTP' ? `HTTP ${r.status}` : r.responseCode ? `${r.code} ${r.responseCode}` : r.code;
        retries[key] = (retries[key] ?? 0) + 1;
      },
    },
  });
  const mirror = new Map();
  const tally = {
    pages: 0, pagesAfterMutation: 0, lastSeq: undefined, changes: {},
    duplicateCreates: 0, duplicateInPage: 0, unknownUpdates: 0, unknownDeletes: 0, unknownReadFlags: 0,
  };
  const mutations = { batches: 0, created: 0, updated: 0, deleted: 0, read: 0 };
  const sizes = [512, 128, 50];
  const t0 = performance.now();
  let state;
  let rounds = 0;
  const checks = [];
  try {
    for (let phase = 0; phase < PHASES; phase++) {
      // Sync rounds while the folder changes (phase 0's first round is the
      // initial 10 000-item sync from no SyncState).
      // The mutator stops once the phase has sent REQUESTS requests, so that a
      // round that cannot catch up on a slow machine still ends.
      const until = client.stats.requests + REQUESTS;
      const mutator = startMutator({ everyMs: 60, seed: `${SEED}:${phase}`, done: () => client.stats.requests >= until });
      try {
        for (let r = 0; client.stats.requests < until; r++) {
          state = await syncRound(client, mirror, state, sizes[(phase + r) % sizes.length], tally);
          rounds++;
        }
      } finally {
        await mutator.stop();
        for (const k of Object.keys(mutations)) mutations[k] += mutator.totals[k];
      }
      // The folder is still now: sync until a round brings nothing, then the
      // copies must be equal.
      for (let quiet = false, n = 0; !quiet; rounds++, n++) {
        assert.ok(n < 20, `phase ${phase}: still changes after ${n} rounds with the folder still`);
        const before = tally.pages;
        const changesBefore = Object.values(tally.changes).reduce((a, b) => a + b, 0);
        state = await syncRound(client, mirror, state, 512, tally);
        const changesAfter = Object.values(tally.changes).reduce((a, b) => a + b, 0);
        quiet = changesAfter === changesBefore && tally.pages === before + 1;
      }
      const c = await compare(mirror);
      checks.push({ phase, ...c, lost: c.lost.length, extra: c.extra.length, stale: c.stale.length });
      assert.deepEqual(c.lost, [], `phase ${phase}: items lost`);
      assert.deepEqual(c.extra, [], `phase ${phase}: items the server no longer has`);
      assert.deepEqual(c.stale, [], `phase ${phase}: items with an old ChangeKey, IsRead or Subject`);
      assert.equal(c.clientCount, c.serverCount);
    }
  } finally {
    await admin('DELETE', 'faults');
  }
  const ms = performance.now() - t0;
  // A delayed request the client gave up on is counted by the mock only when
  // its delay ends: let the last ones finish before reading the counts.
  await new Promise((resolve) => setTimeout(resolve, DELAY_MS + 250));
  const stats = await admin('GET', 'stats');

  assert.equal(tally.duplicateCreates, 0, 'a Create for an item the client already had');
  assert.equal(tally.duplicateInPage, 0, 'one item twice in a page');
  assert.equal(tally.unknownUpdates, 0, 'an Update for an item the client never had');
  assert.equal(tally.unknownDeletes, 0, 'a Delete for an item the client never had');
  assert.equal(tally.unknownReadFlags, 0, 'a ReadFlagChange for an item the client never had');

  // The run really was hostile: every fault kind happened, about 30% of the
  // requests failed, and mutations landed between the pages of a round.
  for (const kind of ['503', 'busy500', 'busy200', 'drop', 'delay']) assert.ok(stats.faults[kind] > 0, `no ${kind} fault: ${JSON.stringify(stats.faults)}`);
  const sfiRequests = stats.byOperation.SyncFolderItems;
  const rate = stats.faults.total / sfiRequests;
  assert.ok(rate > 0.2 && rate < 0.4, `fault rate ${rate}`);
  assert.ok(mutations.created > 0 && mutations.updated > 0 && mutations.deleted > 0 && mutations.read > 0, JSON.stringify(mutations));
  assert.ok(tally.pagesAfterMutation > 0, 'no mutation landed while a round was paging');

  // Every fault cost exactly one retry, and each kind the retry it should. (A
  // timeout can also hit an answer that was merely slow on a loaded machine:
  // such a retry is harmless, and counted apart.)
  const totalRetries = Object.values(retries).reduce((a, b) => a + b, 0);
  const spuriousTimeouts = (retries.ERR_TIMEOUT ?? 0) - stats.faults.delay;
  assert.equal(client.stats.retries, totalRetries);
  assert.equal(client.stats.requests, sfiRequests);
  assert.equal(retries['HTTP 503'], stats.faults['503']);
  assert.equal(retries['ERR_SOAP_FAULT ErrorServerBusy'], stats.faults.busy500);
  assert.equal(retries['ERR_RESPONSE ErrorServerBusy'], stats.faults.busy200);
  assert.equal(retries.ERR_NETWORK, stats.faults.drop);
  assert.ok(spuriousTimeouts >= 0, `${retries.ERR_TIMEOUT} timeouts for ${stats.faults.delay} delays`);
  assert.equal(totalRetries, stats.faults.total + spuriousTimeouts);

  const final = checks.at(-1);
  console.log(`# soak: ${PHASES} phases, ${rounds} sync rounds, ${tally.pages} pages, ${Math.round(ms / 100) / 10} s`);
  console.log(`# soak: folder ${ITEMS} → ${final.serverCount} items; client ${final.clientCount}; lost ${final.lost}, extra ${final.extra}, stale ${final.stale}, duplicated ${tally.duplicateCreates + tally.duplicateInPage}`);
  console.log(`# soak: mutations during sync: ${JSON.stringify(mutations)}; pages that came after a mutation mid-round: ${tally.pagesAfterMutation}`);
  console.log(`# soak: changes applied: ${JSON.stringify(tally.changes)}`);
  console.log(`# soak: ${sfiRequests} SyncFolderItems requests, ${stats.faults.total} faults (${(rate * 100).toFixed(1)}%): ${JSON.stringify(stats.faults)}`);
  console.log(`# soak: ${totalRetries} retries: ${JSON.stringify(retries)}; timeouts without an injected delay: ${spuriousTimeouts}`);
});
