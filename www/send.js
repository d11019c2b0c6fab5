// The demo's send path, in one module:
//   createClient(config) → the package's `EwsClient` when the build has it,
//   otherwise a small stand-in with the same methods (fetch + the package's
//   builders and parsers + retry on ErrorServerBusy / 503 / 429).
// What went over the wire is seen by recorder.js (installed before the package loads).
import * as ews from 'ews-wasm';

const { EwsError } = ews;

/** True when the built package exports EwsClient (then it is what sends). */
export const hasEwsClient = typeof ews.EwsClient === 'function';

export { exchanges, onExchange, exchangesSince, lastExchangeNumber } from './recorder.js';

// ------------------------------------------------------------------ stand-in client

function basicToken(username, password) {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function abortableSleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new EwsError('ERR_ABORTED', 'the request was aborted'));
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(t);
      reject(new EwsError('ERR_ABORTED', 'the request was aborted'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const PARSERS = {
  GetConversationItems: ews.parseGetConversationItemsResponse,
  GetImItems: ews.parseGetImItemsResponse,
  GetImItemList: ews.parseGetImItemListResponse,
  SyncFolderItems: ews.parseSyncFolderItemsResponse,
};
const BUILDERS = {
  GetConversationItems: ews.buildGetConversationItemsRequest,
  GetImItems: ews.buildGetImItemsRequest,
  GetImItemList: ews.buildGetImItemListRequest,
  SyncFolderItems: ews.buildSyncFolderItemsRequest,
};

/** Throws ERR_RESPONSE for the first response message with ResponseClass Error. */
function throwOnErrorMessage(parsed) {
  const messages = Array.isArray(parsed.responseMessages) ? parsed.responseMessages : [parsed];
  const bad = messages.find((m) => m && m.responseClass === 'Error');
  if (bad) {
    throw new EwsError('ERR_RESPONSE', `${bad.responseCode}${bad.messageText ? `: ${bad.messageText}` : ''}`, {
      responseCode: bad.responseCode, messageText: bad.messageText, response: bad,
    });
  }
}

/** How long to wait before retrying after `e`, or null when `e` is not retryable. */
function retryDelay(e, attempt) {
  const fallback = Math.min(30_000, 500 * 2 ** attempt);
  if (e?.code === 'ERR_HTTP' && (e.status === 503 || e.status === 429)) {
    const s = Number(e.retryAfter);
    return Number.isFinite(s) && s >= 0 ? s * 1000 : fallback;
  }
  if ((e?.code === 'ERR_SOAP_FAULT' || e?.code === 'ERR_RESPONSE') && e.responseCode === 'ErrorServerBusy') {
    const b = e.backOffMilliseconds ?? e.response?.messageXml?.backOffMilliseconds;
    return typeof b === 'number' && b >= 0 ? b : fallback;
  }
  return null;
}

/**
 * The stand-in for EwsClient (same constructor options and methods, per API.md),
 * used only while the package has no EwsClient.
 */
class StandInClient {
  constructor({ url, auth, header, headers, timeoutMs = 100_000, retry = {} }) {
    this.url = url;
    this.auth = auth;
    this.header = header;
    this.headers = headers ?? {};
    this.timeoutMs = timeoutMs;
    this.retry = { maxRetries: retry.maxRetries ?? 3, maxDelayMs: retry.maxDelayMs ?? 60_000 };
  }

  #withHeader(opts) {
    if (!this.header && !opts?.header) return opts ?? {};
    return { ...opts, header: { ...this.header, ...opts?.header } };
  }

  async #once(operation, xml, signal) {
    const headers = { 'Content-Type': 'text/xml; charset=utf-8', Accept: 'text/xml', ...this.headers };
    if (this.auth?.bearer) headers.Authorization = `Bearer ${this.auth.bearer}`;
    else if (this.auth?.basic) headers.Authorization = `Basic ${basicToken(this.auth.basic.username, this.auth.basic.password)}`;
    const ctl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; ctl.abort(); }, this.timeoutMs);
    const onAbort = () => ctl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let res;
    let text;
    try {
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      res = await fetch(this.url, {
        method: 'POST', body: xml, headers, signal: ctl.signal, credentials: this.auth ? 'omit' : 'include',
      });
      text = await res.text();
    } catch (e) {
      if (timedOut) throw new EwsError('ERR_TIMEOUT', `no answer within ${this.timeoutMs} ms`, {}, { cause: e });
      if (signal?.aborted) throw new EwsError('ERR_ABORTED', 'the request was aborted', {}, { cause: e });
      throw new EwsError('ERR_NETWORK', `fetch failed: ${e?.message ?? e}`, {}, { cause: e });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    const looksSoap = /<(?:[\w.-]+:)?Envelope[\s>]/.test(text.slice(0, 4096));
    if (!res.ok && !looksSoap) {
      throw new EwsError('ERR_HTTP', `HTTP ${res.status} ${res.statusText}`.trim(), {
        status: res.status, statusText: res.statusText, retryAfter: res.headers.get('retry-after') ?? undefined,
      });
    }
    const parsed = PARSERS[operation](text);
    throwOnErrorMessage(parsed);
    return parsed;
  }

  async #call(operation, opts, { signal } = {}) {
    const xml = BUILDERS[operation](this.#withHeader(opts));
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once(operation, xml, signal);
      } catch (e) {
        const wait = retryDelay(e, attempt);
        if (wait === null || attempt >= this.retry.maxRetries) throw e;
        await abortableSleep(Math.min(wait, this.retry.maxDelayMs), signal);
      }
    }
  }

  getConversationItems(opts, o) { return this.#call('GetConversationItems', opts, o); }
  getImItems(opts, o) { return this.#call('GetImItems', opts, o); }
  getImItemList(opts, o) { return this.#call('GetImItemList', opts, o); }
  async syncFolderItems(opts, o) {
    const r = await this.#call('SyncFolderItems', opts, o);
    return r.responseMessages[0];
  }
  async *syncFolderItemsPages(opts, { signal, onProgress } = {}) {
    let syncState = opts.syncState;
    let pages = 0;
    let changes = 0;
    for (;;) {
      const page = await this.syncFolderItems({ ...opts, syncState }, { signal });
      pages++;
      changes += page.changes?.length ?? 0;
      syncState = page.syncState;
      onProgress?.({ pages, changes, syncState, includesLastItemInRange: page.includesLastItemInRange });
      yield page;
      if (page.includesLastItemInRange !== false) return;
    }
  }
}

/**
 * The client the page sends with: `new EwsClient(config)` from the package when
 * it exists, else the stand-in. `config` is EwsClient's option object.
 */
export function createClient(config) {
  return hasEwsClient ? new ews.EwsClient(config) : new StandInClient(config);
}

