// Hostile input against the BUILT package (issue: reliability and security).
// Every input below must give a typed EwsError (or, for the large valid ones, a
// result) within a bounded time and memory, and the module must keep working.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackage, FIXTURES } from './helpers/package.mjs';

const pkg = await installPackage();
const { ews } = pkg;
after(() => pkg.cleanup());

const SEEDS = {
  sfi: 'seed-sfi-response.xml',
  gci: 'seed-gci-response.xml',
  im: 'seed-imitems-response.xml',
  imList: 'seed-imitemlist-response.xml',
};
const PARSERS = {
  sfi: ews.parseSyncFolderItemsResponse,
  gci: ews.parseGetConversationItemsResponse,
  im: ews.parseGetImItemsResponse,
  imList: ews.parseGetImItemListResponse,
};
const seed = (op) => readFileSync(join(FIXTURES, SEEDS[op]), 'utf8');
const ENVELOPE = (body) =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;

/** Runs `f`, which must throw an EwsError whose code is one of `codes`, within `ms`. */
function refuses(label, f, codes, ms = 2000) {
  const t0 = performance.now();
  let err;
  try {
    f();
  } catch (e) {
    err = e;
  }
  const took = performance.now() - t0;
  assert.ok(err, `${label}: expected an EwsError, got a result`);
  assert.ok(err instanceof ews.EwsError, `${label}: not an EwsError: ${err}`);
  assert.ok(codes.includes(err.code), `${label}: code ${err.code}, expected ${codes.join(' or ')}`);
  assert.ok(took < ms, `${label}: took ${took.toFixed(0)} ms (bound ${ms} ms)`);
  return err;
}

/** After anything hostile: every parser still parses its seed. */
function stillWorks(label) {
  assert.equal(PARSERS.sfi(seed('sfi')).responseMessages[0].changes[0].item.subject, 'Budget Q3', label);
  assert.equal(PARSERS.gci(seed('gci')).responseMessages[0].conversation.conversationNodes.length, 5, label);
  assert.equal(PARSERS.im(seed('im')).imItemList.personas[0].displayName, 'Tony Smith', label);
  assert.equal(PARSERS.imList(seed('imList')).imItemList.groups.length, 4, label);
}

test('billion laughs: nothing is expanded, a typed error comes back at once', () => {
  const lol = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i < 10; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  const doc = `<?xml version="1.0"?><!DOCTYPE lolz [${lol.join('')}]><lolz>&lol9;</lolz>`;
  for (const [op, parse] of Object.entries(PARSERS)) {
    refuses(`${op}: billion laughs`, () => parse(doc), ['ERR_NOT_SOAP', 'ERR_MALFORMED_XML'], 1000);
    const inEnvelope = `<?xml version="1.0"?><!DOCTYPE s:Envelope [${lol.join('')}]>${ENVELOPE('&lol9;')}`;
    refuses(`${op}: billion laughs in an envelope`, () => parse(inEnvelope), ['ERR_NOT_SOAP', 'ERR_MALFORMED_XML'], 1000);
  }
  stillWorks('after billion laughs');
});

test('external entities (XXE): never resolved, typed error', () => {
  const xxe = `<?xml version="1.0"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${ENVELOPE(
    '<m:SyncFolderItemsResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:SyncState>&xxe;</m:SyncState></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse>',
  )}`;
  const err = refuses('XXE', () => ews.parseSyncFolderItemsResponse(xxe), ['ERR_NOT_SOAP', 'ERR_MALFORMED_XML'], 1000);
  assert.ok(!JSON.stringify(err).includes('root:'), 'no file content in the error');
  // A DOCTYPE before an otherwise valid response: refused as not SOAP.
  const doctype = `<!DOCTYPE s:Envelope>${seed('sfi').replace(/^<\?xml[^>]*\?>/, '')}`;
  const e2 = refuses('DOCTYPE + valid envelope', () => ews.parseSyncFolderItemsResponse(doctype), ['ERR_NOT_SOAP']);
  assert.equal(e2.found, '!DOCTYPE');
  stillWorks('after XXE');
});

test('elements nested 100 000 deep: ERR_LIMIT maxDepth, fast, for every parser', () => {
  const deep = ENVELOPE(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`);
  for (const [op, parse] of Object.entries(PARSERS)) {
    const e = refuses(`${op}: 100 000 deep`, () => parse(deep), ['ERR_LIMIT', 'ERR_NOT_SOAP'], 2000);
    if (e.code === 'ERR_LIMIT') assert.equal(e.limitName, 'maxDepth');
  }
  const inside = seed('sfi').replace('<t:Subject>Budget Q3</t:Subject>', `<t:Subject>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</t:Subject>`);
  const e = refuses('100 000 deep inside an item', () => ews.parseSyncFolderItemsResponse(inside), ['ERR_LIMIT'], 2000);
  assert.equal(e.limitName, 'maxDepth');
  assert.equal(e.limit, 256);
  stillWorks('after deep nesting');
});

test('a 50 MB attribute value: parsed in bounded time and memory, and the module stays usable', () => {
  const big = 'A'.repeat(50 * 1024 * 1024);
  const xml = seed('sfi').replace('Id="AQApAHRwA=="', `Id="${big}"`);
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const r = ews.parseSyncFolderItemsResponse(xml);
  const took = performance.now() - t0;
  assert.equal(r.responseMessages[0].changes[0].item.itemId.id.length, big.length);
  assert.ok(took < 10_000, `took ${took.toFixed(0)} ms`);
  const grown = process.memoryUsage().rss - before;
  assert.ok(grown < 12 * xml.length, `RSS grew ${(grown / 2 ** 20).toFixed(0)} MiB for a ${(xml.length / 2 ** 20).toFixed(0)} MiB input`);
  // Over the limit: refused before any work.
  refuses('50 MB with maxResponseBytes 1 MB', () => ews.parseSyncFolderItemsResponse(xml, { maxResponseBytes: 1 << 20 }), ['ERR_LIMIT'], 200);
  stillWorks('after 50 MB');
});

test('invalid UTF-8 and UTF-16 bodies, NUL bytes: ERR_MALFORMED_XML with a position', () => {
  const good = new TextEncoder().encode(seed('sfi'));
  const badUtf8 = new Uint8Array(good);
  badUtf8[200] = 0xff;
  let e = refuses('invalid UTF-8', () => ews.parseSyncFolderItemsResponse(badUtf8), ['ERR_MALFORMED_XML']);
  assert.equal(e.position, 200);
  const truncatedChar = new TextEncoder().encode('<a>é</a>').slice(0, 4);
  refuses('UTF-8 cut inside a character', () => ews.parseSyncFolderItemsResponse(truncatedChar), ['ERR_MALFORMED_XML']);
  const utf16 = (s, le) => {
    const out = new Uint8Array(2 + s.length * 2);
    out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
    for (let i = 0; i < s.length; i++) {
      const u = s.charCodeAt(i);
      out[2 + 2 * i + (le ? 0 : 1)] = u & 0xff;
      out[2 + 2 * i + (le ? 1 : 0)] = u >> 8;
    }
    return out;
  };
  // Valid UTF-16 (both byte orders) parses; an unpaired surrogate or an odd length does not.
  assert.equal(ews.parseSyncFolderItemsResponse(utf16(seed('sfi'), true)).responseMessages.length, 1);
  assert.equal(ews.parseSyncFolderItemsResponse(utf16(seed('sfi'), false)).responseMessages.length, 1);
  refuses('UTF-16 with an unpaired surrogate', () => ews.parseSyncFolderItemsResponse(utf16('<a>\ud800</a>', true)), ['ERR_MALFORMED_XML']);
  refuses('UTF-16 with an odd length', () => ews.parseSyncFolderItemsResponse(utf16(seed('sfi'), true).slice(0, 101)), ['ERR_MALFORMED_XML']);
  e = refuses('a NUL byte', () => ews.parseSyncFolderItemsResponse(seed('sfi').replace('Budget Q3', 'Budget\u0000Q3')), ['ERR_MALFORMED_XML']);
  assert.equal(typeof e.position, 'number');
  stillWorks('after bad encodings');
});

test('an HTML login page and a JSON error body: ERR_MALFORMED_XML; well-formed non-SOAP: ERR_NOT_SOAP', () => {
  for (const [op, parse] of Object.entries(PARSERS)) {
    refuses(`${op}: HTML login page`, () => parse(readFileSync(join(FIXTURES, 'html-login-page.html'), 'utf8')), ['ERR_MALFORMED_XML']);
    refuses(`${op}: JSON error body`, () => parse(readFileSync(join(FIXTURES, 'json-error.json'), 'utf8')), ['ERR_MALFORMED_XML']);
    const e = refuses(`${op}: RSS`, () => parse(readFileSync(join(FIXTURES, 'not-soap.xml'), 'utf8')), ['ERR_NOT_SOAP']);
    assert.equal(e.found, 'rss');
  }
  stillWorks('after HTML and JSON');
});

test('every seed truncated at every 97th byte, through every parser: always a typed error', () => {
  let cases = 0;
  let expected = 0;
  for (const file of Object.values(SEEDS).concat(['seed-sfi-error.xml', 'seed-gci-error.xml', 'seed-imitemlist-fault.xml'])) {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const end = text.trimEnd().length; // a cut in trailing white space leaves a complete document
    expected += Math.ceil(end / 97) * Object.keys(PARSERS).length;
    for (let cut = 0; cut < end; cut += 97) {
      const part = text.slice(0, cut);
      for (const [op, parse] of Object.entries(PARSERS)) {
        refuses(`${file} cut at ${cut}, ${op}`, () => parse(part), ['ERR_MALFORMED_XML', 'ERR_NOT_SOAP', 'ERR_SOAP_FAULT'], 500);
        cases++;
      }
    }
  }
  assert.equal(cases, expected);
  assert.ok(cases > 1000, `only ${cases} truncations`);
  stillWorks('after truncations');
});

test('responses of the wrong operation: ERR_NOT_SOAP naming the element found', () => {
  const element = { sfi: 'SyncFolderItemsResponse', gci: 'GetConversationItemsResponse', im: 'GetImItemsResponse', imList: 'GetImItemListResponse' };
  let pairs = 0;
  for (const [from, xmlOp] of Object.entries(SEEDS)) {
    for (const [op, parse] of Object.entries(PARSERS)) {
      if (op === from) continue;
      const e = refuses(`${xmlOp} given to ${op}`, () => parse(readFileSync(join(FIXTURES, xmlOp), 'utf8')), ['ERR_NOT_SOAP']);
      assert.equal(e.found, element[from]);
      pairs++;
    }
  }
  assert.equal(pairs, 12);
  stillWorks('after wrong operations');
});
