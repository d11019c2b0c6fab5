// ---------------------------------------------------------------------------
// Functions and classes (hand-written: src/ts_api.d.ts)

/** A response body: the text, or its bytes (UTF-8, or UTF-16 with a BOM). */
export type ResponseBody = string | Uint8Array | ArrayBuffer;

/**
 * A compiled `WebAssembly.Module`. Spelled through `globalThis` so that the
 * declarations also compile where no lib declares `WebAssembly` (a Node-only
 * project without the DOM lib).
 */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (...args: never[]) => infer M } } ? M : never;

/** What `init` can load the WebAssembly module from: a URL, a fetch `Request` or `Response`, the bytes, or a compiled module. */
export type InitInput = string | URL | Request | Response | ArrayBuffer | ArrayBufferView | WasmModule;

/**
 * Loads the WebAssembly module. In Node it is loaded at import and this does
 * nothing; in a browser call it once before the first call (it fetches
 * `ews_wasm_bg.wasm` next to the package, or takes what you pass).
 */
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** Builds a GetConversationItems request envelope. Throws `EwsError` (`ERR_INVALID_OPTIONS`). */
export function buildGetConversationItemsRequest(options: GetConversationItemsOptions): string;
/** Builds a GetImItems request envelope. Throws `EwsError` (`ERR_INVALID_OPTIONS`). */
export function buildGetImItemsRequest(options?: GetImItemsOptions): string;
/** Builds a GetImItemList request envelope. Throws `EwsError` (`ERR_INVALID_OPTIONS`). */
export function buildGetImItemListRequest(options?: GetImItemListOptions): string;
/** Builds a SyncFolderItems request envelope. Throws `EwsError` (`ERR_INVALID_OPTIONS`). */
export function buildSyncFolderItemsRequest(options: SyncFolderItemsOptions): string;

/**
 * Parses a GetConversationItems response. Error and Warning messages are
 * returned as data; a malformed document, a non-SOAP body, a SOAP Fault or an
 * exceeded limit throws `EwsError`.
 */
export function parseGetConversationItemsResponse(xml: ResponseBody, limits?: Limits): GetConversationItemsResponse;
/** Parses a GetImItems response (see `parseGetConversationItemsResponse` for errors). */
export function parseGetImItemsResponse(xml: ResponseBody, limits?: Limits): GetImItemsResponse;
/** Parses a GetImItemList response (see `parseGetConversationItemsResponse` for errors). */
export function parseGetImItemListResponse(xml: ResponseBody, limits?: Limits): GetImItemListResponse;
/** Parses a SyncFolderItems response (see `parseGetConversationItemsResponse` for errors). */
export function parseSyncFolderItemsResponse(xml: ResponseBody, limits?: Limits): SyncFolderItemsResponse;

/**
 * A parsed conversation laid out as a reply tree, in display order: each node
 * is followed by its replies; a node whose parent is missing is a root (depth 0).
 */
export function conversationThread(conversation: Conversation): Array<ThreadEntry & { node: ConversationNode }>;

/** Every `code` an `EwsError` can have. */
export type EwsErrorCode =
  | 'ERR_INVALID_OPTIONS'
  | 'ERR_MALFORMED_XML'
  | 'ERR_NOT_SOAP'
  | 'ERR_LIMIT'
  | 'ERR_SOAP_FAULT'
  | 'ERR_RESPONSE'
  | 'ERR_HTTP'
  | 'ERR_NETWORK'
  | 'ERR_TIMEOUT'
  | 'ERR_ABORTED'
  | 'ERR_NOT_SUPPORTED'
  | 'ERR_SYNC_STALLED'
  | 'ERR_NOT_INITIALIZED'
  | 'ERR_INTERNAL';

/** The operations, by EWS name. */
export type OperationName = 'GetConversationItems' | 'GetImItems' | 'GetImItemList' | 'SyncFolderItems';

/**
 * What `ERR_RESPONSE` (and `ERR_SYNC_STALLED`) carry as `response`: the parsed
 * response message that is an Error (a SyncFolderItems or GetConversationItems
 * message; for GetImItems and GetImItemList the response is its own message).
 */
export type EwsErrorResponse = SyncFolderItemsResponseMessage | GetConversationItemsResponseMessage | GetImItemsResponse;

/**
 * Everything ews-wasm throws. Match on `code` (stable), never on `message`;
 * the other fields depend on the code.
 */
export class EwsError extends Error {
  constructor(code: EwsErrorCode, message: string, fields?: Record<string, unknown>, options?: { cause?: unknown });
  /** The stable machine-readable code. */
  readonly code: EwsErrorCode;
  /** `ERR_INVALID_OPTIONS`: the JS path of the bad option, e.g. `conversations[0].conversationId.id`. */
  path?: string;
  /** `ERR_MALFORMED_XML`: byte offset where the problem was found. */
  position?: number;
  /** `ERR_NOT_SOAP`: the element (or construct) found instead. */
  found?: string;
  /** `ERR_LIMIT`: which limit (`maxResponseBytes`, `maxDepth`). */
  limitName?: string;
  /** `ERR_LIMIT`: the configured limit. */
  limit?: number;
  /** `ERR_LIMIT`: the value that exceeded it. */
  value?: number;
  /** `ERR_SOAP_FAULT`: `faultcode`, as written (e.g. `a:ErrorServerBusy`). */
  faultCode?: string;
  /** `ERR_SOAP_FAULT`: `faultstring`. */
  faultString?: string;
  /** `ERR_SOAP_FAULT`: `faultactor`. */
  faultActor?: string;
  /** `ERR_SOAP_FAULT`: the detail's `Message`. */
  detailMessage?: string;
  /** `ERR_SOAP_FAULT`: the other detail entries, by JS name. */
  detail?: { [name: string]: string };
  /** `ERR_SOAP_FAULT`, `ERR_RESPONSE`: the EWS response code (e.g. `ErrorServerBusy`). */
  responseCode?: string;
  /** `ERR_SOAP_FAULT`, `ERR_RESPONSE`: how long a throttled server asks you to wait. */
  backOffMilliseconds?: number;
  /** `ERR_RESPONSE`: the message's `MessageText`. */
  messageText?: string;
  /** `ERR_RESPONSE`, `ERR_SYNC_STALLED`: the parsed response (see `EwsErrorResponse`). */
  response?: EwsErrorResponse;
  /** `ERR_RESPONSE` from GetConversationItems: the whole parsed response (the conversations that succeeded are in it). */
  fullResponse?: GetConversationItemsResponse;
  /** `ERR_HTTP` and `ERR_SOAP_FAULT` from the client: the HTTP status. */
  status?: number;
  /** `ERR_HTTP`: the HTTP status text. */
  statusText?: string;
  /** `ERR_HTTP`: `Retry-After`, in milliseconds, when the server sent one. */
  retryAfterMs?: number;
  /** `ERR_TIMEOUT`: the configured timeout. */
  timeoutMs?: number;
  /** `ERR_NOT_SUPPORTED`, `ERR_RESPONSE`, `ERR_NETWORK`: the operation. */
  operation?: string;
  /** `ERR_SYNC_STALLED`: the SyncState that stopped advancing. */
  syncState?: string;
  /** `ERR_SYNC_STALLED`: pages received before. */
  pages?: number;
  /** `ERR_NETWORK` from `outlookTransport`: Office's error code. */
  officeErrorCode?: number;
  /** `ERR_NETWORK` from `outlookTransport`: Office's error name. */
  officeErrorName?: string;
  /** `ERR_NETWORK`: `false` when resending cannot help. */
  retryable?: boolean;
}

/** How `EwsClient` authenticates: a bearer token or basic credentials (absent: cookies / integrated auth). */
export type EwsAuth =
  | { bearer: string; basic?: never }
  | { basic: { username: string; password: string }; bearer?: never };

/** What a transport is given with each request. */
export interface TransportContext {
  /** Aborts the request (the caller's signal or the client's timeout). */
  signal: AbortSignal;
  /** The HTTP headers to send (`Content-Type`, `Authorization`, the client's `headers`, ...). */
  headers: Record<string, string>;
  /** The operation being sent. */
  operation: OperationName;
}

/** What a transport resolves to: the response body, or the HTTP response. */
export type TransportResult =
  | ResponseBody
  | { status: number; statusText?: string; headers?: Headers | Record<string, string>; body?: ResponseBody };

/** Carries one request envelope (replaces fetch). */
export type Transport = (xml: string, context: TransportContext) => Promise<TransportResult>;

/** What `retry.onRetry` is told before each wait. */
export interface RetryEvent {
  operation: OperationName;
  /** The retry about to be made (1 for the first). */
  attempt: number;
  /** The wait before it, in milliseconds. */
  delayMs: number;
  /** The code of the error that is retried. */
  code: EwsErrorCode;
  status?: number;
  responseCode?: string;
  error: EwsError;
}

/** Retries of ErrorServerBusy, HTTP 429/502/503/504, network errors and timed-out attempts. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0: none). */
  maxRetries?: number;
  /** The longest single wait, in milliseconds (default 60000). */
  maxDelayMs?: number;
  /** The first exponential back-off step, in milliseconds (default 500), when the server gives no wait. */
  baseDelayMs?: number;
  /** Called before each wait. */
  onRetry?: (event: RetryEvent) => void;
}

/** The options of `new EwsClient(...)`. */
export interface EwsClientOptions {
  /** The EWS endpoint, e.g. `https://mail.example.com/EWS/Exchange.asmx` (required unless `transport` is given). */
  url?: string | URL;
  /** Authentication; absent: cookies / integrated auth (fetch `credentials: 'include'`). */
  auth?: EwsAuth;
  /** Default SOAP headers of every call (each call's `header` fields win). */
  header?: RequestHeader;
  /** Extra HTTP headers, e.g. `{ 'X-AnchorMailbox': 'a@b.c' }`. */
  headers?: Record<string, string>;
  /** Per HTTP attempt, in milliseconds (default 100000; `Infinity`: none); a timed-out attempt is retried. */
  timeoutMs?: number;
  /** Retry policy. */
  retry?: RetryOptions;
  /** Replaces fetch (e.g. `outlookTransport(Office.context.mailbox)`). */
  transport?: Transport;
  /** The fetch to use (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** fetch `credentials` (default `'include'` without `auth`, else `'same-origin'`). */
  credentials?: 'omit' | 'same-origin' | 'include';
  /** Parser limits for every response. */
  limits?: Limits;
  /** The back-off jitter draw, uniform in [0, 1) (default `Math.random`; tests pin it). */
  random?: () => number;
}

/** Per-call options of the `EwsClient` methods. */
export interface CallOptions {
  /** Aborts the call (`ERR_ABORTED`), waits between retries included. */
  signal?: AbortSignal;
  /** Per HTTP attempt, in milliseconds (default: the client's). */
  timeoutMs?: number;
  /** Extra HTTP headers for this call. */
  headers?: Record<string, string>;
  /** The `client-request-id` header (default: a new UUID per call). */
  clientRequestId?: string;
}

/** Progress of `syncFolderItemsPages`, reported after each page. */
export interface SyncProgress {
  /** Pages received so far. */
  pages: number;
  /** Changes received so far. */
  changes: number;
  /** Retries so far. */
  retries: number;
  /** Restarts after `ErrorInvalidSyncStateData` so far. */
  restarts: number;
  /** The latest sync state (save it to resume). */
  syncState?: string;
  /** Whether the last page has been received. */
  includesLastItemInRange: boolean;
}

/** Options of `EwsClient.syncFolderItemsPages`. */
export interface PagesOptions extends CallOptions {
  /** Called after each page, before it is yielded. */
  onProgress?: (progress: SyncProgress) => void;
  /** On `ErrorInvalidSyncStateData`: throw `ERR_RESPONSE` (default), or start again from an empty state. */
  onInvalidSyncState?: 'throw' | 'restart';
}

/** A page of `syncFolderItemsPages`: the response message, `restarted` on the first page after a restart. */
export interface SyncPage extends SyncFolderItemsResponseMessage {
  restarted?: true;
}

/** Options of `EwsClient.conversationSync`. */
export interface ConversationSyncOptions {
  /** Saved `syncStates` of an earlier helper: `{ [conversationId]: syncState }`. */
  syncStates?: Record<string, string>;
  /** On `ErrorInvalidSyncStateData`: throw `ERR_RESPONSE` (default), or ask again without the state. */
  onInvalidSyncState?: 'throw' | 'restart';
}

/** A GetConversationItems response from `ConversationSync`. */
export interface ConversationSyncResponse extends GetConversationItemsResponse {
  responseMessages: Array<GetConversationItemsResponseMessage & { restarted?: true }>;
}

/** Remembers each conversation's SyncState (from `EwsClient.conversationSync`). */
export interface ConversationSync {
  /** `{ [conversationId]: syncState }`, a copy to save. */
  readonly syncStates: Record<string, string>;
  /** The remembered SyncState of a conversation. */
  syncStateOf(conversationId: string): string | undefined;
  /** Forgets a conversation's SyncState (the next request gets all its items). */
  forget(conversationId: string): void;
  /** GetConversationItems with the remembered SyncStates; remembers the new ones. */
  getConversationItems(options: GetConversationItemsOptions, callOptions?: CallOptions): Promise<ConversationSyncResponse>;
}

/**
 * A client for the four operations over fetch (or a transport): builds, sends,
 * retries and parses. A response message with `responseClass: 'Error'`
 * throws `ERR_RESPONSE`.
 */
export class EwsClient {
  constructor(options: EwsClientOptions);
  /** Counters since the client was made: HTTP attempts and retries. */
  readonly stats: { requests: number; retries: number };
  /** The retry policy in effect. */
  readonly retryPolicy: { maxRetries: number; maxDelayMs: number; baseDelayMs: number };
  /** The parsed response; `ERR_RESPONSE` (with the whole response) when any message is an Error. */
  getConversationItems(options: GetConversationItemsOptions, callOptions?: CallOptions): Promise<GetConversationItemsResponse>;
  /** The parsed response; `ERR_RESPONSE` when it is an Error. */
  getImItems(options?: GetImItemsOptions, callOptions?: CallOptions): Promise<GetImItemsResponse>;
  /** The parsed response; `ERR_RESPONSE` when it is an Error. */
  getImItemList(options?: GetImItemListOptions, callOptions?: CallOptions): Promise<GetImItemListResponse>;
  /** One page: the single response message; `ERR_RESPONSE` when it is an Error. */
  syncFolderItems(options: SyncFolderItemsOptions, callOptions?: CallOptions): Promise<SyncFolderItemsResponseMessage>;
  /**
   * Pages from `options.syncState` (or the start) until
   * `includesLastItemInRange`, each page's `syncState` sent with the next
   * request. Invalid options throw here, before anything is sent.
   */
  syncFolderItemsPages(options: SyncFolderItemsOptions, pageOptions?: PagesOptions): AsyncGenerator<SyncPage, void, undefined>;
  /** A helper that sends each conversation's remembered SyncState. */
  conversationSync(options?: ConversationSyncOptions): ConversationSync;
}

/** The part of `Office.context.mailbox` that `outlookTransport` uses. */
export interface OutlookMailbox {
  makeEwsRequestAsync(
    data: string,
    callback: (asyncResult: OutlookAsyncResult) => void,
    userContext?: unknown,
  ): void;
}

/**
 * What Outlook passes to the `makeEwsRequestAsync` callback (an
 * `Office.AsyncResult<string>`). `status` is `Office.AsyncResultStatus`:
 * `'succeeded'` or `'failed'` at run time, which `@types/office-js` declares
 * as a numeric enum, hence `string | number`.
 */
export interface OutlookAsyncResult {
  status: string | number;
  value?: string;
  error?: { name?: string; message?: string; code?: number };
}

/** The transport `outlookTransport` returns. */
export interface OutlookTransport {
  (xml: string, context?: Partial<TransportContext>): Promise<string>;
  /** Whether this transport carries `operation`. */
  supports(operation: string): boolean;
}

/**
 * A transport over `Office.context.mailbox.makeEwsRequestAsync` for Outlook
 * add-ins. It refuses (`ERR_NOT_SUPPORTED`) the operations Outlook does not
 * allow through it: SyncFolderItems, GetImItems and GetImItemList.
 */
export function outlookTransport(mailbox: OutlookMailbox, options?: { userContext?: unknown }): OutlookTransport;
