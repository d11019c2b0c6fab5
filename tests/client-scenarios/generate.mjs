// Writes the client scenario table: one JSON file per scenario in this
// directory, run by BOTH clients (tests/client_scenarios.rs against the Rust
// EwsClient, tests/js/client-scenarios.test.mjs against the JavaScript
// EwsClient of the built package). Each file says what the server answers,
// in order, and what must happen: the requests, the retries (and their
// waits), and the outcome. The expectations are written here by hand from
// the rules in docs/client.md, not recorded from a run.
//
//   node tests/client-scenarios/generate.mjs
//
// Answers: { status, statusText?, headers?, body } | { fixture, replace?: [from, to], status?, headers? }
//   | { network: message } | { hang: true } (no answer: the attempt times out).
// Each run uses a fixed clock (`now`) and a fixed jitter draw (`jitter`, default 0.5),
// so exponential back-off is exact: d = base · 2^n, wait = d/2 + (d/2) · jitter.
import { writeFileSync, readdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = dirname(fileURLToPath(import.meta.url));
const NOW = 'Wed, 21 Oct 2015 07:28:00 GMT';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const env = (body) => `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${SOAP}"><s:Body>${body}</s:Body></s:Envelope>`;

/** A SyncFolderItems page: state (or none), last, created item ids. */
function sfi(state, last, creates = []) {
  const changes = creates.map((id) => `<t:Create><t:Message><t:ItemId Id="${id}" ChangeKey="CK${id}"/></t:Message></t:Create>`).join('');
  const st = state === null ? '' : `<m:SyncState>${state}</m:SyncState>`;
  return env(`<m:SyncFolderItemsResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>${st}<m:IncludesLastItemInRange>${last}</m:IncludesLastItemInRange><m:Changes>${changes}</m:Changes></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse>`);
}

/** A SyncFolderItems Error message (IncludesLastItemInRange true and an empty state, as Exchange writes them). */
function sfiError(code, backOff) {
  const xml = backOff === undefined ? '' : `<m:MessageXml><t:Value Name="BackOffMilliseconds">${backOff}</t:Value></m:MessageXml>`;
  return env(`<m:SyncFolderItemsResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages><m:SyncFolderItemsResponseMessage ResponseClass="Error"><m:MessageText>failed</m:MessageText><m:ResponseCode>${code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>${xml}<m:SyncState/><m:IncludesLastItemInRange>true</m:IncludesLastItemInRange></m:SyncFolderItemsResponseMessage></m:ResponseMessages></m:SyncFolderItemsResponse>`);
}

/** A GetConversationItems response: [id, state, nodes] or [id, { error, backOff? }]. */
function gci(messages) {
  const body = messages.map(([id, a, n]) => {
    if (typeof a === 'object') {
      const xml = a.backOff === undefined ? '' : `<m:MessageXml><t:Value Name="BackOffMilliseconds">${a.backOff}</t:Value></m:MessageXml>`;
      return `<m:GetConversationItemsResponseMessage ResponseClass="Error"><m:MessageText>failed</m:MessageText><m:ResponseCode>${a.error}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>${xml}</m:GetConversationItemsResponseMessage>`;
    }
    const nodes = Array.from({ length: n }, (_, i) => `<t:ConversationNode><t:InternetMessageId>&lt;${id}.${i}@x&gt;</t:InternetMessageId><t:Items><t:Message><t:ItemId Id="${id}-${i}"/></t:Message></t:Items></t:ConversationNode>`).join('');
    return `<m:GetConversationItemsResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Conversation><t:ConversationId Id="${id}"/><t:SyncState>${a}</t:SyncState><t:ConversationNodes>${nodes}</t:ConversationNodes></m:Conversation></m:GetConversationItemsResponseMessage>`;
  }).join('');
  return env(`<m:GetConversationItemsResponse xmlns:m="${M}" xmlns:t="${T}"><m:ResponseMessages>${body}</m:ResponseMessages></m:GetConversationItemsResponse>`);
}

/** A GetImItemList response (Success, or an Error code). */
function imList(code) {
  const cls = code ? 'Error' : 'Success';
  const list = code ? '' : '<m:ImItemList><t:Groups/><t:Personas/></m:ImItemList>';
  return env(`<m:GetImItemListResponse ResponseClass="${cls}" xmlns:m="${M}" xmlns:t="${T}">${code ? '<m:MessageText>failed</m:MessageText>' : ''}<m:ResponseCode>${code ?? 'NoError'}</m:ResponseCode>${list}</m:GetImItemListResponse>`);
}

const ok = (body) => ({ status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body });
const http = (status, statusText, headers = {}, body = '<html><body>error</body></html>') => ({ status, statusText, headers: { 'Content-Type': 'text/html', ...headers }, body });
const xml500 = (fixture) => ({ status: 500, statusText: 'Internal Server Error', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, fixture });
const REAL_BUSY = 'real/sfi-o365-15.20.8769-V2018_01_08-error-server-busy.xml';
const NO_CHANGES = 'real/sfi-o365-15.20.3370-V2018_01_08-no-changes.xml';
const fixture200 = (fixture, replace) => ({ status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/xml; charset=utf-8' }, fixture, ...(replace ? { replace } : {}) });

const SFI = { itemShape: { baseShape: 'IdOnly' }, syncFolderId: { distinguishedFolderId: { id: 'inbox' } }, maxChangesReturned: 2 };
const GCI = (ids) => ({ itemShape: { baseShape: 'IdOnly' }, conversations: ids.map((id) => ({ conversationId: { id } })) });
const one = (options = SFI) => ({ method: 'syncFolderItems', options });
const pages = (state, restart = false) => ({ method: 'syncFolderItemsPages', options: state === undefined ? SFI : { ...SFI, syncState: state }, restart });
const okResult = { result: { responseClass: 'Success' } };
const sent = (n, op = 'SyncFolderItems') => Array.from({ length: n }, () => ({ op }));
const ev = (attempt, delayMs, code, extra = {}) => ({ attempt, delayMs, code, ...extra });

const S = [];
const add = (name, about, spec) => S.push({ name, about, ...spec });

// ---- success and the server's own waits
add('ok-first-try', 'A Success page on the first attempt: no retry.', {
  call: one(), answers: [ok(sfi('S1', true, ['a']))],
  expect: { requests: 1, retries: [], sent: [{ op: 'SyncFolderItems', states: [] }], outcome: { result: { responseClass: 'Success', syncState: 'S1', includesLastItemInRange: true } } },
});
add('busy-message-200-backoff', 'ErrorServerBusy as an Error message inside HTTP 200 (a real Exchange Online capture, BackOffMilliseconds 5000): retried after 5000 ms.', {
  call: one(), answers: [fixture200(REAL_BUSY), fixture200(NO_CHANGES)],
  expect: { requests: 2, retries: [ev(1, 5000, 'ERR_RESPONSE', { responseCode: 'ErrorServerBusy' })], outcome: okResult },
});
add('busy-fault-500-backoff', 'ErrorServerBusy as a SOAP Fault with HTTP 500, BackOffMilliseconds 48310: retried after it.', {
  call: one(), answers: [xml500('fault-server-busy.xml'), fixture200(NO_CHANGES)],
  expect: { requests: 2, retries: [ev(1, 48310, 'ERR_SOAP_FAULT', { status: 500, responseCode: 'ErrorServerBusy' })], outcome: okResult },
});
add('busy-fault-500-wait-capped', 'The fault\'s 48310 ms is cut to maxDelayMs 10000.', {
  client: { retry: { maxDelayMs: 10000 } },
  call: one(), answers: [xml500('fault-server-busy.xml'), fixture200(NO_CHANGES)],
  expect: { requests: 2, retries: [ev(1, 10000, 'ERR_SOAP_FAULT')], outcome: okResult },
});
add('busy-fault-in-200', 'A busy SOAP Fault that came with HTTP 200 is the same fault: retried after its BackOffMilliseconds.', {
  call: one(), answers: [fixture200('fault-server-busy.xml'), fixture200(NO_CHANGES)],
  expect: { requests: 2, retries: [ev(1, 48310, 'ERR_SOAP_FAULT', { status: 200 })], outcome: okResult },
});
add('busy-message-gci-backoff', 'ErrorServerBusy as one GetConversationItems message (BackOffMilliseconds 700): the whole request is retried after 700 ms.', {
  call: { method: 'getConversationItems', options: GCI(['C1', 'C2']) },
  answers: [ok(gci([['C1', 'QUEx', 1], ['C2', { error: 'ErrorServerBusy', backOff: 700 }]])), ok(gci([['C1', 'QUEx', 1], ['C2', 'QkIx', 2]]))],
  expect: { requests: 2, retries: [ev(1, 700, 'ERR_RESPONSE', { responseCode: 'ErrorServerBusy' })], sent: [{ op: 'GetConversationItems', ids: ['C1', 'C2'] }, { op: 'GetConversationItems', ids: ['C1', 'C2'] }], outcome: { result: { responseMessages: [{ responseClass: 'Success' }, { responseClass: 'Success' }] } } },
});
add('busy-message-without-backoff', 'ErrorServerBusy without BackOffMilliseconds: exponential back-off (500 ms base, jitter 0.5 → 375 ms).', {
  call: one(), answers: [ok(sfiError('ErrorServerBusy')), ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 375, 'ERR_RESPONSE', { responseCode: 'ErrorServerBusy' })], outcome: okResult },
});
add('retries-exhausted-busy', 'Busy on every attempt: 1 + maxRetries (3) attempts, then the last error, with its BackOffMilliseconds.', {
  call: one(), answers: Array(4).fill(fixture200(REAL_BUSY)),
  expect: { requests: 4, retries: [ev(1, 5000, 'ERR_RESPONSE'), ev(2, 5000, 'ERR_RESPONSE'), ev(3, 5000, 'ERR_RESPONSE')], outcome: { error: { code: 'ERR_RESPONSE', responseCode: 'ErrorServerBusy', backOffMilliseconds: 5000, operation: 'SyncFolderItems', response: { responseClass: 'Error', responseCode: 'ErrorServerBusy' } } } },
});

// ---- HTTP statuses and Retry-After
add('503-retry-after-seconds', 'HTTP 503 with Retry-After: 2 (delay-seconds): retried after 2000 ms.', {
  call: one(), answers: [http(503, 'Service Unavailable', { 'Retry-After': '2' }), ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 2000, 'ERR_HTTP', { status: 503 })], outcome: okResult },
});
add('429-retry-after-http-date', 'HTTP 429 with Retry-After as an IMF-fixdate 7 s after the clock: retried after 7000 ms.', {
  call: one(), answers: [http(429, 'Too Many Requests', { 'Retry-After': 'Wed, 21 Oct 2015 07:28:07 GMT' }), ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 7000, 'ERR_HTTP', { status: 429 })], outcome: okResult },
});
add('503-retry-after-rfc850-date', 'Retry-After in the obsolete RFC 850 form (recipients must accept it): 30 s → 30000 ms.', {
  call: one(), answers: [http(503, 'Service Unavailable', { 'Retry-After': 'Wednesday, 21-Oct-15 07:28:30 GMT' }), ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 30000, 'ERR_HTTP')], outcome: okResult },
});
add('503-retry-after-past-date', 'Retry-After with a date already past: no wait.', {
  call: one(), answers: [http(503, 'Service Unavailable', { 'Retry-After': 'Wed, 21 Oct 2015 07:00:00 GMT' }), ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 0, 'ERR_HTTP')], outcome: okResult },
});
add('503-retry-after-iso-date-is-malformed', 'Retry-After as an ISO 8601 date is not an HTTP-date (RFC 9110): ignored, exponential back-off (375 ms).', {
  call: one(), answers: [http(503, 'Service Unavailable', { 'Retry-After': '2015-10-21T07:28:07Z' }), ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 375, 'ERR_HTTP')], outcome: okResult },
});
add('503-retry-after-words-are-malformed', 'Retry-After: "soon" and "1.5": ignored, exponential back-off (375, then 750 ms).', {
  call: one(), answers: [http(503, 'Service Unavailable', { 'Retry-After': 'soon' }), http(503, 'Service Unavailable', { 'Retry-After': '1.5' }), ok(sfi('S1', true))],
  expect: { requests: 3, retries: [ev(1, 375, 'ERR_HTTP'), ev(2, 750, 'ERR_HTTP')], outcome: okResult },
});
add('retry-after-capped', 'Retry-After: 3600 is cut to maxDelayMs (60000).', {
  call: one(), answers: [http(503, 'Service Unavailable', { 'Retry-After': '3600' }), ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 60000, 'ERR_HTTP')], outcome: okResult },
});
add('502-is-retried', 'HTTP 502 (no Retry-After): retried with back-off.', {
  call: one(), answers: [http(502, 'Bad Gateway'), ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 375, 'ERR_HTTP', { status: 502 })], outcome: okResult },
});
add('504-is-retried', 'HTTP 504: retried with back-off.', {
  call: one(), answers: [http(504, 'Gateway Timeout'), ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 375, 'ERR_HTTP', { status: 504 })], outcome: okResult },
});
add('backoff-doubles', 'Three 503s without a wait: 375, 750, 1500 ms (d = 500 · 2^n, jitter 0.5).', {
  call: one(), answers: [http(503, ''), http(503, ''), http(503, ''), ok(sfi('S1', true))],
  expect: { requests: 4, retries: [ev(1, 375, 'ERR_HTTP'), ev(2, 750, 'ERR_HTTP'), ev(3, 1500, 'ERR_HTTP')], outcome: okResult },
});
add('backoff-jitter-bounds', 'Jitter 0 gives the lower bound d/2, whatever the attempt.', {
  jitter: 0, call: one(), answers: [http(503, ''), http(503, ''), ok(sfi('S1', true))],
  expect: { requests: 3, retries: [ev(1, 250, 'ERR_HTTP'), ev(2, 500, 'ERR_HTTP')], outcome: okResult },
});
add('backoff-capped', 'A large baseDelayMs: d is capped at maxDelayMs before the jitter (30000 then 45000).', {
  client: { retry: { baseDelayMs: 40000 } }, call: one(), answers: [http(503, ''), http(503, ''), ok(sfi('S1', true))],
  expect: { requests: 3, retries: [ev(1, 30000, 'ERR_HTTP'), ev(2, 45000, 'ERR_HTTP')], outcome: okResult },
});
add('retries-off', 'maxRetries 0: the first 503 is the answer.', {
  client: { retry: { maxRetries: 0 } }, call: one(), answers: [http(503, 'Service Unavailable', { 'Retry-After': '1' })],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_HTTP', status: 503, statusText: 'Service Unavailable', retryAfterMs: 1000 } } },
});
add('503-exhausted', 'HTTP 503 on every attempt: ERR_HTTP with status and retryAfterMs after 3 retries.', {
  call: one(), answers: Array(4).fill(http(503, 'Service Unavailable', { 'Retry-After': '0' })),
  expect: { requests: 4, retries: [ev(1, 0, 'ERR_HTTP'), ev(2, 0, 'ERR_HTTP'), ev(3, 0, 'ERR_HTTP')], outcome: { error: { code: 'ERR_HTTP', status: 503, retryAfterMs: 0 } } },
});
for (const [status, text] of [[401, 'Unauthorized'], [403, 'Forbidden'], [407, 'Proxy Authentication Required']]) {
  add(`${status}-not-retried`, `HTTP ${status}: ERR_HTTP, the body (an HTML login page) is not parsed, no retry.`, {
    call: one(), answers: [{ ...http(status, text), fixture: 'html-login-page.html', body: undefined }],
    expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_HTTP', status, statusText: text } } },
  });
}
add('401-with-xml-content-type', 'HTTP 401 even with an XML content type and a SOAP body: ERR_HTTP, never parsed.', {
  call: one(), answers: [{ status: 401, statusText: 'Unauthorized', headers: { 'Content-Type': 'text/xml' }, fixture: 'fault-schema-validation.xml' }],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_HTTP', status: 401 } } },
});
add('404-not-retried', 'HTTP 404 with HTML: ERR_HTTP, no retry.', {
  call: one(), answers: [http(404, 'Not Found')],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_HTTP', status: 404 } } },
});
add('500-html-not-retried', 'HTTP 500 with an HTML page (not a Fault): ERR_HTTP 500, no retry.', {
  call: one(), answers: [{ ...http(500, 'Internal Server Error'), fixture: 'html-login-page.html', body: undefined }],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_HTTP', status: 500 } } },
});
add('500-fault-not-retried', 'HTTP 500 with a Fault that is not ErrorServerBusy: ERR_SOAP_FAULT with status 500, no retry.', {
  call: one(), answers: [xml500('fault-schema-validation.xml')],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_SOAP_FAULT', status: 500, responseCode: 'ErrorSchemaValidation' } } },
});
add('html-200-malformed', 'HTTP 200 with an HTML page: ERR_MALFORMED_XML, not retried.', {
  call: one(), answers: [{ status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html' }, fixture: 'html-login-page.html' }],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_MALFORMED_XML' } } },
});
add('empty-200-not-retried', 'HTTP 200 with an empty body: a parse error, not retried.', {
  call: one(), answers: [{ status: 200, statusText: 'OK', headers: {}, body: '' }],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_MALFORMED_XML' } } },
});
add('empty-503-retried', 'HTTP 503 with an empty body: ERR_HTTP, retried.', {
  call: one(), answers: [{ status: 503, statusText: '', headers: {}, body: '' }, ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 375, 'ERR_HTTP', { status: 503 })], outcome: okResult },
});
add('limit-not-retried', 'A response over limits.maxResponseBytes: ERR_LIMIT, not retried.', {
  client: { limits: { maxResponseBytes: 100 } }, call: one(), answers: [ok(sfi('S1', true))],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_LIMIT', limit: 100 } } },
});
add('error-message-not-retried', 'An Error message other than ErrorServerBusy: ERR_RESPONSE with the message, not retried.', {
  call: one(), answers: [fixture200('sfi-error-invalid-syncstate.xml')],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_RESPONSE', operation: 'SyncFolderItems', responseCode: 'ErrorInvalidSyncStateData', response: { responseClass: 'Error', responseCode: 'ErrorInvalidSyncStateData' } } } },
});
add('gci-error-keeps-full-response', 'GetConversationItems with one Error message: ERR_RESPONSE, `response` is that message and `fullResponse` keeps the conversation that succeeded.', {
  call: { method: 'getConversationItems', options: GCI(['C1', 'C2']) }, answers: [ok(gci([['C1', 'QUEx', 2], ['C2', { error: 'ErrorItemNotFound' }]]))],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_RESPONSE', operation: 'GetConversationItems', responseCode: 'ErrorItemNotFound', response: { responseClass: 'Error' }, fullResponse: { responseMessages: [{ responseClass: 'Success' }, { responseClass: 'Error', responseCode: 'ErrorItemNotFound' }] } } } },
});
add('im-list-error', 'GetImItemList answered with an Error: ERR_RESPONSE (the response is its own message).', {
  call: { method: 'getImItemList', options: {} }, answers: [ok(imList('ErrorAccessDenied'))],
  expect: { requests: 1, retries: [], sent: [{ op: 'GetImItemList' }], outcome: { error: { code: 'ERR_RESPONSE', operation: 'GetImItemList', responseCode: 'ErrorAccessDenied', response: { responseClass: 'Error' } } } },
});
add('im-list-busy-retried', 'GetImItemList answered ErrorServerBusy: retried.', {
  call: { method: 'getImItemList', options: {} }, answers: [ok(imList('ErrorServerBusy')), ok(imList())],
  expect: { requests: 2, retries: [ev(1, 375, 'ERR_RESPONSE', { responseCode: 'ErrorServerBusy' })], outcome: { result: { responseClass: 'Success' } } },
});

// ---- network, timeout, abort
add('network-retried', 'A network failure, then an answer: retried after back-off.', {
  call: one(), answers: [{ network: 'connect ECONNRESET' }, ok(sfi('S1', true))],
  expect: { requests: 2, retries: [ev(1, 375, 'ERR_NETWORK')], outcome: okResult },
});
add('network-exhausted-scrubbed', 'Network failures until the retries run out: ERR_NETWORK (operation kept), with the password, its base64 and the URL user-info scrubbed from the message.', {
  client: { auth: { basic: { username: 'alexw', password: 'Sup3r-Secret' } }, retry: { maxRetries: 1 } },
  call: { method: 'getImItemList', options: {} },
  answers: Array(2).fill({ network: 'connect failed: https://alexw:Sup3r-Secret@mail.example.com/EWS?x=Sup3r-Secret (YWxleHc6U3VwM3ItU2VjcmV0)' }),
  expect: { requests: 2, retries: [ev(1, 375, 'ERR_NETWORK')], outcome: { error: { code: 'ERR_NETWORK', operation: 'GetImItemList' } }, messageIncludes: 'https://***@mail.example.com/EWS', secrets: ['Sup3r-Secret', 'YWxleHc6U3VwM3ItU2VjcmV0'] },
});
add('secrets-bearer-and-token-headers', 'A bearer token, a Proxy-Authorization value and an X-*token* header value never appear in an error, though the transport\'s message holds them.', {
  client: { auth: { bearer: 'tok-Secret-xyz' }, headers: { 'X-Auth-Token': 'xtok-Secret-42', 'Proxy-Authorization': 'Basic cHJveHk6U2VjcmV0UA==' }, retry: { maxRetries: 0 } },
  call: one(), answers: [{ network: 'refused: Bearer tok-Secret-xyz; x-auth-token=xtok-Secret-42; proxy Basic cHJveHk6U2VjcmV0UA==' }],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_NETWORK' } }, secrets: ['tok-Secret-xyz', 'xtok-Secret-42', 'cHJveHk6U2VjcmV0UA=='] },
});
add('secrets-not-in-http-errors', 'Failed answers of every kind with Basic auth: no error carries the password or its base64.', {
  client: { auth: { basic: { username: 'alexw', password: 'Pw-Secret-9' } }, retry: { maxRetries: 1 } },
  call: one(), answers: [{ ...http(401, 'Unauthorized'), fixture: 'html-login-page.html', body: undefined }],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_HTTP', status: 401 } }, secrets: ['Pw-Secret-9', 'YWxleHc6UHctU2VjcmV0LTk='] },
});
add('timeout-retried', 'Two attempts get no answer within timeoutMs, the third does: timed-out attempts are retried.', {
  client: { timeoutMs: 1234 }, call: one(), answers: [{ hang: true }, { hang: true }, ok(sfi('S1', true))],
  expect: { requests: 3, retries: [ev(1, 375, 'ERR_TIMEOUT'), ev(2, 750, 'ERR_TIMEOUT')], outcome: okResult },
});
add('timeout-exhausted', 'No answer on any attempt: ERR_TIMEOUT with timeoutMs when the retries run out.', {
  client: { timeoutMs: 1234 }, call: one(), answers: Array(4).fill({ hang: true }),
  expect: { requests: 4, retries: [ev(1, 375, 'ERR_TIMEOUT'), ev(2, 750, 'ERR_TIMEOUT'), ev(3, 1500, 'ERR_TIMEOUT')], outcome: { error: { code: 'ERR_TIMEOUT', timeoutMs: 1234 } } },
});
add('timeout-no-retries', 'maxRetries 0: the first timeout is the answer.', {
  client: { timeoutMs: 7, retry: { maxRetries: 0 } }, call: one(), answers: [{ hang: true }],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_TIMEOUT', timeoutMs: 7 } } },
});
add('abort-during-backoff', 'The caller aborts while the client waits out Retry-After: 30: ERR_ABORTED at once, nothing more is sent.', {
  abortDuringWait: 1, call: one(), answers: [http(503, 'Service Unavailable', { 'Retry-After': '30' })],
  expect: { requests: 1, retries: [ev(1, 30000, 'ERR_HTTP')], outcome: { error: { code: 'ERR_ABORTED' } } },
});

// ---- paging
add('pages-hand-off', 'Each page\'s SyncState goes into the next request; a busy page is resent with the same state; the end is IncludesLastItemInRange.', {
  call: pages('S0'), answers: [ok(sfi('S1', false, ['a', 'b'])), fixture200(REAL_BUSY), ok(sfi('S2', false, ['c', 'd'])), ok(sfi('S3', true, ['e']))],
  expect: {
    requests: 4, retries: [ev(1, 5000, 'ERR_RESPONSE')],
    sent: [{ op: 'SyncFolderItems', states: ['S0'] }, { op: 'SyncFolderItems', states: ['S1'] }, { op: 'SyncFolderItems', states: ['S1'] }, { op: 'SyncFolderItems', states: ['S2'] }],
    outcome: { pages: [{ syncState: 'S1', changes: 2, restarted: false }, { syncState: 'S2', changes: 2, restarted: false }, { syncState: 'S3', changes: 1, restarted: false }], progress: { pages: 3, changes: 5, retries: 1, restarts: 0, syncState: 'S3', includesLastItemInRange: true } },
  },
});
add('pages-from-start', 'No SyncState to start with: the first request has none.', {
  call: pages(), answers: [ok(sfi('S1', false, ['a'])), ok(sfi('S2', true))],
  expect: { requests: 2, retries: [], sent: [{ op: 'SyncFolderItems', states: [] }, { op: 'SyncFolderItems', states: ['S1'] }], outcome: { pages: [{ syncState: 'S1', changes: 1, restarted: false }, { syncState: 'S2', changes: 0, restarted: false }] } },
});
add('stall-same-state', 'A page that returns the SyncState it was sent, no changes, IncludesLastItemInRange false: ERR_SYNC_STALLED.', {
  call: pages(), answers: [ok(sfi('S1', false, ['a'])), ok(sfi('S1', false))],
  expect: { requests: 2, retries: [], outcome: { pages: [{ syncState: 'S1', changes: 1, restarted: false }], error: { code: 'ERR_SYNC_STALLED', syncState: 'S1', pages: 1, response: { responseClass: 'Success', syncState: 'S1' } } } },
});
add('stall-no-state', 'A page without a SyncState and IncludesLastItemInRange false: ERR_SYNC_STALLED.', {
  call: pages('S0'), answers: [ok(sfi(null, false, ['a']))],
  expect: { requests: 1, retries: [], outcome: { pages: [], error: { code: 'ERR_SYNC_STALLED', syncState: 'S0', pages: 0 } } },
});
add('same-state-with-changes-advances', 'The same SyncState back but with changes is progress, not a stall.', {
  call: pages('S1'), answers: [ok(sfi('S1', false, ['a'])), ok(sfi('S2', true))],
  expect: { requests: 2, retries: [], outcome: { pages: [{ syncState: 'S1', changes: 1, restarted: false }, { syncState: 'S2', changes: 0, restarted: false }] } },
});
add('error-message-never-ends-sync', 'An Error message saying IncludesLastItemInRange true does not end the sync: ERR_RESPONSE.', {
  call: pages(), answers: [ok(sfi('S1', false, ['a'])), fixture200(REAL_BUSY, ['ErrorServerBusy', 'ErrorMailboxStoreUnavailable'])],
  expect: { requests: 2, retries: [], outcome: { pages: [{ syncState: 'S1', changes: 1, restarted: false }], error: { code: 'ERR_RESPONSE', responseCode: 'ErrorMailboxStoreUnavailable' } } },
});
add('invalid-sync-state-throws', 'ErrorInvalidSyncStateData with onInvalidSyncState throw (the default): ERR_RESPONSE.', {
  call: pages('OLD'), answers: [fixture200('sfi-error-invalid-syncstate.xml')],
  expect: { requests: 1, retries: [], outcome: { pages: [], error: { code: 'ERR_RESPONSE', responseCode: 'ErrorInvalidSyncStateData' } } },
});
add('invalid-sync-state-restart', 'ErrorInvalidSyncStateData with restart: the sync starts again from no SyncState and the next page is restarted.', {
  call: pages('OLD', true), answers: [fixture200('sfi-error-invalid-syncstate.xml'), ok(sfi('N1', false, ['x'])), ok(sfi('N2', true, ['y']))],
  expect: {
    requests: 3, retries: [], sent: [{ op: 'SyncFolderItems', states: ['OLD'] }, { op: 'SyncFolderItems', states: [] }, { op: 'SyncFolderItems', states: ['N1'] }],
    outcome: { pages: [{ syncState: 'N1', changes: 1, restarted: true }, { syncState: 'N2', changes: 1, restarted: false }], progress: { pages: 2, restarts: 1 } },
  },
});
add('invalid-without-state-no-restart', 'ErrorInvalidSyncStateData for a request without a SyncState: an error even with restart (no loop).', {
  call: pages(undefined, true), answers: [fixture200('sfi-error-invalid-syncstate.xml')],
  expect: { requests: 1, retries: [], outcome: { pages: [], error: { code: 'ERR_RESPONSE', responseCode: 'ErrorInvalidSyncStateData' } } },
});
add('restarts-capped', 'At most 3 restarts per run: the fourth ErrorInvalidSyncStateData is thrown.', {
  call: pages('OLD', true),
  answers: [fixture200('sfi-error-invalid-syncstate.xml'), ok(sfi('N1', false, ['a'])), fixture200('sfi-error-invalid-syncstate.xml'), ok(sfi('N2', false, ['b'])), fixture200('sfi-error-invalid-syncstate.xml'), ok(sfi('N3', false, ['c'])), fixture200('sfi-error-invalid-syncstate.xml')],
  expect: { requests: 7, retries: [], outcome: { pages: [{ syncState: 'N1', changes: 1, restarted: true }, { syncState: 'N2', changes: 1, restarted: true }, { syncState: 'N3', changes: 1, restarted: true }], error: { code: 'ERR_RESPONSE', responseCode: 'ErrorInvalidSyncStateData' } } },
});

// ---- ConversationSync
add('conversation-sync-sends-states', 'ConversationSync fills in each remembered SyncState and remembers the new ones.', {
  call: { method: 'conversationSync', options: GCI(['C1', 'C2']), syncStates: { C1: 'QUEx', C2: 'QkIx' } },
  answers: [ok(gci([['C1', 'QUEy', 1], ['C2', 'QkIy', 0]]))],
  expect: { requests: 1, retries: [], sent: [{ op: 'GetConversationItems', ids: ['C1', 'C2'], states: ['QUEx', 'QkIx'] }], outcome: { result: { responseMessages: [{ responseClass: 'Success' }, { responseClass: 'Success' }] }, syncStates: { C1: 'QUEy', C2: 'QkIy' }, restarted: [] } },
});
add('conversation-sync-restart', 'ErrorInvalidSyncStateData for a state it sent, with restart: that conversation is asked again without a state and marked restarted.', {
  call: { method: 'conversationSync', options: GCI(['C1', 'C2']), syncStates: { C1: 'QUEx', C2: 'QkIx' }, restart: true },
  answers: [ok(gci([['C1', { error: 'ErrorInvalidSyncStateData' }], ['C2', 'QkIz', 0]])), ok(gci([['C1', 'QUE5', 4]]))],
  expect: {
    requests: 2, retries: [], sent: [{ op: 'GetConversationItems', ids: ['C1', 'C2'], states: ['QUEx', 'QkIx'] }, { op: 'GetConversationItems', ids: ['C1'], states: [] }],
    outcome: { result: { responseMessages: [{ responseClass: 'Success' }, { responseClass: 'Success' }] }, syncStates: { C1: 'QUE5', C2: 'QkIz' }, restarted: [0] },
  },
});
add('conversation-sync-invalid-throws', 'Without restart, ErrorInvalidSyncStateData is ERR_RESPONSE and nothing is remembered.', {
  call: { method: 'conversationSync', options: GCI(['C1']), syncStates: { C1: 'QUEx' } },
  answers: [ok(gci([['C1', { error: 'ErrorInvalidSyncStateData' }]]))],
  expect: { requests: 1, retries: [], outcome: { error: { code: 'ERR_RESPONSE', responseCode: 'ErrorInvalidSyncStateData' }, syncStates: { C1: 'QUEx' } } },
});

// ---- the Outlook transport
for (const [method, op, options] of [['syncFolderItems', 'SyncFolderItems', SFI], ['getImItems', 'GetImItems', { contactIds: [{ id: 'AAMk' }] }], ['getImItemList', 'GetImItemList', {}]]) {
  add(`outlook-refuses-${op}`, `The Outlook transport refuses ${op} before calling Outlook: ERR_NOT_SUPPORTED, not retried.`, {
    transport: 'outlook', call: { method, options }, answers: [],
    expect: { requests: 1, retries: [], sent: [], outcome: { error: { code: 'ERR_NOT_SUPPORTED', operation: op } } },
  });
}
add('outlook-refuses-pages', 'syncFolderItemsPages through the Outlook transport: ERR_NOT_SUPPORTED on the first page.', {
  transport: 'outlook', call: pages(), answers: [],
  expect: { requests: 1, retries: [], sent: [], outcome: { pages: [], error: { code: 'ERR_NOT_SUPPORTED', operation: 'SyncFolderItems' } } },
});
add('outlook-carries-gci', 'GetConversationItems goes through the Outlook transport.', {
  transport: 'outlook', call: { method: 'getConversationItems', options: GCI(['C1']) }, answers: [{ body: gci([['C1', 'QUEx', 2]]) }],
  expect: { requests: 1, retries: [], sent: [{ op: 'GetConversationItems', ids: ['C1'] }], outcome: { result: { responseMessages: [{ responseClass: 'Success' }] } } },
});

// ---- ErrorInvalidSyncStateData as a SOAP Fault in HTTP 200, as gromox sends it (docs/servers.md)
add('invalid-sync-state-fault-restart', 'ErrorInvalidSyncStateData as a SOAP Fault (gromox), with restart: restarts like the Error message.', {
  call: pages('OLD', true), answers: [fixture200('gromox-fault-invalid-syncstate.xml'), ok(sfi('N1', true, ['x']))],
  expect: {
    requests: 2, retries: [], sent: [{ op: 'SyncFolderItems', states: ['OLD'] }, { op: 'SyncFolderItems', states: [] }],
    outcome: { pages: [{ syncState: 'N1', changes: 1, restarted: true }], progress: { pages: 1, restarts: 1 } },
  },
});
add('invalid-sync-state-fault-throws', 'ErrorInvalidSyncStateData as a SOAP Fault without restart: ERR_SOAP_FAULT, not retried.', {
  call: pages('OLD'), answers: [fixture200('gromox-fault-invalid-syncstate.xml')],
  expect: { requests: 1, retries: [], outcome: { pages: [], error: { code: 'ERR_SOAP_FAULT', responseCode: 'ErrorInvalidSyncStateData' } } },
});

// ---- write
for (const f of readdirSync(DIR)) if (f.endsWith('.json')) unlinkSync(join(DIR, f));
for (const [i, s] of S.entries()) {
  const file = `${String(i + 1).padStart(2, '0')}-${s.name}.json`;
  const full = { about: s.about, now: NOW, jitter: 0.5, client: {}, transport: 'http', ...s };
  delete full.name;
  for (const a of full.answers) if (a.body === undefined) delete a.body;
  writeFileSync(join(DIR, file), `${JSON.stringify({ name: s.name, ...full }, null, 1)}\n`);
}
console.log(`${S.length} scenarios written`);
