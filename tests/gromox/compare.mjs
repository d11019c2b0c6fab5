// Compares an element the server sent (read with @xmldom/xmldom, independently
// of the library) with the library's JSON for it, both ways: every attribute,
// child element and text the server sent must be in the JSON with the same
// value, and the JSON must hold nothing the server did not send.
//
// The library's JSON rules it relies on (README "Results are plain
// JSON-compatible objects"): element and attribute names in lowerCamelCase
// (matched here case-insensitively, so `UID` → `uid` and `SenderSMTPAddress` →
// `senderSMTPAddress` need no table), a list element becomes an array of its
// children, a repeated element an array, a kind (item, attachment) a `kind`
// key, text next to attributes `value`, booleans and numbers typed, and
// elements the model does not know in `unknownElements` ({ elementName, xml }).

import { kids } from './server.mjs';

const attrsOf = (el) => Array.from(el.attributes ?? []).filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'));
const directText = (el) => Array.from(el.childNodes).filter((n) => n.nodeType === 3 || n.nodeType === 4).map((n) => n.data).join('');

function keyOf(json, name) {
  const lower = name.toLowerCase();
  return Object.keys(json).find((k) => k.toLowerCase() === lower);
}

function scalarEq(text, v) {
  if (typeof v === 'boolean') return text === String(v);
  if (typeof v === 'number') return text.trim() !== '' && Number(text) === v;
  if (typeof v === 'string') return text === v;
  return false;
}

const show = (v) => { const s = JSON.stringify(v); return s && s.length > 120 ? `${s.slice(0, 117)}...` : s; };

/** Mismatches between element `el` and JSON `json`, as readable strings (empty: equal). */
export function compareElement(el, json, path = el.localName) {
  const out = [];
  cmp(el, json, path, out);
  return out;
}

function cmp(el, json, path, out) {
  const attrs = attrsOf(el);
  const children = kids(el);
  const text = directText(el);
  if (!attrs.length && !children.length) {
    if (Array.isArray(json) && json.length === 0 && text.trim() === '') return;
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      const keys = Object.keys(json).filter((k) => k !== 'kind');
      if (json.kind && json.kind !== el.localName) out.push(`${path}: kind ${show(json.kind)}, the server sent ${el.localName}`);
      if (keys.length === 0 && text.trim() === '') return;
      if (keys.length === 1 && keys[0] === 'value' && scalarEq(text, json.value)) return;
    }
    if (!scalarEq(text, json)) out.push(`${path}: the server sent ${show(text)}, the client has ${show(json)}`);
    return;
  }
  if (Array.isArray(json)) {
    // a list element: its children are the entries
    if (attrs.length) out.push(`${path}: a list in the client, but the server's element has attributes`);
    if (children.length !== json.length) {
      out.push(`${path}: the server sent ${children.length} entries, the client has ${json.length}`);
      return;
    }
    children.forEach((c, i) => entry(c, json[i], `${path}[${i}]`, out));
    return;
  }
  if (!json || typeof json !== 'object') {
    out.push(`${path}: the server sent an element with ${attrs.length} attributes and ${children.length} children, the client has ${show(json)}`);
    return;
  }
  const seen = new Set(['kind']);
  if (json.kind !== undefined && json.kind !== el.localName) out.push(`${path}: kind ${show(json.kind)}, the server sent ${el.localName}`);
  for (const a of attrs) {
    const k = keyOf(json, a.localName ?? a.name);
    if (k === undefined) { out.push(`${path}/@${a.name}: the server sent ${show(a.value)}, missing in the client`); continue; }
    seen.add(k);
    if (!scalarEq(a.value, json[k])) out.push(`${path}/@${a.name}: the server sent ${show(a.value)}, the client has ${show(json[k])}`);
  }
  const groups = new Map();
  for (const c of children) {
    if (!groups.has(c.localName)) groups.set(c.localName, []);
    groups.get(c.localName).push(c);
  }
  const unknown = Array.isArray(json.unknownElements) ? json.unknownElements : [];
  if (unknown.length) seen.add(keyOf(json, 'unknownElements'));
  for (const [name, group] of groups) {
    const k = keyOf(json, name);
    if (k === undefined) {
      const kept = unknown.filter((u) => u.elementName === name).length;
      if (kept !== group.length) out.push(`${path}/${name}: the server sent it ${group.length}×, the client has it neither as a field nor in unknownElements`);
      continue;
    }
    seen.add(k);
    const v = json[k];
    if (group.length > 1) {
      if (!Array.isArray(v) || v.length !== group.length) {
        out.push(`${path}/${name}: the server sent ${group.length}, the client has ${show(v)}`);
        continue;
      }
      group.forEach((c, i) => entry(c, v[i], `${path}/${name}[${i}]`, out));
      continue;
    }
    const [c] = group;
    if (Array.isArray(v) && v.length === 1 && kids(c).length !== 1) {
      // a repeatable element sent once (ExtendedProperty), unless it is a one-entry list
      const asList = [];
      cmp(c, v, `${path}/${name}`, asList);
      if (asList.length) entry(c, v[0], `${path}/${name}[0]`, out);
      continue;
    }
    if (Array.isArray(v) && v.length === 1 && kids(c).length === 1) {
      const asList = [];
      cmp(c, v, `${path}/${name}`, asList);
      if (!asList.length) continue;
      const asOne = [];
      entry(c, v[0], `${path}/${name}[0]`, asOne);
      if (!asOne.length) continue;
      out.push(...asList);
      continue;
    }
    cmp(c, v, `${path}/${name}`, out);
  }
  const vk = groups.has('Value') ? undefined : keyOf(json, 'value');
  if (text.trim() !== '' || (vk !== undefined && !children.length)) {
    if (vk === undefined || !scalarEq(text, json[vk])) out.push(`${path}: the server sent the text ${show(text)}, the client has ${show(vk && json[vk])}`);
    else seen.add(vk);
  }
  for (const k of Object.keys(json)) {
    if (!seen.has(k) && json[k] !== undefined) out.push(`${path}: the client has ${k} = ${show(json[k])}, which the server did not send`);
  }
}

function entry(el, json, path, out) {
  cmp(el, json, path, out);
}
