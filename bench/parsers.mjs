// The contenders, one adapter each. An adapter is
//   { id, label, kinds, load(): Promise<void>, make(kind, xml): fn, count(kind, result): number }
// where `make` does the per-input set-up outside the timed region and returns the
// function that is timed: `fn(xml)` → the parsed result (or a Promise of it).
// `count` reads the number of changes / conversation nodes / personas back out of a
// result, so that every contender is checked to have really parsed the input.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSyncFolderItems } from './generate.mjs';

const require = createRequire(import.meta.url);
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_DIR, '..');

export const KINDS = {
  sync: { op: 'SyncFolderItems', unit: 'changes' },
  gci: { op: 'GetConversationItems', unit: 'nodes' },
  im: { op: 'GetImItemList', unit: 'personas' },
};

// ------------------------------------------------------------------ ews-wasm

/**
 * Where ews-wasm may be: $EWS_WASM_MODULE (a path or URL, to measure another build),
 * the package name (pkg/ linked or installed as node_modules/ews-wasm), then pkg/ itself.
 */
export function ewsWasmCandidates() {
  const out = [];
  if (process.env.EWS_WASM_MODULE) {
    const m = process.env.EWS_WASM_MODULE;
    out.push(/^[a-z]+:/.test(m) ? m : pathToFileURL(path.resolve(m)).href);
  }
  out.push('ews-wasm');
  const pkgDir = path.join(ROOT, 'pkg');
  try {
    const pj = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    const pick = (e) => (typeof e === 'string' ? e : e && (pick(e.node) ?? pick(e.import) ?? pick(e.default)));
    const entry = pick(pj.exports?.['.'] ?? pj.exports) ?? pj.module ?? pj.main;
    if (entry) out.push(pathToFileURL(path.join(pkgDir, entry)).href);
  } catch {}
  for (const f of ['ews_wasm.js', 'index.js', 'node/ews_wasm.js']) out.push(pathToFileURL(path.join(pkgDir, f)).href);
  return [...new Set(out)];
}

/**
 * Loads the built ews-wasm: `import('ews-wasm')`, else pkg/ (its package.json entry,
 * pkg/ews_wasm.js, pkg/index.js). Returns { api, from } or { api: null, errors } when
 * it is not built (or does not parse a small SyncFolderItems page).
 */
export async function loadEwsWasm() {
  const errors = [];
  for (const spec of ewsWasmCandidates()) {
    let mod;
    try {
      mod = await import(spec);
    } catch (e) {
      if (spec === 'ews-wasm' || !/ERR_MODULE_NOT_FOUND|Cannot find module/.test(`${e.code} ${e.message}`)) {
        errors.push(`${spec}: ${e.code ?? ''} ${e.message.split('\n')[0]}`);
      }
      continue;
    }
    const api = typeof mod.parseSyncFolderItemsResponse === 'function' ? mod : mod.default;
    if (typeof api?.parseSyncFolderItemsResponse !== 'function') {
      errors.push(`${spec}: loaded, but it has no parseSyncFolderItemsResponse`);
      continue;
    }
    try {
      const probe = api.parseSyncFolderItemsResponse(generateSyncFolderItems({ seed: 7, changes: 4 }).xml);
      if (probe?.responseMessages?.[0]?.changes?.length !== 4) throw new Error('a 4-change page did not give 4 changes');
    } catch (e) {
      errors.push(`${spec}: loaded, but parsing a small page failed: ${e.code ?? ''} ${e.message}`);
      continue;
    }
    return { api, from: spec };
  }
  return { api: null, errors };
}

const ewsWasm = {
  id: 'ews-wasm',
  label: 'ews-wasm',
  kinds: ['sync', 'gci', 'im'],
  api: null,
  from: null,
  async load() {
    const r = await loadEwsWasm();
    if (!r.api) {
      const err = new Error('ews-wasm not built: run npm run build');
      err.details = r.errors;
      throw err;
    }
    this.api = r.api;
    this.from = r.from;
  },
  make(kind) {
    const a = this.api;
    return { sync: a.parseSyncFolderItemsResponse, gci: a.parseGetConversationItemsResponse, im: a.parseGetImItemListResponse }[kind];
  },
  count(kind, r) {
    if (kind === 'sync') return r.responseMessages.reduce((n, m) => n + (m.changes?.length ?? 0), 0);
    if (kind === 'gci') return r.responseMessages.reduce((n, m) => n + (m.conversation?.conversationNodes?.length ?? 0), 0);
    return r.imItemList.personas.length;
  },
};

// ------------------------------------------------------------------ ews-wasm 0.1.0 (before)

/** Where the 0.1.0 package is kept (bench/baseline-0.1.0/README.md says how it was built). */
export const BASELINE_DIR = path.join(BENCH_DIR, 'baseline-0.1.0');
export const BASELINE_ENTRY = pathToFileURL(path.join(BASELINE_DIR, 'node.js')).href;

/**
 * The 0.1.0 build, kept as a contender ("before"): the same three calls as ews-wasm,
 * on its own wasm instance in the same process.
 */
const ewsWasmBaseline = {
  id: 'ews-wasm-0.1.0',
  label: 'ews-wasm 0.1.0 (before)',
  kinds: ['sync', 'gci', 'im'],
  api: null,
  from: BASELINE_ENTRY,
  async load() {
    const mod = await import(BASELINE_ENTRY);
    if (typeof mod.parseSyncFolderItemsResponse !== 'function') throw new Error(`${BASELINE_ENTRY} has no parseSyncFolderItemsResponse`);
    this.api = mod;
  },
  make: (kind) => ewsWasm.make.call(ewsWasmBaseline, kind),
  count: (kind, r) => ewsWasm.count(kind, r),
};

// ------------------------------------------------------------------ hand-over floor

/**
 * The hand-over floor: what any wasm parser that returns its result as JSON pays at
 * least, with no parsing at all. Timed: TextEncoder.encodeInto of the input into a
 * buffer allocated beforehand (the copy into wasm memory, as ews-wasm's wrapper makes
 * it), TextDecoder.decode of the current ews-wasm build's JSON result bytes (the copy
 * out) and JSON.parse of that JSON (building the JS objects). The JSON is made once
 * per input, outside the timed region, by the current build's raw wasm export (the
 * very text its wrapper hands to JSON.parse: ASCII, non-ASCII characters escaped).
 */
const handOverFloor = {
  id: 'floor',
  label: 'hand-over floor (encode + decode + JSON.parse)',
  kinds: ['sync', 'gci', 'im'],
  async load() {
    if (!ewsWasm.api) await ewsWasm.load();
    // the wasm-bindgen glue beside the loaded entry: the same module instance, already initialised
    this.raw = null;
    try {
      const beside = (f) => new URL(f, import.meta.resolve(ewsWasm.from)).href;
      const glue = await import(beside('ews_wasm.js'));
      const state = await import(beside('state.js'));
      if (typeof glue.parseInput === 'function' && typeof state.wasmMemory === 'function') {
        this.raw = { glue, memory: state.wasmMemory() };
      }
    } catch {}
  },
  make(kind, xml) {
    const name = { sync: 'parseSyncFolderItemsResponse', gci: 'parseGetConversationItemsResponse', im: 'parseGetImItemListResponse' }[kind];
    let json;
    try {
      if (this.raw) {
        const { glue, memory } = this.raw;
        const bytes = new TextEncoder().encode(xml);
        const ptr = glue.inputBuffer(0, bytes.length);
        new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
        json = glue.parseInput({ gci: 0, im: 2, sync: 3 }[kind], bytes.length, undefined);
      }
    } catch {}
    if (typeof json !== 'string') json = JSON.stringify(ewsWasm.api[name](xml)); // no raw export: the same objects, re-serialised
    const jsonBytes = new TextEncoder().encode(json);
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    const inBuf = new Uint8Array(enc.encode(xml).length); // the input's UTF-8 size, as ews-wasm's buffer
    return (x) => {
      const { written } = enc.encodeInto(x, inBuf);
      const r = JSON.parse(dec.decode(jsonBytes));
      if (written === 0) throw new Error('empty input');
      return r;
    };
  },
  count: (kind, r) => ewsWasm.count(kind, r),
};

// ------------------------------------------------------------------ ews-javascript-api

/**
 * ews-javascript-api's real response path: an ExchangeService whose XHRApi hands back
 * the XML from memory (HTTP status 200), then service.SyncFolderItems(...) /
 * service.GetConversationItems(...). Everything after the transport runs as in
 * production: it writes and re-reads the SOAP request, parses the response with its
 * bundled @xmldom/xmldom, turns the DOM into its JS object tree, checks the SOAP
 * envelope and ServerVersionInfo and builds ChangeCollection<ItemChange> /
 * ServiceResponseCollection<GetConversationItemsResponse> with typed EmailMessage /
 * MeetingRequest objects. It has no GetImItemList.
 */
const ewsJavascriptApi = {
  id: 'ews-javascript-api',
  label: 'ews-javascript-api',
  kinds: ['sync', 'gci'],
  async load() {
    this.ews = require('ews-javascript-api');
    const { ExchangeService, ExchangeVersion, Uri, WebCredentials } = this.ews;
    const service = new ExchangeService(ExchangeVersion.Exchange2013);
    service.Url = new Uri('https://mail.example.com/EWS/Exchange.asmx');
    service.Credentials = new WebCredentials('user@example.com', 'not-used');
    const transport = { xml: '' };
    service.XHRApi = {
      apiName: 'bench-in-memory',
      xhr: async () => ({
        status: 200,
        statusText: 'OK',
        response: transport.xml,
        responseText: transport.xml,
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        getAllResponseHeaders: () => 'content-type: text/xml; charset=utf-8',
      }),
      xhrStream: async () => {
        throw new Error('not used by the benchmark');
      },
      disconnect() {},
    };
    this.service = service;
    this.transport = transport;
  },
  make(kind, xml) {
    const { FolderId, WellKnownFolderName, PropertySet, SyncFolderItemsScope, ConversationId, ConversationRequest, ConversationSortOrder } = this.ews;
    const { service, transport } = this;
    if (kind === 'sync') {
      return (x) => {
        transport.xml = x;
        return service.SyncFolderItems(new FolderId(WellKnownFolderName.Inbox), PropertySet.FirstClassProperties, null, 512, SyncFolderItemsScope.NormalItems, null);
      };
    }
    // one ConversationRequest per conversation in the response (it checks the counts match)
    const ids = [...xml.matchAll(/<(?:\w+:)?Conversation>\s*<(?:\w+:)?ConversationId Id="([^"]+)"/g)].map((m) => m[1]);
    return (x) => {
      transport.xml = x;
      const conversations = ids.map((id) => new ConversationRequest(new ConversationId(id), null));
      return service.GetConversationItems(conversations, PropertySet.FirstClassProperties, null, ConversationSortOrder.TreeOrderAscending);
    };
  },
  count(kind, r) {
    if (kind === 'sync') return r.Count;
    let n = 0;
    for (let i = 0; i < r.Count; i++) n += r.__thisIndexer(i).Conversation.ConversationNodes.Count;
    return n;
  },
};

// ------------------------------------------------------------------ generic XML parsers

const asArray = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** fast-xml-parser's XMLParser with attributes kept and namespace prefixes removed. */
const fastXmlParser = {
  id: 'fast-xml-parser',
  label: 'fast-xml-parser',
  kinds: ['sync', 'gci', 'im'],
  async load() {
    const { XMLParser } = await import('fast-xml-parser');
    this.parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true });
  },
  make() {
    const p = this.parser;
    return (x) => p.parse(x);
  },
  count(kind, r) {
    const b = r.Envelope.Body;
    if (kind === 'sync') {
      const ch = b.SyncFolderItemsResponse.ResponseMessages.SyncFolderItemsResponseMessage.Changes;
      return ['Create', 'Update', 'Delete', 'ReadFlagChange'].reduce((n, k) => n + asArray(ch[k]).length, 0);
    }
    if (kind === 'gci') {
      return asArray(b.GetConversationItemsResponse.ResponseMessages.GetConversationItemsResponseMessage).reduce(
        (n, m) => n + asArray(m.Conversation.ConversationNodes.ConversationNode).length, 0);
    }
    return asArray(b.GetImItemListResponse.ImItemList.Personas.Persona).length;
  },
};

const local = (n) => n.tagName.slice(n.tagName.indexOf(':') + 1);
const kid = (n, name) => n.children.find((c) => typeof c === 'object' && local(c) === name);
const kids = (n) => n.children.filter((c) => typeof c === 'object');
const txPath = (n, ...names) => names.reduce((x, name) => kid(x, name), n);

/** txml's parse (a generic tree of { tagName, attributes, children }). */
const txml = {
  id: 'txml',
  label: 'txml',
  kinds: ['sync', 'gci', 'im'],
  async load() {
    const mod = await import('txml');
    this.parse = mod.parse ?? mod.default.parse;
  },
  make() {
    const parse = this.parse;
    return (x) => parse(x);
  },
  count(kind, r) {
    const env = r.find((n) => typeof n === 'object' && local(n) === 'Envelope');
    const b = kid(env, 'Body');
    if (kind === 'sync') return kids(txPath(b, 'SyncFolderItemsResponse', 'ResponseMessages', 'SyncFolderItemsResponseMessage', 'Changes')).length;
    if (kind === 'gci') {
      return kids(txPath(b, 'GetConversationItemsResponse', 'ResponseMessages')).reduce(
        (n, m) => n + kids(txPath(m, 'Conversation', 'ConversationNodes')).length, 0);
    }
    return kids(txPath(b, 'GetImItemListResponse', 'ImItemList', 'Personas')).length;
  },
};

/** @xmldom/xmldom's DOMParser plus a hand-written DOM walk into plain objects (bench/dom-walk.mjs). */
const xmldomWalk = {
  id: 'xmldom+walk',
  label: '@xmldom/xmldom + DOM walk',
  kinds: ['sync', 'gci', 'im'],
  async load() {
    this.walk = await import('./dom-walk.mjs');
  },
  make(kind) {
    return { sync: this.walk.syncFolderItems, gci: this.walk.getConversationItems, im: this.walk.getImItemList }[kind];
  },
  count: (kind, r) => ewsWasm.count(kind, r), // the walk returns the same shape as ews-wasm
};

export const PARSERS = [ewsWasm, ewsWasmBaseline, handOverFloor, ewsJavascriptApi, fastXmlParser, txml, xmldomWalk];
export const PEERS = PARSERS.filter((p) => p !== ewsWasm);
/** The contenders that are ews-wasm itself, in another build or without the parse. */
export const REFERENCES = [ewsWasmBaseline, handOverFloor];

export function parserById(id) {
  const p = PARSERS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown parser ${id}; known: ${PARSERS.map((x) => x.id).join(', ')}`);
  return p;
}
