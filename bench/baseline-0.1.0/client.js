// EwsClient: the four EWS operations over fetch (or over a transport you give),
// with retries through throttling and flaky networks, and paging for
// SyncFolderItems. Requests are built and responses parsed by the pure
// functions of api.js; this file only moves text and decides what to retry.
//
// Secrets (the bearer token, the Basic password and the header made from
// them) live in private fields and are never put in an error, a `cause`, a
// log callback or a stats object. Messages of errors from fetch are scrubbed
// of URL user-info and of every secret before they are kept.
import {
  buildGetConversationItemsRequest,
  buildGetImItemListRequest,
  buildGetImItemsRequest,
  buildSyncFolderItemsRequest,
  parseGetConversationItemsResponse,
  parseGetImItemListResponse,
  parseGetImItemsResponse,
  parseSyncFolderItemsResponse,
} from './api.js';
import { EwsError } from './errors.js';

const DEFAULT_TIMEOUT_MS = 100_000;
const DEFAULT_RETRY = Object.freeze({ maxRetries: 3, maxDelayMs: 60_000, baseDelayMs: 500 });
const MAX_RESTARTS = 3;

// Looked up when called (not at module evaluation): api.js re-exports this
// module, so the two modules form an import cycle.
function operation(name) {
  switch (name) {
    case 'GetConversationItems':
      return { build: buildGetConversationItemsRequest, parse: parseGetConversationItemsResponse };
    case 'GetImItems':
      return { build: buildGetImItemsRequest, parse: parseGetImItemsResponse };
    case 'GetImItemList':
      return { build: buildGetImItemListRequest, parse: parseGetImItemListResponse };
    case 'SyncFolderItems':
      return { build: buildSyncFolderItemsRequest, parse: parseSyncFolderItemsResponse };
    default:
      throw new EwsError('ERR_INTERNAL', `unknown operation ${name}`);
  }
}

const invalid = (path, message) => new EwsError('ERR_INVALID_OPTIONS', message, { path });
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------- secrets

function base64Utf8(s) {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** `Authorization` value and the strings that must never be shown, from `auth`. */
function readAuth(auth) {
  if (auth === undefined || auth === null) return { authorization: undefined, secrets: [] };
  if (!isObject(auth)) throw invalid('auth', 'auth must be { bearer } or { basic: { username, password } } (or left out for cookies / integrated auth)');
  const keys = Object.keys(auth);
  if (keys.length !== 1 || !['bearer', 'basic'].includes(keys[0])) {
    throw invalid('auth', 'auth must have exactly one of `bearer` or `basic`');
  }
  if (keys[0] === 'bearer') {
    if (typeof auth.bearer !== 'string' || auth.bearer.trim() === '' || /[\r\n]/.test(auth.bearer)) {
      throw invalid('auth.bearer', 'auth.bearer must be a non-empty token on one line');
    }
    return { authorization: `Bearer ${auth.bearer}`, secrets: [auth.bearer] };
  }
  const b = auth.basic;
  if (!isObject(b)) throw invalid('auth.basic', 'auth.basic must be { username, password }');
  if (typeof b.username !== 'string' || b.username === '' || b.username.includes(':')) {
    throw invalid('auth.basic.username', 'auth.basic.username must be a non-empty string without `:`');
  }
  if (typeof b.password !== 'string') throw invalid('auth.basic.password', 'auth.basic.password must be a string');
  const pair = `${b.username}:${b.password}`;
  const encoded = base64Utf8(pair);
  return { authorization: `Basic ${encoded}`, secrets: [b.password, pair, encoded, encodeURIComponent(b.password)] };
}

function makeScrubber(secrets) {
  const list = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length > 0))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = String(text).replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1***@');
    for (const s of list) out = out.split(s).join('***');
    return out;
  };
}

/** A copy of an error (and its causes) with scrubbed text and no stack frames. */
function cleanError(e, scrub, depth = 0) {
  if (e === undefined || e === null || depth > 4) return undefined;
  if (typeof e !== 'object' && typeof e !== 'function') return scrub(String(e));
  const out = new Error(scrub(String(e.message ?? '')));
  out.name = scrub(String(e.name ?? 'Error'));
  out.stack = `${out.name}: ${out.message}`;
  for (const k of ['code', 'errno', 'syscall', 'type']) {
    const v = e[k];
    if (typeof v === 'string') out[k] = scrub(v);
    else if (typeof v === 'number') out[k] = v;
  }
  const cause = cleanError(e.cause, scrub, depth + 1);
  if (cause !== undefined) out.cause = cause;
  return out;
}

// ---------------------------------------------------------------- retry rules

/** `Retry-After` (delta-seconds or an HTTP-date) in milliseconds, or undefined. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value === undefined || value === null) return undefined;
  const v = String(value).trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** Whether the client retries after this error (the four operations are read-only). */
export function isRetryable(e) {
  if (!(e instanceof EwsError)) return false;
  switch (e.code) {
    case 'ERR_SOAP_FAULT':
      return e.responseCode === 'ErrorServerBusy' || /(^|:)ErrorServerBusy$/.test(String(e.faultCode ?? ''));
    case 'ERR_RESPONSE':
      return e.responseCode === 'ErrorServerBusy';
    case 'ERR_HTTP':
      return [429, 502, 503, 504].includes(e.status);
    case 'ERR_NETWORK':
      return e.retryable !== false;
    case 'ERR_TIMEOUT':
      return true;
    default:
      return false;
  }
}

/**
 * The wait before retry number `attempt + 1` (attempt counts from 0): the
 * server's BackOffMilliseconds or Retry-After when it gave one, else
 * exponential back-off `baseDelayMs * 2^attempt` with jitter (a uniform draw
 * in its upper half); always at most `maxDelayMs`.
 */
export function retryDelay(e, attempt, { maxDelayMs = DEFAULT_RETRY.maxDelayMs, baseDelayMs = DEFAULT_RETRY.baseDelayMs } = {}, random = Math.random) {
  let ms = typeof e?.backOffMilliseconds === 'number' ? e.backOffMilliseconds : e?.retryAfterMs;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    const d = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt, 52));
    ms = d / 2 + random() * (d / 2);
  }
  return Math.round(Math.min(ms, maxDelayMs));
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortedError(signal) {
  return new EwsError('ERR_ABORTED', 'the request was aborted by the caller', {}, { cause: signal?.reason });
}

function timeoutError(timeoutMs) {
  return new EwsError('ERR_TIMEOUT', `no response within ${timeoutMs} ms`, { timeoutMs });
}

/**
 * ERR_RESPONSE for an Error `message`: `response` is that message (for the Im
 * operations, whose response is its own message, the whole response); for
 * GetConversationItems `fullResponse` keeps the whole response, so that the
 * conversations that succeeded are not lost.
 */
function responseError(message, operationName, fullResponse) {
  const code = message.responseCode ?? 'ErrorUnknown';
  const fields = { responseCode: code, response: message, operation: operationName };
  if (fullResponse !== undefined) fields.fullResponse = fullResponse;
  if (message.messageText !== undefined) fields.messageText = message.messageText;
  if (message.backOffMilliseconds !== undefined) fields.backOffMilliseconds = message.backOffMilliseconds;
  return new EwsError('ERR_RESPONSE', `${operationName} failed: ${code}${message.messageText ? `: ${message.messageText}` : ''}`, fields);
}

/** The messages of a parsed response (the Im responses are their own message). */
function messagesOf(operationName, parsed) {
  if (operationName === 'GetImItems' || operationName === 'GetImItemList') return [parsed];
  return Array.isArray(parsed?.responseMessages) ? parsed.responseMessages : [];
}

function header(h, name) {
  if (!h) return undefined;
  if (typeof h.get === 'function') return h.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function randomUUID() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function checkHeaders(h, path) {
  if (h === undefined || h === null) return {};
  if (!isObject(h)) throw invalid(path, `${path} must be an object of header names to strings`);
  const out = {};
  for (const [k, v] of Object.entries(h)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) throw invalid(`${path}.${k}`, 'not a valid HTTP header name');
    if (typeof v !== 'string' || /[\r\n\0]/.test(v)) throw invalid(`${path}.${k}`, 'header values must be strings on one line');
    out[k] = v;
  }
  return out;
}

function checkTimeout(v, path) {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || Number.isNaN(v) || v <= 0) throw invalid(path, `${path} must be a positive number of milliseconds (Infinity: no timeout)`);
  return v;
}

function checkSignal(signal, path) {
  if (signal === undefined || signal === null) return undefined;
  if (typeof signal !== 'object' || typeof signal.addEventListener !== 'function' || !('aborted' in signal)) {
    throw invalid(path, `${path} must be an AbortSignal`);
  }
  return signal;
}

// ---------------------------------------------------------------- the client

const RAW = Symbol('raw');

/**
 * A client for GetConversationItems, GetImItems, GetImItemList and
 * SyncFolderItems. See docs/client.md.
 */
export class EwsClient {
  #url;
  #authorization;
  #scrub;
  #credentials;
  #header;
  #headers;
  #timeoutMs;
  #retry;
  #onRetry;
  #transport;
  #fetch;
  #limits;
  #stats = { requests: 0, retries: 0 };

  /**
   * @param {object} options
   * @param {string | URL} [options.url] the EWS URL (`https://host/EWS/Exchange.asmx`); required unless `transport` is given
   * @param {{ bearer: string } | { basic: { username: string, password: string } }} [options.auth] left out: cookies / integrated auth (`credentials: 'include'`)
   * @param {object} [options.header] SOAP header defaults for every call (`requestServerVersion`, `impersonation`, ...)
   * @param {Record<string, string>} [options.headers] extra HTTP headers (`X-AnchorMailbox`, ...)
   * @param {number} [options.timeoutMs] per HTTP attempt, default 100 000
   * @param {{ maxRetries?: number, maxDelayMs?: number, baseDelayMs?: number, onRetry?: Function }} [options.retry]
   * @param {(xml: string, ctx: { signal: AbortSignal, headers: Record<string, string>, operation: string }) => Promise<string | { status: number, statusText?: string, headers?: object, body: string }>} [options.transport]
   * @param {typeof fetch} [options.fetch] the fetch to use (default: globalThis.fetch)
   * @param {RequestCredentials} [options.credentials] fetch `credentials` (default: 'include' without auth, else 'same-origin')
   * @param {{ maxResponseBytes?: number, maxDepth?: number }} [options.limits] parser limits for every response
   */
  constructor(options) {
    if (!isObject(options)) throw invalid('', 'EwsClient options must be an object');
    const { url, auth, header, headers, timeoutMs, retry, transport, fetch: fetchFn, credentials, limits } = options;
    if (transport !== undefined && typeof transport !== 'function') throw invalid('transport', 'transport must be an async function (xml, { signal, headers, operation }) => responseXml');
    if (url !== undefined || transport === undefined) {
      let u;
      try {
        u = new URL(String(url));
      } catch {
        u = undefined;
      }
      if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) throw invalid('url', 'url must be an absolute http(s) URL (the EWS endpoint)');
      if (u.username || u.password) throw invalid('url', 'url must not contain credentials: pass them as auth.basic');
      this.#url = u.href;
    }
    const a = readAuth(auth);
    this.#authorization = a.authorization;
    if (header !== undefined && !isObject(header)) throw invalid('header', 'header must be an object');
    this.#header = header ?? {};
    this.#headers = checkHeaders(headers, 'headers');
    const extraSecrets = Object.entries(this.#headers).filter(([k]) => /^(authorization|cookie|x-.*token.*)$/i.test(k)).map(([, v]) => v);
    this.#scrub = makeScrubber([...a.secrets, ...extraSecrets, a.authorization]);
    this.#timeoutMs = checkTimeout(timeoutMs, 'timeoutMs') ?? DEFAULT_TIMEOUT_MS;
    if (retry !== undefined && !isObject(retry)) throw invalid('retry', 'retry must be { maxRetries, maxDelayMs, baseDelayMs }');
    const r = { ...DEFAULT_RETRY };
    for (const k of ['maxRetries', 'maxDelayMs', 'baseDelayMs']) {
      const v = retry?.[k];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (k === 'maxRetries' && !Number.isInteger(v))) {
        throw invalid(`retry.${k}`, `retry.${k} must be a non-negative ${k === 'maxRetries' ? 'integer' : 'number'}`);
      }
      r[k] = v;
    }
    this.#retry = Object.freeze(r);
    if (retry?.onRetry !== undefined && typeof retry.onRetry !== 'function') throw invalid('retry.onRetry', 'retry.onRetry must be a function');
    this.#onRetry = retry?.onRetry;
    this.#transport = transport;
    if (fetchFn !== undefined && typeof fetchFn !== 'function') throw invalid('fetch', 'fetch must be a function');
    this.#fetch = fetchFn;
    if (credentials !== undefined && !['omit', 'same-origin', 'include'].includes(credentials)) {
      throw invalid('credentials', "credentials must be 'omit', 'same-origin' or 'include'");
    }
    this.#credentials = credentials ?? (a.authorization ? 'same-origin' : 'include');
    if (limits !== undefined && !isObject(limits)) throw invalid('limits', 'limits must be { maxResponseBytes, maxDepth }');
    this.#limits = limits;
  }

  /** Counters since the client was made: `{ requests, retries }` (HTTP attempts and retries). */
  get stats() {
    return { ...this.#stats };
  }

  /** The retry policy in effect: `{ maxRetries, maxDelayMs, baseDelayMs }`. */
  get retryPolicy() {
    return { ...this.#retry };
  }

  /** GetConversationItems → the parsed response; ERR_RESPONSE (`response`: the Error message, `fullResponse`: the whole response) when any message is an Error. */
  async getConversationItems(options, callOptions) {
    const parsed = await this[RAW]('GetConversationItems', options, callOptions);
    throwOnErrorMessage('GetConversationItems', parsed);
    return parsed;
  }

  /** GetImItems → the parsed response; ERR_RESPONSE when it is an Error. */
  async getImItems(options, callOptions) {
    const parsed = await this[RAW]('GetImItems', options ?? {}, callOptions);
    throwOnErrorMessage('GetImItems', parsed);
    return parsed;
  }

  /** GetImItemList → the parsed response; ERR_RESPONSE when it is an Error. */
  async getImItemList(options, callOptions) {
    const parsed = await this[RAW]('GetImItemList', options ?? {}, callOptions);
    throwOnErrorMessage('GetImItemList', parsed);
    return parsed;
  }

  /** One SyncFolderItems page → its response message; ERR_RESPONSE when it is an Error. */
  async syncFolderItems(options, callOptions) {
    const message = await this.#syncMessage(options, callOptions, { retries: 0 });
    if (message.responseClass === 'Error') throw responseError(message, 'SyncFolderItems');
    return message;
  }

  /**
   * Pages of SyncFolderItems from `options.syncState` (or the start) until
   * `includesLastItemInRange`, each page's SyncState sent with the next
   * request. Yields each page's response message.
   *
   * @param {object} options as for buildSyncFolderItemsRequest
   * @param {{ signal?: AbortSignal, timeoutMs?: number, headers?: object,
   *   onProgress?: (p: { pages: number, changes: number, retries: number, restarts: number, syncState?: string, includesLastItemInRange: boolean }) => void,
   *   onInvalidSyncState?: 'throw' | 'restart' }} [pageOptions]
   */
  syncFolderItemsPages(options, pageOptions = {}) {
    if (!isObject(pageOptions)) throw invalid('', 'the second argument must be an object');
    const { onProgress, onInvalidSyncState = 'throw', ...callOptions } = pageOptions;
    if (onProgress !== undefined && typeof onProgress !== 'function') throw invalid('onProgress', 'onProgress must be a function');
    if (onInvalidSyncState !== 'throw' && onInvalidSyncState !== 'restart') throw invalid('onInvalidSyncState', "onInvalidSyncState must be 'throw' or 'restart'");
    this.#prepare('SyncFolderItems', options, callOptions); // invalid options throw here, before anything is sent
    return this.#pages(options, callOptions, onProgress, onInvalidSyncState);
  }

  /**
   * A helper that remembers the SyncState of each conversation it has fetched
   * and sends it with the next request for that conversation, so that
   * GetConversationItems returns only what changed. See docs/client.md.
   * @param {{ syncStates?: Record<string, string>, onInvalidSyncState?: 'throw' | 'restart' }} [options]
   */
  conversationSync(options = {}) {
    return new ConversationSync(this, options);
  }

  async *#pages(options, callOptions, onProgress, onInvalidSyncState) {
    let state = options.syncState;
    let restarted = false;
    const progress = { pages: 0, changes: 0, retries: 0, restarts: 0, syncState: state, includesLastItemInRange: false };
    for (;;) {
      const message = await this.#syncMessage({ ...options, syncState: state }, callOptions, progress);
      if (message.responseClass === 'Error') {
        // Never trust IncludesLastItemInRange (or SyncState) on an Error message.
        if (message.responseCode === 'ErrorInvalidSyncStateData' && onInvalidSyncState === 'restart' && state && progress.restarts < MAX_RESTARTS) {
          progress.restarts++;
          state = undefined;
          restarted = true;
          continue;
        }
        throw responseError(message, 'SyncFolderItems');
      }
      const changes = Array.isArray(message.changes) ? message.changes.length : 0;
      const last = message.includesLastItemInRange === true;
      if (!last && (!message.syncState || (message.syncState === state && changes === 0))) {
        throw new EwsError(
          'ERR_SYNC_STALLED',
          message.syncState
            ? 'SyncFolderItems returned the SyncState it was sent, with no changes and IncludesLastItemInRange false: the sync is not advancing'
            : 'SyncFolderItems returned no SyncState with IncludesLastItemInRange false: the sync cannot continue',
          { syncState: state, pages: progress.pages, response: message },
        );
      }
      progress.pages++;
      progress.changes += changes;
      if (message.syncState) progress.syncState = message.syncState;
      progress.includesLastItemInRange = last;
      const page = restarted ? { ...message, restarted: true } : message;
      restarted = false;
      if (onProgress) onProgress({ ...progress });
      yield page;
      if (last) return;
      state = message.syncState;
    }
  }

  async #syncMessage(options, callOptions, ctx) {
    const parsed = await this[RAW]('SyncFolderItems', options, callOptions, ctx);
    const message = parsed.responseMessages?.[0];
    if (!message) throw new EwsError('ERR_NOT_SOAP', 'the SyncFolderItems response has no response message', { found: 'ResponseMessages' });
    return message;
  }

  /** Builds the envelope (header defaults merged) and the HTTP headers of one call. */
  #prepare(operationName, options, callOptions) {
    if (!isObject(options)) throw invalid('', 'options must be an object');
    if (callOptions !== undefined && !isObject(callOptions)) throw invalid('', 'the call options must be an object');
    const { signal, timeoutMs, headers, clientRequestId } = callOptions ?? {};
    checkSignal(signal, 'signal');
    checkTimeout(timeoutMs, 'timeoutMs');
    let opts = options;
    if (options.header !== undefined && !isObject(options.header)) throw invalid('header', 'header must be an object');
    const merged = { ...this.#header, ...(options.header ?? {}) };
    for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
    if (Object.keys(merged).length) opts = { ...options, header: merged };
    else if ('header' in options) {
      opts = { ...options };
      delete opts.header;
    }
    const xml = operation(operationName).build(opts);
    const h = {
      'Content-Type': 'text/xml; charset=utf-8',
      Accept: 'text/xml',
      ...this.#headers,
      ...checkHeaders(headers, 'headers'),
    };
    if (clientRequestId !== undefined && (typeof clientRequestId !== 'string' || /[\r\n]/.test(clientRequestId))) {
      throw invalid('clientRequestId', 'clientRequestId must be a string');
    }
    if (clientRequestId !== undefined) h['client-request-id'] = clientRequestId;
    if (header(h, 'client-request-id') === undefined) h['client-request-id'] = randomUUID();
    if (header(h, 'return-client-request-id') === undefined) h['return-client-request-id'] = 'true';
    if (this.#authorization && header(h, 'authorization') === undefined) h.Authorization = this.#authorization;
    return { xml, headers: h, signal, timeoutMs: timeoutMs ?? this.#timeoutMs };
  }

  /** Sends one operation with retries; returns the parsed response (Error messages other than ErrorServerBusy included). */
  async [RAW](operationName, options, callOptions, ctx = { retries: 0 }) {
    const { xml, headers, signal, timeoutMs } = this.#prepare(operationName, options, callOptions);
    const { parse: parseWith } = operation(operationName);
    const limits = this.#limits;
    const parse = (body) => parseWith(body, limits);
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortedError(signal);
      let error;
      try {
        this.#stats.requests++;
        const res = await this.#attempt(operationName, xml, headers, signal, timeoutMs);
        const parsed = this.#interpret(res, parse);
        const busy = messagesOf(operationName, parsed).find((m) => m?.responseClass === 'Error' && m.responseCode === 'ErrorServerBusy');
        if (!busy) return parsed;
        error = responseError(busy, operationName, operationName === 'GetConversationItems' ? parsed : undefined);
      } catch (e) {
        error = e instanceof EwsError ? e : new EwsError('ERR_INTERNAL', `ews-wasm internal error: ${this.#scrub(e?.message ?? e)}`, {}, { cause: cleanError(e, this.#scrub) });
      }
      if (signal?.aborted) throw abortedError(signal);
      if (attempt >= this.#retry.maxRetries || !isRetryable(error)) throw error;
      const delayMs = retryDelay(error, attempt, this.#retry);
      this.#stats.retries++;
      ctx.retries++;
      if (this.#onRetry) this.#onRetry({ operation: operationName, attempt: attempt + 1, delayMs, code: error.code, status: error.status, responseCode: error.responseCode, error });
      await sleep(delayMs, signal);
    }
  }

  /** One HTTP attempt (or transport call) under the timeout and the caller's signal. */
  async #attempt(operationName, xml, headers, signal, timeoutMs) {
    if (signal?.aborted) throw abortedError(signal);
    const ctrl = new AbortController();
    let stop;
    const stopped = new Promise((_, reject) => {
      stop = reject;
    });
    let timedOut = false;
    const onAbort = () => {
      ctrl.abort(signal.reason);
      stop(abortedError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          const e = timeoutError(timeoutMs);
          ctrl.abort(e);
          stop(e);
        }, timeoutMs)
      : undefined;
    try {
      return await Promise.race([this.#send(operationName, xml, headers, ctrl.signal), stopped]);
    } catch (e) {
      if (signal?.aborted) throw abortedError(signal);
      if (timedOut) throw timeoutError(timeoutMs);
      if (e instanceof EwsError) throw e;
      const msg = this.#scrub(e?.message ?? String(e));
      const cause = cleanError(e, this.#scrub);
      const detail = cause?.cause?.code ?? cause?.cause?.message;
      throw new EwsError('ERR_NETWORK', `${operationName}: the request failed: ${msg}${detail && detail !== msg ? ` (${detail})` : ''}`, { operation: operationName }, { cause });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** → { status, statusText, headers, body } */
  async #send(operationName, xml, headers, signal) {
    if (this.#transport) {
      const r = await this.#transport(xml, { signal, headers: { ...headers }, operation: operationName });
      if (typeof r === 'string' || r instanceof Uint8Array || r instanceof ArrayBuffer) return { status: 200, statusText: 'OK', headers: undefined, body: r };
      if (isObject(r) && typeof r.status === 'number') return { status: r.status, statusText: r.statusText ?? '', headers: r.headers, body: r.body ?? '' };
      throw new EwsError('ERR_INVALID_OPTIONS', 'the transport must resolve to the response XML (a string) or { status, headers, body }', { path: 'transport' });
    }
    const f = this.#fetch ?? globalThis.fetch;
    if (typeof f !== 'function') throw new EwsError('ERR_NOT_SUPPORTED', 'no fetch in this environment: pass options.fetch or options.transport', { operation: operationName });
    const res = await f(this.#url, { method: 'POST', headers, body: xml, signal, credentials: this.#credentials });
    const body = await res.text();
    return { status: res.status, statusText: res.statusText ?? '', headers: res.headers, body };
  }

  /** Maps an HTTP result to a parsed response or an EwsError. */
  #interpret(res, parse) {
    const { status } = res;
    if (status >= 200 && status < 300) return parse(res.body);
    if (status !== 401 && status !== 403 && status !== 407) {
      // Exchange sends SOAP Faults with 500; anything else that says it is XML may be one too.
      const type = String(header(res.headers, 'content-type') ?? '');
      if (status === 500 || /xml/i.test(type)) {
        try {
          return parse(res.body);
        } catch (e) {
          if (e instanceof EwsError && e.code === 'ERR_SOAP_FAULT') {
            e.status = status;
            throw e;
          }
        }
      }
    }
    const fields = { status, statusText: res.statusText ?? '' };
    const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'));
    if (retryAfterMs !== undefined) fields.retryAfterMs = retryAfterMs;
    return throwHttp(fields);
  }
}

function throwHttp(fields) {
  throw new EwsError('ERR_HTTP', `HTTP ${fields.status}${fields.statusText ? ` ${fields.statusText}` : ''}`, fields);
}

function throwOnErrorMessage(operationName, parsed) {
  const bad = messagesOf(operationName, parsed).find((m) => m?.responseClass === 'Error');
  if (bad) throw responseError(bad, operationName, operationName === 'GetConversationItems' ? parsed : undefined);
}

/**
 * Remembers each conversation's SyncState (from `client.conversationSync()`).
 * `getConversationItems(opts)` fills in the remembered state of every
 * conversation that has none in `opts`, and after a response without Error
 * messages remembers the new states. `syncStates` is a plain object to save
 * and pass back as `conversationSync({ syncStates })` later.
 */
export class ConversationSync {
  #client;
  #states = new Map();
  #restart;

  constructor(client, options = {}) {
    if (!isObject(options)) throw invalid('', 'conversationSync options must be an object');
    const { syncStates, onInvalidSyncState = 'throw' } = options;
    if (onInvalidSyncState !== 'throw' && onInvalidSyncState !== 'restart') throw invalid('onInvalidSyncState', "onInvalidSyncState must be 'throw' or 'restart'");
    if (syncStates !== undefined) {
      if (!isObject(syncStates)) throw invalid('syncStates', 'syncStates must be an object of conversation id to SyncState');
      for (const [k, v] of Object.entries(syncStates)) {
        if (typeof v !== 'string') throw invalid(`syncStates.${k}`, 'each SyncState must be a string');
        this.#states.set(k, v);
      }
    }
    this.#client = client;
    this.#restart = onInvalidSyncState === 'restart';
  }

  /** `{ [conversationId]: syncState }`, a copy. */
  get syncStates() {
    return Object.fromEntries(this.#states);
  }

  /** The remembered SyncState of a conversation, or undefined. */
  syncStateOf(conversationId) {
    return this.#states.get(conversationId);
  }

  /** Forgets a conversation's SyncState (the next request gets all its items). */
  forget(conversationId) {
    this.#states.delete(conversationId);
  }

  /**
   * GetConversationItems with the remembered SyncStates. On
   * ErrorInvalidSyncStateData for a conversation whose state it sent, with
   * `onInvalidSyncState: 'restart'`, asks again for that conversation without
   * a state and marks its message `restarted: true`.
   */
  async getConversationItems(options, callOptions) {
    if (!isObject(options) || !Array.isArray(options.conversations)) {
      throw invalid('conversations', 'conversations must be an array of { conversationId: { id } }');
    }
    const sent = [];
    const conversations = options.conversations.map((c) => {
      const id = c?.conversationId?.id;
      if (!isObject(c) || c.syncState !== undefined || typeof id !== 'string' || !this.#states.has(id)) {
        sent.push(undefined);
        return c;
      }
      sent.push(this.#states.get(id));
      return { ...c, syncState: this.#states.get(id) };
    });
    const response = await this.#client[RAW]('GetConversationItems', { ...options, conversations }, callOptions);
    const messages = response.responseMessages ?? [];
    if (this.#restart) {
      const redo = [];
      messages.forEach((m, i) => {
        if (m?.responseClass === 'Error' && m.responseCode === 'ErrorInvalidSyncStateData' && sent[i] !== undefined) redo.push(i);
      });
      if (redo.length) {
        const again = await this.#client[RAW]('GetConversationItems', { ...options, conversations: redo.map((i) => ({ ...conversations[i], syncState: undefined })) }, callOptions);
        redo.forEach((i, j) => {
          const m = again.responseMessages?.[j];
          if (m) messages[i] = m.responseClass === 'Error' ? m : { ...m, restarted: true };
        });
      }
    }
    throwOnErrorMessage('GetConversationItems', response);
    messages.forEach((m, i) => {
      const id = conversations[i]?.conversationId?.id ?? m?.conversation?.conversationId?.id;
      const s = m?.conversation?.syncState;
      if (typeof id === 'string' && typeof s === 'string' && s !== '') this.#states.set(id, s);
    });
    return response;
  }
}
