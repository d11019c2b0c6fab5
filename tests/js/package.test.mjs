// The built npm package (pkg/), used the way a user uses it: `npm pack`ed,
// installed into a temporary node_modules/ews-wasm and imported by its name
// ('ews-wasm') from a module in that directory, so that Node resolves the
// `exports` map itself. Checks, against /work/shared/API.md:
//   - packaging: the tarball holds what package.json points at; the `node`
//     condition is picked; `import` alone initialises (no `await init()`); the
//     browser entry without init throws ERR_NOT_INITIALIZED and works after
//     `await init(bytes)`;
//   - the four builders: API.md's examples, the seed requests, maximal options,
//     every schema enumeration value: schema-valid (../shared/schemas/validate,
//     one xmllint call per test), http:// namespaces, every user string escaped;
//   - the four parsers: every seed, real and hand-written fixture, field by
//     field, plus an independent oracle (helpers/oracle.mjs: every leaf of the
//     XML is in the result and nothing else is, plain data, no nulls);
//   - every error code of API.md's table that the pure functions can produce,
//     with its extra fields; bytes input (UTF-8, UTF-16LE/BE with BOM);
//   - robustness: 100 malformed inputs in a row, then valid parses; deep
//     nesting fails fast; memory stays bounded; conversationThread;
//   - prints the .wasm and JS glue sizes (raw and gzip -9).
//
//   node --test tests/js/package.test.mjs        (needs `npm run build` first)
//
// Tests assert values and error codes, never message wording.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

import { installPackage, fixture, fixtureBytes, validateRequests, FIXTURES, VALIDATE } from './helpers/package.mjs';
import {
  assertLossless,
  assertPlainData,
  elementChildren,
  findElement,
  findElements,
  jsName,
  parseDom,
  partEvents,
  responseParts,
  textOf,
} from './helpers/oracle.mjs';

const HTTP_M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const HTTP_T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const GUID = '00020329-0000-0000-C000-000000000046';

/** @type {Awaited<ReturnType<typeof installPackage>>} */
let pkg;
/** @type {any} the package namespace: `import * as ews from 'ews-wasm'` */
let ews;

before(async () => {
  pkg = await installPackage();
  ews = pkg.ews;
});
after(() => pkg?.cleanup());

// ---------------------------------------------------------------------------
// Helpers

const PARSERS = {
  gci: 'parseGetConversationItemsResponse',
  imItems: 'parseGetImItemsResponse',
  imList: 'parseGetImItemListResponse',
  sfi: 'parseSyncFolderItemsResponse',
};
const RESPONSE_ELEMENT = {
  gci: 'GetConversationItemsResponse',
  imItems: 'GetImItemsResponse',
  imList: 'GetImItemListResponse',
  sfi: 'SyncFolderItemsResponse',
};
const parse = (op, input, limits) => (limits === undefined ? ews[PARSERS[op]](input) : ews[PARSERS[op]](input, limits));

/** Which parser a fixture is for, by its name. */
function opOf(name) {
  if (/gci/.test(name)) return 'gci';
  if (/imitemlist/.test(name)) return 'imList';
  if (/imitems/.test(name)) return 'imItems';
  return 'sfi';
}

/**
 * Calls fn, asserts it throws an EwsError (also an Error) with this code and a
 * string message, runs `check(err)`; returns the error.
 */
function throwsEws(fn, code, check, label = '') {
  const at = label ? `${label}: ` : '';
  let thrown;
  let returned;
  try {
    returned = fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, `${at}expected an EwsError ${code}; returned ${JSON.stringify(returned)?.slice(0, 200)}`);
  assert.ok(thrown instanceof ews.EwsError, `${at}expected an EwsError ${code}, got ${thrown?.name}: ${thrown?.message}`);
  assert.ok(thrown instanceof Error, 'an EwsError is an Error');
  assert.equal(thrown.code, code, `${at}code (message: ${thrown.message})`);
  assert.equal(thrown.name, 'EwsError');
  assert.equal(typeof thrown.message, 'string');
  assert.ok(thrown.message.length > 0, 'the error has a message');
  if (check) check(thrown);
  return thrown;
}

function utf8Length(s) {
  return Buffer.byteLength(s, 'utf8');
}

const seedOptions = {
  gci: {
    header: { requestServerVersion: 'Exchange2013' },
    itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Subject' }, { fieldURI: 'item:DateTimeReceived' }] },
    foldersToIgnore: [{ distinguishedFolderId: { id: 'deleteditems' } }, { distinguishedFolderId: { id: 'drafts' } }],
    sortOrder: 'TreeOrderDescending',
    conversations: [{ conversationId: { id: 'AAQkADEzOTExYjJkakJCs=' } }],
  },
  imItems: {
    header: { mailboxCulture: 'en-US' },
    contactIds: [{ id: 'AAMkADEzOTExYACABmEhpSAAA=', changeKey: 'EQAAABBmNDjF' }],
    groupIds: [{ id: 'AAMkADEzOTExYjJkBY7+0EAAA=', changeKey: 'EgAAAA==' }],
    extendedProperties: [{ propertyTag: '0x3001', propertyType: 'String' }],
  },
  imList: { header: { mailboxCulture: 'en-US' } },
  sfi: {
    itemShape: { baseShape: 'Default' },
    syncFolderId: { distinguishedFolderId: { id: 'sentitems' } },
    syncState: 'AEbJ94eMOAAA=',
    ignore: [{ id: 'AQApAHRAA==', changeKey: 'CQAAABY' }],
    maxChangesReturned: 100,
  },
};
const BUILDERS = {
  gci: 'buildGetConversationItemsRequest',
  imItems: 'buildGetImItemsRequest',
  imList: 'buildGetImItemListRequest',
  sfi: 'buildSyncFolderItemsRequest',
};
const build = (op, opts) => ews[BUILDERS[op]](opts);

/** Asserts that every doc validates; reports xmllint's words and the first bad doc otherwise. */
async function assertAllValid(docs, opts) {
  const results = await validateRequests(docs, opts);
  const bad = results.filter((r) => !r.valid);
  assert.equal(
    bad.length,
    0,
    `${bad.length} of ${docs.length} requests fail ${VALIDATE}:\n${results.output}\nfirst failing (${bad[0]?.label}):\n${bad[0]?.xml}`,
  );
  assert.equal(results.length, docs.length);
  return results.length;
}

/** Asserts the envelope uses the SOAP 1.1 and http:// EWS namespaces only. */
function assertHttpNamespaces(xml, label) {
  assert.ok(!xml.includes('https://schemas.microsoft.com'), `${label}: an https:// namespace`);
  const doc = parseDom(xml);
  const seen = new Set();
  const walk = (el) => {
    seen.add(el.namespaceURI);
    elementChildren(el).forEach(walk);
  };
  walk(doc.documentElement);
  assert.equal(doc.documentElement.namespaceURI, SOAP_ENV, `${label}: the root is a SOAP 1.1 Envelope`);
  assert.equal(doc.documentElement.localName, 'Envelope');
  for (const ns of seen) assert.ok([SOAP_ENV, HTTP_M, HTTP_T].includes(ns), `${label}: element in namespace ${ns}`);
  assert.ok(seen.has(HTTP_M), `${label}: no element in ${HTTP_M}`);
  return seen.size;
}

/** The SOAP Body's operation element of a built request. */
function operationElement(xml) {
  const doc = parseDom(xml);
  const body = elementChildren(doc.documentElement).find((e) => e.localName === 'Body');
  return elementChildren(body)[0];
}

// ---------------------------------------------------------------------------
// 1. Packaging

test('npm pack: the tarball holds every file package.json and the entries point at', () => {
  const meta = JSON.parse(readFileSync(join(pkg.installed, 'package.json'), 'utf8'));
  assert.equal(meta.name, 'ews-wasm');
  assert.equal(meta.type, 'module');
  const dot = meta.exports['.'];
  assert.deepEqual(Object.keys(dot), ['types', 'node', 'default'], 'exports["."]: types first, then node, then default');
  const runtimeTargets = new Set([meta.main, meta.module, dot.node, dot.default]);
  for (const [k, v] of Object.entries(meta.exports)) if (k !== '.' && typeof v === 'string') runtimeTargets.add(v);
  let checked = 0;
  for (const t of runtimeTargets) {
    const rel = t.replace(/^\.\//, '');
    assert.ok(pkg.packed.includes(rel), `package.json points at ${t}, which is not in the tarball (files: ${pkg.packed.join(', ')})`);
    checked++;
  }
  assert.ok(checked >= 4);
  // Every relative module or asset the packed JS refers to is packed too.
  const refs = [];
  for (const f of pkg.packed.filter((p) => p.endsWith('.js'))) {
    const src = readFileSync(join(pkg.installed, f), 'utf8');
    for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*|new URL\(\s*)['"](\.\/[^'"]+)['"]/g)) refs.push([f, m[1]]);
  }
  assert.ok(refs.length >= 6, `found only ${refs.length} relative references in the packed JS`);
  for (const [from, ref] of refs) {
    assert.ok(pkg.packed.includes(ref.replace(/^\.\//, '')), `${from} refers to ${ref}, which is not in the tarball`);
  }
  assert.ok(pkg.packed.includes('ews_wasm_bg.wasm'));
});

test('package.json `types` points at a declaration file that is in the tarball', () => {
  const meta = JSON.parse(readFileSync(join(pkg.installed, 'package.json'), 'utf8'));
  for (const t of new Set([meta.types, meta.exports['.'].types])) {
    assert.equal(typeof t, 'string');
    assert.ok(pkg.packed.includes(t.replace(/^\.\//, '')), `${t} is not in the tarball (files: ${pkg.packed.join(', ')})`);
  }
});

test("'ews-wasm' resolves to the node entry and exports the whole API", async () => {
  assert.equal(pkg.resolved, pathToFileURL(join(pkg.installed, 'node.js')).href);
  const functions = [
    ...Object.values(BUILDERS),
    ...Object.values(PARSERS),
    'conversationThread',
    'init',
  ];
  for (const f of functions) assert.equal(typeof ews[f], 'function', `ews-wasm exports ${f}`);
  assert.equal(typeof ews.EwsError, 'function');
  assert.ok(new ews.EwsError('ERR_X', 'm', { path: 'a' }) instanceof Error);
  assert.equal(new ews.EwsError('ERR_X', 'm', { path: 'a' }).path, 'a');
  // No init needed: this process has not called it, and the calls work.
  assert.match(ews.buildGetImItemListRequest(), /GetImItemList/);
  // init() exists for universal code and resolves (to nothing).
  const p = ews.init();
  assert.ok(p instanceof Promise);
  assert.equal(await p, undefined);
  assert.equal(parse('sfi', fixture('seed-sfi-response.xml')).responseMessages[0].responseCode, 'NoError');
});

test('a fresh Node process: `import` alone initialises the package (node condition, no init call)', async () => {
  const r = await pkg.runNode(`
    import { parseSyncFolderItemsResponse, buildSyncFolderItemsRequest, EwsError } from 'ews-wasm';
    import { readFileSync } from 'node:fs';
    const xml = readFileSync(${JSON.stringify(join(FIXTURES, 'seed-sfi-response.xml'))}, 'utf8');
    const parsed = parseSyncFolderItemsResponse(xml);
    const built = buildSyncFolderItemsRequest({ itemShape: { baseShape: 'IdOnly' }, syncFolderId: { distinguishedFolderId: { id: 'inbox' } }, maxChangesReturned: 5 });
    let code;
    try { parseSyncFolderItemsResponse('<'); } catch (e) { code = e instanceof EwsError && e.code; }
    console.log(JSON.stringify({ resolved: import.meta.resolve('ews-wasm'), subject: parsed.responseMessages[0].changes[0].item.subject, built: built.includes('<m:MaxChangesReturned>5</m:MaxChangesReturned>'), code }));
  `);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.json, {
    resolved: pathToFileURL(join(pkg.installed, 'node.js')).href,
    subject: 'Budget Q3',
    built: true,
    code: 'ERR_MALFORMED_XML',
  });
});

test('browser entry (index.js) in Node: ERR_NOT_INITIALIZED before init, works after init(bytes)', async () => {
  const wasmPath = join(pkg.installed, 'ews_wasm_bg.wasm');
  const r = await pkg.runNode(`
    import { readFileSync } from 'node:fs';
    const m = await import(${JSON.stringify(pathToFileURL(join(pkg.installed, 'index.js')).href)});
    const xml = readFileSync(${JSON.stringify(join(FIXTURES, 'seed-sfi-response.xml'))}, 'utf8');
    const out = {};
    const attempt = (f) => { try { f(); return 'no error'; } catch (e) { return { code: e.code, ews: e instanceof m.EwsError, error: e instanceof Error }; } };
    out.parseBefore = attempt(() => m.parseSyncFolderItemsResponse(xml));
    out.buildBefore = attempt(() => m.buildGetImItemListRequest());
    out.threadBefore = attempt(() => m.conversationThread({ conversationNodes: [] }));
    // The glue's default init fetches a file: URL next to the module, which
    // Node's fetch refuses; whatever happens, the state must stay consistent.
    try { await m.init(); out.initNoArg = 'resolved'; } catch { out.initNoArg = 'rejected'; }
    out.afterNoArg = attempt(() => m.buildGetImItemListRequest());
    const a = m.init(readFileSync(${JSON.stringify(wasmPath)}));
    const b = m.init(readFileSync(${JSON.stringify(wasmPath)}));
    await Promise.all([a, b]);
    out.initBytes = 'resolved';
    out.subject = m.parseSyncFolderItemsResponse(xml).responseMessages[0].changes[0].item.subject;
    out.built = m.buildGetImItemListRequest().includes('GetImItemList');
    await m.init();
    out.initAgain = 'resolved';
    console.log(JSON.stringify(out));
  `);
  assert.equal(r.code, 0, r.stderr);
  const notInit = { code: 'ERR_NOT_INITIALIZED', ews: true, error: true };
  assert.deepEqual(r.json.parseBefore, notInit);
  assert.deepEqual(r.json.buildBefore, notInit);
  assert.deepEqual(r.json.threadBefore, notInit);
  if (r.json.initNoArg === 'rejected') assert.deepEqual(r.json.afterNoArg, notInit, 'a failed init leaves the module uninitialised');
  else assert.equal(r.json.afterNoArg, 'no error', 'init() resolved, so calls work');
  assert.equal(r.json.initBytes, 'resolved');
  assert.equal(r.json.subject, 'Budget Q3');
  assert.equal(r.json.built, true);
  assert.equal(r.json.initAgain, 'resolved');
});

test('browser entry: init() also takes a compiled WebAssembly.Module', async () => {
  const r = await pkg.runNode(`
    import { readFileSync } from 'node:fs';
    const m = await import(${JSON.stringify(pathToFileURL(join(pkg.installed, 'index.js')).href)});
    await m.init(new WebAssembly.Module(readFileSync(${JSON.stringify(join(pkg.installed, 'ews_wasm_bg.wasm'))})));
    console.log(JSON.stringify(m.parseGetConversationItemsResponse(readFileSync(${JSON.stringify(join(FIXTURES, 'seed-gci-error.xml'))}, 'utf8')).responseMessages[0].responseCode));
  `);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json, 'ErrorItemNotFound');
});

// ---------------------------------------------------------------------------
// 2. Builders

const apiExamples = () => [
  [
    'gci',
    {
      header: {
        requestServerVersion: 'Exchange2013',
        impersonation: { primarySmtpAddress: 'a@b.c' },
        timeZoneContext: { id: 'UTC' },
      },
      itemShape: {
        baseShape: 'IdOnly',
        additionalProperties: [
          { fieldURI: 'item:Subject' },
          { extendedFieldURI: { propertyTag: '0x3001', propertyType: 'String' } },
          { indexedFieldURI: { fieldURI: 'contacts:EmailAddress', fieldIndex: 'EmailAddress1' } },
        ],
        bodyType: 'Text',
      },
      foldersToIgnore: [{ distinguishedFolderId: { id: 'deleteditems' } }, { folderId: { id: 'AAMkAGI2AAA=', changeKey: 'AQAAABY=' } }],
      maxItemsToReturn: 50,
      sortOrder: 'TreeOrderDescending',
      mailboxScope: 'PrimaryOnly',
      conversations: [{ conversationId: { id: 'AAQkADEzOTExYjJkakJCs=' }, syncState: 'AQIAAABNVkUwAgIAAABhHqHU' }],
    },
  ],
  [
    'imItems',
    {
      header: { mailboxCulture: 'en-US' },
      contactIds: [{ id: 'AAMkADEzOTExYACABmEhpSAAA=', changeKey: 'EQAAABBmNDjF' }],
      groupIds: [{ id: 'AAMkADEzOTExYjJkBY7+0EAAA=' }],
      extendedProperties: [{ propertyTag: '0x3001', propertyType: 'String' }],
    },
  ],
  ['imList', { extendedProperties: [{ propertyTag: '0x3001', propertyType: 'String' }] }],
  ['imList', undefined],
  ['imList', {}],
  ['imItems', {}],
  [
    'sfi',
    {
      itemShape: { baseShape: 'Default' },
      syncFolderId: { distinguishedFolderId: { id: 'sentitems', mailbox: { emailAddress: 'x@y.z' } } },
      syncState: 'AEbJ94eMOAAA=',
      ignore: [{ id: 'AQApAHRAA==', changeKey: 'CQAAABY' }],
      maxChangesReturned: 100,
      syncScope: 'NormalItems',
    },
  ],
  [
    'sfi',
    {
      itemShape: { baseShape: 'IdOnly' },
      syncFolderId: { folderId: { id: 'AAMkAGI2AAA=', changeKey: 'AQAAABY=' } },
      maxChangesReturned: 1,
    },
  ],
  ...['principalName', 'sid', 'primarySmtpAddress', 'smtpAddress'].map((k) => [
    'imList',
    { header: { requestServerVersion: 'Exchange2013_SP1', impersonation: { [k]: k === 'sid' ? 'S-1-5-21-1' : 'boss@contoso.com' } } },
  ]),
];

test("API.md's option examples build schema-valid requests in the http:// namespaces", async () => {
  const docs = apiExamples().map(([op, opts], i) => ({ label: `api-${op}-${i}`, xml: build(op, opts) }));
  assert.equal(docs.length, 12);
  for (const d of docs) assertHttpNamespaces(d.xml, d.label);
  // Spot values: what the options say is what the envelope says.
  const gci = operationElement(docs[0].xml);
  assert.equal(gci.localName, 'GetConversationItems');
  assert.deepEqual(elementChildren(gci).map((e) => e.localName), ['ItemShape', 'FoldersToIgnore', 'MaxItemsToReturn', 'SortOrder', 'MailboxScope', 'Conversations']);
  assert.equal(textOf(gci, 'MaxItemsToReturn'), '50');
  assert.equal(textOf(gci, 'SyncState'), 'AQIAAABNVkUwAgIAAABhHqHU');
  assert.equal(findElement(parseDom(docs[0].xml), 'PrimarySmtpAddress').textContent, 'a@b.c');
  assert.equal(findElement(parseDom(docs[0].xml), 'RequestServerVersion').getAttribute('Version'), 'Exchange2013');
  assert.equal(findElement(parseDom(docs[0].xml), 'TimeZoneDefinition').getAttribute('Id'), 'UTC');
  const sfi = operationElement(docs[6].xml);
  assert.equal(findElement(sfi, 'EmailAddress').textContent, 'x@y.z');
  assert.equal(textOf(sfi, 'SyncScope'), 'NormalItems');
  // The default version is Exchange2013.
  assert.equal(findElement(parseDom(docs[3].xml), 'RequestServerVersion').getAttribute('Version'), 'Exchange2013');
  for (const [i, el] of [[8, 'PrincipalName'], [9, 'SID'], [10, 'PrimarySmtpAddress'], [11, 'SmtpAddress']]) {
    assert.ok(findElement(parseDom(docs[i].xml), el), `impersonation ${el}`);
  }
  assert.equal(await assertAllValid(docs), 12);
});

test('the seed requests: their options build the documented envelopes (http://), schema-valid', async () => {
  const seeds = { gci: 'seed-gci-request.xml', imItems: 'seed-imitems-request.xml', imList: 'seed-imitemlist-request.xml', sfi: 'seed-sfi-request.xml' };
  const docs = [];
  for (const [op, file] of Object.entries(seeds)) {
    const xml = build(op, seedOptions[op]);
    assertHttpNamespaces(xml, op);
    const seed = fixture(file);
    assert.deepEqual(partEvents(xml, 'Body'), partEvents(seed, 'Body'), `${op}: Body differs from ${file}`);
    const seedHeader = partEvents(seed, 'Header');
    if (seedHeader) assert.deepEqual(partEvents(xml, 'Header'), seedHeader, `${op}: Header differs from ${file}`);
    docs.push({ label: `seed-${op}`, xml });
  }
  // The comparison is not vacuous: a changed option changes the Body.
  const changed = build('gci', { ...seedOptions.gci, sortOrder: 'TreeOrderAscending' });
  assert.notDeepEqual(partEvents(changed, 'Body'), partEvents(fixture('seed-gci-request.xml'), 'Body'));
  assert.equal(await assertAllValid(docs), 4);
  // Nor is the validator: out-of-range, misplaced and https:// requests fail it.
  const sfi = docs[3].xml;
  const verdicts = await validateRequests([
    { label: 'ok', xml: sfi },
    { label: 'mcr-513', xml: sfi.replace('>100<', '>513<') },
    { label: 'https', xml: sfi.replaceAll(HTTP_M, HTTP_M.replace('http:', 'https:')) },
    { label: 'order', xml: docs[0].xml.replace(/<m:SortOrder>[^<]*<\/m:SortOrder>/, '').replace('</m:Conversations>', '</m:Conversations><m:SortOrder>TreeOrderDescending</m:SortOrder>') },
  ]);
  assert.deepEqual(verdicts.map((v) => v.valid), [true, false, false, false]);
});

// Strings that need escaping, in every free-text option of every builder.
const NASTY = `a<b>&c"d'e]]>f — Zürich 🚀 &amp; &#60; x`;
const NASTY_WS = `${NASTY}\r\n\tend  `;

function maximalOptions() {
  const header = {
    requestServerVersion: 'V2018_01_08',
    mailboxCulture: 'en-US',
    impersonation: { primarySmtpAddress: NASTY },
    timeZoneContext: { id: NASTY, name: NASTY_WS },
  };
  const mailbox = { name: NASTY_WS, emailAddress: NASTY, routingType: NASTY, mailboxType: 'Mailbox' };
  const itemShape = {
    baseShape: 'AllProperties',
    includeMimeContent: true,
    bodyType: 'HTML',
    uniqueBodyType: 'Text',
    normalizedBodyType: 'Best',
    filterHtmlContent: true,
    convertHtmlCodePageToUTF8: false,
    inlineImageUrlTemplate: NASTY_WS,
    blockExternalImages: true,
    addBlankTargetToLinks: false,
    maximumBodySize: 0,
    additionalProperties: [
      { fieldURI: 'item:Subject' },
      { indexedFieldURI: { fieldURI: 'contacts:EmailAddress', fieldIndex: 'EmailAddress1' } },
      { extendedFieldURI: { propertyTag: '0x3001', propertyType: 'String' } },
      { extendedFieldURI: { distinguishedPropertySetId: 'PublicStrings', propertyName: NASTY_WS, propertyType: 'StringArray' } },
      { extendedFieldURI: { propertySetId: GUID, propertyId: 32773, propertyType: 'Integer' } },
      { extendedFieldURI: { propertySetId: GUID, propertyName: NASTY, propertyType: 'Boolean' } },
      { extendedFieldURI: { distinguishedPropertySetId: 'Address', propertyId: 32899, propertyType: 'String' } },
    ],
  };
  const extendedProperties = [
    { propertyTag: '0x3001', propertyType: 'String' },
    { propertyTag: '14849', propertyType: 'String' },
    { distinguishedPropertySetId: 'InternetHeaders', propertyName: NASTY_WS, propertyType: 'String' },
    { distinguishedPropertySetId: 'Address', propertyId: 32899, propertyType: 'String' },
    { propertySetId: GUID, propertyName: NASTY, propertyType: 'Boolean' },
    { propertySetId: GUID, propertyId: -5, propertyType: 'Binary' },
  ];
  return {
    gci: {
      header,
      itemShape,
      foldersToIgnore: [
        { distinguishedFolderId: { id: 'deleteditems', changeKey: NASTY, mailbox } },
        { folderId: { id: NASTY_WS, changeKey: NASTY } },
      ],
      maxItemsToReturn: 2147483647,
      sortOrder: 'DateOrderDescending',
      mailboxScope: 'All',
      conversations: [
        { conversationId: { id: NASTY, changeKey: NASTY_WS }, syncState: 'AQIAAABNVkUwAgIAAABhHqHU' },
        { conversationId: { id: 'AAQkAGI3=' } },
      ],
    },
    imItems: {
      header,
      contactIds: [{ id: NASTY, changeKey: NASTY_WS }, { id: 'AAMkADEzOTExYACABmEhpSBBB=' }],
      groupIds: [{ id: NASTY_WS, changeKey: NASTY }],
      extendedProperties,
    },
    imList: { header, extendedProperties },
    sfi: {
      header,
      itemShape,
      syncFolderId: { distinguishedFolderId: { id: 'calendar', changeKey: NASTY, mailbox } },
      syncState: NASTY_WS,
      ignore: [{ id: NASTY, changeKey: NASTY_WS }, { id: 'AQApAHRAB==' }],
      maxChangesReturned: 512,
      syncScope: 'NormalAndAssociatedItems',
    },
  };
}

/** Every string in `v` equal to one of `wanted`, counted. */
function countStrings(v, wanted) {
  if (typeof v === 'string') return wanted.includes(v) ? 1 : 0;
  if (v && typeof v === 'object') return Object.values(v).reduce((n, x) => n + countStrings(x, wanted), 0);
  return 0;
}

test('maximal options per operation: schema-valid, and every user string comes back exactly (escaped)', async () => {
  const all = maximalOptions();
  const docs = [];
  let strings = 0;
  for (const [op, opts] of Object.entries(all)) {
    const xml = build(op, opts);
    assertHttpNamespaces(xml, op);
    // The raw text never carries a user's markup unescaped.
    assert.ok(!xml.includes('a<b>'), `${op}: unescaped <`);
    assert.ok(!/&c/.test(xml), `${op}: unescaped &`);
    assert.ok(!xml.includes(']]>f'), `${op}: unescaped ]]>`);
    // Decoded by an XML parser, each option string is an attribute value or a
    // text node, exactly as given (also CR, LF, TAB and trailing spaces).
    const doc = parseDom(xml);
    const values = [];
    const walk = (el) => {
      for (const a of Array.from(el.attributes)) values.push(a.value);
      const kids = elementChildren(el);
      if (!kids.length) values.push(el.textContent);
      kids.forEach(walk);
    };
    walk(doc.documentElement);
    const expected = countStrings(opts, [NASTY, NASTY_WS]);
    const found = values.filter((v) => v === NASTY || v === NASTY_WS).length;
    assert.equal(found, expected, `${op}: ${expected} user strings in the options, ${found} found intact in the XML`);
    assert.ok(expected >= 5, `${op}: only ${expected} user strings`);
    strings += expected;
    docs.push({ label: `maximal-${op}`, xml });
  }
  // The header's culture goes only where the operation takes it (not GetConversationItems).
  assert.equal(findElement(parseDom(docs[0].xml), 'MailboxCulture'), undefined);
  assert.equal(findElement(parseDom(docs[1].xml), 'MailboxCulture').textContent, 'en-US');
  // The other SyncFolderId kinds.
  const folderId = build('sfi', { ...all.sfi, syncFolderId: { folderId: { id: NASTY, changeKey: NASTY } } });
  assert.equal(findElement(operationElement(folderId), 'FolderId').getAttribute('Id'), NASTY);
  const addressList = build('sfi', { ...all.sfi, syncFolderId: { addressListId: { id: 'a5ed7ac4-9c37-4cee-a1c3-7b2d8b3c8f13' } } });
  assert.equal(findElement(operationElement(addressList), 'AddressListId').getAttribute('Id'), 'a5ed7ac4-9c37-4cee-a1c3-7b2d8b3c8f13');
  docs.push({ label: 'maximal-sfi-folderId', xml: folderId }, { label: 'maximal-sfi-addressListId', xml: addressList });
  assert.ok(strings >= 40, `${strings} user strings checked`);
  assert.equal(await assertAllValid(docs), 6);
});

test('every schema enumeration value the options take builds a schema-valid request', async () => {
  const xsd = parseDom(readFileSync(join(VALIDATE, '..', 'ex2018', 'types.xsd'), 'utf8'));
  const enumeration = (name) => {
    const st = findElements(xsd, 'simpleType').find((e) => e.getAttribute('name') === name);
    assert.ok(st, `types.xsd has no ${name}`);
    return findElements(st, 'enumeration').map((e) => e.getAttribute('value'));
  };
  const base = {
    gci: { itemShape: { baseShape: 'IdOnly' }, conversations: [{ conversationId: { id: 'AAQkAGI3=' } }] },
    sfi: { itemShape: { baseShape: 'IdOnly' }, syncFolderId: { distinguishedFolderId: { id: 'inbox' } }, maxChangesReturned: 10 },
  };
  const cases = [];
  for (const v of enumeration('ExchangeVersionType')) cases.push(['imList', { header: { requestServerVersion: v } }, 'RequestServerVersion', 'Version', v]);
  for (const v of enumeration('DistinguishedFolderIdNameType')) {
    cases.push(['sfi', { ...base.sfi, syncFolderId: { distinguishedFolderId: { id: v } } }, 'DistinguishedFolderId', 'Id', v]);
  }
  for (const v of enumeration('DefaultShapeNamesType')) cases.push(['sfi', { ...base.sfi, itemShape: { baseShape: v } }, 'BaseShape', null, v]);
  for (const v of enumeration('BodyTypeResponseType')) {
    cases.push(['gci', { ...base.gci, itemShape: { baseShape: 'IdOnly', bodyType: v, uniqueBodyType: v, normalizedBodyType: v } }, 'BodyType', null, v]);
  }
  for (const v of enumeration('MailboxTypeType')) {
    const mailbox = { emailAddress: 'a@b.c', mailboxType: v };
    cases.push(['sfi', { ...base.sfi, syncFolderId: { distinguishedFolderId: { id: 'inbox', mailbox } } }, 'MailboxType', null, v]);
  }
  for (const v of enumeration('MapiPropertyTypeType')) cases.push(['imList', { extendedProperties: [{ propertyTag: '0x3001', propertyType: v }] }, 'ExtendedProperty', 'PropertyType', v]);
  for (const v of enumeration('DistinguishedPropertySetType')) {
    cases.push(['imItems', { extendedProperties: [{ distinguishedPropertySetId: v, propertyId: 1, propertyType: 'String' }] }, 'ExtendedProperty', 'DistinguishedPropertySetId', v]);
  }
  for (const v of enumeration('ConversationNodeSortOrder')) cases.push(['gci', { ...base.gci, sortOrder: v }, 'SortOrder', null, v]);
  for (const v of enumeration('MailboxSearchLocationType')) cases.push(['gci', { ...base.gci, mailboxScope: v }, 'MailboxScope', null, v]);
  for (const v of enumeration('SyncFolderItemsScopeType')) cases.push(['sfi', { ...base.sfi, syncScope: v }, 'SyncScope', null, v]);
  // Every unindexed field URI, in one ItemShape.
  const fieldUris = enumeration('UnindexedFieldURIType');
  cases.push(['gci', { ...base.gci, itemShape: { baseShape: 'IdOnly', additionalProperties: fieldUris.map((f) => ({ fieldURI: f })) } }, null, null, null]);
  assert.equal(cases.length, 21 + 71 + 4 + 3 + 10 + 27 + 10 + 4 + 3 + 2 + 1, 'the schema enumerations changed size');

  const docs = cases.map(([op, opts, el, attr, v], i) => {
    let xml;
    try {
      xml = build(op, opts);
    } catch (e) {
      assert.fail(`${op} refused the schema value ${JSON.stringify(v)} (${el}): ${e.code} ${e.path}`);
    }
    if (el) {
      const node = findElement(parseDom(xml), el);
      assert.equal(attr ? node.getAttribute(attr) : node.textContent, v, `${el} carries ${v}`);
    }
    return { label: `enum-${i}-${el ?? 'fieldURIs'}-${v ?? fieldUris.length}`, xml };
  });
  const last = findElements(parseDom(docs.at(-1).xml), 'FieldURI').map((e) => e.getAttribute('FieldURI'));
  assert.deepEqual(last, fieldUris);
  assert.equal(await assertAllValid(docs), cases.length);
});

// ---------------------------------------------------------------------------
// 3. Builder errors (ERR_INVALID_OPTIONS with `path`)

test('ERR_INVALID_OPTIONS with the path to the bad option, from every builder', () => {
  const sfi = { itemShape: { baseShape: 'IdOnly' }, syncFolderId: { distinguishedFolderId: { id: 'inbox' } }, maxChangesReturned: 10 };
  const gci = { itemShape: { baseShape: 'IdOnly' }, conversations: [{ conversationId: { id: 'AAQkAGI3=' } }] };
  const cases = [
    ['sfi', { ...sfi, maxChangesReturned: 0 }, 'maxChangesReturned'],
    ['sfi', { ...sfi, maxChangesReturned: 513 }, 'maxChangesReturned'],
    ['sfi', { ...sfi, maxChangesReturned: -1 }, 'maxChangesReturned'],
    ['sfi', { ...sfi, maxChangesReturned: 1.5 }, 'maxChangesReturned'],
    ['sfi', { ...sfi, maxChangesReturned: '100' }, 'maxChangesReturned'],
    ['sfi', { ...sfi, maxChangesReturned: Number.NaN }, 'maxChangesReturned'],
    ['sfi', { ...sfi, maxChangesReturned: 10n }, 'maxChangesReturned'],
    ['sfi', { ...sfi, syncFolderId: { folderId: { id: '' } } }, 'syncFolderId.folderId.id'],
    ['sfi', { ...sfi, syncFolderId: { distinguishedFolderId: { id: 'Inbox' } } }, 'syncFolderId.distinguishedFolderId.id'],
    ['sfi', { ...sfi, syncScope: 'AllItems' }, 'syncScope'],
    ['sfi', { ...sfi, itemShape: { baseShape: 'Everything' } }, 'itemShape.baseShape'],
    ['sfi', { ...sfi, bogus: 1 }, 'bogus'],
    ['sfi', { ...sfi, ignore: [{ id: 'a' }, { id: 'b', changeKey: '' }] }, 'ignore[1].changeKey'],
    ['gci', { ...gci, conversations: [] }, 'conversations'],
    ['gci', { ...gci, conversations: [{ conversationId: { id: 'a' } }, { conversationId: { id: '' } }] }, 'conversations[1].conversationId.id'],
    ['gci', { ...gci, sortOrder: 'Sideways' }, 'sortOrder'],
    ['gci', { ...gci, header: { requestServerVersion: 'Exchange2099' } }, 'header.requestServerVersion'],
    ['gci', { ...gci, header: { impersonation: { upn: 'x' } } }, 'header.impersonation'],
    ['gci', { ...gci, itemShape: { baseShape: 'IdOnly', additionalProperties: [{ fieldURI: 'item:Nope' }] } }, 'itemShape.additionalProperties[0].fieldURI'],
    ['imItems', { contactIds: [{ id: '' }] }, 'contactIds[0].id'],
    ['imItems', { groupIds: [{ id: 'g' }, { id: 'g', extra: 1 }] }, 'groupIds[1].extra'],
    ['imItems', { contactIds: [{ id: 'a\u0001b' }] }, 'contactIds[0].id'],
    ['imItems', { contactIds: [{ id: 'a\ud800b' }] }, 'contactIds[0].id'],
    ['imList', { extendedProperties: [{ propertyType: 'String' }] }, 'extendedProperties[0]'],
    ['imList', { extendedProperties: [{ propertyTag: '0x3001', propertyType: 'Text' }] }, 'extendedProperties[0].propertyType'],
    ['imList', { header: { mailboxCulture: 'en_US' } }, 'header.mailboxCulture'],
    ['imList', { bogus: true }, 'bogus'],
  ];
  let n = 0;
  for (const [op, opts, path] of cases) {
    throwsEws(() => build(op, opts), 'ERR_INVALID_OPTIONS', (e) => {
      assert.equal(typeof e.path, 'string');
      if (path.endsWith(']')) assert.ok(e.path === path || e.path.startsWith(`${path}.`), `${op} ${JSON.stringify(opts, (k, v) => (typeof v === 'bigint' ? `${v}n` : v))}: path ${e.path}, expected ${path}`);
      else assert.equal(e.path, path, `${op}: path for ${path}`);
    });
    n++;
  }
  // Not an object at all (the path is the root, '').
  for (const [op, bad] of [['sfi', 'x'], ['gci', 42], ['imItems', [1, 2]], ['imList', true], ['sfi', undefined], ['gci', null]]) {
    throwsEws(() => build(op, bad), 'ERR_INVALID_OPTIONS', (e) => assert.equal(e.path, ''));
    n++;
  }
  // A cycle cannot be serialised either.
  const cyclic = { ...sfi };
  cyclic.itemShape = { baseShape: 'IdOnly', self: cyclic };
  throwsEws(() => build('sfi', cyclic), 'ERR_INVALID_OPTIONS', (e) => assert.equal(e.path, 'itemShape.self'));
  // A shared (not cyclic) object is fine, and a BigInt deep inside is found.
  const shared = { id: 'AAMkAGI2AAA=' };
  assert.match(build('imItems', { contactIds: [shared, shared] }), /AAMkAGI2AAA=.*AAMkAGI2AAA=/s);
  throwsEws(() => build('imList', { extendedProperties: [{ propertyTag: '0x3001', propertyType: 'String' }, { propertyId: 5n, propertyType: 'String' }] }), 'ERR_INVALID_OPTIONS', (e) => assert.equal(e.path, 'extendedProperties[1].propertyId'));
  n++;
  assert.equal(n, cases.length + 7);
  // After all that, the builders still work.
  assert.match(build('sfi', sfi), /<m:MaxChangesReturned>10<\/m:MaxChangesReturned>/);
});

test('deeply nested options are ERR_INVALID_OPTIONS (not an internal error), and the module stays usable', () => {
  const sfi = { itemShape: { baseShape: 'IdOnly' }, syncFolderId: { distinguishedFolderId: { id: 'inbox' } }, maxChangesReturned: 10 };
  let n = 0;
  for (const depth of [200, 5000, 50_000]) {
    let nested = [];
    for (let i = 0; i < depth; i++) nested = [nested];
    let obj = {};
    for (let i = 0; i < depth; i++) obj = { a: obj };
    throwsEws(() => build('sfi', { ...sfi, ignore: nested }), 'ERR_INVALID_OPTIONS', (e) => assert.ok(e.path.startsWith('ignore'), e.path), `ignore nested ${depth} deep`);
    throwsEws(() => build('imList', { header: obj }), 'ERR_INVALID_OPTIONS', (e) => assert.ok(e.path.startsWith('header'), e.path), `header nested ${depth} deep`);
    // conversationThread: a thread, or a refusal as bad options; never an internal error.
    try {
      const thread = ews.conversationThread({ conversationNodes: [{ internetMessageId: 'a', items: [{ kind: 'Message', deep: obj }] }] });
      assert.equal(thread.length, 1, `thread with items ${depth} deep`);
    } catch (e) {
      assert.ok(e instanceof ews.EwsError, String(e));
      assert.equal(e.code, 'ERR_INVALID_OPTIONS', `conversationThread with items ${depth} deep: ${e.message.slice(-80)}`);
    }
    n++;
  }
  assert.equal(n, 3);
  assert.match(build('sfi', sfi), /<m:MaxChangesReturned>10<\/m:MaxChangesReturned>/);
});

// ---------------------------------------------------------------------------
// 4. Parsing: seeds, field by field

const SVI_2013_545 = { majorVersion: 15, minorVersion: 0, majorBuildNumber: 545, minorBuildNumber: 11, version: 'Exchange2013' };
const SVI_2013_556 = { majorVersion: 15, minorVersion: 0, majorBuildNumber: 556, minorBuildNumber: 8, version: 'Exchange2013' };
const SVI_8 = { majorVersion: 8, minorVersion: 0, majorBuildNumber: 628, minorBuildNumber: 0 };
const SVI_15_20 = { majorVersion: 15, minorVersion: 20, majorBuildNumber: 7452, minorBuildNumber: 28, version: 'V2018_01_08' };

const gciSeedNode = (internetMessageId, parentInternetMessageId, id, changeKey, subject, dateTimeReceived) => ({
  internetMessageId,
  ...(parentInternetMessageId ? { parentInternetMessageId } : {}),
  items: [{ kind: 'Message', itemId: { id, changeKey }, subject, dateTimeReceived }],
});

const EXPECTED_SEEDS = {
  'seed-gci-response.xml': {
    serverVersionInfo: SVI_2013_545,
    responseMessages: [
      {
        responseClass: 'Success',
        responseCode: 'NoError',
        conversation: {
          conversationId: { id: 'AAQkADEzOTExYjJkakJCs=' },
          syncState: 'AQIAAABNVkUwAgIAAABhHqHUAwIAAABNVkUxBAIAAABhHqHfBAIAAABhHqHV',
          conversationNodes: [
            gciSeedNode('6a4838fa804045e09d40c1a39b9ea916@contoso.com', '15a56698d503438fbdaa18186d5b81b7@contoso.com', 'AAMkADEzOTQrAABhHqHfAAA=', 'CQAAABYAAACYAABhPpaq', 'RE: Daily issue scrub', '2012-10-30T18:42:27Z'),
            gciSeedNode('2695d2b837954d68846b0c30491f5af1@contoso.com', '15a56698d503438fbdaa18186d5b81b7@contoso.com', 'AAMkADEzOTExYjJkLTYxZDAt', 'CQAAABQrAABhPpaP', 'RE: Daily issue scrub', '2012-10-30T17:38:26Z'),
            gciSeedNode('15a56698d503438fbdaa18186d5b81b7@contoso.com', 'd3113e59c89c4288ae13100d033f8dbc@contoso.com', 'AAMkADEzOTFNVkUxAAA=', 'CQAAABY4QrAABhPvYK', 'RE: Daily issue scrub', '2012-10-30T17:37:00Z'),
            gciSeedNode('d3113e59c89c4288ae13100d033f8dbc@contoso.com', '189b712056c2430dbce334b40496ad00@contoso.com', 'AAMkm4QrAABhHqHUAAA=', 'CQAAABQrAABhPpaN', 'RE: Daily issue scrub', '2012-10-30T17:37:05Z'),
            gciSeedNode('189b712056c2430dbce334b40496ad00@contoso.com', undefined, 'AAMkArAABNVkUwAAA=', 'CQAAABm4QrAABhPvYJ', 'Daily issue scrub', '2012-10-30T17:36:00Z'),
          ],
        },
      },
    ],
  },
  'seed-gci-error.xml': {
    serverVersionInfo: SVI_2013_556,
    responseMessages: [
      { responseClass: 'Error', responseCode: 'ErrorItemNotFound', messageText: 'The specified object was not found in the store.', descriptiveLinkKey: 0 },
    ],
  },
  'seed-imitems-response.xml': {
    serverVersionInfo: SVI_2013_556,
    responseClass: 'Success',
    responseCode: 'NoError',
    imItemList: {
      groups: [
        {
          displayName: 'Exchange SDK Team',
          groupType: 'IPM.DistList.MOC.UserGroup',
          exchangeStoreId: { id: 'AAMkADEzQrAABY7+0EAAA=', changeKey: 'EgAAAA==' },
          memberCorrelationKey: [{ id: 'AAMkADEzOTExYjeGgGqm4QrAABmEhpSAAA=', changeKey: 'EQAAAA==' }],
          extendedProperties: [{ extendedFieldURI: { propertyTag: '0x3001', propertyType: 'String' }, value: 'Exchange SDK Team' }],
        },
      ],
      personas: [
        {
          personaId: { id: 'AAQkADEzOTBZImBzN5J/uHXc=' },
          personaType: 'Person',
          creationTime: '2012-11-07T00:10:35Z',
          displayName: 'Tony Smith',
          displayNameFirstLast: 'Tony Smith',
          displayNameLastFirst: 'Tony Smith',
          fileAs: '',
          fileAsId: 'None',
          imAddress: 'tsmith@contoso.com',
          relevanceScore: 2147483647,
          attributions: [
            {
              id: '0',
              sourceId: { id: 'AAMkADEzhQaoeGgGqm4QrAABmEhpSAAA=', changeKey: 'EQArAABmNDjF' },
              displayName: 'Lync Contacts',
              isWritable: false,
              isQuickContact: true,
              isHidden: false,
            },
          ],
          displayNames: [{ value: 'Tony Smith', attributions: ['0'] }],
          fileAsIds: [{ value: 'None', attributions: ['0'] }],
          imAddresses: [{ value: 'tsmith@contoso.com', attributions: ['0'] }],
          extendedProperties: [
            { value: { extendedFieldURI: { propertyTag: '0x3001', propertyType: 'String' }, value: 'Tony Smith' }, attributions: ['0'] },
          ],
        },
      ],
    },
  },
  'seed-imitemlist-response.xml': {
    serverVersionInfo: { majorVersion: 15, minorVersion: 0, majorBuildNumber: 349, minorBuildNumber: 0, version: 'Exchange2013' },
    responseClass: 'Success',
    responseCode: 'NoError',
    imItemList: {
      groups: [
        { displayName: 'Other Contacts', groupType: 'IPM.DistList.MOC.OtherContacts', exchangeStoreId: { id: 'AAMkAGQ1MjJjMTBkLThQoTbWAAAAAAQUAAA=', changeKey: 'EgAAAA==' } },
        { displayName: 'Tagged', groupType: 'IPM.DistList.MOC.Tagged', exchangeStoreId: { id: 'AAMkAGQ1MjJAAQTAAA=', changeKey: 'EgAAAA==' } },
        {
          displayName: 'Favorites',
          groupType: 'IPM.DistList.MOC.Favorites',
          exchangeStoreId: { id: 'AAMkAGQ1MjJjMTAAAAAQSAAA=', changeKey: 'EgAAAA==' },
          memberCorrelationKey: [{ id: 'AAMkAGQ1MjJtt/bhQoTbWAAAAAAvcAAA=', changeKey: 'EQAAAA==' }],
        },
        {
          displayName: 'MyCustomGroup2',
          groupType: 'IPM.DistList.MOC.UserGroup',
          exchangeStoreId: { id: 'AAMkAGQ1MjJjKAAA=', changeKey: 'EgAAAA==' },
          memberCorrelationKey: [
            { id: 'AAMkAGQ1Matt/bhQoTbWAAAAAAvcAAA=', changeKey: 'EQAAAA==' },
            { id: 'AAMkAGQ1MjJjMTBkTbWAAAAAAveAAA=', changeKey: 'EQAAAA==' },
          ],
        },
      ],
      personas: [
        {
          personaId: { id: 'AAQkAGQ1MjJjMTBkLTc4YkZmRkYQAQAFgxE1nBcqRGgYWWorM9/+s=' },
          personaType: 'Person',
          creationTime: '2012-01-12T22:14:36Z',
          displayName: 'Anthony Smith',
          displayNameFirstLast: 'Anthony Smith',
          displayNameLastFirst: 'Smith Anthony',
          fileAs: 'Smith, Anthony',
          fileAsId: 'LastCommaFirst',
          givenName: 'Anthony',
          surname: 'Smith',
          emailAddress: { name: 'tsmith@contoso.com', emailAddress: 'tsmith@contoso.com', routingType: 'SMTP' },
          emailAddresses: [{ name: 'tsmith@contoso.com', emailAddress: 'tsmith@contoso.com', routingType: 'SMTP' }],
          imAddress: 'tsmith@contoso.com',
          relevanceScore: 2147483647,
          attributions: [
            {
              id: '0',
              sourceId: { id: 'AQMkAGQ1MjIAYzEwZC03OGNlLTQ5Bq239uFChNtYAAAIvDAAAAA==', changeKey: 'EQAAABYAAABtF8oI7iVOQatt/bhQoTbWAAAAADB3' },
              displayName: 'Outlook',
              isWritable: true,
              isQuickContact: false,
              isHidden: false,
              folderId: { id: 'AQMkAGQ1MjIAYzEMikE3AQBtF8oI7iVOQatt/bhQoTbWAAADEAAAAA==', changeKey: 'AQAAAA==' },
            },
            {
              id: '1',
              sourceId: { id: 'AAMkAGQ1MjJjMTBkLTc4Y2UtNDA5Ny04/bhQoTbWAAAAAAveAAA=', changeKey: 'EQAAABYAAABtF8oI7iVOQatt/bhQoTbWAAAAAAym' },
              displayName: 'Outlook',
              isWritable: true,
              isQuickContact: true,
              isHidden: false,
              folderId: { id: 'AAMkAGQ1MjJjMTBkLTc4Y2UtNDA5Qatt/bhQoTbWAAAAAAvZAAA=', changeKey: 'AQAAAA==' },
            },
          ],
          displayNames: [
            { value: 'Anthony Smith', attributions: ['0'] },
            { value: 'Tony Smith', attributions: ['1'] },
          ],
          fileAses: [{ value: 'Smith, Anthony', attributions: ['0'] }],
          fileAsIds: [
            { value: 'LastCommaFirst', attributions: ['0'] },
            { value: 'None', attributions: ['1'] },
          ],
          givenNames: [{ value: 'Anthony', attributions: ['0'] }],
          surnames: [{ value: 'Smith', attributions: ['0'] }],
          homePhones: [{ value: { number: '4255550110', type: 'Home' }, attributions: ['0'] }],
          mobilePhones: [{ value: { number: '4255550120', type: 'Mobile' }, attributions: ['0'] }],
          emails1: [{ value: { name: 'tsmith@contoso.com', emailAddress: 'tsmith@contoso.com', routingType: 'SMTP' }, attributions: ['0', '1'] }],
          imAddresses: [{ value: 'tsmith@contoso.com', attributions: ['1'] }],
        },
        {
          personaId: { id: 'AAQkAGQ1MjJjMTBkLkYQAQAJ3EkhEEXN5KufGbSYJanZk=' },
          personaType: 'Person',
          creationTime: '2012-01-05T23:06:58Z',
          displayName: 'Terence Adams',
          displayNameFirstLast: 'Terence Adams',
          displayNameLastFirst: 'Terence Adams',
          fileAsId: 'None',
          emailAddress: { name: 'Terence Adams', emailAddress: 'tadams@contoso.com', routingType: 'SMTP' },
          emailAddresses: [{ name: 'Terence Adams', emailAddress: 'tadams@contoso.com', routingType: 'SMTP' }],
          imAddress: 'tadams@contoso.com',
          relevanceScore: 2147483647,
          attributions: [
            {
              id: '0',
              sourceId: { id: 'AAMkAGQ1MjVOQatt/bhQoTbWAAAA7iVOQatt/bhQoTbWAAAAAAvcAAA=', changeKey: 'EQAAABYAAABtF8oI7iVOQatt/bhQoTbWAAAAAAyg' },
              displayName: 'Outlook',
              isWritable: true,
              isQuickContact: true,
              isHidden: false,
              folderId: { id: 'AAMkAGQ1MjJjMTBkLTc4Y2rBtF8oI7iVOQatt/bhQoTbWAAAAAAvZAAA=', changeKey: 'AQAAAA==' },
            },
          ],
          displayNames: [{ value: 'Terence Adams', attributions: ['0'] }],
          fileAsIds: [{ value: 'None', attributions: ['0'] }],
          emails1: [{ value: { name: 'Terence Adams', emailAddress: 'tadams@contoso.com', routingType: 'SMTP' }, attributions: ['0'] }],
          imAddresses: [{ value: 'tadams@contoso.com', attributions: ['0'] }],
        },
      ],
    },
  },
  'seed-sfi-response.xml': {
    serverVersionInfo: SVI_8,
    responseMessages: [
      {
        responseClass: 'Success',
        responseCode: 'NoError',
        syncState: 'H4sIAAAAA=',
        includesLastItemInRange: true,
        changes: [
          {
            kind: 'Create',
            item: {
              kind: 'MeetingRequest',
              itemId: { id: 'AQApAHRwA==', changeKey: 'CwAAABYA' },
              subject: 'Budget Q3',
              sensitivity: 'Normal',
              isOutOfDate: false,
              hasBeenProcessed: true,
              responseType: 'NoResponseReceived',
              intendedFreeBusyStatus: 'Busy',
              start: '2006-08-02T17:30:00Z',
              end: '2006-08-02T19:30:00Z',
              location: 'Conference Room 2',
              organizer: { mailbox: { name: 'Dan Park', emailAddress: 'dpark@example.com', routingType: 'SMTP' } },
            },
          },
        ],
      },
    ],
  },
  'seed-sfi-error.xml': {
    serverVersionInfo: SVI_8,
    responseMessages: [
      {
        responseClass: 'Error',
        responseCode: 'ErrorInvalidSyncStateData',
        messageText: 'Synchronization state data is corrupt or otherwise invalid.',
        descriptiveLinkKey: 0,
        syncState: '',
        includesLastItemInRange: true,
      },
    ],
  },
};

test('every seed response parses to exactly the documented values', () => {
  let n = 0;
  for (const [file, expected] of Object.entries(EXPECTED_SEEDS)) {
    const xml = fixture(file);
    const result = parse(opOf(file), xml);
    assert.deepEqual(result, expected, file);
    assertPlainData(result, file);
    const counts = assertLossless(result, xml, file);
    assert.ok(counts.leaves >= 9, `${file}: ${counts.leaves} leaves checked`);
    n++;
  }
  assert.equal(n, 6);
});

test('the GetImItemList seed fault (and every fault fixture) throws ERR_SOAP_FAULT from every parser', () => {
  const faults = {
    'seed-imitemlist-fault.xml': {
      faultCode: 'a:ErrorIncorrectSchemaVersion',
      responseCode: 'ErrorIncorrectSchemaVersion',
      backOffMilliseconds: undefined,
    },
    'fault-server-busy.xml': { faultCode: 'a:ErrorServerBusy', responseCode: 'ErrorServerBusy', backOffMilliseconds: 48310 },
    'fault-schema-validation.xml': { faultCode: 'a:ErrorSchemaValidation', responseCode: 'ErrorSchemaValidation', backOffMilliseconds: undefined },
  };
  let n = 0;
  for (const [file, want] of Object.entries(faults)) {
    const xml = fixture(file);
    const faultString = textOf(parseDom(xml), 'faultstring');
    assert.ok(faultString.length > 20);
    for (const op of Object.keys(PARSERS)) {
      throwsEws(() => parse(op, xml), 'ERR_SOAP_FAULT', (e) => {
        assert.equal(e.faultCode, want.faultCode, `${file} via ${op}`);
        assert.equal(e.faultString, faultString);
        assert.equal(e.responseCode, want.responseCode);
        if (want.backOffMilliseconds === undefined) assert.ok(!('backOffMilliseconds' in e), `${file}: no backOffMilliseconds`);
        else {
          assert.equal(typeof e.backOffMilliseconds, 'number');
          assert.equal(e.backOffMilliseconds, want.backOffMilliseconds);
        }
      });
      // Same from bytes.
      throwsEws(() => parse(op, new TextEncoder().encode(xml)), 'ERR_SOAP_FAULT', (e) => assert.equal(e.faultCode, want.faultCode));
      n++;
    }
  }
  assert.equal(n, 12);
});

// ---------------------------------------------------------------------------
// 5. Parsing: every response fixture, structurally against the XML, plus the oracle

function responseFixtures() {
  const names = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.xml') && !/request|fault|truncated|not-soap/.test(f))
    .concat(readdirSync(join(FIXTURES, 'real')).map((f) => `real/${f}`))
    .concat(readdirSync(join(FIXTURES, 'https-envelope')).filter((f) => !/fault/.test(f)).map((f) => `https-envelope/${f}`));
  return names.sort();
}

const num = (s) => (s === undefined ? undefined : Number(s));

/** serverVersionInfo as the header's attributes say (numbers for the four ints). */
function expectedServerVersionInfo(svi) {
  if (!svi) return undefined;
  const o = {};
  for (const a of ['MajorVersion', 'MinorVersion', 'MajorBuildNumber', 'MinorBuildNumber']) {
    if (svi.hasAttribute(a)) o[jsName(a)] = Number(svi.getAttribute(a));
  }
  if (svi.hasAttribute('Version')) o.version = svi.getAttribute('Version');
  return o;
}

function child(el, name) {
  return elementChildren(el).find((c) => c.localName === name);
}

/** Checks the common ResponseMessage fields of `m` against element `el`. */
function checkStatus(m, el, label) {
  assert.equal(m.responseClass, el.getAttribute('ResponseClass'), `${label} responseClass`);
  assert.equal(m.responseCode, child(el, 'ResponseCode')?.textContent, `${label} responseCode`);
  assert.equal(m.messageText, child(el, 'MessageText')?.textContent, `${label} messageText`);
  assert.equal(m.descriptiveLinkKey, num(child(el, 'DescriptiveLinkKey')?.textContent), `${label} descriptiveLinkKey`);
  const mx = child(el, 'MessageXml');
  if (mx) {
    for (const v of elementChildren(mx)) {
      const key = jsName(v.getAttribute('Name'));
      const want = /^\d+$/.test(v.textContent) ? Number(v.textContent) : v.textContent;
      assert.equal(m.messageXml[key], want, `${label} messageXml.${key}`);
    }
  } else assert.ok(!('messageXml' in m), `${label}: no messageXml`);
}

/** Checks an item against its element: kind, itemId, subject. */
function checkItem(item, el, label) {
  if (item.kind === 'Unknown') {
    assert.equal(item.elementName, el.localName, `${label} elementName`);
    return;
  }
  assert.equal(item.kind, el.localName, `${label} kind`);
  const id = child(el, 'ItemId');
  if (id) assert.deepEqual(item.itemId, { id: id.getAttribute('Id'), ...(id.hasAttribute('ChangeKey') ? { changeKey: id.getAttribute('ChangeKey') } : {}) }, `${label} itemId`);
  assert.equal(item.subject, child(el, 'Subject')?.textContent, `${label} subject`);
}

function idOf(el) {
  return { id: el.getAttribute('Id'), ...(el.hasAttribute('ChangeKey') ? { changeKey: el.getAttribute('ChangeKey') } : {}) };
}

/** The parse result checked against the XML, operation by operation. Returns the number of checked units. */
function checkStructure(op, result, xml, label) {
  const { response, serverVersionInfo } = responseParts(xml);
  assert.equal(response.localName, RESPONSE_ELEMENT[op], `${label}: the oracle sees ${response.localName}`);
  assert.deepEqual(result.serverVersionInfo, expectedServerVersionInfo(serverVersionInfo), `${label} serverVersionInfo`);
  let units = 0;
  if (op === 'sfi' || op === 'gci') {
    const msgs = elementChildren(child(response, 'ResponseMessages'));
    assert.equal(result.responseMessages.length, msgs.length, `${label}: number of response messages`);
    msgs.forEach((el, i) => {
      const m = result.responseMessages[i];
      const l = `${label} message ${i}`;
      checkStatus(m, el, l);
      if (op === 'sfi') {
        assert.equal(m.syncState, child(el, 'SyncState')?.textContent, `${l} syncState`);
        const last = child(el, 'IncludesLastItemInRange')?.textContent;
        assert.equal(m.includesLastItemInRange, last === undefined ? undefined : last === 'true', `${l} includesLastItemInRange`);
        const changes = child(el, 'Changes') ? elementChildren(child(el, 'Changes')) : [];
        assert.equal((m.changes ?? []).length, changes.length, `${l}: number of changes`);
        changes.forEach((c, j) => {
          const ch = m.changes[j];
          const lc = `${l} change ${j}`;
          assert.equal(ch.kind, c.localName, `${lc} kind`);
          if (c.localName === 'Create' || c.localName === 'Update') {
            assert.deepEqual(Object.keys(ch).sort(), ['item', 'kind']);
            checkItem(ch.item, elementChildren(c)[0], lc);
          } else if (c.localName === 'Delete') {
            assert.deepEqual(ch, { kind: 'Delete', itemId: idOf(child(c, 'ItemId')) }, lc);
          } else {
            assert.deepEqual(ch, { kind: 'ReadFlagChange', itemId: idOf(child(c, 'ItemId')), isRead: child(c, 'IsRead').textContent === 'true' }, lc);
          }
          units++;
        });
      } else {
        const conv = child(el, 'Conversation');
        if (!conv) {
          assert.ok(!('conversation' in m), `${l}: no conversation`);
          return;
        }
        assert.deepEqual(m.conversation.conversationId, idOf(child(conv, 'ConversationId')), `${l} conversationId`);
        assert.equal(m.conversation.syncState, child(conv, 'SyncState')?.textContent, `${l} syncState`);
        const nodes = elementChildren(child(conv, 'ConversationNodes'));
        assert.equal(m.conversation.conversationNodes.length, nodes.length, `${l}: number of nodes`);
        nodes.forEach((n, j) => {
          const node = m.conversation.conversationNodes[j];
          assert.equal(node.internetMessageId, child(n, 'InternetMessageId')?.textContent, `${l} node ${j} internetMessageId`);
          assert.equal(node.parentInternetMessageId, child(n, 'ParentInternetMessageId')?.textContent, `${l} node ${j} parent`);
          const items = elementChildren(child(n, 'Items'));
          assert.equal(node.items.length, items.length, `${l} node ${j}: number of items`);
          items.forEach((it, k) => checkItem(node.items[k], it, `${l} node ${j} item ${k}`));
          units++;
        });
      }
      units++;
    });
  } else {
    checkStatus(result, response, label);
    const list = child(response, 'ImItemList');
    const groups = child(list, 'Groups') ? elementChildren(child(list, 'Groups')) : [];
    const personas = child(list, 'Personas') ? elementChildren(child(list, 'Personas')) : [];
    assert.equal((result.imItemList.groups ?? []).length, groups.length, `${label}: number of groups`);
    assert.equal((result.imItemList.personas ?? []).length, personas.length, `${label}: number of personas`);
    groups.forEach((g, i) => {
      const rg = result.imItemList.groups[i];
      assert.equal(rg.displayName, child(g, 'DisplayName').textContent);
      assert.equal(rg.groupType, child(g, 'GroupType').textContent);
      assert.deepEqual(rg.exchangeStoreId, idOf(child(g, 'ExchangeStoreId')));
      const members = child(g, 'MemberCorrelationKey') ? elementChildren(child(g, 'MemberCorrelationKey')) : [];
      assert.deepEqual(rg.memberCorrelationKey ?? [], members.map(idOf), `${label} group ${i} members`);
      units++;
    });
    personas.forEach((p, i) => {
      const rp = result.imItemList.personas[i];
      assert.deepEqual(rp.personaId, idOf(child(p, 'PersonaId')));
      assert.equal(rp.displayName, child(p, 'DisplayName')?.textContent);
      // One key per distinct child element name (the attributed lists are one array each).
      assert.equal(Object.keys(rp).length, new Set(elementChildren(p).map((c) => c.localName)).size, `${label} persona ${i}: one key per child`);
      units++;
    });
  }
  return units;
}

test('every response fixture (seeds, real captures, hand-written): structure and oracle agree with the XML', () => {
  const files = responseFixtures();
  assert.ok(files.length >= 28, `only ${files.length} response fixtures`);
  let units = 0;
  let leaves = 0;
  const realFiles = files.filter((f) => f.startsWith('real/'));
  assert.equal(realFiles.length, 11, 'the 11 real SyncFolderItems captures');
  for (const f of files) {
    const xml = fixture(f);
    const op = opOf(f);
    const result = parse(op, xml);
    units += checkStructure(op, result, xml, f);
    leaves += assertLossless(result, xml, f).leaves;
    assertPlainData(result, f);
  }
  assert.ok(units >= 100, `${units} messages/changes/nodes/groups/personas checked`);
  assert.ok(leaves >= 2000, `${leaves} leaf values checked`);
});

test('real captures: the values the fixture README lists', () => {
  const real = (f) => parse('sfi', fixture(`real/${f}`)).responseMessages;
  const paged = real('sfi-ex2010sp2-14.3.195-calendar-create-x10-paged.xml');
  assert.equal(paged.length, 1);
  assert.equal(paged[0].includesLastItemInRange, false);
  assert.equal(paged[0].changes.length, 10);
  assert.ok(paged[0].changes.every((c) => c.kind === 'Create' && c.item.kind === 'CalendarItem'));
  assert.equal(parse('sfi', fixture('real/sfi-ex2010sp2-14.3.195-calendar-create-x10-paged.xml')).serverVersionInfo.majorBuildNumber, 195);
  assert.equal(real('sfi-ex2010sp2-14.3.195-calendar-create-x3.xml')[0].changes.length, 3);
  assert.equal(real('sfi-15.1.523-V2016_04_13-calendar-create-x2.xml')[0].changes.length, 2);
  for (const f of ['sfi-ex2010sp2-14.3.195-no-changes.xml', 'sfi-15.1.523-V2016_04_13-no-changes.xml', 'sfi-o365-15.20.3370-V2018_01_08-no-changes.xml']) {
    const [m] = real(f);
    assert.equal(m.responseClass, 'Success', f);
    assert.equal(m.includesLastItemInRange, true, f);
    assert.deepEqual(m.changes ?? [], [], f);
  }
  for (const f of ['sfi-o365-15.20.178-V2017_07_11-calendar-create-fullshape.xml', 'sfi-o365-15.20.3370-V2018_01_08-calendar-create-fullshape.xml']) {
    const item = real(f)[0].changes[0].item;
    assert.equal(item.kind, 'CalendarItem', f);
    assert.ok(Object.keys(item).length >= 20, `${f}: the full Default shape (${Object.keys(item).length} fields)`);
    assert.equal(typeof item.start, 'string');
    assert.equal(typeof item.isAllDayEvent, 'boolean');
  }
  const busy = parse('sfi', fixture('real/sfi-o365-15.20.8769-V2018_01_08-error-server-busy.xml'));
  assert.deepEqual(busy.serverVersionInfo, { majorVersion: 15, minorVersion: 20, majorBuildNumber: 8769, minorBuildNumber: busy.serverVersionInfo.minorBuildNumber, version: 'V2018_01_08' });
  const [m] = busy.responseMessages;
  assert.equal(m.responseClass, 'Error');
  assert.equal(m.responseCode, 'ErrorServerBusy');
  assert.deepEqual(m.messageXml, { backOffMilliseconds: 5000 });
  assert.equal(m.backOffMilliseconds, 5000);
});

test('sfi-interleaved-all-kinds: order of the 16 changes, all 11 item kinds, typed properties', () => {
  const r = parse('sfi', fixture('sfi-interleaved-all-kinds.xml'));
  assert.deepEqual(r.serverVersionInfo, SVI_15_20);
  const [m] = r.responseMessages;
  assert.equal(m.includesLastItemInRange, false);
  assert.deepEqual(
    m.changes.map((c) => (c.item ? `${c.kind} ${c.item.kind}` : c.kind === 'ReadFlagChange' ? `ReadFlagChange(${c.isRead})` : c.kind)),
    [
      'Create Message', 'ReadFlagChange(true)', 'Delete', 'Update CalendarItem', 'Create MeetingRequest', 'ReadFlagChange(false)',
      'Delete', 'Update Message', 'Create Contact', 'Create Task', 'Create PostItem', 'Create DistributionList',
      'Create MeetingResponse', 'Create MeetingCancellation', 'Create MeetingMessage', 'Create Item',
    ],
  );
  const msg = m.changes[0].item;
  assert.equal(msg.subject, 'Q3 budget & forecast <draft> — Zürich offsite 🚀 naïve café');
  assert.equal(msg.size, 87412);
  assert.equal(msg.importance, 'High');
  assert.deepEqual(msg.categories, ['Finance', 'Red category']);
  assert.deepEqual(msg.attachments.map((a) => [a.kind, a.name, a.size, a.isInline]), [
    ['FileAttachment', 'Q3-forecast v2 (final).xlsx', 48213, false],
    ['FileAttachment', 'image001.png', 7342, true],
  ]);
  assert.equal(msg.attachments[1].contentId, 'image001.png@01DA75F2.3C1B6A40');
  assert.deepEqual(msg.toRecipients.map((x) => x.emailAddress), ['ana.lima@contoso.com', 'mei.tanaka@contoso.com']);
  assert.deepEqual(msg.from, { mailbox: { name: 'Priya Raman', emailAddress: 'priya.raman@contoso.com', routingType: 'SMTP', mailboxType: 'Mailbox' } });
  assert.deepEqual(msg.extendedProperty, [
    { extendedFieldURI: { propertyTag: '0x1081', propertyType: 'Integer' }, value: '102' },
    { extendedFieldURI: { distinguishedPropertySetId: 'PublicStrings', propertyName: 'Keywords', propertyType: 'StringArray' }, values: ['Finance', 'Red category'] },
  ]);
  assert.equal(msg.flag.flagStatus, 'Flagged');
  assert.deepEqual(msg.body, {
    bodyType: 'Text',
    isTruncated: false,
    value: 'Hi all,\n\nattached is the Q3 forecast & the <draft> agenda for Zürich.\nPlease send comments by Friday — thanks! 🚀\n\nPriya',
  });
  assert.equal(msg.internetMessageHeaders.length, 6);
  assert.deepEqual(msg.internetMessageHeaders[4], { headerName: 'X-MS-Has-Attach', value: 'yes' });
  assert.equal(msg.isRead, false);
  assert.equal(msg.hasAttachments, true);
  assert.equal(msg.effectiveRights.delete, true);

  const cal = m.changes[3].item;
  assert.equal(cal.calendarItemType, 'RecurringMaster');
  assert.deepEqual(cal.requiredAttendees.map((a) => [a.mailbox.emailAddress, a.responseType]), [
    ['priya.raman@contoso.com', 'Accept'],
    ['jonas.mueller@contoso.com', 'Tentative'],
  ]);
  assert.equal(cal.optionalAttendees.length, 1);
  assert.equal(cal.resources.length, 1);
  assert.equal(cal.resources[0].mailbox.emailAddress, 'room-elbe@contoso.com');
  assert.equal(cal.recurrence.weeklyRecurrence.daysOfWeek, 'Monday');
  assert.deepEqual(cal.recurrence.endDateRecurrence, { startDate: '2024-03-18+01:00', endDate: '2024-06-24+02:00' });
  assert.equal(cal.reminderMinutesBeforeStart, 15);
  assert.equal(cal.uid, '040000008200E00074C5B7101A82E00800000000C378B238E4E9D4910000000000000000100000005927457FE1620041F9EAB94561B2013E');
  assert.equal(cal.isRecurring, true);
  assert.deepEqual(cal.startTimeZone, { id: 'W. Europe Standard Time', name: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna' });
  assert.equal(cal.appointmentSequenceNumber, 2);

  const contact = m.changes[8].item;
  assert.equal(contact.fileAs, 'Okafor, Chidi');
  assert.equal(contact.birthday, '1986-07-22T11:59:00Z');
  const emailOf = (key) => (contact.emailAddresses ?? []).find((e) => e.key === key);
  assert.equal(emailOf('EmailAddress1')?.value, 'chidi.okafor@fabrikam.com');
  assert.equal((contact.phoneNumbers ?? []).find((p) => p.key === 'MobilePhone')?.value, '+234 803 555 0142');

  const task = m.changes[9].item;
  assert.equal(task.status, 'InProgress');
  assert.equal(task.percentComplete, 50);
  assert.equal(task.isComplete, false);
  assert.equal(task.owner, 'Ana Lima');
});

test('own fixtures: Warning and Error messages are data, with their payload and MessageXml', () => {
  const warn = parse('sfi', fixture('sfi-warning-with-payload.xml')).responseMessages[0];
  assert.equal(warn.responseClass, 'Warning');
  assert.equal(warn.responseCode, 'ErrorItemCorrupt');
  assert.equal(warn.descriptiveLinkKey, 0);
  assert.equal(warn.includesLastItemInRange, false);
  assert.deepEqual(warn.changes.map((c) => `${c.kind} ${c.item?.kind ?? ''}`.trim()), ['Create Message', 'Create Message', 'Delete']);

  const backoff = parse('sfi', fixture('sfi-error-backoff.xml'));
  assert.deepEqual(backoff.serverVersionInfo, SVI_15_20);
  const [b] = backoff.responseMessages;
  assert.equal(b.responseClass, 'Error');
  assert.equal(b.responseCode, 'ErrorServerBusy');
  assert.deepEqual(b.messageXml, { backOffMilliseconds: 29794 });
  assert.equal(typeof b.messageXml.backOffMilliseconds, 'number');
  assert.equal(b.backOffMilliseconds, 29794);
  assert.equal(typeof b.backOffMilliseconds, 'number');
  assert.equal(b.syncState, '');
  assert.equal(b.includesLastItemInRange, true);
  assert.ok(!('changes' in b) || b.changes.length === 0);

  const invalid = parse('sfi', fixture('sfi-error-invalid-syncstate.xml'));
  assert.deepEqual(invalid, {
    serverVersionInfo: { majorVersion: 15, minorVersion: 2, majorBuildNumber: 1544, minorBuildNumber: 4, version: 'V2017_07_11' },
    responseMessages: [
      {
        responseClass: 'Error',
        responseCode: 'ErrorInvalidSyncStateData',
        messageText: 'Synchronization state data is corrupt or otherwise invalid.',
        descriptiveLinkKey: 0,
        syncState: '',
        includesLastItemInRange: true,
      },
    ],
  });

  const gci = parse('gci', fixture('gci-multi-conversation.xml')).responseMessages;
  assert.deepEqual(gci.map((m) => [m.responseClass, m.responseCode, m.conversation?.conversationNodes.length]), [
    ['Success', 'NoError', 6],
    ['Warning', 'ErrorItemCorrupt', 1],
    ['Error', 'ErrorItemNotFound', undefined],
  ]);
  assert.ok(!('conversation' in gci[2]));
});

test('unknown item kinds are kept as { kind: "Unknown", elementName, xml }; unknown children never break parsing', () => {
  const future = fixture('sfi-unknown-item-kind-future.xml');
  const [m] = parse('sfi', future).responseMessages;
  assert.deepEqual(m.changes.map((c) => `${c.kind} ${c.item?.kind ?? c.isRead}`), ['Create Message', 'Create Unknown', 'Update Message', 'ReadFlagChange false']);
  const unk = m.changes[1].item;
  assert.deepEqual(Object.keys(unk).sort(), ['elementName', 'kind', 'xml']);
  assert.equal(unk.elementName, 'HolographicMessage');
  const start = future.indexOf('<t:HolographicMessage');
  const endTag = '</t:HolographicMessage>';
  assert.equal(unk.xml, future.slice(start, future.indexOf(endTag) + endTag.length), 'xml is the exact source text');
  assert.equal(parseDom(`<r xmlns:t="${HTTP_T}">${unk.xml}</r>`).documentElement.firstChild.localName, 'HolographicMessage');

  const [s] = parse('sfi', fixture('sfi-unknown-item-kind.xml')).responseMessages;
  assert.equal(s.changes.length, 4);
  assert.deepEqual(s.changes.map((c) => c.kind), ['Create', 'Create', 'Create', 'Delete']);
  const sharing = s.changes[1].item;
  assert.ok(sharing.kind === 'SharingMessage' || (sharing.kind === 'Unknown' && sharing.elementName === 'SharingMessage'), JSON.stringify(sharing).slice(0, 200));

  const [u] = parse('sfi', fixture('sfi-unknown-child-elements.xml')).responseMessages;
  assert.equal(u.changes.length, 2);
  const first = u.changes[0].item;
  assert.equal(first.subject, 'Retro → Thursday?');
  assert.equal(first.from.mailbox.emailAddress, 'mei.tanaka@contoso.com');
  assert.equal(first.sender.mailbox.emailAddress, 'mei.tanaka@contoso.com');
  assert.equal(first.isRead, false);
});

test('namespace variants: default namespace + BOM + CRLF, https://, other prefixes all parse to the same result', () => {
  const plain = fixture('sfi-interleaved-all-kinds.xml');
  const expected = parse('sfi', plain);
  const variants = {
    bom: '\uFEFF' + plain,
    crlf: plain.replace(/\n/g, '\r\n'),
    cr: plain.replace(/\n/g, '\r'),
    https: plain.replaceAll('http://schemas.microsoft.com/exchange/services/2006/', 'https://schemas.microsoft.com/exchange/services/2006/'),
    prefixes: plain.replace(/(<\/?)t:/g, '$1types:').replace('xmlns:t=', 'xmlns:types=').replace(/(<\/?)m:/g, '$1msg:').replace('xmlns:m=', 'xmlns:msg=').replace(/(<\/?)s:/g, '$1env:').replace('xmlns:s=', 'xmlns:env='),
    all: '\uFEFF' + plain.replaceAll('http://schemas.microsoft.com/exchange/services/2006/', 'https://schemas.microsoft.com/exchange/services/2006/').replace(/\n/g, '\r\n'),
  };
  let n = 0;
  for (const [k, v] of Object.entries(variants)) {
    assert.notEqual(v, plain);
    assert.deepEqual(parse('sfi', v), expected, k);
    n++;
  }
  assert.equal(n, 6);
  // The hand-written pair: default namespaces, BOM and CRLF vs https:// with other prefixes.
  const dn = fixture('sfi-default-namespace.xml');
  assert.equal(dn.charCodeAt(0), 0xfeff);
  assert.ok(dn.includes('\r\n'));
  const dnResult = parse('sfi', dn);
  assert.deepEqual(parse('sfi', fixture('sfi-https-namespace.xml')), dnResult);
  assert.deepEqual(dnResult.responseMessages[0].changes.map((c) => `${c.kind} ${c.item?.kind ?? c.isRead ?? ''}`.trim()), [
    'Create Message', 'Update CalendarItem', 'ReadFlagChange true', 'Delete', 'Create Contact',
  ]);
  assert.equal(dnResult.responseMessages[0].changes[0].item.subject, 'Invoice & PO <2024-0311> — Grüße 👋');
  assert.ok(!JSON.stringify(dnResult).includes('\\r'), 'CRLF is read as LF');
  // The GCI seed with http:// namespaces equals the https:// seed.
  assert.deepEqual(parse('gci', fixture('gci-https-seed-variant-http.xml')), parse('gci', fixture('seed-gci-response.xml')));
  // The GetImItems seed with docs-style EmailAddresses/EmailAddress: the seed plus those.
  const im = parse('imItems', fixture('imitems-https-default-ns.xml'));
  const p = im.imItemList.personas[0];
  assert.deepEqual(p.emailAddresses.map((e) => e.emailAddress), ['tsmith@contoso.com', 'tony.smith@contoso.com']);
  assert.equal(p.emailAddress.emailAddress, 'tsmith@contoso.com');
  const { emailAddress, emailAddresses, ...rest } = p;
  assert.deepEqual({ ...im, imItemList: { ...im.imItemList, personas: [rest] } }, parse('imItems', fixture('seed-imitems-response.xml')));
  // Persona/EmailAddresses/Address (schema) and .../EmailAddress (docs) read alike.
  const full = parse('imList', fixture('imitemlist-persona-full.xml')).imItemList.personas[0];
  assert.deepEqual(full.emailAddresses.map((e) => e.emailAddress), ['chidi.okafor@fabrikam.com', 'c.okafor@outlook.com']);
});

test('imitemlist-persona-full: groups, and a persona with 65 fields', () => {
  const xml = fixture('imitemlist-persona-full.xml');
  const r = parse('imList', xml);
  const { groups, personas } = r.imItemList;
  assert.deepEqual(groups.map((g) => [g.displayName, (g.memberCorrelationKey ?? []).length]), [
    ['Other Contacts', 0],
    ['Favorites', 1],
    ['Project Aurora', 2],
  ]);
  assert.equal(groups[2].smtpAddress, 'project-aurora@contoso.com');
  assert.equal(groups[2].extendedProperties.length, 2);
  assert.deepEqual(groups[2].extendedProperties[1], { extendedFieldURI: { propertyTag: '0x3004', propertyType: 'String' }, value: 'Core team & vendors' });
  assert.equal(personas.length, 2);
  const p = personas[0];
  const personaEl = findElements(parseDom(xml), 'Persona')[0];
  assert.equal(elementChildren(personaEl).length, 65);
  assert.equal(Object.keys(p).length, 65, 'one key per Persona child');
  assert.deepEqual(p.attributions.map((a) => a.id), ['0', '1', '2']);
  assert.equal(p.businessAddresses[0].value.latitude, 6.4541);
  assert.equal(p.businessAddresses[0].value.longitude, 3.3947);
  assert.deepEqual(p.businessAddresses[0].attributions, ['0', '2']);
  assert.deepEqual(p.children, [{ values: ['Ada', 'Tobi'], attributions: ['0'] }]);
  assert.equal(p.extendedProperties.length, 2);
  assert.deepEqual(p.extendedProperties[1].value.values, ['Vendors', 'API']);
  assert.equal(personas[1].displayName, 'Mei Tanaka');
});

test('un-modelled schema lists are arrays named after their container, whatever their length', () => {
  // API.md: "A list container is an array named after the container". The
  // CalendarItem's DeletedOccurrences / ModifiedOccurrences hold
  // DeletedOccurrence / Occurrence elements (maxOccurs unbounded).
  const plain = fixture('sfi-interleaved-all-kinds.xml');
  const one = '<t:DeletedOccurrence>\n                    <t:Start>2024-04-01T08:00:00Z</t:Start>\n                  </t:DeletedOccurrence>';
  assert.ok(plain.includes(one));
  const two = plain.replace(one, `${one}<t:DeletedOccurrence><t:Start>2024-04-08T08:00:00Z</t:Start></t:DeletedOccurrence>`);
  const cal1 = parse('sfi', plain).responseMessages[0].changes[3].item;
  const cal2 = parse('sfi', two).responseMessages[0].changes[3].item;
  assert.deepEqual(cal2.deletedOccurrences, [{ start: '2024-04-01T08:00:00Z' }, { start: '2024-04-08T08:00:00Z' }], 'two deleted occurrences');
  assert.deepEqual(cal1.deletedOccurrences, [{ start: '2024-04-01T08:00:00Z' }], 'one deleted occurrence: the same shape, an array');
});

test('xs:long values keep every digit (SortKey beyond 2^53)', () => {
  const xml = fixture('sfi-unknown-child-elements.xml');
  assert.match(xml, /<t:SortKey>\d+<\/t:SortKey>/);
  const big = xml.replace(/<t:SortKey>\d+<\/t:SortKey>/, '<t:SortKey>638460453123456789</t:SortKey>');
  const item = parse('sfi', big).responseMessages[0].changes[0].item;
  assert.equal(String(item.sortKey), '638460453123456789', 'JSON.stringify(result) loses nothing (API.md: Plain data)');
});

// ---------------------------------------------------------------------------
// 6. Parser errors: every code with its extra fields

test('forbidden character references: read by default, ERR_MALFORMED_XML with { strict: true }', () => {
  const xml = fixture('sfi-control-character-references.xml');
  const changes = parse('sfi', xml).responseMessages[0].changes;
  assert.deepEqual(changes.map((c) => c.kind), ['Create', 'Update', 'ReadFlagChange', 'Create', 'Delete', 'Create']);
  assert.equal(changes[0].item.subject, 'subject \u0013');
  assert.equal(changes[0].item.from.mailbox.name, 'Ana \u0001Lima');
  assert.equal(changes[1].item.itemId.changeKey, 'CQAAABYAAAD2\u0013');
  assert.equal(changes[3].item.subject, 'nul \uFFFD here');
  assert.equal(changes[4].itemId.id, 'AAMkAGctl5\u0001');
  throwsEws(() => parse('sfi', xml, { strict: true }), 'ERR_MALFORMED_XML', (e) => {
    assert.equal(e.position, Buffer.from(xml).indexOf('subject &#x13;') + 8);
  });
  // Bytes, and the https envelope, take the same path.
  assert.equal(parse('sfi', new TextEncoder().encode(xml)).responseMessages[0].changes.length, 6);
  const https = fixture('https-envelope/sfi-https-envelope-https-ews.xml');
  assert.deepEqual(parse('sfi', https), parse('sfi', fixture('seed-sfi-response.xml')));
  throwsEws(() => parse('sfi', xml, { strict: 'yes' }), 'ERR_INVALID_OPTIONS', (e) => assert.equal(e.path, 'strict'));
});

test('ERR_MALFORMED_XML with a numeric byte position', () => {
  const sfiSeed = fixture('seed-sfi-response.xml');
  const at = Buffer.from(sfiSeed).indexOf('Budget');
  const truncated = fixture('truncated.xml');
  const cases = [
    ['truncated.xml', truncated, [Buffer.from(truncated).lastIndexOf('<t:DateTimeRec'), utf8Length(truncated)]],
    ['html-login-page.html', fixture('html-login-page.html'), [0, utf8Length(fixture('html-login-page.html'))]],
    ['json-error.json', fixture('json-error.json'), [0, 0]],
    ['binary garbage', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0', [0, 16]],
    ['NUL byte', sfiSeed.replace('Budget', 'Bud\0get'), [at + 3, at + 3]],
    ['empty string', '', [0, 0]],
    ['whitespace only', ' \n\t ', [0, 4]],
    ['undefined entity', sfiSeed.replace('Budget', '&bogus;'), [at, at + 7]],
    ['character reference that is not a number', sfiSeed.replace('Budget', '&#xZZ;'), [at, at + 6]],
    ['duplicate attribute', sfiSeed.replace('<t:Subject>', '<t:Subject a="1" a="2">'), [at - 30, at + 30]],
    ['mismatched end tag', sfiSeed.replace('</t:Subject>', '</t:Subjekt>'), [at, at + 30]],
    ['a second root after the envelope', sfiSeed + '<extra/>', [utf8Length(sfiSeed) - 20, utf8Length(sfiSeed) + 8]],
    ['declaration only', '<?xml version="1.0"?>', [0, 21]],
  ];
  let n = 0;
  for (const [label, input, [lo, hi]] of cases) {
    for (const op of Object.keys(PARSERS)) {
      throwsEws(() => parse(op, input), 'ERR_MALFORMED_XML', (e) => {
        assert.equal(typeof e.position, 'number', `${label}: position is a number`);
        assert.ok(Number.isInteger(e.position) && e.position >= lo && e.position <= hi, `${label} via ${op}: position ${e.position} not in [${lo}, ${hi}]`);
      }, `${label} via ${op}`);
      n++;
    }
  }
  assert.equal(n, cases.length * 4);
});

test('an undeclared namespace prefix, at any depth, is ERR_MALFORMED_XML (Namespaces in XML)', () => {
  const seed = fixture('seed-sfi-response.xml');
  const cases = {
    'on a leaf of an item': seed.replace('<t:Subject>Budget Q3</t:Subject>', '<u:Subject>Budget Q3</u:Subject>'),
    'on the item': seed.replace('<t:MeetingRequest>', '<zz:MeetingRequest>').replace('</t:MeetingRequest>', '</zz:MeetingRequest>'),
    'on the response element': seed.replace('<SyncFolderItemsResponse ', '<q:SyncFolderItemsResponse ').replace('</SyncFolderItemsResponse>', '</q:SyncFolderItemsResponse>'),
    'on an attribute': seed.replace('<t:ItemId Id=', '<t:ItemId u:x="1" Id='),
  };
  let n = 0;
  for (const [label, xml] of Object.entries(cases)) {
    assert.notEqual(xml, seed, label);
    throwsEws(() => parse('sfi', xml), 'ERR_MALFORMED_XML', (e) => assert.equal(typeof e.position, 'number'), label);
    n++;
  }
  assert.equal(n, 4);
});

test('ERR_NOT_SOAP with `found`: not SOAP, the wrong operation, a DOCTYPE', () => {
  const ops = Object.keys(PARSERS);
  const responses = { gci: 'seed-gci-response.xml', imItems: 'seed-imitems-response.xml', imList: 'seed-imitemlist-response.xml', sfi: 'seed-sfi-response.xml' };
  let n = 0;
  for (const op of ops) {
    throwsEws(() => parse(op, fixture('not-soap.xml')), 'ERR_NOT_SOAP', (e) => assert.equal(e.found, 'rss'));
    n++;
    // Every other operation's response: found is its element name.
    for (const other of ops.filter((o) => o !== op)) {
      throwsEws(() => parse(op, fixture(responses[other])), 'ERR_NOT_SOAP', (e) => assert.equal(e.found, RESPONSE_ELEMENT[other], `${other} response given to ${op}`));
      n++;
    }
    for (const doc of [
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
      `<!DOCTYPE s:Envelope><s:Envelope xmlns:s="${SOAP_ENV}"><s:Body/></s:Envelope>`,
    ]) {
      throwsEws(() => parse(op, doc), 'ERR_NOT_SOAP', (e) => {
        assert.equal(typeof e.found, 'string');
        assert.ok(e.found.length > 0);
      });
      n++;
    }
    throwsEws(() => parse(op, '<Envelope><Body/></Envelope>'), 'ERR_NOT_SOAP', (e) => assert.equal(e.found, 'Envelope', 'an Envelope in no namespace'));
    throwsEws(() => parse(op, `<s:Envelope xmlns:s="${SOAP_ENV}"><s:Body/></s:Envelope>`), 'ERR_NOT_SOAP', (e) => assert.equal(typeof e.found, 'string'));
    n += 2;
  }
  assert.equal(n, 4 * 8);
});

test('ERR_LIMIT with `limit` and `value`: 100 MB, 100 000-deep nesting, custom limits', () => {
  // A 100 MB string: over the 64 MiB default of maxResponseBytes.
  const hundredMB = 'x'.repeat(100 * 1024 * 1024);
  throwsEws(() => parse('sfi', hundredMB), 'ERR_LIMIT', (e) => {
    assert.equal(e.limit, 64 * 1024 * 1024);
    assert.equal(e.value, 100 * 1024 * 1024);
    assert.equal(e.limitName, 'maxResponseBytes');
  });
  // Bytes just over the default.
  throwsEws(() => parse('gci', new Uint8Array(64 * 1024 * 1024 + 1)), 'ERR_LIMIT', (e) => {
    assert.equal(e.limit, 64 * 1024 * 1024);
    assert.equal(e.value, 64 * 1024 * 1024 + 1);
  });
  // 100 000-deep nesting: maxDepth (default 256), inside and outside an envelope.
  const N = 100_000;
  const deepDocs = [
    '<a>'.repeat(N) + '</a>'.repeat(N),
    '<a>'.repeat(N),
    fixture('seed-sfi-response.xml').replace('<t:Subject>', '<t:Deep>' + '<t:X>'.repeat(N) + '</t:X>'.repeat(N) + '</t:Deep><t:Subject>'),
  ];
  for (const d of deepDocs) {
    for (const op of Object.keys(PARSERS)) {
      throwsEws(() => parse(op, d), 'ERR_LIMIT', (e) => {
        assert.equal(e.limit, 256);
        assert.equal(e.value, 257);
        assert.equal(e.limitName, 'maxDepth');
      });
    }
  }
  // Custom limits as the parser's second argument.
  const seed = fixture('seed-sfi-response.xml');
  throwsEws(() => parse('sfi', seed, { maxDepth: 10 }), 'ERR_LIMIT', (e) => {
    assert.equal(e.limit, 10);
    assert.equal(e.value, 11);
  });
  throwsEws(() => parse('sfi', seed, { maxResponseBytes: 1000 }), 'ERR_LIMIT', (e) => {
    assert.equal(e.limit, 1000);
    assert.equal(e.value, utf8Length(seed));
  });
  throwsEws(() => parse('sfi', new TextEncoder().encode(seed), { maxResponseBytes: 1000 }), 'ERR_LIMIT', (e) => assert.equal(e.value, utf8Length(seed)));
  // Limits that fit pass; bad limits are bad options.
  assert.equal(parse('sfi', seed, { maxDepth: 12, maxResponseBytes: utf8Length(seed) }).responseMessages[0].responseCode, 'NoError');
  for (const [limits, path] of [[{ maxDepth: -1 }, 'maxDepth'], [{ maxDepth: 'deep' }, 'maxDepth'], [{ bogus: 1 }, 'bogus'], [{ maxResponseBytes: 1.5 }, 'maxResponseBytes']]) {
    throwsEws(() => parse('sfi', seed, limits), 'ERR_INVALID_OPTIONS', (e) => assert.equal(e.path, path));
  }
  throwsEws(() => parse('sfi', 42), 'ERR_INVALID_OPTIONS', (e) => assert.equal(e.path, 'xml'));
  throwsEws(() => parse('sfi', { xml: seed }), 'ERR_INVALID_OPTIONS', (e) => assert.equal(e.path, 'xml'));
});

test('a raised maxDepth still ends in ERR_LIMIT (or refuses the limit), never ERR_MALFORMED_XML, for deep well-formed XML', () => {
  const N = 100_000;
  const deep = fixture('seed-sfi-response.xml').replace('<t:Subject>', '<t:Deep>' + '<t:X>'.repeat(N) + '</t:X>'.repeat(N) + '</t:Deep><t:Subject>');
  let err;
  try {
    parse('sfi', deep, { maxDepth: 1_000_000 });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof ews.EwsError, 'the well-formed but deep document is refused');
  assert.ok(
    err.code === 'ERR_LIMIT' || (err.code === 'ERR_INVALID_OPTIONS' && err.path === 'maxDepth'),
    `a nesting cap is a limit, not malformed XML: got ${err.code} (position ${err.position})`,
  );
  if (err.code === 'ERR_LIMIT') assert.ok(err.limit < N && err.value > err.limit);
});

test('bytes input: Uint8Array, ArrayBuffer, Buffer, views; UTF-8 (with or without BOM), UTF-16LE/BE with BOM', () => {
  let n = 0;
  for (const f of ['sfi-interleaved-all-kinds.xml', 'seed-gci-response.xml', 'seed-imitems-response.xml', 'imitemlist-persona-full.xml']) {
    const op = opOf(f);
    const text = fixture(f);
    const expected = parse(op, text);
    const utf8 = new Uint8Array(fixtureBytes(f));
    const noDecl = text.replace(/^<\?xml[^>]*\?>/, '');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(noDecl, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const inBigger = new Uint8Array(utf8.length + 20);
    inBigger.set(utf8, 10);
    inBigger.fill(0xff, 0, 10);
    inBigger.fill(0xff, utf8.length + 10);
    const inputs = {
      uint8array: utf8,
      arraybuffer: utf8.slice().buffer,
      buffer: Buffer.from(utf8),
      'view with offset': inBigger.subarray(10, 10 + utf8.length),
      'utf-8 bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]),
      'utf-16le bom': new Uint8Array(le),
      'utf-16be bom': new Uint8Array(be),
      'utf-16le bom with its declaration': new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace('encoding="utf-8"', 'encoding="utf-16"'), 'utf16le')])),
    };
    for (const [k, input] of Object.entries(inputs)) {
      assert.deepEqual(parse(op, input), expected, `${f} as ${k}`);
      n++;
    }
  }
  assert.equal(n, 32);
  // Invalid UTF-8 → ERR_MALFORMED_XML at the bad byte.
  const seed = fixtureBytes('seed-sfi-response.xml');
  const at = seed.indexOf('Budget');
  for (const bad of [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]]) {
    const b = Buffer.from(seed);
    Buffer.from(bad).copy(b, at);
    for (const op of Object.keys(PARSERS)) {
      throwsEws(() => parse(op, new Uint8Array(b)), 'ERR_MALFORMED_XML', (e) => assert.ok(e.position >= at && e.position <= at + bad.length, `${bad}: position ${e.position}`));
      n++;
    }
  }
  // Odd-length UTF-16 and a lone surrogate in UTF-16.
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture('seed-sfi-response.xml').replace(/^<\?xml[^>]*\?>/, ''), 'utf16le')]);
  throwsEws(() => parse('sfi', new Uint8Array(le.subarray(0, le.length - 1))), 'ERR_MALFORMED_XML');
  const lone = Buffer.from(le);
  const i = lone.indexOf(Buffer.from('Budget', 'utf16le'));
  lone.writeUInt16LE(0xd800, i);
  throwsEws(() => parse('sfi', new Uint8Array(lone)), 'ERR_MALFORMED_XML');
  // Not bytes, not a string.
  throwsEws(() => parse('sfi', new DataView(seed.buffer)), 'ERR_INVALID_OPTIONS', (e) => assert.equal(e.path, 'xml'));
  assert.equal(n, 32 + 24);
});

// ---------------------------------------------------------------------------
// 7. Robustness

/** A small deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('100 malformed inputs in a row, then every operation still parses correctly', () => {
  const ops = Object.keys(PARSERS);
  const valid = { gci: 'gci-multi-conversation.xml', imItems: 'seed-imitems-response.xml', imList: 'imitemlist-persona-full.xml', sfi: 'sfi-interleaved-all-kinds.xml' };
  const expected = Object.fromEntries(ops.map((op) => [op, parse(op, fixture(valid[op]))]));
  const random = rng(20240314);
  const deep = '<a>'.repeat(50_000);
  const seedSfi = fixture('seed-sfi-response.xml');
  const kinds = [
    () => ['ERR_MALFORMED_XML', fixture('truncated.xml')],
    () => ['ERR_MALFORMED_XML', fixture('html-login-page.html')],
    () => ['ERR_MALFORMED_XML', fixture('json-error.json')],
    () => ['ERR_MALFORMED_XML', seedSfi.replace('Budget', 'Bu\0dget')],
    () => {
      // Random binary garbage that does not start like markup.
      const b = new Uint8Array(64 + Math.floor(random() * 512));
      for (let i = 0; i < b.length; i++) b[i] = Math.floor(random() * 256);
      b[0] = 0x80 | b[0];
      return ['ERR_MALFORMED_XML', b];
    },
    () => {
      // A valid document cut at a random point before its end.
      const text = fixture(valid[ops[Math.floor(random() * 4)]]);
      const end = text.lastIndexOf('</');
      return ['ERR_MALFORMED_XML', text.slice(0, 1 + Math.floor(random() * (end - 1)))];
    },
    () => {
      const b = Buffer.from(seedSfi);
      b[b.indexOf('Budget')] = 0xff;
      return ['ERR_MALFORMED_XML', new Uint8Array(b)];
    },
    () => ['ERR_NOT_SOAP', fixture('not-soap.xml')],
    () => ['ERR_NOT_SOAP', '<!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>'],
    () => ['ERR_LIMIT', deep],
    () => ['ERR_LIMIT', seedSfi, { maxDepth: 10 }],
    () => ['ERR_SOAP_FAULT', fixture('fault-server-busy.xml')],
    () => ['ERR_SOAP_FAULT', fixture('seed-imitemlist-fault.xml')],
    () => ['ERR_INVALID_OPTIONS', seedSfi, { maxDepth: 'x' }],
    () => ['ERR_LIMIT', new TextEncoder().encode(seedSfi), { maxResponseBytes: 100 }],
    () => ['ERR_MALFORMED_XML', ''],
    () => ['ERR_NOT_SOAP', `<s:Envelope xmlns:s="${SOAP_ENV}"><s:Body/></s:Envelope>`],
  ];
  const seen = new Map();
  for (let i = 0; i < 100; i++) {
    const k = i % kinds.length;
    const [code, input, limits] = kinds[k]();
    const op = ops[i % 4];
    throwsEws(() => parse(op, input, limits), code, undefined);
    seen.set(code, (seen.get(code) ?? 0) + 1);
    // The wrong operation's valid response is malformed input too.
    if (i % 10 === 9) throwsEws(() => parse(op, fixture(valid[ops[(i + 1) % 4]])), 'ERR_NOT_SOAP');
  }
  assert.equal([...seen.values()].reduce((a, b) => a + b), 100);
  assert.deepEqual([...seen.keys()].sort(), ['ERR_INVALID_OPTIONS', 'ERR_LIMIT', 'ERR_MALFORMED_XML', 'ERR_NOT_SOAP', 'ERR_SOAP_FAULT']);
  for (const op of ops) assert.deepEqual(parse(op, fixture(valid[op])), expected[op], `${op} after 100 malformed inputs`);
  // And the builders.
  assert.deepEqual(partEvents(build('sfi', seedOptions.sfi), 'Body'), partEvents(fixture('seed-sfi-request.xml'), 'Body'));
});

test('a 100 000-deep document fails fast', () => {
  const N = 100_000;
  const docs = ['<a>'.repeat(N) + '</a>'.repeat(N), `<s:Envelope xmlns:s="${SOAP_ENV}"><s:Body>${'<a>'.repeat(N)}${'</a>'.repeat(N)}</s:Body></s:Envelope>`];
  for (const d of docs) {
    const t0 = performance.now();
    throwsEws(() => parse('sfi', d), 'ERR_LIMIT');
    const ms = performance.now() - t0;
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
  }
});

test('memory stays bounded: a 50 MB attribute value with a raised limit (fresh process)', async () => {
  const r = await pkg.runNode(`
    import { parseSyncFolderItemsResponse } from 'ews-wasm';
    import { readFileSync } from 'node:fs';
    const base = readFileSync(${JSON.stringify(join(FIXTURES, 'seed-sfi-response.xml'))}, 'utf8');
    parseSyncFolderItemsResponse(base);
    const N = 50 * 1024 * 1024;
    const big = base.replace('Id="AQApAHRwA=="', 'Id="' + 'A'.repeat(N) + '"');
    globalThis.gc();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const r = parseSyncFolderItemsResponse(big, { maxResponseBytes: 128 * 1024 * 1024 });
    const ms = performance.now() - t0;
    const after = process.memoryUsage();
    const id = r.responseMessages[0].changes[0].item.itemId.id;
    console.log(JSON.stringify({ input: big.length, idLength: id.length, idOk: id === 'A'.repeat(N), ms,
      rss: after.rss - before.rss, external: after.external - before.external, heap: after.heapUsed - before.heapUsed,
      next: parseSyncFolderItemsResponse(base).responseMessages[0].responseCode }));
  `, { args: ['--expose-gc'], timeoutMs: 120_000 });
  assert.equal(r.code, 0, r.stderr);
  const m = r.json;
  assert.equal(m.idLength, 50 * 1024 * 1024);
  assert.equal(m.idOk, true);
  assert.equal(m.next, 'NoError');
  console.log(`50 MB attribute: ${m.ms.toFixed(0)} ms; rss +${(m.rss / 2 ** 20).toFixed(0)} MB, wasm/external +${(m.external / 2 ** 20).toFixed(0)} MB, heap +${(m.heap / 2 ** 20).toFixed(0)} MB`);
  assert.ok(m.rss < 10 * m.input, `rss grew ${(m.rss / 2 ** 20).toFixed(0)} MB for a ${(m.input / 2 ** 20).toFixed(0)} MB input`);
  assert.ok(m.external < 10 * m.input, `external memory grew ${(m.external / 2 ** 20).toFixed(0)} MB`);
});

// ---------------------------------------------------------------------------
// 8. conversationThread

/** Generic invariants of a thread layout over `nodes`. */
function checkThread(thread, nodes) {
  assert.equal(thread.length, nodes.length, 'every node once');
  assert.deepEqual(thread.map((e) => e.index).sort((a, b) => a - b), nodes.map((_, i) => i));
  const pos = new Map(thread.map((e, i) => [e.index, i]));
  const ids = new Set(nodes.map((n) => n.internetMessageId));
  for (const e of thread) {
    assert.equal(e.node, nodes[e.index], 'node is the same object as conversationNodes[index]');
    const parentId = nodes[e.index].parentInternetMessageId;
    if (e.parentIndex === undefined) {
      assert.ok(!('parentIndex' in e), 'no parentIndex key for a root');
      assert.equal(e.depth, 0);
      assert.ok(parentId === undefined || !ids.has(parentId) || parentId === nodes[e.index].internetMessageId, 'a root or an orphan');
    } else {
      assert.equal(nodes[e.parentIndex].internetMessageId, parentId, 'parentIndex points at the parent message');
      const parent = thread[pos.get(e.parentIndex)];
      assert.equal(e.depth, parent.depth + 1);
      assert.ok(pos.get(e.parentIndex) < pos.get(e.index), 'a parent comes before its replies');
    }
  }
}

test('conversationThread: the GCI seed and gci-multi-conversation in display order', () => {
  const seed = parse('gci', fixture('seed-gci-response.xml')).responseMessages[0].conversation;
  const t1 = ews.conversationThread(seed);
  checkThread(t1, seed.conversationNodes);
  assert.deepEqual(t1.map(({ index, depth, parentIndex }) => ({ index, depth, parentIndex })), [
    { index: 4, depth: 0, parentIndex: undefined },
    { index: 3, depth: 1, parentIndex: 4 },
    { index: 2, depth: 2, parentIndex: 3 },
    { index: 0, depth: 3, parentIndex: 2 },
    { index: 1, depth: 3, parentIndex: 2 },
  ]);

  const multi = parse('gci', fixture('gci-multi-conversation.xml')).responseMessages;
  const conv = multi[0].conversation;
  const t2 = ews.conversationThread(conv);
  checkThread(t2, conv.conversationNodes);
  // A root; B and C reply to A; D (2 items) to B; F to C; E is an orphan (depth 0).
  assert.deepEqual(t2.map(({ index, depth, parentIndex }) => [index, depth, parentIndex]), [
    [0, 0, undefined],
    [1, 1, 0],
    [3, 2, 1],
    [2, 1, 0],
    [5, 2, 2],
    [4, 0, undefined],
  ]);
  assert.equal(t2[2].node.items.length, 2, 'D has the Sent Items and the Inbox copy');
  assert.equal(t2[3].node.items[0].kind, 'MeetingRequest', 'C is a meeting request');
  assert.deepEqual(Object.keys(t2[0]).sort(), ['depth', 'index', 'node']);
  assert.deepEqual(Object.keys(t2[1]).sort(), ['depth', 'index', 'node', 'parentIndex']);
  const t3 = ews.conversationThread(multi[1].conversation);
  checkThread(t3, multi[1].conversation.conversationNodes);
  assert.equal(t3.length, 1);

  // Cycles, self-parents and empty conversations terminate.
  const n = (id, p) => ({ internetMessageId: id, ...(p ? { parentInternetMessageId: p } : {}), items: [] });
  for (const nodes of [[n('a', 'b'), n('b', 'a')], [n('a', 'a')], [n('a'), n('b', 'a'), n('c', 'b'), n('d', 'c')], []]) {
    const t = ews.conversationThread({ conversationNodes: nodes });
    assert.equal(t.length, nodes.length);
    assert.deepEqual(t.map((e) => e.index).sort(), nodes.map((_, i) => i));
  }
  // A long chain does not overflow anything.
  const chain = [n('m0')];
  for (let i = 1; i < 5000; i++) chain.push(n(`m${i}`, `m${i - 1}`));
  const tc = ews.conversationThread({ conversationNodes: chain });
  assert.equal(tc.at(-1).depth, 4999);
  throwsEws(() => ews.conversationThread(5), 'ERR_INVALID_OPTIONS', (e) => assert.equal(e.path, ''));
  throwsEws(() => ews.conversationThread(null), 'ERR_INVALID_OPTIONS', (e) => assert.equal(e.path, ''));
});

// ---------------------------------------------------------------------------
// 9. Plain data, across everything

test('the oracle is not vacuous: it catches a dropped field, an invented value, a renamed key, a null', () => {
  const xml = fixture('seed-sfi-response.xml');
  const good = parse('sfi', xml);
  assert.ok(assertLossless(good, xml).leaves >= 20);
  const mutate = (f) => {
    const r = structuredClone(good);
    f(r.responseMessages[0].changes[0].item);
    return r;
  };
  const failures = [
    mutate((i) => delete i.location),
    mutate((i) => (i.location = 'Conference Room 3')),
    mutate((i) => (i.isOutOfDate = true)),
    mutate((i) => {
      i.Location = i.location;
      delete i.location;
    }),
    mutate((i) => (i.organizer.mailbox.name = 'Dan Parks')),
  ];
  for (const [k, bad] of failures.entries()) assert.throws(() => assertLossless(bad, xml), assert.AssertionError, `mutation ${k} went unnoticed`);
  assert.throws(() => assertPlainData(mutate((i) => (i.location = null))), assert.AssertionError);
  assert.throws(() => assertPlainData(mutate((i) => (i.start = new Date(i.start)))), assert.AssertionError);
  assert.throws(() => assertPlainData(mutate((i) => (i.extra = new Map()))), assert.AssertionError);
});

test('results are plain data: JSON round trip, no null, typed numbers and booleans', () => {
  let visited = 0;
  for (const f of responseFixtures()) visited += assertPlainData(parse(opOf(f), fixture(f)), f);
  assert.ok(visited > 3000, `${visited} values visited`);
  const r = parse('sfi', fixture('sfi-interleaved-all-kinds.xml'));
  const item = r.responseMessages[0].changes[0].item;
  assert.equal(typeof item.size, 'number');
  assert.equal(typeof item.isRead, 'boolean');
  assert.equal(typeof r.responseMessages[0].includesLastItemInRange, 'boolean');
  assert.equal(typeof r.serverVersionInfo.majorVersion, 'number');
  assert.equal(typeof item.dateTimeReceived, 'string', 'dates stay strings');
  assert.equal(item.dateTimeReceived, '2024-03-14T09:26:53Z');
  // Thread entries are plain too (apart from `node`, which is the caller's object).
  const conv = parse('gci', fixture('gci-multi-conversation.xml')).responseMessages[0].conversation;
  for (const e of ews.conversationThread(conv)) assert.equal(Object.getPrototypeOf(e), Object.prototype);
});

// ---------------------------------------------------------------------------
// 10. Sizes (the issue asks npm test to print them)

/** `gzip -9 -c FILE | wc -c`, as scripts/build.sh measures (zlib level 9 if there is no gzip). */
function gzipSize(file) {
  try {
    return execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 64 * 2 ** 20 }).length;
  } catch {
    return gzipSync(readFileSync(file), { level: 9 }).length;
  }
}

let sizesCache;
function sizes() {
  if (sizesCache) return sizesCache;
  const file = (f) => join(pkg.installed, f);
  const jsFiles = pkg.packed.filter((f) => /\.(m|c)?js$/.test(f));
  const allJs = join(pkg.dir, 'all.js'); // named as build.sh names it: gzip stores the name
  writeFileSync(allJs, Buffer.concat(jsFiles.map((f) => readFileSync(file(f)))));
  sizesCache = {
    wasm: { raw: statSync(file('ews_wasm_bg.wasm')).size, gzip: gzipSize(file('ews_wasm_bg.wasm')) },
    glue: { raw: statSync(file('ews_wasm.js')).size, gzip: gzipSize(file('ews_wasm.js')) },
    allJs: { raw: statSync(allJs).size, gzip: gzipSize(allJs), files: jsFiles.length },
  };
  return sizesCache;
}

test('sizes of the packed .wasm and JS glue (raw and gzip -9)', () => {
  const s = sizes();
  const row = (label, { raw, gzip }) => `  ${label.padEnd(34)} ${String(raw).padStart(9)} B raw ${String(gzip).padStart(9)} B gzip -9`;
  console.log('ews-wasm package sizes (packed files):');
  console.log(row('ews_wasm_bg.wasm', s.wasm));
  console.log(row('ews_wasm.js (glue)', s.glue));
  console.log(row(`all *.js (${s.allJs.files} files)`, s.allJs));
  console.log(`  npm tarball: ${pkg.packedSize} B`);
  assert.ok(s.wasm.raw > 1000 && s.wasm.gzip < s.wasm.raw);
  assert.ok(s.allJs.files >= 6);
});

// The budget: 150 KB was the parsers and builders' (issue 3; 0.1.0 had 148.4 KB).
// The sans-IO client core (issue 13) brought it to 161.1 KB; the table-driven
// engine (issue 12) and its size work (own f64 parser and heap sorts instead of
// std's, serde_json's serializer out of Error::to_json, no panicking str
// slicing) to 100.2 KB, then 92.3 KB. Issue 12's floor is .wasm + glue <= 110 KB
// gzip -9 (glue 4.4 KB). Issue 13's size work on the client core (its share of
// the module: scripts/size-core.sh) brought it to 90.5 KB. This is a ratchet at
// what ships plus a little room, so any further growth fails here.
test('wasm is at most 93 KB gzipped', () => {
  const { wasm } = sizes();
  assert.ok(wasm.gzip <= 93_000, `ews_wasm_bg.wasm is ${wasm.gzip} B gzipped (${(wasm.gzip / 1000).toFixed(1)} KB), over the 93 KB budget`);
});

// The tarball was extracted, not linked: the files whitelist is what is tested.
test('the installed package is a copy, not a link to pkg/', () => {
  assert.ok(!lstatSync(join(pkg.dir, 'node_modules', 'ews-wasm')).isSymbolicLink());
  assert.ok(pkg.installed.startsWith(pkg.dir));
});
