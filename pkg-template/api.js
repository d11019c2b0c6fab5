// The public functions: thin wrappers over the wasm exports. Options go in as JSON,
// results come back as JSON (JSON.parse builds plain objects fastest), errors as
// EwsError. Every function is synchronous and pure.
import * as raw from './ews_wasm.js';
import { EwsError } from './errors.js';
import { callWasm, handIn } from './state.js';

export { EwsError };
export { EwsClient } from './client.js';
export { outlookTransport } from './outlook.js';

const call = callWasm;

function optionsJson(options, optional) {
  if (options === undefined || options === null) {
    if (optional) return '{}';
    throw new EwsError('ERR_INVALID_OPTIONS', 'options are required', { path: '' });
  }
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new EwsError('ERR_INVALID_OPTIONS', 'options must be an object', { path: '' });
  }
  try {
    return JSON.stringify(options);
  } catch (e) {
    let path = '';
    try {
      path = unserialisablePath(options) ?? '';
    } catch {
      // a getter that throws, a Proxy, …: report the root
    }
    throw new EwsError('ERR_INVALID_OPTIONS', `options cannot be serialised: ${e.message}`, { path }, { cause: e });
  }
}

// The path (`a.b[0].c`, as the Rust side writes it) of the first value that
// JSON.stringify cannot write: a BigInt, an object that contains itself, or
// nesting deeper than the options reader takes (where it would have stopped).
// Iterative, so that a structure too deep for JSON.stringify's own recursion
// still gets a path.
const MAX_OPTION_NESTING = 128;
function unserialisablePath(root) {
  const childrenOf = (value, path) =>
    Array.isArray(value)
      ? value.map((v, i) => [`${path}[${i}]`, v])
      : Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v]);
  const ancestors = new Set([root]);
  const stack = [{ value: root, entries: childrenOf(root, ''), next: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next >= top.entries.length) {
      ancestors.delete(top.value);
      stack.pop();
      continue;
    }
    const [path, v] = top.entries[top.next++];
    if (typeof v === 'bigint') return path;
    if (v === null || typeof v !== 'object' || typeof v.toJSON === 'function') continue;
    if (ancestors.has(v) || stack.length >= MAX_OPTION_NESTING) return path;
    ancestors.add(v);
    stack.push({ value: v, entries: childrenOf(v, path), next: 0 });
  }
  return undefined;
}

function limitsJson(limits) {
  if (limits === undefined || limits === null) return undefined;
  return optionsJson(limits, true);
}

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

// Refuses an over-long string before it is copied into wasm memory (which would
// cost the copy and keep the memory grown). A string's UTF-8 size is at least
// its length in UTF-16 units, so this never refuses what the wasm side accepts.
function checkLength(xml, limits) {
  const given = limits ? limits.maxResponseBytes : undefined;
  // An invalid limit is left to the options reader (ERR_INVALID_OPTIONS).
  if (given !== undefined && given !== null && !(Number.isSafeInteger(given) && given >= 0)) return;
  const max = given ?? DEFAULT_MAX_RESPONSE_BYTES;
  const size = typeof xml === 'string' ? xml.length : xml.byteLength;
  if (size > max) {
    throw new EwsError('ERR_LIMIT', `limit \`maxResponseBytes\` exceeded: ${size} > ${max}`, {
      limitName: 'maxResponseBytes',
      limit: max,
      value: size,
    });
  }
}

function parseWith(kind, xml, limits) {
  const l = limitsJson(limits);
  if (xml instanceof ArrayBuffer) xml = new Uint8Array(xml);
  if (typeof xml !== 'string' && !(xml instanceof Uint8Array)) {
    throw new EwsError('ERR_INVALID_OPTIONS', 'the response must be a string, Uint8Array or ArrayBuffer', { path: 'xml' });
  }
  checkLength(xml, limits);
  return JSON.parse(call(() => raw.parseInput(kind, handIn(xml), l)));
}

/** @param {object} options */
export function buildGetConversationItemsRequest(options) {
  return call(() => raw.buildGetConversationItemsRequest(optionsJson(options)));
}
/** @param {object} options */
export function buildGetImItemsRequest(options) {
  return call(() => raw.buildGetImItemsRequest(optionsJson(options, true)));
}
/** @param {object} [options] */
export function buildGetImItemListRequest(options) {
  return call(() => raw.buildGetImItemListRequest(optionsJson(options, true)));
}
/** @param {object} options */
export function buildSyncFolderItemsRequest(options) {
  return call(() => raw.buildSyncFolderItemsRequest(optionsJson(options)));
}

export function parseGetConversationItemsResponse(xml, limits) {
  return parseWith(0, xml, limits);
}
export function parseGetImItemsResponse(xml, limits) {
  return parseWith(1, xml, limits);
}
export function parseGetImItemListResponse(xml, limits) {
  return parseWith(2, xml, limits);
}
export function parseSyncFolderItemsResponse(xml, limits) {
  return parseWith(3, xml, limits);
}

/**
 * A parsed conversation laid out as a reply tree, in display order:
 * `[{ index, depth, parentIndex?, node }]` (orphans at depth 0).
 */
export function conversationThread(conversation) {
  if (!conversation || typeof conversation !== 'object') {
    throw new EwsError('ERR_INVALID_OPTIONS', 'conversation must be an object', { path: '' });
  }
  const layout = JSON.parse(call(() => raw.conversationThread(optionsJson(conversation))));
  const nodes = conversation.conversationNodes ?? [];
  return layout.map((e) => ({ ...e, node: nodes[e.index] }));
}
