// An independent oracle for the parsers: reads the same XML with @xmldom/xmldom
// (a devDependency, nothing to do with the Rust side) and checks that a parse
// result is lossless and plain data, following /work/shared/API.md:
//
// - assertLossless(result, xml): every leaf text and attribute value of the
//   response (the Body's response element, and ServerVersionInfo) appears in
//   the result as a scalar (string, or the number/boolean it spells), counted
//   (two `Finance` leaves need two `'Finance'` values); every scalar in the
//   result comes from the document; every key is the API's camelCase of an
//   element or attribute name of the document; unknown item kinds carry their
//   exact source text.
// - assertPlainData(result): JSON round-trip equal, no null/undefined, only
//   plain objects and arrays, finite numbers.

import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';

/** The API's name rule: `name.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, m => m.toLowerCase())`. */
export function jsName(name) {
  return name.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (m) => m.toLowerCase());
}

const ELEMENT = 1;

/** Parses XML text with xmldom (throws on malformed input). */
export function parseDom(text) {
  // xmldom reads a reference to U+0000 as U+0000; ews-wasm reads it as U+FFFD
  // (README: "What the parsers read"). The oracle models that one difference.
  text = text.replace(/&#(x0+|0+);/g, '&#xFFFD;');
  return new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') throw new Error(`oracle: xmldom ${level}: ${msg}`);
    },
  }).parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
}

export function elementChildren(el) {
  return Array.from(el.childNodes).filter((n) => n.nodeType === ELEMENT);
}

/** First descendant element (document order) with this local name. */
export function findElement(node, localName) {
  for (const c of elementChildren(node)) {
    if (c.localName === localName) return c;
    const d = findElement(c, localName);
    if (d) return d;
  }
  return undefined;
}

/** Every descendant element with this local name, in document order. */
export function findElements(node, localName, out = []) {
  for (const c of elementChildren(node)) {
    if (c.localName === localName) out.push(c);
    findElements(c, localName, out);
  }
  return out;
}

/** Text of the first descendant with this local name (undefined if none). */
export function textOf(node, localName) {
  const e = findElement(node, localName);
  return e ? e.textContent : undefined;
}

/**
 * The response part of a SOAP document: the Body's first element child, plus
 * the Header's ServerVersionInfo. Returns { doc, response, serverVersionInfo }.
 */
export function responseParts(text) {
  const doc = parseDom(text);
  const env = doc.documentElement;
  const body = elementChildren(env).find((e) => e.localName === 'Body');
  const header = elementChildren(env).find((e) => e.localName === 'Header');
  return {
    doc,
    response: body ? elementChildren(body)[0] : undefined,
    serverVersionInfo: header ? elementChildren(header).find((e) => e.localName === 'ServerVersionInfo') : undefined,
  };
}

/** Leaves of `el`: [{ path, value, attr? }] for every non-xmlns attribute and every element without element children. */
export function leaves(el, path = el.localName, out = [], skip = () => false) {
  if (skip(el)) return out;
  for (const a of Array.from(el.attributes)) {
    if (a.name === 'xmlns' || a.prefix === 'xmlns') continue;
    out.push({ path: `${path}@${a.localName}`, value: a.value, attr: a.localName, element: el });
  }
  const kids = elementChildren(el);
  if (kids.length === 0) out.push({ path, value: el.textContent, element: el });
  for (const k of kids) leaves(k, `${path}/${k.localName}`, out, skip);
  return out;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function scalarKey(v) {
  return `${typeof v}:${String(v)}`;
}

/** All [key path, value] pairs of the scalars in `v` (objects and arrays walked). */
export function scalars(v, path = '$', out = []) {
  if (Array.isArray(v)) v.forEach((x, i) => scalars(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) scalars(x, `${path}.${k}`, out);
  else out.push([path, v]);
  return out;
}

/** Every object in `v` (depth first), with its path. */
export function objects(v, path = '$', out = []) {
  if (Array.isArray(v)) v.forEach((x, i) => objects(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === 'object') {
    out.push([path, v]);
    for (const [k, x] of Object.entries(v)) objects(x, `${path}.${k}`, out);
  }
  return out;
}

/**
 * Keys that the API defines without a same-named wire element: the change and
 * item kinds, Unknown's fields, the message's backOffMilliseconds, and `value`
 * (the text of an element that also has attributes, e.g. Body).
 */
const SYNTHETIC_KEYS = new Set(['kind', 'item', 'elementName', 'xml', 'backOffMilliseconds', 'value', 'unknownElements']);

/**
 * Asserts that `result` holds every leaf value of `xmlText`'s response and
 * nothing that is not in it (see the file comment). Returns counts, so that
 * callers can assert the check was not vacuous: { leaves, scalars, unknown }.
 */
export function assertLossless(result, xmlText, label = 'result') {
  const { response, serverVersionInfo } = responseParts(xmlText);
  assert.ok(response, `${label}: the oracle found no response element`);

  // Unknown item kinds (and unknown child elements, which the parsers keep in
  // `unknownElements` as { elementName, xml }): kept verbatim; their content
  // is checked as source text.
  const unknown = objects(result).filter(([p, o]) => o.kind === 'Unknown' || /\.unknownElements\[\d+\]$/.test(p));
  const unknownNames = new Set();
  const source = xmlText.replace(/^\uFEFF/, '');
  for (const [p, u] of unknown) {
    const keys = u.kind === 'Unknown' ? ['elementName', 'kind', 'xml'] : ['elementName', 'xml'];
    assert.deepEqual(Object.keys(u).sort(), keys, `${label} ${p}: an unknown element has exactly ${keys.join(', ')}`);
    assert.ok(source.includes(u.xml), `${label} ${p}: Unknown.xml is not an exact slice of the source`);
    assert.match(u.xml, new RegExp(`^<([\\w.-]+:)?${u.elementName}[\\s/>]`), `${label} ${p}: Unknown.xml starts with its element`);
    assert.match(u.xml, new RegExp(`(</([\\w.-]+:)?${u.elementName}\\s*>|/>)$`), `${label} ${p}: Unknown.xml ends with its element`);
    unknownNames.add(u.elementName);
  }
  const skip = (el) => unknownNames.has(el.localName);

  const all = leaves(response, response.localName, [], skip);
  if (serverVersionInfo) leaves(serverVersionInfo, 'ServerVersionInfo', all);

  // MessageXml <Value Name="X">v</Value> entries are { x: v }: the name is a key.
  const messageXmlNames = all.filter((l) => l.attr === 'Name' && l.element.localName === 'Value' && l.element.parentNode?.localName === 'MessageXml');
  const valueLeaves = all.filter((l) => !messageXmlNames.includes(l) && l.value.trim() !== '');

  // Forward: count-aware matching of leaves to scalars.
  const resultScalars = scalars(result).filter(([p]) => !/\.xml$/.test(p));
  const pool = new Map();
  for (const [, v] of resultScalars) pool.set(scalarKey(v), (pool.get(scalarKey(v)) ?? 0) + 1);
  const take = (key) => {
    const n = pool.get(key) ?? 0;
    if (n === 0) return false;
    pool.set(key, n - 1);
    return true;
  };
  const missing = [];
  for (const l of valueLeaves) {
    const v = l.value;
    const ok =
      take(scalarKey(v)) ||
      (NUMERIC.test(v.trim()) && take(scalarKey(Number(v)))) ||
      ((v === 'true' || v === '1') && take(scalarKey(true))) ||
      ((v === 'false' || v === '0') && take(scalarKey(false)));
    if (!ok) missing.push(`${l.path} = ${JSON.stringify(v.length > 80 ? v.slice(0, 80) + '…' : v)}`);
  }
  assert.deepEqual(missing, [], `${label}: leaf values of the XML that the result does not hold`);
  const keysInResult = new Set(objects(result).flatMap(([, o]) => Object.keys(o)));
  for (const l of messageXmlNames) {
    assert.ok(keysInResult.has(jsName(l.value)), `${label}: MessageXml value ${l.value} is not a key (${jsName(l.value)})`);
  }

  // Reverse: every scalar comes from the document.
  const texts = new Set(all.map((l) => l.value));
  const numbers = new Set(all.filter((l) => NUMERIC.test(l.value.trim())).map((l) => Number(l.value)));
  const names = new Set();
  const walkNames = (el) => {
    names.add(el.localName);
    for (const a of Array.from(el.attributes)) if (a.prefix !== 'xmlns' && a.name !== 'xmlns') names.add(a.localName);
    for (const k of elementChildren(el)) walkNames(k);
  };
  walkNames(response);
  if (serverVersionInfo) walkNames(serverVersionInfo);
  const invented = [];
  for (const [p, v] of resultScalars) {
    const ok =
      typeof v === 'string'
        ? texts.has(v) || (/\.(kind|elementName)$/.test(p) && (names.has(v) || v === 'Unknown'))
        : typeof v === 'number'
          ? numbers.has(v)
          : typeof v === 'boolean'
            ? texts.has(String(v)) || texts.has(v ? '1' : '0')
            : false;
    if (!ok) invented.push(`${p} = ${JSON.stringify(v)}`);
  }
  assert.deepEqual(invented, [], `${label}: result values that are not in the XML`);

  // Keys: the API's camelCase of a wire name (or one of the few synthetic keys).
  const allowed = new Set([...names].map(jsName));
  for (const l of messageXmlNames) allowed.add(jsName(l.value));
  const badKeys = [...keysInResult].filter((k) => !allowed.has(k) && !SYNTHETIC_KEYS.has(k));
  assert.deepEqual(badKeys, [], `${label}: keys that are not the camelCase of a wire name`);

  return { leaves: valueLeaves.length, scalars: resultScalars.length, unknown: unknown.filter(([, u]) => u.kind === 'Unknown').length };
}

/** Asserts the API's plain-data rules; returns the number of values visited. */
export function assertPlainData(result, label = 'result') {
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result, `${label}: JSON round trip changes the result`);
  let visited = 0;
  const walk = (v, path) => {
    visited++;
    assert.notEqual(v, null, `${label}: null at ${path} (absent optional values must be absent keys)`);
    assert.notEqual(v, undefined, `${label}: undefined at ${path}`);
    if (typeof v === 'object') {
      const proto = Object.getPrototypeOf(v);
      assert.ok(
        Array.isArray(v) ? proto === Array.prototype : proto === Object.prototype,
        `${label}: ${path} is not a plain object or array (${v?.constructor?.name})`,
      );
      assert.equal(Object.getOwnPropertySymbols(v).length, 0, `${label}: symbol keys at ${path}`);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else for (const [k, x] of Object.entries(v)) {
        assert.match(k, /^[a-z][A-Za-z0-9]*$/, `${label}: key ${path}.${k} is not lowerCamelCase`);
        walk(x, `${path}.${k}`);
      }
    } else {
      assert.ok(['string', 'number', 'boolean'].includes(typeof v), `${label}: ${typeof v} at ${path}`);
      if (typeof v === 'number') assert.ok(Number.isFinite(v), `${label}: non-finite number at ${path}`);
    }
  };
  walk(result, '$');
  return visited;
}

/**
 * Element names (namespace URI with https→http folded), sorted attributes and
 * non-whitespace text of a part (`Header` or `Body`) of a SOAP document, in
 * document order: prefixes and formatting do not matter.
 */
export function partEvents(xmlText, part) {
  const doc = parseDom(xmlText);
  const node = elementChildren(doc.documentElement).find((e) => e.localName === part);
  if (!node) return undefined;
  const out = [];
  const ns = (u) => (u ?? '').replace(/^https:\/\//, 'http://');
  const walk = (el) => {
    const attrs = Array.from(el.attributes)
      .filter((a) => a.name !== 'xmlns' && a.prefix !== 'xmlns')
      .map((a) => `${a.localName}=${a.value}`)
      .sort();
    out.push(`<${ns(el.namespaceURI)}|${el.localName} ${attrs.join(' ')}`);
    for (const c of Array.from(el.childNodes)) {
      if (c.nodeType === ELEMENT) walk(c);
      else if ((c.nodeType === 3 || c.nodeType === 4) && c.data.trim() !== '') out.push(`text:${c.data}`);
    }
    out.push(`>${el.localName}`);
  };
  walk(node);
  return out;
}
