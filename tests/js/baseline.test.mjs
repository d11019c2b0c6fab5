// Same results as 0.1.0: every input this repository has is parsed by the current
// package (pkg/, `npm run build`) and by the 0.1.0 build kept in bench/baseline-0.1.0,
// with each of the four parsers, as a string and as bytes. The two outcomes must be
// identical: the same result (the same JSON text and deep-equal objects) or the same
// EwsError (code and every extra field). Every difference must be explained by one of
// the rules in INTENDED below, each an intended change since 0.1.0 with its reason;
// a rule does not just recognise a difference, it checks it (see each `explains`).
// Anything else fails the test. This is what guards a rewrite of the parsing core
// (issue 12: "Same results").
//
// Inputs: every file under tests/fixtures (with real/ and https-envelope/), the
// benchmark's inputs (bench/generate.mjs, written into a temporary folder), and every
// fuzz corpus file under fuzz/corpus/parse_*/.
//
//   node --test tests/js/baseline.test.mjs        (needs `npm run build` first)
//
// It prints what it compared: inputs, comparisons, identical, intended differences
// by kind.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

import { writeAll } from '../../bench/generate.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CURRENT_ENTRY = join(ROOT, 'pkg', 'node.js');
const BASELINE_ENTRY = join(ROOT, 'bench', 'baseline-0.1.0', 'node.js');

const PARSERS = ['parseGetConversationItemsResponse', 'parseGetImItemsResponse', 'parseGetImItemListResponse', 'parseSyncFolderItemsResponse'];

const SOAP_HTTPS = 'https://schemas.xmlsoap.org/soap/envelope/';
const SOAP_HTTP = 'http://schemas.xmlsoap.org/soap/envelope/';

// ---------------------------------------------------------------------------
// Inputs

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/**
 * Small inputs made here, one per intended difference (and one that must not
 * differ), so that every rule below is exercised even if no fixture needs it.
 */
function probes() {
  const seed = readFileSync(join(ROOT, 'tests', 'fixtures', 'seed-sfi-response.xml'), 'utf8');
  const subject = '<t:Subject>Budget Q3</t:Subject>';
  const itemId = '<t:ItemId Id="AQApAHRwA==" ChangeKey="CwAAABYA" />';
  assert.ok(seed.includes(subject) && seed.includes(itemId), 'seed-sfi-response.xml has the subject and item id the probes edit');
  const envelope = (attrs, body) => `<s:Envelope xmlns:s="${SOAP_HTTP}"${attrs}><s:Body>${body}</s:Body></s:Envelope>`;
  const decls = (n) => Array.from({ length: n }, (_, i) => ` xmlns:p${i}="urn:example:p${i}"`).join('');
  const list = {
    // forbidden references in text and in an attribute value (C0, U+FFFF, U+0000, a surrogate)
    'forbidden-references': seed.replace(subject, '<t:Subject>Budget &#x13;Q3&#1; &#xFFFF;&#0;&#xD800;</t:Subject>').replace(itemId, '<t:ItemId Id="AQApAHRwA==&#x1;" ChangeKey="CwAAABYA" />'),
    // the same characters written raw
    'raw-forbidden-characters': seed.replace(subject, '<t:Subject>Budget \u0013Q3\u0001 \uFFFF</t:Subject>').replace(itemId, '<t:ItemId Id="AQApAHRwA==\u0001" ChangeKey="CwAAABYA" />'),
    // a document element in another namespace
    'foreign-envelope': '<x:Envelope xmlns:x="urn:example:not-soap"><x:Body/></x:Envelope>',
    'foreign-envelope-default-ns': '<Envelope xmlns="urn:example:not-soap"><Body/></Envelope>',
    // 129 namespace declarations on one element, and 129 nested ones
    'namespace-bindings-flat': envelope(decls(129), ''),
    'namespace-bindings-nested': envelope('', `${Array.from({ length: 129 }, (_, i) => `<a xmlns:p${i}="urn:example:p${i}">`).join('')}${'</a>'.repeat(129)}`),
    // 128 are fine in both
    'namespace-bindings-127': envelope(decls(127), ''),
    // attribute value whitespace (tab, LF, CR): the same in both
    'attribute-whitespace': seed.replace(itemId, '<t:ItemId Id="AQ\tAp\nAH\r\nRwA==" ChangeKey=" CwA\tAABYA " />'),
  };
  return Object.entries(list).map(([name, xml]) => ({ group: 'probes', name: `probe:${name}`, bytes: new TextEncoder().encode(xml) }));
}

function collectInputs(benchDir) {
  const inputs = [];
  const add = (group, file) => inputs.push({ group, name: relative(ROOT, file), bytes: new Uint8Array(readFileSync(file)) });
  for (const f of filesUnder(join(ROOT, 'tests', 'fixtures'))) if (!f.endsWith('.md')) add('fixtures', f);
  for (const i of writeAll(benchDir)) inputs.push({ group: 'bench', name: `bench:${i.name}`, bytes: new Uint8Array(readFileSync(i.path)) });
  const corpus = join(ROOT, 'fuzz', 'corpus');
  for (const d of readdirSync(corpus).sort()) if (d.startsWith('parse_')) for (const f of filesUnder(join(corpus, d))) add('fuzz corpus', f);
  inputs.push(...probes());
  return inputs;
}

// The string form is the bytes read as UTF-8 with invalid sequences replaced and a
// BOM kept, as the fuzz targets do (String::from_utf8_lossy); the bytes form goes
// through the package's own decoding (UTF-8, or UTF-16 with a BOM).
const lossyUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const FORMS = {
  string: (bytes) => lossyUtf8.decode(bytes),
  bytes: (bytes) => bytes,
};

/** The text a parser sees in this form (for the rules' look at the input). */
function textOf(form, bytes) {
  if (form === 'bytes' && bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  }
  return lossyUtf8.decode(bytes);
}

/** The same input with `fn` applied to its text, in the same form (and encoding). */
function rewrite(form, bytes, fn) {
  if (form === 'string') return fn(lossyUtf8.decode(bytes));
  const b = Buffer.from(bytes);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return new Uint8Array(Buffer.concat([b.subarray(0, 2), Buffer.from(fn(b.subarray(2).toString('utf16le')), 'utf16le')]));
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const le = Buffer.from(fn(new TextDecoder('utf-16be').decode(b.subarray(2))), 'utf16le').swap16();
    return new Uint8Array(Buffer.concat([b.subarray(0, 2), le]));
  }
  // UTF-8 or anything else: rewrite as latin1, which keeps every byte as it is
  return new Uint8Array(Buffer.from(fn(b.toString('latin1')), 'latin1'));
}

// ---------------------------------------------------------------------------
// Outcomes

/** { ok: true, value, json } or { ok: false, error: {name, code, ...fields}, message } */
function outcome(api, parser, input, limits) {
  try {
    const value = limits === undefined ? api[parser](input) : api[parser](input, limits);
    return { ok: true, value, json: JSON.stringify(value) };
  } catch (e) {
    if (e && typeof e === 'object' && typeof e.code === 'string') return { ok: false, error: { ...e }, message: String(e.message) };
    return { ok: false, error: { thrown: String(e) }, message: String(e) };
  }
}

const sameResult = (a, b) => a.ok && b.ok && a.json === b.json && isDeepStrictEqual(a.value, b.value);
const sameError = (a, b) => !a.ok && !b.ok && isDeepStrictEqual(a.error, b.error);
/** Identical outcomes. Error messages are not compared (they are not part of the contract; their changes are counted). */
const same = (a, b) => sameResult(a, b) || sameError(a, b);

// ---------------------------------------------------------------------------
// The intended differences. Each rule says when it applies (the two outcomes and the
// input) and checks that the difference is only that change.
//
// ctx: { before, now (outcomes), text (the input as the parser reads it), utf8() (its
// bytes), strictNow() (the current build with { strict: true }), beforeOn(fn) (0.1.0 on
// the input with fn applied to its text) }

const C0_FORBIDDEN = (v) => (v < 0x20 && v !== 0x9 && v !== 0xa && v !== 0xd) || v === 0xfffe || v === 0xffff;
const NOT_A_CHAR = (v) => v === 0 || (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff;

/** Character references to what XML 1.0 forbids (issue 11 reads them by default). */
function hasForbiddenReference(text) {
  for (const m of text.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const v = m[1][0] === 'x' ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10);
    if (C0_FORBIDDEN(v) || NOT_A_CHAR(v)) return true;
  }
  return false;
}
/** Raw characters XML 1.0 forbids, other than NUL (which both refuse). */
const hasForbiddenRawCharacter = (text) => /[\u0001-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(text);

/** More than 128 namespace declarations in the input (the 129th in scope is ERR_LIMIT now). */
const namespaceDeclarations = (text) => (text.match(/\sxmlns(?::[^\s=/>]+)?\s*=/g) ?? []).length;

/**
 * The current build with `{ strict: true }` refuses the input as 0.1.0 did: the same
 * error (code and position), or, for a forbidden reference in an attribute value,
 * ERR_MALFORMED_XML at the start of the tag that 0.1.0's position lies in (0.1.0
 * pointed into the tag, one byte into the attribute's name; the current reader
 * reports the tag).
 */
function refusedAsBefore(c) {
  const strict = c.strictNow();
  if (same(strict, c.before)) return true;
  if (strict.ok || strict.error.code !== 'ERR_MALFORMED_XML' || Object.keys(strict.error).length !== 3) return false;
  const [from, to] = [strict.error.position, c.before.error.position];
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) return false;
  const tag = c.utf8().subarray(from, to);
  return tag[0] === 0x3c /* < */ && !tag.includes(0x3e /* > */);
}

const INTENDED = [
  {
    kind: 'forbidden character reference read (issue 11)',
    why: '0.1.0 refused a whole page for one character reference XML 1.0 forbids (&#x13;, &#1;, &#0;, &#xFFFF;, ...); real Exchange servers write them in subjects and names, so the page could never be synced. Now the referenced character (or U+FFFD) is read; `{ strict: true }` keeps the refusal.',
    // 0.1.0 said ERR_MALFORMED_XML, the input has such a reference, and the current
    // build with `strict` refuses it as 0.1.0 did (see refusedAsBefore)
    explains: (c) => !c.before.ok && c.before.error.code === 'ERR_MALFORMED_XML' && hasForbiddenReference(c.text) && refusedAsBefore(c),
  },
  {
    kind: 'raw forbidden character read (issue 11)',
    why: 'The same for such a character written raw (not as a reference) in text or an attribute value: 0.1.0 refused the page, now it is kept as it is; `{ strict: true }` keeps the refusal.',
    explains: (c) => !c.before.ok && c.before.error.code === 'ERR_MALFORMED_XML' && hasForbiddenRawCharacter(c.text) && refusedAsBefore(c),
  },
  {
    kind: 'https SOAP envelope namespace accepted (issue 11)',
    why: `Microsoft's how-to pages print xmlns:s="${SOAP_HTTPS}"; 0.1.0 refused it with ERR_NOT_SOAP. Now it is read as the SOAP 1.1 envelope: the current build gives for the input what 0.1.0 gives for the same input with the http envelope namespace.`,
    explains: (c) =>
      !c.before.ok && c.before.error.code === 'ERR_NOT_SOAP' && c.text.includes(SOAP_HTTPS) &&
      same(c.beforeOn((t) => t.replaceAll(SOAP_HTTPS, SOAP_HTTP)), c.now),
  },
  {
    kind: "ERR_NOT_SOAP's found names the namespace (issue 11)",
    why: "ERR_NOT_SOAP's `found` for the document element is now `{uri}local` (0.1.0: the name alone, which did not say why `Envelope` was refused); every other field is the same.",
    explains: (c) => {
      if (c.before.ok || c.now.ok || c.before.error.code !== 'ERR_NOT_SOAP' || c.now.error.code !== 'ERR_NOT_SOAP') return false;
      const m = /^\{([^}]*)\}(.*)$/s.exec(String(c.now.error.found));
      if (!m) return false;
      const was = String(c.before.error.found);
      // 0.1.0 wrote the local name, or the qualified name as written
      if (was !== m[2] && !was.endsWith(`:${m[2]}`)) return false;
      return isDeepStrictEqual({ ...c.now.error, found: was }, c.before.error);
    },
  },
  {
    kind: 'more than 128 namespace declarations in scope: ERR_LIMIT (issue 11)',
    why: "0.1.0 refused such a document with ERR_MALFORMED_XML (its XML reader's limit); now it is the documented limit `namespaceBindings` (128), reported as ERR_LIMIT like the other limits.",
    explains: (c) =>
      !c.before.ok && c.before.error.code === 'ERR_MALFORMED_XML' && !c.now.ok && c.now.error.code === 'ERR_LIMIT' &&
      c.now.error.limitName === 'namespaceBindings' && c.now.error.limit === 128 && namespaceDeclarations(c.text) > 128,
  },
];


// ---------------------------------------------------------------------------

/**
 * Parses every input with both builds and compares. Returns the counts and the
 * differences no rule explains.
 */
function compareAll(before, now, inputs) {
  const counts = { compared: 0, identical: 0, results: 0, errors: 0, messageOnly: 0 };
  const byGroup = {};
  const byKind = Object.fromEntries(INTENDED.map((r) => [r.kind, 0]));
  const unexplained = [];
  const crashes = [];
  for (const input of inputs) {
    byGroup[input.group] = (byGroup[input.group] ?? 0) + 1;
    for (const [form, make] of Object.entries(FORMS)) {
      const xml = make(input.bytes);
      for (const parser of PARSERS) {
        counts.compared++;
        const b = outcome(before, parser, xml);
        const n = outcome(now, parser, xml);
        if (!n.ok && (n.error.code === 'ERR_INTERNAL' || n.error.thrown !== undefined)) crashes.push(`${input.name} (${form}) × ${parser}: ${n.message}`);
        if (same(b, n)) {
          counts.identical++;
          if (n.ok) counts.results++;
          else counts.errors++;
          if (!n.ok && b.message !== n.message) counts.messageOnly++;
          continue;
        }
        const ctx = {
          before: b,
          now: n,
          text: textOf(form, input.bytes),
          utf8: () => (form === 'string' ? new TextEncoder().encode(xml) : input.bytes),
          strictNow: () => outcome(now, parser, xml, { strict: true }),
          beforeOn: (fn) => outcome(before, parser, rewrite(form, input.bytes, fn)),
        };
        const rule = INTENDED.find((r) => r.explains(ctx));
        if (rule) {
          byKind[rule.kind]++;
          continue;
        }
        const show = (o) => (o.ok ? `result ${o.json.length > 300 ? `${o.json.slice(0, 300)}...` : o.json}` : JSON.stringify(o.error));
        unexplained.push(`${input.name} (${form}) × ${parser}:\n    0.1.0: ${show(b)}\n    now:   ${show(n)}`);
      }
    }
  }
  return { counts, byGroup, byKind, unexplained, crashes };
}

async function loadBuilds() {
  assert.ok(existsSync(CURRENT_ENTRY), `${relative(ROOT, CURRENT_ENTRY)} is missing: run npm run build`);
  assert.ok(existsSync(BASELINE_ENTRY), `${relative(ROOT, BASELINE_ENTRY)} is missing (see bench/baseline-0.1.0/README.md)`);
  const now = await import(pathToFileURL(CURRENT_ENTRY).href);
  const before = await import(pathToFileURL(BASELINE_ENTRY).href);
  assert.notEqual(now.parseSyncFolderItemsResponse, before.parseSyncFolderItemsResponse, 'the two builds are separate modules');
  return { now, before };
}

test('the current package gives the same results as 0.1.0, apart from the intended changes', async (t) => {
  const { now, before } = await loadBuilds();
  const benchDir = mkdtempSync(join(tmpdir(), 'ews-baseline-'));
  let inputs;
  try {
    inputs = collectInputs(benchDir);
  } finally {
    rmSync(benchDir, { recursive: true, force: true });
  }

  const t0 = performance.now();
  const { counts, byGroup, byKind, unexplained, crashes } = compareAll(before, now, inputs);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const lines = [
    `inputs: ${inputs.length} (${Object.entries(byGroup).map(([g, k]) => `${g} ${k}`).join(', ')}), each as a string and as bytes, with each of the ${PARSERS.length} parsers`,
    `compared: ${counts.compared} in ${secs} s`,
    `identical: ${counts.identical} (${counts.results} results, ${counts.errors} errors with the same code and fields)`,
    `intended difference: error message text only (messages are not part of the contract): ${counts.messageOnly}`,
    ...INTENDED.map((r) => `intended difference: ${r.kind}: ${byKind[r.kind]} (${r.why})`),
    `unexplained: ${unexplained.length}`,
  ];
  for (const l of lines) t.diagnostic(l);

  assert.deepEqual(crashes, [], 'the current build never fails with ERR_INTERNAL or a non-EwsError');
  assert.deepEqual(unexplained, [], `${unexplained.length} unexplained difference(s) from 0.1.0:\n  ${unexplained.slice(0, 20).join('\n  ')}`);
  assert.equal(byGroup.bench, 6, 'the six benchmark inputs');
  assert.ok(byGroup['fuzz corpus'] > 0 && byGroup.fixtures > 0, 'fixtures and fuzz corpus files found');
  assert.ok(counts.results > 0, 'some inputs parse to a result');
  // every rule is exercised (the probes make sure of it), so none is dead code
  for (const r of INTENDED) assert.ok(byKind[r.kind] > 0, `the rule "${r.kind}" explained at least one difference`);
});

test('the comparison catches a difference no rule explains', async () => {
  const { now, before } = await loadBuilds();
  const seed = { group: 'fixtures', name: 'seed-sfi-response.xml', bytes: new Uint8Array(readFileSync(join(ROOT, 'tests', 'fixtures', 'seed-sfi-response.xml'))) };
  const notSoap = { group: 'fixtures', name: 'not-soap.xml', bytes: new Uint8Array(readFileSync(join(ROOT, 'tests', 'fixtures', 'not-soap.xml'))) };
  assert.deepEqual(compareAll(before, now, [seed, notSoap]).unexplained, [], 'the untouched builds agree');
  // a build whose SyncFolderItems result differs in one field
  const changedValue = {
    ...now,
    parseSyncFolderItemsResponse: (x, l) => {
      const r = now.parseSyncFolderItemsResponse(x, l);
      r.responseMessages[0].changes[0].item.subject += '!';
      return r;
    },
  };
  assert.equal(compareAll(before, changedValue, [seed]).unexplained.length, 2, 'a changed field (string and bytes form)');
  // ... whose fields come in another order (the same objects, other JSON)
  const reordered = {
    ...now,
    parseSyncFolderItemsResponse: (x, l) => {
      const { responseMessages, ...rest } = now.parseSyncFolderItemsResponse(x, l);
      return { responseMessages, ...rest };
    },
  };
  assert.equal(compareAll(before, reordered, [seed]).unexplained.length, 2, 'another key order');
  // ... which throws another code, or the same code with another field
  const otherError = (change) => ({
    ...now,
    parseGetImItemsResponse: (x, l) => {
      try {
        return now.parseGetImItemsResponse(x, l);
      } catch (e) {
        change(e);
        throw e;
      }
    },
  });
  assert.equal(compareAll(before, otherError((e) => (e.code = 'ERR_MALFORMED_XML')), [notSoap]).unexplained.length, 2, 'another code');
  assert.equal(compareAll(before, otherError((e) => (e.found = 'x')), [notSoap]).unexplained.length, 2, 'another extra field');
});
