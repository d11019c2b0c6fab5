// EwsClient: the four EWS operations over fetch (or over a transport you give).
// This file is I/O glue only: it sends, times out, aborts and waits. Every
// decision (what to retry, how long to wait, Retry-After, HTTP status →
// outcome, paging, stalls, restarts, ConversationSync's bookkeeping, which
// secrets to scrub) is made by the client core in Rust (src/client/core),
// reached through `ClientCall` (src/wasm/client.rs): this file asks the core
// for the first request (`call.step(BEGIN)`), sends what it says, reports what
// came back with `call.step(...)` (a reply, whose body it first hands into the
// module's input buffer, or a failure), and does what the answer says.
//
// Secrets (the bearer token, the Basic password and the header made from
// them) live in private fields and are never put in an error, a `cause`, a
// log callback or a stats object.
import * as raw from './ews_wasm.js';
import { EwsError } from './errors.js';
import { callWasm, handIn } from './state.js';

const DEFAULT_TIMEOUT_MS = 100_000;
const DEFAULT_RETRY = Object.freeze({ maxRetries: 3, maxDelayMs: 60_000, baseDelayMs: 500 });

const invalid = (path, message) => new EwsError('ERR_INVALID_OPTIONS', message, { path });
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

const wasm = callWasm;

/** How an attempt ended, as `ClientCall.step` numbers it (0 is a reply; 5 begins the call). */
const FAILURE_KIND = { network: 1, timeout: 2, aborted: 3, other: 4 };
const BEGIN = 5;
/** `ClientCall.step(SCRUB, 0, text, ...)` answers `text` without the call's secrets. */
const SCRUB = 6;

function json(value, path) {
  try {
    return JSON.stringify(value);
  } catch (e) {
    throw new EwsError('ERR_INVALID_OPTIONS', `options cannot be serialised: ${e.message}`, { path }, { cause: e });
  }
}

// ---------------------------------------------------------------- credentials

/** Checks the shape of `auth`; the core makes the header and the secret list. */
function readAuth(auth) {
  if (auth === undefined || auth === null) return undefined;
  if (!isObject(auth)) throw invalid('auth', 'auth must be { bearer } or { basic: { username, password } } (or left out for cookies / integrated auth)');
  const keys = Object.keys(auth);
  if (keys.length !== 1 || !['bearer', 'basic'].includes(keys[0])) {
    throw invalid('auth', 'auth must have exactly one of `bearer` or `basic`');
  }
  if (keys[0] === 'bearer') {
    if (typeof auth.bearer !== 'string' || auth.bearer.trim() === '' || /[\r\n\0]/.test(auth.bearer)) {
      throw invalid('auth.bearer', 'auth.bearer must be a non-empty token on one line');
    }
    return { bearer: auth.bearer };
  }
  const b = auth.basic;
  if (!isObject(b)) throw invalid('auth.basic', 'auth.basic must be { username, password }');
  if (typeof b.username !== 'string' || b.username === '' || b.username.includes(':')) {
    throw invalid('auth.basic.username', 'auth.basic.username must be a non-empty string without `:`');
  }
  if (typeof b.password !== 'string') throw invalid('auth.basic.password', 'auth.basic.password must be a string');
  return { username: b.username, password: b.password };
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

// ---------------------------------------------------------------- timers and errors

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

/** The EwsError of an error JSON from the core (`cause`: the scrubbed transport error, for ERR_NETWORK). */
function coreError(o, failure, scrub) {
  const { code, message, responseIndex, ...fields } = o;
  // ERR_RESPONSE of GetConversationItems: `response` is the Error message inside `fullResponse`.
  if (responseIndex !== undefined) fields.response = fields.fullResponse?.responseMessages?.[responseIndex];
  if (code !== 'ERR_NETWORK') return new EwsError(code, String(message ?? code), fields);
  const original = failure?.error;
  if (original instanceof EwsError) {
    // A transport's own EwsError (e.g. outlookTransport's officeErrorCode): keep its fields.
    for (const [k, v] of Object.entries(original)) if (!(k in fields) && k !== 'code' && k !== 'retryable') fields[k] = v;
  }
  return new EwsError(code, String(message ?? code), fields, { cause: cleanError(original, scrub) });
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

/**
 * A body as the module takes it: bytes as they came (fetch's, with no UTF-16
 * round trip), or a transport's string, which `handIn` encodes straight into
 * the module's memory.
 */
function bodyOf(body) {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return typeof body === 'string' ? body : String(body ?? '');
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

const CALL = Symbol('call');
const EXCHANGE = Symbol('exchange');

/**
 * A client for GetConversationItems, GetImItems, GetImItemList and
 * SyncFolderItems. See docs/client.md.
 */
export class EwsClient {
  #url;
  #auth;
  #credentials;
  #header;
  #headers;
  #timeoutMs;
  #retry;
  #onRetry;
  #random;
  #transport;
  #fetch;
  #limitsJson;
  #stats = { requests: 0, retries: 0 };

  /**
   * @param {object} options
   * @param {string | URL} [options.url] the EWS URL (`https://host/EWS/Exchange.asmx`); required unless `transport` is given
   * @param {{ bearer: string } | { basic: { username: string, password: string } }} [options.auth] left out: cookies / integrated auth (`credentials: 'include'`)
   * @param {object} [options.header] SOAP header defaults for every call (`requestServerVersion`, `impersonation`, ...)
   * @param {Record<string, string>} [options.headers] extra HTTP headers (`X-AnchorMailbox`, ...)
   * @param {number} [options.timeoutMs] per HTTP attempt, default 100 000
   * @param {{ maxRetries?: number, maxDelayMs?: number, baseDelayMs?: number, onRetry?: Function }} [options.retry]
   * @param {(xml: string, ctx: { signal: AbortSignal, headers: Record<string, string>, operation: string }) => Promise<string | Uint8Array | ArrayBuffer | { status: number, statusText?: string, headers?: object, body: string | Uint8Array | ArrayBuffer }>} [options.transport]
   * @param {typeof fetch} [options.fetch] the fetch to use (default: globalThis.fetch)
   * @param {RequestCredentials} [options.credentials] fetch `credentials` (default: 'include' without auth, else 'same-origin')
   * @param {{ maxResponseBytes?: number, maxDepth?: number, strict?: boolean }} [options.limits] parse options (limits, strict) for every response
   * @param {() => number} [options.random] the back-off jitter source, uniform in [0, 1) (default Math.random; tests pin it)
   */
  constructor(options) {
    if (!isObject(options)) throw invalid('', 'EwsClient options must be an object');
    const { url, auth, header, headers, timeoutMs, retry, transport, fetch: fetchFn, credentials, limits, random } = options;
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
    this.#auth = readAuth(auth);
    if (header !== undefined && !isObject(header)) throw invalid('header', 'header must be an object');
    this.#header = header ?? {};
    this.#headers = checkHeaders(headers, 'headers');
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
    if (random !== undefined && typeof random !== 'function') throw invalid('random', 'random must be a function returning a number in [0, 1)');
    this.#random = random ?? Math.random;
    this.#transport = transport;
    if (fetchFn !== undefined && typeof fetchFn !== 'function') throw invalid('fetch', 'fetch must be a function');
    this.#fetch = fetchFn;
    if (credentials !== undefined && !['omit', 'same-origin', 'include'].includes(credentials)) {
      throw invalid('credentials', "credentials must be 'omit', 'same-origin' or 'include'");
    }
    this.#credentials = credentials ?? (this.#auth ? 'same-origin' : 'include');
    if (limits !== undefined && !isObject(limits)) throw invalid('limits', 'limits must be { maxResponseBytes, maxDepth, strict }');
    this.#limitsJson = limits === undefined ? undefined : json(limits, 'limits');
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
  getConversationItems(options, callOptions) {
    return this.#one('GetConversationItems', options, callOptions);
  }

  /** GetImItems → the parsed response; ERR_RESPONSE when it is an Error. */
  getImItems(options, callOptions) {
    return this.#one('GetImItems', options ?? {}, callOptions);
  }

  /** GetImItemList → the parsed response; ERR_RESPONSE when it is an Error. */
  getImItemList(options, callOptions) {
    return this.#one('GetImItemList', options ?? {}, callOptions);
  }

  /** One SyncFolderItems page → its response message; ERR_RESPONSE when it is an Error. */
  syncFolderItems(options, callOptions) {
    return this.#one('SyncFolderItems', options, callOptions);
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
    // Invalid options throw here, before anything is sent.
    const ctx = this[CALL]('SyncFolderItems', options, callOptions, 'pages', onInvalidSyncState === 'restart');
    return this.#pages(ctx, onProgress);
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

  async #one(operationName, options, callOptions) {
    const ctx = this[CALL](operationName, options, callOptions, '');
    try {
      return (await this[EXCHANGE](ctx)).done;
    } finally {
      ctx.call.free();
    }
  }

  async *#pages(ctx, onProgress) {
    try {
      for (;;) {
        const step = await this[EXCHANGE](ctx);
        if (step.send) continue; // a restart from an empty SyncState
        const page = step.restarted ? { ...step.page, restarted: true } : step.page;
        if (onProgress) onProgress(step.progress);
        yield page;
        if (step.last) return;
      }
    } finally {
      ctx.call.free();
    }
  }

  /** One call of the core: its `ClientCall`, the HTTP headers, signal and timeout. */
  [CALL](operationName, options, callOptions, mode, restart = false, states = undefined) {
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
    // One JSON description of the call (src/wasm/client.rs, ClientCall::new);
    // `options` is spliced in as serialised, so it is read exactly as the builders read it.
    const head = JSON.stringify({ operation: operationName, mode, restart, retry: this.#retry, auth: this.#auth ?? null, headers: Object.entries(h) });
    const spec = `${head.slice(0, -1)},"limits":${this.#limitsJson ?? 'null'},"states":${states ?? 'null'},"options":${json(opts, '')}}`;
    const call = wasm(() => new raw.ClientCall(spec));
    const scrub = (t) => call.step(SCRUB, 0, String(t), '', '', 0, 0, 0, 0);
    let first;
    try {
      first = JSON.parse(wasm(() => call.step(BEGIN, 0, '', '', '', 0, 0, 0, 0)));
      if ('fail' in first) throw coreError(first.fail, {}, scrub);
    } catch (e) {
      call.free();
      throw e;
    }
    if (first.authorization && header(h, 'authorization') === undefined) h.Authorization = first.authorization;
    return { call, xml: first.send, operation: operationName, headers: h, signal, timeoutMs: timeoutMs ?? this.#timeoutMs, scrub };
  }

  /**
   * Sends `ctx.xml` and feeds each outcome to the core until it answers with
   * something other than a wait: `{ done }`, `{ page, ..., next }` or
   * `{ send }`, whose request (`next`, `send`) becomes `ctx.xml`. Waits as
   * told (an abort ends a wait at once); throws what it says to fail with.
   */
  async [EXCHANGE](ctx) {
    const { call, signal, timeoutMs, scrub, xml } = ctx;
    for (;;) {
      if (signal?.aborted) throw abortedError(signal);
      this.#stats.requests++;
      const outcome = await this.#attempt(ctx, xml);
      const jitter = this.#random();
      const r = outcome.response;
      let step;
      try {
        step = JSON.parse(
          r
            ? call.step(0, r.status, r.statusText, header(r.headers, 'content-type') ?? '', header(r.headers, 'retry-after') ?? '', handIn(r.body), Date.now(), 0, jitter)
            : call.step(FAILURE_KIND[outcome.kind], 0, outcome.message ?? '', '', '', 0, 0, Number.isFinite(timeoutMs) ? timeoutMs : 0, jitter),
        );
      } catch (e) {
        throw new EwsError('ERR_INTERNAL', `ews-wasm internal error: ${scrub(e?.message ?? e)}`, {}, { cause: cleanError(e, scrub) });
      }
      if ('fail' in step) {
        if (signal?.aborted) throw abortedError(signal);
        if (step.fail === null) throw outcome.error;
        throw coreError(step.fail, outcome, scrub);
      }
      if (step.wait === undefined) {
        ctx.xml = step.send ?? step.next ?? xml;
        return step;
      }
      if (signal?.aborted) throw abortedError(signal);
      this.#stats.retries++;
      if (this.#onRetry) this.#onRetry({ ...step.retry, error: coreError(step.error, outcome, scrub) });
      await sleep(step.wait, signal);
    }
  }

  /**
   * One HTTP attempt (or transport call) under the timeout and the caller's
   * signal → `{ response: { status, statusText, headers, body: Uint8Array | string } }`
   * or `{ kind: 'network' | 'timeout' | 'aborted' | 'other', message?, error? }`.
   */
  async #attempt(ctx, xml) {
    const { signal, timeoutMs, operation } = ctx;
    if (signal?.aborted) return { kind: 'aborted' };
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
          const e = new EwsError('ERR_TIMEOUT', `no response within ${timeoutMs} ms`, { timeoutMs });
          ctrl.abort(e);
          stop(e);
        }, timeoutMs)
      : undefined;
    try {
      return { response: await Promise.race([this.#send(operation, xml, ctx.headers, ctrl.signal), stopped]) };
    } catch (e) {
      if (signal?.aborted) return { kind: 'aborted' };
      if (timedOut) return { kind: 'timeout' };
      if (e instanceof EwsError && (e.code !== 'ERR_NETWORK' || e.retryable === false)) return { kind: 'other', error: e };
      const msg = String(e?.message ?? e);
      const detail = e?.cause?.code ?? e?.cause?.message;
      return { kind: 'network', message: `${msg}${detail && detail !== msg ? ` (${detail})` : ''}`, error: e };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** → { status, statusText, headers, body: Uint8Array | string } */
  async #send(operationName, xml, headers, signal) {
    if (this.#transport) {
      const r = await this.#transport(xml, { signal, headers: { ...headers }, operation: operationName });
      if (typeof r === 'string' || r instanceof Uint8Array || r instanceof ArrayBuffer) return { status: 200, statusText: 'OK', headers: undefined, body: bodyOf(r) };
      if (isObject(r) && typeof r.status === 'number') return { status: r.status, statusText: r.statusText ?? '', headers: r.headers, body: bodyOf(r.body ?? '') };
      throw new EwsError('ERR_INVALID_OPTIONS', 'the transport must resolve to the response XML (a string or bytes) or { status, headers, body }', { path: 'transport' });
    }
    const f = this.#fetch ?? globalThis.fetch;
    if (typeof f !== 'function') throw new EwsError('ERR_NOT_SUPPORTED', 'no fetch in this environment: pass options.fetch or options.transport', { operation: operationName });
    const res = await f(this.#url, { method: 'POST', headers, body: xml, signal, credentials: this.#credentials });
    // The bytes as they came: the parser decodes them (no UTF-16 round trip through text()).
    const body = typeof res.arrayBuffer === 'function' ? new Uint8Array(await res.arrayBuffer()) : bodyOf(await res.text());
    return { status: res.status, statusText: res.statusText ?? '', headers: res.headers, body };
  }
}

/**
 * Remembers each conversation's SyncState (from `client.conversationSync()`).
 * `getConversationItems(opts)` fills in the remembered state of every
 * conversation that has none in `opts`, and after a response without Error
 * messages remembers the new states (the core decides both). `syncStates` is
 * a plain object to save and pass back as `conversationSync({ syncStates })`.
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
    const ctx = this.#client[CALL]('GetConversationItems', options, callOptions, 'conversations', this.#restart, JSON.stringify(this.syncStates));
    try {
      let step;
      do step = await this.#client[EXCHANGE](ctx);
      while (step.send); // conversations asked again without a state
      const response = step.done;
      for (const i of step.restarted) response.responseMessages[i] = { ...response.responseMessages[i], restarted: true };
      this.#states = new Map(Object.entries(step.syncStates));
      return response;
    } finally {
      ctx.call.free();
    }
  }
}
