// ---------------------------------------------------------------------------
// Functions and classes (hand-written: src/ts_api.d.ts)

/** A response body: the text, or its bytes (UTF-8, or UTF-16 with a BOM). */
export type ResponseBody = string | Uint8Array | ArrayBuffer;

/** What `init` can load the WebAssembly module from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

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

/** A parsed response message, as carried by `ERR_RESPONSE`. */
export type ResponseMessage =
  | SyncFolderItemsResponseMessage
  | GetConversationItemsResponseMessage
  | ImItemsResponseMessage;

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
  /** `ERR_RESPONSE`: the whole parsed response message. */
  response?: ResponseMessage;
  /** `ERR_HTTP`: the HTTP status. */
  status?: number;
  /** `ERR_HTTP`: the HTTP status text. */
  statusText?: string;
  /** `ERR_HTTP`: `Retry-After`, in milliseconds, when the server sent one. */
  retryAfterMs?: number;
  /** `ERR_TIMEOUT`: the configured timeout. */
  timeoutMs?: number;
  /** `ERR_NOT_SUPPORTED`: the operation the transport cannot carry. */
  operation?: string;
}

/** How `EwsClient` authenticates: a bearer token, basic credentials, or (absent) cookies / integrated auth. */
export type EwsAuth = { bearer: string; basic?: never } | { basic: { username: string; password: string }; bearer?: never };

/** What a transport is given with each request. */
export interface TransportOptions {
  /** Aborts the request (the caller's signal, or the client's timeout). */
  signal?: AbortSignal;
  /** HTTP headers to send (`Content-Type`, authentication, the client's `headers`). */
  headers: Record<string, string>;
}

/** Carries one request envelope and resolves to the response body. */
export type Transport = (xml: string, options: TransportOptions) => Promise<ResponseBody>;

/** Retries of `ErrorServerBusy`, 503 and 429, honouring `BackOffMilliseconds` and `Retry-After`. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 disables). */
  maxRetries?: number;
  /** The longest single wait, in milliseconds (default 60000). */
  maxDelayMs?: number;
}

/** The options of `new EwsClient(...)`. */
export interface EwsClientOptions {
  /** The EWS endpoint, e.g. `https://mail.example.com/EWS/Exchange.asmx`. */
  url?: string;
  /** Authentication; absent: cookies / integrated auth (fetch `credentials: 'include'`). */
  auth?: EwsAuth;
  /** Default SOAP headers of every call (a call's own `header` wins). */
  header?: RequestHeader;
  /** Extra HTTP headers, e.g. `{ 'X-AnchorMailbox': 'a@b.c' }`. */
  headers?: Record<string, string>;
  /** Per-request timeout in milliseconds (default 100000). */
  timeoutMs?: number;
  /** Retry policy. */
  retry?: RetryOptions;
  /** Replaces fetch (e.g. `outlookTransport(Office.context.mailbox)`). */
  transport?: Transport;
  /** Limits applied to every response. */
  limits?: Limits;
}

/** Per-call options of the `EwsClient` methods. */
export interface CallOptions {
  /** Aborts the call (`ERR_ABORTED`). */
  signal?: AbortSignal;
}

/** Progress of `syncFolderItemsPages`, reported after each page. */
export interface SyncProgress {
  /** Pages received so far. */
  pages: number;
  /** Changes received so far. */
  changes: number;
  /** The latest sync state (save it to resume). */
  syncState?: string;
}

/** Options of `EwsClient.syncFolderItemsPages`. */
export interface PagesOptions extends CallOptions {
  /** Called after each page. */
  onProgress?: (progress: SyncProgress) => void;
}

/**
 * A small EWS client over fetch (or a custom transport): builds, sends, retries
 * and parses; a response message with `responseClass: 'Error'` throws
 * `ERR_RESPONSE`.
 */
export class EwsClient {
  constructor(options: EwsClientOptions);
  getConversationItems(options: GetConversationItemsOptions, call?: CallOptions): Promise<GetConversationItemsResponse>;
  getImItems(options?: GetImItemsOptions, call?: CallOptions): Promise<GetImItemsResponse>;
  getImItemList(options?: GetImItemListOptions, call?: CallOptions): Promise<GetImItemListResponse>;
  /** One page: the single response message. */
  syncFolderItems(options: SyncFolderItemsOptions, call?: CallOptions): Promise<SyncFolderItemsResponseMessage>;
  /**
   * Pages until `includesLastItemInRange`, each page's `syncState` handed to
   * the next request.
   */
  syncFolderItemsPages(options: SyncFolderItemsOptions, call?: PagesOptions): AsyncIterableIterator<SyncFolderItemsResponseMessage>;
}

/** The part of `Office.context.mailbox` that `outlookTransport` uses. */
export interface OutlookMailbox {
  makeEwsRequestAsync(
    data: string,
    callback: (result: { status: string; value?: string; error?: { name?: string; message: string; code?: number } }) => void,
    userContext?: unknown,
  ): void;
}

/**
 * A transport over `Office.context.mailbox.makeEwsRequestAsync` for Outlook
 * add-ins; it refuses (`ERR_NOT_SUPPORTED`) the operations Outlook does not
 * allow through it (SyncFolderItems, GetImItems, GetImItemList).
 */
export function outlookTransport(mailbox: OutlookMailbox): Transport;
