// TypeScript declarations of ews-wasm.
//
// GENERATED FILE, do not edit. The types are generated from the Rust types
// (src/ts.rs and the ews_struct! tables under src/), the functions and classes
// come from src/ts_api.d.ts. To regenerate after changing either:
//   UPDATE_TS=1 cargo test --test typescript

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
  /** `ERR_HTTP` (and `ERR_SOAP_FAULT` from the client): the HTTP status. */
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
    callback: (asyncResult: { status: string; value?: string; error?: { name?: string; message?: string; code?: number } }) => void,
    userContext?: unknown,
  ): void;
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

// ---------------------------------------------------------------------------
// Options (generated)

/** The options of `buildGetConversationItemsRequest` and `EwsClient.getConversationItems`. */
export interface GetConversationItemsOptions {
  /** The SOAP headers (default: `RequestServerVersion` `Exchange2013`). */
  header?: RequestHeader;
  /** `ItemShape`. */
  itemShape: ItemShape;
  /** `FoldersToIgnore`. */
  foldersToIgnore?: BaseFolderId[];
  /** `MaxItemsToReturn` (at least 1). */
  maxItemsToReturn?: number;
  /** `SortOrder`. */
  sortOrder?: ConversationNodeSortOrder;
  /** `MailboxScope`. */
  mailboxScope?: MailboxSearchLocation;
  /** `Conversations` (at least one). */
  conversations: ConversationRequest[];
}

/** The SOAP headers of a request (the `header` option of every builder). */
export interface RequestHeader {
  /** `RequestServerVersion/@Version`; default `'Exchange2013'`. */
  requestServerVersion?: ExchangeVersion;
  /** `MailboxCulture`, e.g. `'en-US'` (written only for the operations that take it). */
  mailboxCulture?: string;
  /** `ExchangeImpersonation`. */
  impersonation?: Impersonation;
  /** `TimeZoneContext`. */
  timeZoneContext?: TimeZoneContext;
}

/** `RequestServerVersion/@Version`. */
export type ExchangeVersion =
  | 'Exchange2007'
  | 'Exchange2007_SP1'
  | 'Exchange2009'
  | 'Exchange2010'
  | 'Exchange2010_SP1'
  | 'Exchange2010_SP2'
  | 'Exchange2012'
  | 'Exchange2013'
  | 'Exchange2013_SP1'
  | 'Exchange2015'
  | 'Exchange2016'
  | 'V2015_10_05'
  | 'V2016_01_06'
  | 'V2016_04_13'
  | 'V2016_07_13'
  | 'V2016_10_10'
  | 'V2017_01_07'
  | 'V2017_04_14'
  | 'V2017_07_11'
  | 'V2017_10_09'
  | 'V2018_01_08';

/** Who to impersonate (`ExchangeImpersonation/ConnectingSID`): exactly one of the four. */
export type Impersonation =
  | { principalName: string; sid?: never; primarySmtpAddress?: never; smtpAddress?: never }
  | { sid: string; principalName?: never; primarySmtpAddress?: never; smtpAddress?: never }
  | { primarySmtpAddress: string; principalName?: never; sid?: never; smtpAddress?: never }
  | { smtpAddress: string; principalName?: never; sid?: never; primarySmtpAddress?: never };

/** `TimeZoneContext/TimeZoneDefinition`, by id. */
export interface TimeZoneContext {
  /** Windows time zone id, e.g. `UTC` or `Pacific Standard Time`. */
  id: string;
  /** Display name. */
  name?: string;
}

/** Which properties to return (`ItemShape`, `ItemResponseShapeType`). */
export interface ItemShape {
  /** `BaseShape`. */
  baseShape: BaseShape;
  /** `IncludeMimeContent`. */
  includeMimeContent?: boolean;
  /** `BodyType`. */
  bodyType?: BodyType;
  /** `UniqueBodyType`. */
  uniqueBodyType?: BodyType;
  /** `NormalizedBodyType`. */
  normalizedBodyType?: BodyType;
  /** `FilterHtmlContent`. */
  filterHtmlContent?: boolean;
  /** `ConvertHtmlCodePageToUTF8`. */
  convertHtmlCodePageToUTF8?: boolean;
  /** `InlineImageUrlTemplate`. */
  inlineImageUrlTemplate?: string;
  /** `BlockExternalImages`. */
  blockExternalImages?: boolean;
  /** `AddBlankTargetToLinks`. */
  addBlankTargetToLinks?: boolean;
  /** `MaximumBodySize`, in bytes (not negative). */
  maximumBodySize?: number;
  /** `AdditionalProperties`. */
  additionalProperties?: PropertyPath[];
}

/** `BaseShape`: which set of properties to return. */
export type BaseShape = 'IdOnly' | 'Default' | 'AllProperties' | 'PcxPeopleSearch';

/** The body format to return (`BodyType`, `UniqueBodyType`, `NormalizedBodyType`). */
export type BodyType = 'Best' | 'HTML' | 'Text';

/** One property to return (the schema's `Path` substitution group). */
export type PropertyPath =
  | { fieldURI: UnindexedFieldURI; indexedFieldURI?: never; extendedFieldURI?: never }
  | { indexedFieldURI: PathToIndexedField; fieldURI?: never; extendedFieldURI?: never }
  | { extendedFieldURI: PathToExtendedField; fieldURI?: never; indexedFieldURI?: never };

/** `FieldURI` (`UnindexedFieldURIType`): a property of the schema, e.g. `item:Subject`. */
export type UnindexedFieldURI =
  | 'folder:FolderId'
  | 'folder:ParentFolderId'
  | 'folder:DisplayName'
  | 'folder:UnreadCount'
  | 'folder:TotalCount'
  | 'folder:ChildFolderCount'
  | 'folder:FolderClass'
  | 'folder:SearchParameters'
  | 'folder:ManagedFolderInformation'
  | 'folder:PermissionSet'
  | 'folder:EffectiveRights'
  | 'folder:SharingEffectiveRights'
  | 'folder:DistinguishedFolderId'
  | 'folder:PolicyTag'
  | 'folder:ArchiveTag'
  | 'folder:ReplicaList'
  | 'item:ItemId'
  | 'item:ParentFolderId'
  | 'item:ItemClass'
  | 'item:MimeContent'
  | 'item:Attachments'
  | 'item:Subject'
  | 'item:DateTimeReceived'
  | 'item:Size'
  | 'item:Categories'
  | 'item:HasAttachments'
  | 'item:Importance'
  | 'item:InReplyTo'
  | 'item:InternetMessageHeaders'
  | 'item:IsAssociated'
  | 'item:IsDraft'
  | 'item:IsFromMe'
  | 'item:IsResend'
  | 'item:IsSubmitted'
  | 'item:IsUnmodified'
  | 'item:DateTimeSent'
  | 'item:DateTimeCreated'
  | 'item:Body'
  | 'item:ResponseObjects'
  | 'item:Sensitivity'
  | 'item:ReminderDueBy'
  | 'item:ReminderIsSet'
  | 'item:ReminderNextTime'
  | 'item:ReminderMinutesBeforeStart'
  | 'item:DisplayTo'
  | 'item:DisplayCc'
  | 'item:DisplayBcc'
  | 'item:Culture'
  | 'item:EffectiveRights'
  | 'item:LastModifiedName'
  | 'item:LastModifiedTime'
  | 'item:ConversationId'
  | 'item:UniqueBody'
  | 'item:Flag'
  | 'item:StoreEntryId'
  | 'item:InstanceKey'
  | 'item:NormalizedBody'
  | 'item:EntityExtractionResult'
  | 'item:PolicyTag'
  | 'item:ArchiveTag'
  | 'item:RetentionDate'
  | 'item:Preview'
  | 'item:PredictedActionReasons'
  | 'item:IsClutter'
  | 'item:RightsManagementLicenseData'
  | 'item:BlockStatus'
  | 'item:HasBlockedImages'
  | 'item:WebClientReadFormQueryString'
  | 'item:WebClientEditFormQueryString'
  | 'item:TextBody'
  | 'item:IconIndex'
  | 'item:MimeContentUTF8'
  | 'item:Mentions'
  | 'item:MentionedMe'
  | 'item:MentionsPreview'
  | 'item:MentionsEx'
  | 'item:Hashtags'
  | 'item:AppliedHashtags'
  | 'item:AppliedHashtagsPreview'
  | 'item:Likes'
  | 'item:LikesPreview'
  | 'item:PendingSocialActivityTagIds'
  | 'item:AtAllMention'
  | 'item:CanDelete'
  | 'item:InferenceClassification'
  | 'item:FirstBody'
  | 'message:ConversationIndex'
  | 'message:ConversationTopic'
  | 'message:InternetMessageId'
  | 'message:IsRead'
  | 'message:IsResponseRequested'
  | 'message:IsReadReceiptRequested'
  | 'message:IsDeliveryReceiptRequested'
  | 'message:ReceivedBy'
  | 'message:ReceivedRepresenting'
  | 'message:References'
  | 'message:ReplyTo'
  | 'message:From'
  | 'message:Sender'
  | 'message:ToRecipients'
  | 'message:CcRecipients'
  | 'message:BccRecipients'
  | 'message:ApprovalRequestData'
  | 'message:VotingInformation'
  | 'message:ReminderMessageData'
  | 'message:PublishedCalendarItemIcs'
  | 'message:PublishedCalendarItemName'
  | 'message:MessageSafety'
  | 'sharingMessage:SharingMessageAction'
  | 'meeting:AssociatedCalendarItemId'
  | 'meeting:IsDelegated'
  | 'meeting:IsOutOfDate'
  | 'meeting:HasBeenProcessed'
  | 'meeting:ResponseType'
  | 'meeting:ProposedStart'
  | 'meeting:ProposedEnd'
  | 'meeting:DoNotForwardMeeting'
  | 'meetingRequest:MeetingRequestType'
  | 'meetingRequest:IntendedFreeBusyStatus'
  | 'meetingRequest:ChangeHighlights'
  | 'calendar:Start'
  | 'calendar:End'
  | 'calendar:OriginalStart'
  | 'calendar:StartWallClock'
  | 'calendar:EndWallClock'
  | 'calendar:StartTimeZoneId'
  | 'calendar:EndTimeZoneId'
  | 'calendar:IsAllDayEvent'
  | 'calendar:LegacyFreeBusyStatus'
  | 'calendar:Location'
  | 'calendar:EnhancedLocation'
  | 'calendar:When'
  | 'calendar:IsMeeting'
  | 'calendar:IsCancelled'
  | 'calendar:IsRecurring'
  | 'calendar:MeetingRequestWasSent'
  | 'calendar:IsResponseRequested'
  | 'calendar:CalendarItemType'
  | 'calendar:MyResponseType'
  | 'calendar:Organizer'
  | 'calendar:RequiredAttendees'
  | 'calendar:OptionalAttendees'
  | 'calendar:Resources'
  | 'calendar:ConflictingMeetingCount'
  | 'calendar:AdjacentMeetingCount'
  | 'calendar:ConflictingMeetings'
  | 'calendar:AdjacentMeetings'
  | 'calendar:InboxReminders'
  | 'calendar:Duration'
  | 'calendar:TimeZone'
  | 'calendar:AppointmentReplyTime'
  | 'calendar:AppointmentSequenceNumber'
  | 'calendar:AppointmentState'
  | 'calendar:Recurrence'
  | 'calendar:FirstOccurrence'
  | 'calendar:LastOccurrence'
  | 'calendar:ModifiedOccurrences'
  | 'calendar:DeletedOccurrences'
  | 'calendar:MeetingTimeZone'
  | 'calendar:ConferenceType'
  | 'calendar:AllowNewTimeProposal'
  | 'calendar:IsOnlineMeeting'
  | 'calendar:MeetingWorkspaceUrl'
  | 'calendar:NetShowUrl'
  | 'calendar:UID'
  | 'calendar:RecurrenceId'
  | 'calendar:DateTimeStamp'
  | 'calendar:StartTimeZone'
  | 'calendar:EndTimeZone'
  | 'calendar:JoinOnlineMeetingUrl'
  | 'calendar:OnlineMeetingSettings'
  | 'calendar:IsOrganizer'
  | 'calendar:CalendarActivityData'
  | 'calendar:DoNotForwardMeeting'
  | 'task:ActualWork'
  | 'task:AssignedTime'
  | 'task:BillingInformation'
  | 'task:ChangeCount'
  | 'task:Companies'
  | 'task:CompleteDate'
  | 'task:Contacts'
  | 'task:DelegationState'
  | 'task:Delegator'
  | 'task:DueDate'
  | 'task:IsAssignmentEditable'
  | 'task:IsComplete'
  | 'task:IsRecurring'
  | 'task:IsTeamTask'
  | 'task:Mileage'
  | 'task:Owner'
  | 'task:PercentComplete'
  | 'task:Recurrence'
  | 'task:StartDate'
  | 'task:Status'
  | 'task:StatusDescription'
  | 'task:TotalWork'
  | 'contacts:Alias'
  | 'contacts:AssistantName'
  | 'contacts:Birthday'
  | 'contacts:BusinessHomePage'
  | 'contacts:Children'
  | 'contacts:Companies'
  | 'contacts:CompanyName'
  | 'contacts:CompleteName'
  | 'contacts:ContactSource'
  | 'contacts:Culture'
  | 'contacts:Department'
  | 'contacts:DisplayName'
  | 'contacts:DirectoryId'
  | 'contacts:DirectReports'
  | 'contacts:EmailAddresses'
  | 'contacts:AbchEmailAddresses'
  | 'contacts:FileAs'
  | 'contacts:FileAsMapping'
  | 'contacts:Generation'
  | 'contacts:GivenName'
  | 'contacts:ImAddresses'
  | 'contacts:Initials'
  | 'contacts:JobTitle'
  | 'contacts:Manager'
  | 'contacts:ManagerMailbox'
  | 'contacts:MiddleName'
  | 'contacts:Mileage'
  | 'contacts:MSExchangeCertificate'
  | 'contacts:Nickname'
  | 'contacts:Notes'
  | 'contacts:OfficeLocation'
  | 'contacts:PhoneNumbers'
  | 'contacts:PhoneticFullName'
  | 'contacts:PhoneticFirstName'
  | 'contacts:PhoneticLastName'
  | 'contacts:Photo'
  | 'contacts:PhysicalAddresses'
  | 'contacts:PostalAddressIndex'
  | 'contacts:Profession'
  | 'contacts:SpouseName'
  | 'contacts:Surname'
  | 'contacts:WeddingAnniversary'
  | 'contacts:UserSMIMECertificate'
  | 'contacts:HasPicture'
  | 'contacts:AccountName'
  | 'contacts:IsAutoUpdateDisabled'
  | 'contacts:IsMessengerEnabled'
  | 'contacts:Comment'
  | 'contacts:ContactShortId'
  | 'contacts:ContactType'
  | 'contacts:CreatedBy'
  | 'contacts:Gender'
  | 'contacts:IsHidden'
  | 'contacts:ObjectId'
  | 'contacts:PassportId'
  | 'contacts:IsPrivate'
  | 'contacts:SourceId'
  | 'contacts:TrustLevel'
  | 'contacts:Urls'
  | 'contacts:Cid'
  | 'contacts:SkypeAuthCertificate'
  | 'contacts:SkypeContext'
  | 'contacts:SkypeId'
  | 'contacts:XboxLiveTag'
  | 'contacts:SkypeRelationship'
  | 'contacts:YomiNickname'
  | 'contacts:InviteFree'
  | 'contacts:HidePresenceAndProfile'
  | 'contacts:IsPendingOutbound'
  | 'contacts:SupportGroupFeeds'
  | 'contacts:UserTileHash'
  | 'contacts:UnifiedInbox'
  | 'contacts:Mris'
  | 'contacts:Wlid'
  | 'contacts:AbchContactId'
  | 'contacts:NotInBirthdayCalendar'
  | 'contacts:ShellContactType'
  | 'contacts:ImMri'
  | 'contacts:PresenceTrustLevel'
  | 'contacts:OtherMri'
  | 'contacts:ProfileLastChanged'
  | 'contacts:MobileIMEnabled'
  | 'distributionlist:Members'
  | 'contacts:PartnerNetworkProfilePhotoUrl'
  | 'contacts:PartnerNetworkThumbnailPhotoUrl'
  | 'contacts:PersonId'
  | 'contacts:ConversationGuid'
  | 'postitem:PostedTime'
  | 'conversation:ConversationId'
  | 'conversation:ConversationTopic'
  | 'conversation:UniqueRecipients'
  | 'conversation:GlobalUniqueRecipients'
  | 'conversation:UniqueUnreadSenders'
  | 'conversation:GlobalUniqueUnreadSenders'
  | 'conversation:UniqueSenders'
  | 'conversation:GlobalUniqueSenders'
  | 'conversation:LastDeliveryTime'
  | 'conversation:GlobalLastDeliveryTime'
  | 'conversation:Categories'
  | 'conversation:GlobalCategories'
  | 'conversation:FlagStatus'
  | 'conversation:GlobalFlagStatus'
  | 'conversation:HasAttachments'
  | 'conversation:GlobalHasAttachments'
  | 'conversation:HasIrm'
  | 'conversation:GlobalHasIrm'
  | 'conversation:MessageCount'
  | 'conversation:GlobalMessageCount'
  | 'conversation:UnreadCount'
  | 'conversation:GlobalUnreadCount'
  | 'conversation:Size'
  | 'conversation:GlobalSize'
  | 'conversation:ItemClasses'
  | 'conversation:GlobalItemClasses'
  | 'conversation:Importance'
  | 'conversation:GlobalImportance'
  | 'conversation:ItemIds'
  | 'conversation:GlobalItemIds'
  | 'conversation:LastModifiedTime'
  | 'conversation:InstanceKey'
  | 'conversation:Preview'
  | 'conversation:IconIndex'
  | 'conversation:GlobalIconIndex'
  | 'conversation:DraftItemIds'
  | 'conversation:HasClutter'
  | 'conversation:MentionedMe'
  | 'conversation:GlobalMentionedMe'
  | 'conversation:AtAllMention'
  | 'conversation:GlobalAtAllMention'
  | 'person:FullName'
  | 'person:GivenName'
  | 'person:Surname'
  | 'person:PhoneNumber'
  | 'person:SMSNumber'
  | 'person:EmailAddress'
  | 'person:Alias'
  | 'person:Department'
  | 'person:LinkedInProfileLink'
  | 'person:Skills'
  | 'person:ProfessionalBiography'
  | 'person:ManagementChain'
  | 'person:DirectReports'
  | 'person:Peers'
  | 'person:TeamSize'
  | 'person:CurrentJob'
  | 'person:Birthday'
  | 'person:Hometown'
  | 'person:CurrentLocation'
  | 'person:CompanyProfile'
  | 'person:Office'
  | 'person:Headline'
  | 'person:MutualConnections'
  | 'person:Title'
  | 'person:MutualManager'
  | 'person:Insights'
  | 'person:UserProfilePicture'
  | 'persona:PersonaId'
  | 'persona:PersonaType'
  | 'persona:GivenName'
  | 'persona:CompanyName'
  | 'persona:Surname'
  | 'persona:DisplayName'
  | 'persona:EmailAddress'
  | 'persona:FileAs'
  | 'persona:HomeCity'
  | 'persona:CreationTime'
  | 'persona:RelevanceScore'
  | 'persona:RankingWeight'
  | 'persona:WorkCity'
  | 'persona:PersonaObjectStatus'
  | 'persona:FileAsId'
  | 'persona:DisplayNamePrefix'
  | 'persona:YomiCompanyName'
  | 'persona:YomiFirstName'
  | 'persona:YomiLastName'
  | 'persona:Title'
  | 'persona:EmailAddresses'
  | 'persona:PhoneNumber'
  | 'persona:ImAddress'
  | 'persona:ImAddresses'
  | 'persona:ImAddresses2'
  | 'persona:ImAddresses3'
  | 'persona:FolderIds'
  | 'persona:Attributions'
  | 'persona:DisplayNames'
  | 'persona:Initials'
  | 'persona:FileAses'
  | 'persona:FileAsIds'
  | 'persona:DisplayNamePrefixes'
  | 'persona:GivenNames'
  | 'persona:MiddleNames'
  | 'persona:Surnames'
  | 'persona:Generations'
  | 'persona:Nicknames'
  | 'persona:YomiCompanyNames'
  | 'persona:YomiFirstNames'
  | 'persona:YomiLastNames'
  | 'persona:BusinessPhoneNumbers'
  | 'persona:BusinessPhoneNumbers2'
  | 'persona:HomePhones'
  | 'persona:HomePhones2'
  | 'persona:MobilePhones'
  | 'persona:MobilePhones2'
  | 'persona:AssistantPhoneNumbers'
  | 'persona:CallbackPhones'
  | 'persona:CarPhones'
  | 'persona:HomeFaxes'
  | 'persona:OrganizationMainPhones'
  | 'persona:OtherFaxes'
  | 'persona:OtherTelephones'
  | 'persona:OtherPhones2'
  | 'persona:Pagers'
  | 'persona:RadioPhones'
  | 'persona:TelexNumbers'
  | 'persona:WorkFaxes'
  | 'persona:Emails1'
  | 'persona:Emails2'
  | 'persona:Emails3'
  | 'persona:BusinessHomePages'
  | 'persona:School'
  | 'persona:PersonalHomePages'
  | 'persona:OfficeLocations'
  | 'persona:BusinessAddresses'
  | 'persona:HomeAddresses'
  | 'persona:OtherAddresses'
  | 'persona:Titles'
  | 'persona:Departments'
  | 'persona:CompanyNames'
  | 'persona:Managers'
  | 'persona:AssistantNames'
  | 'persona:Professions'
  | 'persona:SpouseNames'
  | 'persona:Hobbies'
  | 'persona:WeddingAnniversaries'
  | 'persona:Birthdays'
  | 'persona:Children'
  | 'persona:Locations'
  | 'persona:ExtendedProperties'
  | 'persona:PostalAddress'
  | 'persona:Bodies'
  | 'persona:IsFavorite'
  | 'persona:InlineLinks'
  | 'persona:ItemLinkIds'
  | 'persona:HasActiveDeals'
  | 'persona:IsBusinessContact'
  | 'persona:AttributedHasActiveDeals'
  | 'persona:AttributedIsBusinessContact'
  | 'persona:SourceMailboxGuids'
  | 'persona:LastContactedDate'
  | 'persona:ExternalDirectoryObjectId'
  | 'persona:MapiEntryId'
  | 'persona:MapiEmailAddress'
  | 'persona:MapiAddressType'
  | 'persona:MapiSearchKey'
  | 'persona:MapiTransmittableDisplayName'
  | 'persona:MapiSendRichInfo'
  | 'rolemember:MemberType'
  | 'rolemember:MemberId'
  | 'rolemember:DisplayName'
  | 'network:TokenRefreshLastCompleted'
  | 'network:TokenRefreshLastAttempted'
  | 'network:SyncEnabled'
  | 'network:RejectedOffers'
  | 'network:SessionHandle'
  | 'network:RefreshTokenExpiry2'
  | 'network:RefreshToken2'
  | 'network:PsaLastChanged'
  | 'network:Offers'
  | 'network:LastWelcomeContact'
  | 'network:LastVersionSaved'
  | 'network:DomainTag'
  | 'network:FirstAuthErrorDates'
  | 'network:ErrorOffers'
  | 'network:ContactSyncSuccess'
  | 'network:ContactSyncError'
  | 'network:ClientToken2'
  | 'network:ClientToken'
  | 'network:ClientPublishSecret'
  | 'network:UserEmail'
  | 'network:AutoLinkSuccess'
  | 'network:AutoLinkError'
  | 'network:IsDefault'
  | 'network:Settings'
  | 'network:ProfileUrl'
  | 'network:UserTileUrl'
  | 'network:DomainId'
  | 'network:DisplayName'
  | 'network:AccountName'
  | 'network:SourceEntryID'
  | 'abchperson:FavoriteOrder'
  | 'abchperson:PersonId'
  | 'abchperson:ExchangePersonIdGuid'
  | 'abchperson:AntiLinkInfo'
  | 'abchperson:RelevanceOrder1'
  | 'abchperson:RelevanceOrder2'
  | 'abchperson:ContactHandles'
  | 'abchperson:Categories'
  | 'booking:ServiceIds'
  | 'booking:StaffIds'
  | 'booking:StaffInitials'
  | 'booking:CustomerName'
  | 'booking:CustomerEmail'
  | 'booking:CustomerPhone'
  | 'booking:CustomerId'
  | 'insight:InsightId'
  | 'insight:Type'
  | 'insight:StartTimeUtc'
  | 'insight:EndTimeUtc'
  | 'insight:Status'
  | 'insight:Version'
  | 'insight:ApplicationsIds'
  | 'insight:Text'
  | 'insight:SuggestedActions'
  | 'insight:AppContexts';

/** An indexed property (`IndexedFieldURI`). */
export interface PathToIndexedField {
  /** `@FieldURI`. */
  fieldURI: DictionaryURI;
  /** `@FieldIndex`, e.g. `EmailAddress1`, `Business`, or a header name (not empty). */
  fieldIndex: string;
}

/** `IndexedFieldURI/@FieldURI` (`DictionaryURIType`), e.g. `contacts:EmailAddress`. */
export type DictionaryURI =
  | 'item:InternetMessageHeader'
  | 'contacts:ImAddress'
  | 'contacts:PhysicalAddress:Street'
  | 'contacts:PhysicalAddress:City'
  | 'contacts:PhysicalAddress:State'
  | 'contacts:PhysicalAddress:CountryOrRegion'
  | 'contacts:PhysicalAddress:PostalCode'
  | 'contacts:PhoneNumber'
  | 'contacts:EmailAddress'
  | 'distributionlist:Members:Member';

/**
 * An extended MAPI property (`ExtendedFieldURI`, `ExtendedProperty`): either
 * `propertyTag` alone, or a property set (`distinguishedPropertySetId` or
 * `propertySetId`) with a `propertyName` or a `propertyId`.
 */
export interface PathToExtendedField {
  /** `@DistinguishedPropertySetId`. */
  distinguishedPropertySetId?: DistinguishedPropertySet;
  /** `@PropertySetId`: a GUID such as `00020329-0000-0000-C000-000000000046`. */
  propertySetId?: string;
  /** `@PropertyTag`: `'0x3001'`, or a number from 0 to 65535. */
  propertyTag?: string | number;
  /** `@PropertyName` (not empty). */
  propertyName?: string;
  /** `@PropertyId`. */
  propertyId?: number;
  /** `@PropertyType`. */
  propertyType: MapiPropertyType;
}

/** `@DistinguishedPropertySetId` of an extended property. */
export type DistinguishedPropertySet =
  | 'Meeting'
  | 'Appointment'
  | 'Common'
  | 'PublicStrings'
  | 'Address'
  | 'InternetHeaders'
  | 'CalendarAssistant'
  | 'UnifiedMessaging'
  | 'Task'
  | 'Sharing';

/** `@PropertyType` of an extended property (`MapiPropertyTypeType`). */
export type MapiPropertyType =
  | 'ApplicationTime'
  | 'ApplicationTimeArray'
  | 'Binary'
  | 'BinaryArray'
  | 'Boolean'
  | 'CLSID'
  | 'CLSIDArray'
  | 'Currency'
  | 'CurrencyArray'
  | 'Double'
  | 'DoubleArray'
  | 'Error'
  | 'Float'
  | 'FloatArray'
  | 'Integer'
  | 'IntegerArray'
  | 'Long'
  | 'LongArray'
  | 'Null'
  | 'Object'
  | 'ObjectArray'
  | 'Short'
  | 'ShortArray'
  | 'SystemTime'
  | 'SystemTimeArray'
  | 'String'
  | 'StringArray';

/** A folder (`BaseFolderIdType`): by id, or a well-known folder. */
export type BaseFolderId =
  | { folderId: FolderIdRef; distinguishedFolderId?: never }
  | { distinguishedFolderId: DistinguishedFolderId; folderId?: never };

/** A folder id in a request (`FolderIdType`). */
export interface FolderIdRef {
  /** `@Id` (not empty). */
  id: string;
  /** `@ChangeKey` (not empty when given). */
  changeKey?: string;
}

/**
 * A well-known folder (`DistinguishedFolderId`): of the authenticated (or
 * impersonated) user, or of `mailbox`.
 */
export interface DistinguishedFolderId {
  /** `@Id`, e.g. `'inbox'`, `'sentitems'`. */
  id: DistinguishedFolderIdName;
  /** `@ChangeKey` (not empty when given). */
  changeKey?: string;
  /** `Mailbox`: whose folder it is. */
  mailbox?: MailboxRef;
}

/** The `id` of a well-known folder (`DistinguishedFolderIdNameType`). */
export type DistinguishedFolderIdName =
  | 'calendar'
  | 'contacts'
  | 'deleteditems'
  | 'drafts'
  | 'inbox'
  | 'journal'
  | 'notes'
  | 'outbox'
  | 'sentitems'
  | 'tasks'
  | 'msgfolderroot'
  | 'publicfoldersroot'
  | 'root'
  | 'junkemail'
  | 'searchfolders'
  | 'voicemail'
  | 'recoverableitemsroot'
  | 'recoverableitemsdeletions'
  | 'recoverableitemsversions'
  | 'recoverableitemspurges'
  | 'recoverableitemsdiscoveryholds'
  | 'archiveroot'
  | 'archivemsgfolderroot'
  | 'archivedeleteditems'
  | 'archiveinbox'
  | 'archiverecoverableitemsroot'
  | 'archiverecoverableitemsdeletions'
  | 'archiverecoverableitemsversions'
  | 'archiverecoverableitemspurges'
  | 'archiverecoverableitemsdiscoveryholds'
  | 'syncissues'
  | 'conflicts'
  | 'localfailures'
  | 'serverfailures'
  | 'recipientcache'
  | 'quickcontacts'
  | 'conversationhistory'
  | 'adminauditlogs'
  | 'todosearch'
  | 'mycontacts'
  | 'directory'
  | 'imcontactlist'
  | 'peopleconnect'
  | 'favorites'
  | 'mecontact'
  | 'personmetadata'
  | 'teamspaceactivity'
  | 'teamspacemessaging'
  | 'teamspaceworkitems'
  | 'scheduled'
  | 'orionnotes'
  | 'tagitems'
  | 'alltaggeditems'
  | 'allcategorizeditems'
  | 'externalcontacts'
  | 'teamchat'
  | 'teamchathistory'
  | 'yammerdata'
  | 'yammerroot'
  | 'yammerinbound'
  | 'yammeroutbound'
  | 'yammerfeeds'
  | 'kaizaladata'
  | 'messageingestion'
  | 'onedriveroot'
  | 'onedriverecylebin'
  | 'onedrivesystem'
  | 'onedrivevolume'
  | 'important'
  | 'starred'
  | 'archive';

/** The mailbox of a well-known folder (`EmailAddressType`). */
export interface MailboxRef {
  /** `Name`. */
  name?: string;
  /** `EmailAddress`, e.g. `user@contoso.com` (not empty). */
  emailAddress: string;
  /** `RoutingType`, e.g. `SMTP`. */
  routingType?: string;
  /** `MailboxType`. */
  mailboxType?: MailboxType;
}

/** `MailboxType`. */
export type MailboxType =
  | 'Unknown'
  | 'OneOff'
  | 'Mailbox'
  | 'PublicDL'
  | 'PrivateDL'
  | 'Contact'
  | 'PublicFolder'
  | 'GroupMailbox'
  | 'ImplicitContact'
  | 'User';

/** The order of the conversation nodes in the response (`SortOrder`). */
export type ConversationNodeSortOrder =
  | 'TreeOrderAscending'
  | 'TreeOrderDescending'
  | 'DateOrderAscending'
  | 'DateOrderDescending';

/** Which mailboxes to search (`MailboxScope`). */
export type MailboxSearchLocation = 'PrimaryOnly' | 'ArchiveOnly' | 'All';

/** One conversation to get (`ConversationRequestType`). */
export interface ConversationRequest {
  /** `ConversationId`. */
  conversationId: ItemIdRef;
  /**
   * `SyncState` from an earlier response for this conversation (base64):
   * only newer items are returned.
   */
  syncState?: string;
}

/** An item id in a request (`ItemIdType`). */
export interface ItemIdRef {
  /** `@Id` (not empty). */
  id: string;
  /** `@ChangeKey` (not empty when given). */
  changeKey?: string;
}

/** The options of `buildGetImItemsRequest` and `EwsClient.getImItems`. */
export interface GetImItemsOptions {
  /** The SOAP headers (default: `RequestServerVersion` `Exchange2013`). */
  header?: RequestHeader;
  /** `ContactIds`: personas to get. */
  contactIds?: ItemIdRef[];
  /** `GroupIds`: IM groups to get. */
  groupIds?: ItemIdRef[];
  /** `ExtendedProperties` to return. */
  extendedProperties?: PathToExtendedField[];
}

/** The options of `buildGetImItemListRequest` and `EwsClient.getImItemList`. */
export interface GetImItemListOptions {
  /** The SOAP headers (default: `RequestServerVersion` `Exchange2013`). */
  header?: RequestHeader;
  /** `ExtendedProperties` to return. */
  extendedProperties?: PathToExtendedField[];
}

/** The options of `buildSyncFolderItemsRequest` and `EwsClient.syncFolderItems`. */
export interface SyncFolderItemsOptions {
  /** The SOAP headers (default: `RequestServerVersion` `Exchange2013`). */
  header?: RequestHeader;
  /** `ItemShape`. */
  itemShape: ItemShape;
  /** `SyncFolderId`. */
  syncFolderId: TargetFolderId;
  /** `SyncState`: absent on the first request, then the previous page's state. */
  syncState?: string;
  /** `Ignore`: items whose changes to leave out. */
  ignore?: ItemIdRef[];
  /** `MaxChangesReturned`: 1 to 512. */
  maxChangesReturned: number;
  /** `SyncScope`. */
  syncScope?: SyncFolderItemsScope;
}

/**
 * The folder to work on (`TargetFolderIdType`): by id, a well-known folder,
 * or an address list.
 */
export type TargetFolderId =
  | { folderId: FolderIdRef; distinguishedFolderId?: never; addressListId?: never }
  | { distinguishedFolderId: DistinguishedFolderId; folderId?: never; addressListId?: never }
  | { addressListId: AddressListId; folderId?: never; distinguishedFolderId?: never };

/** An address list (`AddressListId`). */
export interface AddressListId {
  /** `@Id` (not empty). */
  id: string;
}

/** Which items to synchronise (`SyncScope`). */
export type SyncFolderItemsScope = 'NormalItems' | 'NormalAndAssociatedItems';

/**
 * Resource limits applied while reading a response. The defaults are safe
 * for any real Exchange response and bound what a hostile one can cost.
 */
export interface Limits {
  /** Largest accepted response, in bytes (UTF-8). Default 64 MiB. */
  maxResponseBytes?: number;
  /** Deepest accepted element nesting. Default 256 (real responses stay under 30). */
  maxDepth?: number;
}

// ---------------------------------------------------------------------------
// Results (generated)

/** A parsed SyncFolderItems response. */
export interface SyncFolderItemsResponse {
  /** `ServerVersionInfo` from the SOAP header, when present. */
  serverVersionInfo?: ServerVersionInfo;
  /** One message per request (EWS sends one). */
  responseMessages: SyncFolderItemsResponseMessage[];
}

/** `ServerVersionInfo` from the SOAP header: attributes only, all optional. */
export interface ServerVersionInfo {
  /** Attribute `MajorVersion`. */
  majorVersion?: number;
  /** Attribute `MinorVersion`. */
  minorVersion?: number;
  /** Attribute `MajorBuildNumber`. */
  majorBuildNumber?: number;
  /** Attribute `MinorBuildNumber`. */
  minorBuildNumber?: number;
  /** Attribute `Version`. */
  version?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** An element the model does not know, kept verbatim so that nothing is lost. */
export interface RawElement {
  /** The element's local name (no prefix). */
  elementName: string;
  /**
   * The element's exact source text, from `<` to the end of its end tag.
   * Namespace prefixes declared on its ancestors are not re-declared in it.
   */
  xml: string;
}

/**
 * A [`SyncFolderItemsResponseMessage`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/syncfolderitemsresponsemessage).
 *
 * On an Error message, `syncState` and `includesLastItemInRange` are what
 * the server wrote (often an empty state and `true`): never trust them there.
 */
export interface SyncFolderItemsResponseMessage extends ResponseStatus {
  /** `SyncState` */
  syncState?: string;
  /** `IncludesLastItemInRange` */
  includesLastItemInRange?: boolean;
  /** `Changes` */
  changes?: SyncChange[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The fields every response message shares (`ResponseMessageType`). */
export interface ResponseStatus {
  /** `@ResponseClass`. A message without a valid one is taken to be an `Error`. */
  responseClass: ResponseClass;
  /** `ResponseCode`: `NoError`, `ErrorServerBusy`, … (one of 500+ values). */
  responseCode?: string;
  /** `MessageText`. */
  messageText?: string;
  /** `DescriptiveLinkKey`. */
  descriptiveLinkKey?: number;
  /** `MessageXml`. */
  messageXml?: MessageXml;
  /**
   * `MessageXml`'s `BackOffMilliseconds` (how long a throttled server asks
   * you to wait), as a number, when present.
   */
  backOffMilliseconds?: number;
}

/** `ResponseClass`: Warning and Error messages are returned as data, not thrown. */
export type ResponseClass = 'Success' | 'Warning' | 'Error';

/**
 * `MessageXml`: extra facts about an error, keyed by the JS form of each name
 * (`backOffMilliseconds`); `BackOffMilliseconds`, `LineNumber` and
 * `LinePosition` are numbers, everything else text.
 */
export interface MessageXml {
  [name: string]: string | number;
}

/**
 * One change of a sync page, discriminated by `kind`, in document order. A
 * change the schema does not have (or one missing its required parts) is
 * kept verbatim as `Unknown`.
 */
export type SyncChange =
  | { kind: 'Create'; item: Item }
  | { kind: 'Update'; item: Item }
  | { kind: 'Delete'; itemId: ItemId }
  | { kind: 'ReadFlagChange'; itemId: ItemId; isRead: boolean }
  | ({ kind: 'Unknown' } & RawElement);

/**
 * An item of any kind, discriminated by `kind` (the element name). An item
 * kind the schema does not have is kept verbatim as `Unknown`.
 */
export type Item =
  | ({ kind: 'Item' } & GenericItem)
  | ({ kind: 'Message' } & Message)
  | ({ kind: 'SharingMessage' } & SharingMessage)
  | ({ kind: 'CalendarItem' } & CalendarItem)
  | ({ kind: 'Contact' } & Contact)
  | ({ kind: 'DistributionList' } & DistributionList)
  | ({ kind: 'MeetingMessage' } & MeetingMessage)
  | ({ kind: 'MeetingRequest' } & MeetingRequest)
  | ({ kind: 'MeetingResponse' } & MeetingResponse)
  | ({ kind: 'MeetingCancellation' } & MeetingCancellation)
  | ({ kind: 'Task' } & Task)
  | ({ kind: 'PostItem' } & PostItem)
  | ({ kind: 'RoleMember' } & RoleMember)
  | ({ kind: 'Network' } & Network)
  | ({ kind: 'Person' } & Person)
  | ({ kind: 'ReplyToItem' } & ResponseObject)
  | ({ kind: 'ForwardItem' } & ResponseObject)
  | ({ kind: 'ReplyAllToItem' } & ResponseObject)
  | ({ kind: 'AcceptItem' } & ResponseObject)
  | ({ kind: 'TentativelyAcceptItem' } & ResponseObject)
  | ({ kind: 'DeclineItem' } & ResponseObject)
  | ({ kind: 'CancelCalendarItem' } & ResponseObject)
  | ({ kind: 'RemoveItem' } & ResponseObject)
  | ({ kind: 'SuppressReadReceipt' } & ResponseObject)
  | ({ kind: 'PostReplyItem' } & ResponseObject)
  | ({ kind: 'AcceptSharingInvitation' } & ResponseObject)
  | ({ kind: 'Unknown' } & RawElement);

/** `Item` (`ItemType`): an item of no more specific kind. */
export interface GenericItem extends ItemFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `ItemType`. */
export interface ItemFields {
  /** `MimeContent` */
  mimeContent?: MimeContent;
  /** `ItemId` */
  itemId?: ItemId;
  /** `ParentFolderId` */
  parentFolderId?: FolderId;
  /** `ItemClass` */
  itemClass?: string;
  /** `Subject` */
  subject?: string;
  /** `Sensitivity` */
  sensitivity?: string;
  /** `Body` */
  body?: Body;
  /** `Attachments` */
  attachments?: Attachment[];
  /** `DateTimeReceived` */
  dateTimeReceived?: string;
  /** `Size` */
  size?: number;
  /** `Categories` */
  categories?: string[];
  /** `Importance` */
  importance?: string;
  /** `InReplyTo` */
  inReplyTo?: string;
  /** `IsSubmitted` */
  isSubmitted?: boolean;
  /** `IsDraft` */
  isDraft?: boolean;
  /** `IsFromMe` */
  isFromMe?: boolean;
  /** `IsResend` */
  isResend?: boolean;
  /** `IsUnmodified` */
  isUnmodified?: boolean;
  /** `InternetMessageHeaders` */
  internetMessageHeaders?: InternetMessageHeader[];
  /** `DateTimeSent` */
  dateTimeSent?: string;
  /** `DateTimeCreated` */
  dateTimeCreated?: string;
  /** `ResponseObjects` */
  responseObjects?: Item[];
  /** `ReminderDueBy` */
  reminderDueBy?: string;
  /** `ReminderIsSet` */
  reminderIsSet?: boolean;
  /** `ReminderNextTime` */
  reminderNextTime?: string;
  /** `ReminderMinutesBeforeStart` */
  reminderMinutesBeforeStart?: number;
  /** `DisplayCc` */
  displayCc?: string;
  /** `DisplayTo` */
  displayTo?: string;
  /** `DisplayBcc` */
  displayBcc?: string;
  /** `HasAttachments` */
  hasAttachments?: boolean;
  /** `ExtendedProperty` */
  extendedProperty?: ExtendedProperty[];
  /** `Culture` */
  culture?: string;
  /** `EffectiveRights` */
  effectiveRights?: EffectiveRights;
  /** `LastModifiedName` */
  lastModifiedName?: string;
  /** `LastModifiedTime` */
  lastModifiedTime?: string;
  /** `IsAssociated` */
  isAssociated?: boolean;
  /** `WebClientReadFormQueryString` */
  webClientReadFormQueryString?: string;
  /** `WebClientEditFormQueryString` */
  webClientEditFormQueryString?: string;
  /** `ConversationId` */
  conversationId?: ItemId;
  /** `UniqueBody` */
  uniqueBody?: Body;
  /** `Flag` */
  flag?: Flag;
  /** `StoreEntryId` */
  storeEntryId?: string;
  /** `InstanceKey` */
  instanceKey?: string;
  /** `NormalizedBody` */
  normalizedBody?: Body;
  /** `EntityExtractionResult` */
  entityExtractionResult?: XmlNode;
  /** `PolicyTag` */
  policyTag?: RetentionTag;
  /** `ArchiveTag` */
  archiveTag?: RetentionTag;
  /** `RetentionDate` */
  retentionDate?: string;
  /** `Preview` */
  preview?: string;
  /** `RightsManagementLicenseData` */
  rightsManagementLicenseData?: XmlNode;
  /** `PredictedActionReasons` */
  predictedActionReasons?: XmlNode[];
  /** `IsClutter` */
  isClutter?: boolean;
  /** `BlockStatus` */
  blockStatus?: boolean;
  /** `HasBlockedImages` */
  hasBlockedImages?: boolean;
  /** `TextBody` */
  textBody?: Body;
  /** `IconIndex` */
  iconIndex?: string;
  /** `SearchKey` */
  searchKey?: string;
  /** `SortKey` */
  sortKey?: string;
  /** `Hashtags` */
  hashtags?: string[];
  /** `Mentions` */
  mentions?: EmailAddress[];
  /** `MentionedMe` */
  mentionedMe?: boolean;
  /** `MentionsPreview` */
  mentionsPreview?: XmlNode;
  /** `MentionsEx` */
  mentionsEx?: XmlNode[];
  /** `AppliedHashtags` */
  appliedHashtags?: XmlNode[];
  /** `AppliedHashtagsPreview` */
  appliedHashtagsPreview?: XmlNode;
  /** `Likes` */
  likes?: XmlNode[];
  /** `LikesPreview` */
  likesPreview?: XmlNode;
  /** `PendingSocialActivityTagIds` */
  pendingSocialActivityTagIds?: string[];
  /** `AtAllMention` */
  atAllMention?: boolean;
  /** `CanDelete` */
  canDelete?: boolean;
  /** `InferenceClassification` */
  inferenceClassification?: string;
}

/** `MimeContent`: the item's MIME, base64, with its character set. */
export interface MimeContent {
  /** Attribute `CharacterSet`. */
  characterSet?: string;
  /** The element's text content. */
  value: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * An item identifier ([`ItemIdType`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/itemid)):
 * `Id` and optional `ChangeKey`. Also used for `ConversationId`, `PersonaId`,
 * `ParentFolderId`-like ids and every other `ItemIdType` element.
 */
export interface ItemId {
  /** Attribute `Id`. */
  id: string;
  /** Attribute `ChangeKey`. */
  changeKey?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A folder identifier ([`FolderIdType`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/folderid)). */
export interface FolderId {
  /** Attribute `Id`. */
  id: string;
  /** Attribute `ChangeKey`. */
  changeKey?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** An item body (`Body`, `UniqueBody`, `NormalizedBody`, `TextBody`). */
export interface Body {
  /** Attribute `BodyType`. */
  bodyType?: string;
  /** Attribute `IsTruncated`. */
  isTruncated?: boolean;
  /** The element's text content. */
  value: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** One entry of `attachments`, discriminated by `kind` (the element name). */
export type Attachment =
  | ({ kind: 'FileAttachment' } & FileAttachment)
  | ({ kind: 'ItemAttachment' } & ItemAttachment)
  | ({ kind: 'ReferenceAttachment' } & ReferenceAttachment)
  | ({ kind: 'Unknown' } & RawElement);

/** A `FileAttachment`. */
export interface FileAttachment extends AttachmentFields {
  /** `IsContactPhoto` */
  isContactPhoto?: boolean;
  /** `Content` */
  content?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The properties every attachment kind shares (`AttachmentType`). */
export interface AttachmentFields {
  /** `AttachmentId` */
  attachmentId?: XmlNode;
  /** `Name` */
  name?: string;
  /** `ContentType` */
  contentType?: string;
  /** `ContentId` */
  contentId?: string;
  /** `ContentLocation` */
  contentLocation?: string;
  /** `AttachmentOriginalUrl` */
  attachmentOriginalUrl?: string;
  /** `Size` */
  size?: number;
  /** `LastModifiedTime` */
  lastModifiedTime?: string;
  /** `IsInline` */
  isInline?: boolean;
}

/**
 * An element the model keeps as a plain tree: a leaf without attributes is its
 * text; anything else an object of its attributes and children by JS name (a
 * repeated child becomes an array), with non-blank text under `value`.
 */
export type XmlNode = string | { [key: string]: XmlNode | XmlNode[] };

/** An `ItemAttachment`: an attachment that is itself an item. */
export interface ItemAttachment extends AttachmentFields {
  /** `Item` */
  item?: Item;
  /** `Message` */
  message?: Item;
  /** `SharingMessage` */
  sharingMessage?: Item;
  /** `CalendarItem` */
  calendarItem?: Item;
  /** `Contact` */
  contact?: Item;
  /** `MeetingMessage` */
  meetingMessage?: Item;
  /** `MeetingRequest` */
  meetingRequest?: Item;
  /** `MeetingResponse` */
  meetingResponse?: Item;
  /** `MeetingCancellation` */
  meetingCancellation?: Item;
  /** `Task` */
  task?: Item;
  /** `PostItem` */
  postItem?: Item;
  /** `RoleMember` */
  roleMember?: Item;
  /** `Network` */
  network?: Item;
  /** `Person` */
  person?: Item;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A `ReferenceAttachment` (a link to a file in the cloud). */
export interface ReferenceAttachment extends AttachmentFields {
  /** `AttachLongPathName` */
  attachLongPathName?: string;
  /** `ProviderType` */
  providerType?: string;
  /** `ProviderEndpointUrl` */
  providerEndpointUrl?: string;
  /** `AttachmentThumbnailUrl` */
  attachmentThumbnailUrl?: string;
  /** `AttachmentPreviewUrl` */
  attachmentPreviewUrl?: string;
  /** `PermissionType` */
  permissionType?: number;
  /** `OriginalPermissionType` */
  originalPermissionType?: number;
  /** `AttachmentIsFolder` */
  attachmentIsFolder?: boolean;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** One `InternetMessageHeader`. */
export interface InternetMessageHeader {
  /** Attribute `HeaderName`. */
  headerName: string;
  /** The element's text content. */
  value: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** An extended MAPI property value: its path and a `Value` or a list of `Values`. */
export interface ExtendedProperty {
  /** `ExtendedFieldURI` */
  extendedFieldURI?: ExtendedFieldUri;
  /** `Value` */
  value?: string;
  /** `Values` */
  values?: string[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * The path to a MAPI property (`ExtendedFieldURI`, and `ExtendedProperty`
 * in the IM requests).
 */
export interface ExtendedFieldUri {
  /** Attribute `DistinguishedPropertySetId`. */
  distinguishedPropertySetId?: string;
  /** Attribute `PropertySetId`. */
  propertySetId?: string;
  /** Attribute `PropertyTag`. */
  propertyTag?: string;
  /** Attribute `PropertyName`. */
  propertyName?: string;
  /** Attribute `PropertyId`. */
  propertyId?: number;
  /** Attribute `PropertyType`. */
  propertyType?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `EffectiveRights`: what the caller may do with the item. */
export interface EffectiveRights {
  /** `CreateAssociated` */
  createAssociated?: boolean;
  /** `CreateContents` */
  createContents?: boolean;
  /** `CreateHierarchy` */
  createHierarchy?: boolean;
  /** `Delete` */
  delete?: boolean;
  /** `Modify` */
  modify?: boolean;
  /** `Read` */
  read?: boolean;
  /** `ViewPrivateItems` */
  viewPrivateItems?: boolean;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `Flag`: follow-up status and dates. */
export interface Flag {
  /** `FlagStatus` */
  flagStatus?: string;
  /** `StartDate` */
  startDate?: string;
  /** `DueDate` */
  dueDate?: string;
  /** `CompleteDate` */
  completeDate?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A retention tag (`PolicyTag`, `ArchiveTag`): a GUID and whether it was set explicitly. */
export interface RetentionTag {
  /** Attribute `IsExplicit`. */
  isExplicit?: boolean;
  /** The element's text content. */
  value: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * A mailbox ([`EmailAddressType`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/mailbox)):
 * `Mailbox`, `EmailAddress` of a persona, `Address` of `EmailAddresses`, …
 */
export interface EmailAddress {
  /** `Name` */
  name?: string;
  /** `EmailAddress` */
  emailAddress?: string;
  /** `RoutingType` */
  routingType?: string;
  /** `MailboxType` */
  mailboxType?: string;
  /** `ItemId` */
  itemId?: ItemId;
  /** `OriginalDisplayName` */
  originalDisplayName?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `Message` (`MessageType`). */
export interface Message extends ItemFields, MessageFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `MessageType`. */
export interface MessageFields {
  /** `Sender` */
  sender?: SingleRecipient;
  /** `ToRecipients` */
  toRecipients?: EmailAddress[];
  /** `CcRecipients` */
  ccRecipients?: EmailAddress[];
  /** `BccRecipients` */
  bccRecipients?: EmailAddress[];
  /** `IsReadReceiptRequested` */
  isReadReceiptRequested?: boolean;
  /** `IsDeliveryReceiptRequested` */
  isDeliveryReceiptRequested?: boolean;
  /** `ConversationIndex` */
  conversationIndex?: string;
  /** `ConversationTopic` */
  conversationTopic?: string;
  /** `From` */
  from?: SingleRecipient;
  /** `InternetMessageId` */
  internetMessageId?: string;
  /** `IsRead` */
  isRead?: boolean;
  /** `IsResponseRequested` */
  isResponseRequested?: boolean;
  /** `References` */
  references?: string;
  /** `ReplyTo` */
  replyTo?: EmailAddress[];
  /** `ReceivedBy` */
  receivedBy?: SingleRecipient;
  /** `ReceivedRepresenting` */
  receivedRepresenting?: SingleRecipient;
  /** `ApprovalRequestData` */
  approvalRequestData?: XmlNode;
  /** `VotingInformation` */
  votingInformation?: XmlNode;
  /** `ReminderMessageData` */
  reminderMessageData?: XmlNode;
  /** `MessageSafety` */
  messageSafety?: XmlNode;
  /** `SenderSMTPAddress` */
  senderSMTPAddress?: string;
  /** `MailboxGuids` */
  mailboxGuids?: string[];
  /** `PublishedCalendarItemIcs` */
  publishedCalendarItemIcs?: string;
  /** `PublishedCalendarItemName` */
  publishedCalendarItemName?: string;
}

/** A single recipient (`From`, `Sender`, `Organizer`, `ReceivedBy`, …): `{ mailbox }`. */
export interface SingleRecipient {
  /** `Mailbox` */
  mailbox?: EmailAddress;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `SharingMessage` (`SharingMessageType`, Exchange 2016+). */
export interface SharingMessage extends ItemFields, MessageFields, SharingMessageFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `SharingMessageType`. */
export interface SharingMessageFields {
  /** `SharingMessageAction` */
  sharingMessageAction?: XmlNode;
  /** `SharingMessageActions` */
  sharingMessageActions?: XmlNode[];
}

/** `CalendarItem` (`CalendarItemType`). */
export interface CalendarItem extends ItemFields, CalendarItemFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `CalendarItemType`. */
export interface CalendarItemFields {
  /** `UID` */
  uid?: string;
  /** `RecurrenceId` */
  recurrenceId?: string;
  /** `DateTimeStamp` */
  dateTimeStamp?: string;
  /** `Start` */
  start?: string;
  /** `End` */
  end?: string;
  /** `OriginalStart` */
  originalStart?: string;
  /** `IsAllDayEvent` */
  isAllDayEvent?: boolean;
  /** `LegacyFreeBusyStatus` */
  legacyFreeBusyStatus?: string;
  /** `Location` */
  location?: string;
  /** `When` */
  when?: string;
  /** `IsMeeting` */
  isMeeting?: boolean;
  /** `IsCancelled` */
  isCancelled?: boolean;
  /** `IsRecurring` */
  isRecurring?: boolean;
  /** `MeetingRequestWasSent` */
  meetingRequestWasSent?: boolean;
  /** `IsResponseRequested` */
  isResponseRequested?: boolean;
  /** `CalendarItemType` */
  calendarItemType?: string;
  /** `MyResponseType` */
  myResponseType?: string;
  /** `Organizer` */
  organizer?: SingleRecipient;
  /** `RequiredAttendees` */
  requiredAttendees?: Attendee[];
  /** `OptionalAttendees` */
  optionalAttendees?: Attendee[];
  /** `Resources` */
  resources?: Attendee[];
  /** `InboxReminders` */
  inboxReminders?: XmlNode[];
  /** `ConflictingMeetingCount` */
  conflictingMeetingCount?: number;
  /** `AdjacentMeetingCount` */
  adjacentMeetingCount?: number;
  /** `ConflictingMeetings` */
  conflictingMeetings?: Item[];
  /** `AdjacentMeetings` */
  adjacentMeetings?: Item[];
  /** `Duration` */
  duration?: string;
  /** `TimeZone` */
  timeZone?: string;
  /** `AppointmentReplyTime` */
  appointmentReplyTime?: string;
  /** `AppointmentSequenceNumber` */
  appointmentSequenceNumber?: number;
  /** `AppointmentState` */
  appointmentState?: number;
  /** `Recurrence` */
  recurrence?: Recurrence;
  /** `FirstOccurrence` */
  firstOccurrence?: Occurrence;
  /** `LastOccurrence` */
  lastOccurrence?: Occurrence;
  /** `ModifiedOccurrences` */
  modifiedOccurrences?: Occurrence[];
  /** `DeletedOccurrences` */
  deletedOccurrences?: DeletedOccurrence[];
  /** `MeetingTimeZone` */
  meetingTimeZone?: XmlNode;
  /** `StartTimeZone` */
  startTimeZone?: XmlNode;
  /** `EndTimeZone` */
  endTimeZone?: XmlNode;
  /** `ConferenceType` */
  conferenceType?: number;
  /** `AllowNewTimeProposal` */
  allowNewTimeProposal?: boolean;
  /** `IsOnlineMeeting` */
  isOnlineMeeting?: boolean;
  /** `MeetingWorkspaceUrl` */
  meetingWorkspaceUrl?: string;
  /** `NetShowUrl` */
  netShowUrl?: string;
  /** `EnhancedLocation` */
  enhancedLocation?: XmlNode;
  /** `StartWallClock` */
  startWallClock?: string;
  /** `EndWallClock` */
  endWallClock?: string;
  /** `StartTimeZoneId` */
  startTimeZoneId?: string;
  /** `EndTimeZoneId` */
  endTimeZoneId?: string;
  /** `IntendedFreeBusyStatus` */
  intendedFreeBusyStatus?: string;
  /** `JoinOnlineMeetingUrl` */
  joinOnlineMeetingUrl?: string;
  /** `OnlineMeetingSettings` */
  onlineMeetingSettings?: XmlNode;
  /** `IsOrganizer` */
  isOrganizer?: boolean;
  /** `CalendarActivityData` */
  calendarActivityData?: XmlNode;
  /** `DoNotForwardMeeting` */
  doNotForwardMeeting?: boolean;
}

/** An `Attendee` of a meeting. */
export interface Attendee {
  /** `Mailbox` */
  mailbox?: EmailAddress;
  /** `ResponseType` */
  responseType?: string;
  /** `LastResponseTime` */
  lastResponseTime?: string;
  /** `ProposedStart` */
  proposedStart?: string;
  /** `ProposedEnd` */
  proposedEnd?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * `Recurrence` (`RecurrenceType`, and `TaskRecurrenceType` with its
 * regeneration patterns): one pattern and one range, under their element names.
 */
export interface Recurrence {
  /** `RelativeYearlyRecurrence` */
  relativeYearlyRecurrence?: RecurrencePattern;
  /** `AbsoluteYearlyRecurrence` */
  absoluteYearlyRecurrence?: RecurrencePattern;
  /** `RelativeMonthlyRecurrence` */
  relativeMonthlyRecurrence?: RecurrencePattern;
  /** `AbsoluteMonthlyRecurrence` */
  absoluteMonthlyRecurrence?: RecurrencePattern;
  /** `WeeklyRecurrence` */
  weeklyRecurrence?: RecurrencePattern;
  /** `DailyRecurrence` */
  dailyRecurrence?: RecurrencePattern;
  /** `DailyRegeneration` */
  dailyRegeneration?: RecurrencePattern;
  /** `WeeklyRegeneration` */
  weeklyRegeneration?: RecurrencePattern;
  /** `MonthlyRegeneration` */
  monthlyRegeneration?: RecurrencePattern;
  /** `YearlyRegeneration` */
  yearlyRegeneration?: RecurrencePattern;
  /** `NoEndRecurrence` */
  noEndRecurrence?: RecurrenceRange;
  /** `EndDateRecurrence` */
  endDateRecurrence?: RecurrenceRange;
  /** `NumberedRecurrence` */
  numberedRecurrence?: RecurrenceRange;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * A recurrence pattern (`WeeklyRecurrence`, `RelativeMonthlyRecurrence`,
 * `DailyRegeneration`, …): the fields of every pattern type, each kind using
 * the ones its schema type has.
 */
export interface RecurrencePattern {
  /** `Interval` */
  interval?: number;
  /** `DaysOfWeek` */
  daysOfWeek?: string;
  /** `DayOfWeekIndex` */
  dayOfWeekIndex?: string;
  /** `Month` */
  month?: string;
  /** `DayOfMonth` */
  dayOfMonth?: number;
  /** `FirstDayOfWeek` */
  firstDayOfWeek?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A recurrence range (`NoEndRecurrence`, `EndDateRecurrence`, `NumberedRecurrence`). */
export interface RecurrenceRange {
  /** `StartDate` */
  startDate?: string;
  /** `EndDate` */
  endDate?: string;
  /** `NumberOfOccurrences` */
  numberOfOccurrences?: number;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * An occurrence of a recurring series (`FirstOccurrence`, `LastOccurrence`,
 * an entry of `ModifiedOccurrences`).
 */
export interface Occurrence {
  /** `ItemId` */
  itemId?: ItemId;
  /** `Start` */
  start?: string;
  /** `End` */
  end?: string;
  /** `OriginalStart` */
  originalStart?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** An entry of `DeletedOccurrences`. */
export interface DeletedOccurrence {
  /** `Start` */
  start?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `Contact` (`ContactItemType`). */
export interface Contact extends ItemFields, ContactFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `ContactItemType`. */
export interface ContactFields {
  /** `FileAs` */
  fileAs?: string;
  /** `FileAsMapping` */
  fileAsMapping?: string;
  /** `DisplayName` */
  displayName?: string;
  /** `GivenName` */
  givenName?: string;
  /** `Initials` */
  initials?: string;
  /** `MiddleName` */
  middleName?: string;
  /** `Nickname` */
  nickname?: string;
  /** `CompleteName` */
  completeName?: CompleteName;
  /** `CompanyName` */
  companyName?: string;
  /** `EmailAddresses` */
  emailAddresses?: DictionaryEntry[];
  /** `AbchEmailAddresses` */
  abchEmailAddresses?: XmlNode[];
  /** `PhysicalAddresses` */
  physicalAddresses?: PhysicalAddress[];
  /** `PhoneNumbers` */
  phoneNumbers?: DictionaryEntry[];
  /** `AssistantName` */
  assistantName?: string;
  /** `Birthday` */
  birthday?: string;
  /** `BusinessHomePage` */
  businessHomePage?: string;
  /** `Children` */
  children?: string[];
  /** `Companies` */
  companies?: string[];
  /** `ContactSource` */
  contactSource?: string;
  /** `Department` */
  department?: string;
  /** `Generation` */
  generation?: string;
  /** `ImAddresses` */
  imAddresses?: DictionaryEntry[];
  /** `JobTitle` */
  jobTitle?: string;
  /** `Manager` */
  manager?: string;
  /** `Mileage` */
  mileage?: string;
  /** `OfficeLocation` */
  officeLocation?: string;
  /** `PostalAddressIndex` */
  postalAddressIndex?: string;
  /** `Profession` */
  profession?: string;
  /** `SpouseName` */
  spouseName?: string;
  /** `Surname` */
  surname?: string;
  /** `WeddingAnniversary` */
  weddingAnniversary?: string;
  /** `HasPicture` */
  hasPicture?: boolean;
  /** `PhoneticFullName` */
  phoneticFullName?: string;
  /** `PhoneticFirstName` */
  phoneticFirstName?: string;
  /** `PhoneticLastName` */
  phoneticLastName?: string;
  /** `Alias` */
  alias?: string;
  /** `Notes` */
  notes?: string;
  /** `Photo` */
  photo?: string;
  /** `UserSMIMECertificate` */
  userSMIMECertificate?: string[];
  /** `MSExchangeCertificate` */
  msExchangeCertificate?: string[];
  /** `DirectoryId` */
  directoryId?: string;
  /** `ManagerMailbox` */
  managerMailbox?: SingleRecipient;
  /** `DirectReports` */
  directReports?: EmailAddress[];
  /** `AccountName` */
  accountName?: string;
  /** `IsAutoUpdateDisabled` */
  isAutoUpdateDisabled?: boolean;
  /** `IsMessengerEnabled` */
  isMessengerEnabled?: boolean;
  /** `Comment` */
  comment?: string;
  /** `ContactShortId` */
  contactShortId?: number;
  /** `ContactType` */
  contactType?: string;
  /** `Gender` */
  gender?: string;
  /** `IsHidden` */
  isHidden?: boolean;
  /** `ObjectId` */
  objectId?: string;
  /** `PassportId` */
  passportId?: string;
  /** `IsPrivate` */
  isPrivate?: boolean;
  /** `SourceId` */
  sourceId?: string;
  /** `TrustLevel` */
  trustLevel?: number;
  /** `CreatedBy` */
  createdBy?: string;
  /** `Urls` */
  urls?: XmlNode[];
  /** `Cid` */
  cid?: string;
  /** `SkypeAuthCertificate` */
  skypeAuthCertificate?: string;
  /** `SkypeContext` */
  skypeContext?: string;
  /** `SkypeId` */
  skypeId?: string;
  /** `SkypeRelationship` */
  skypeRelationship?: string;
  /** `YomiNickname` */
  yomiNickname?: string;
  /** `XboxLiveTag` */
  xboxLiveTag?: string;
  /** `InviteFree` */
  inviteFree?: boolean;
  /** `HidePresenceAndProfile` */
  hidePresenceAndProfile?: boolean;
  /** `IsPendingOutbound` */
  isPendingOutbound?: boolean;
  /** `SupportGroupFeeds` */
  supportGroupFeeds?: boolean;
  /** `UserTileHash` */
  userTileHash?: string;
  /** `UnifiedInbox` */
  unifiedInbox?: boolean;
  /** `Mris` */
  mris?: string[];
  /** `Wlid` */
  wlid?: string;
  /** `AbchContactId` */
  abchContactId?: string;
  /** `NotInBirthdayCalendar` */
  notInBirthdayCalendar?: boolean;
  /** `ShellContactType` */
  shellContactType?: string;
  /** `ImMri` */
  imMri?: string;
  /** `PresenceTrustLevel` */
  presenceTrustLevel?: number;
  /** `OtherMri` */
  otherMri?: string;
  /** `ProfileLastChanged` */
  profileLastChanged?: string;
  /** `MobileIMEnabled` */
  mobileIMEnabled?: boolean;
  /** `PartnerNetworkProfilePhotoUrl` */
  partnerNetworkProfilePhotoUrl?: string;
  /** `PartnerNetworkThumbnailPhotoUrl` */
  partnerNetworkThumbnailPhotoUrl?: string;
  /** `PersonId` */
  personId?: string;
  /** `ConversationGuid` */
  conversationGuid?: string;
}

/** A contact's `CompleteName`. */
export interface CompleteName {
  /** `Title` */
  title?: string;
  /** `FirstName` */
  firstName?: string;
  /** `MiddleName` */
  middleName?: string;
  /** `LastName` */
  lastName?: string;
  /** `Suffix` */
  suffix?: string;
  /** `Initials` */
  initials?: string;
  /** `FullName` */
  fullName?: string;
  /** `Nickname` */
  nickname?: string;
  /** `YomiFirstName` */
  yomiFirstName?: string;
  /** `YomiLastName` */
  yomiLastName?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A keyed entry of a contact's `EmailAddresses`, `PhoneNumbers` or `ImAddresses`. */
export interface DictionaryEntry {
  /** Attribute `Key`. */
  key: string;
  /** Attribute `Name`. */
  name?: string;
  /** Attribute `RoutingType`. */
  routingType?: string;
  /** Attribute `MailboxType`. */
  mailboxType?: string;
  /** The element's text content. */
  value: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A keyed entry of a contact's `PhysicalAddresses`. */
export interface PhysicalAddress {
  /** Attribute `Key`. */
  key: string;
  /** `Street` */
  street?: string;
  /** `City` */
  city?: string;
  /** `State` */
  state?: string;
  /** `CountryOrRegion` */
  countryOrRegion?: string;
  /** `PostalCode` */
  postalCode?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `DistributionList` (`DistributionListType`). */
export interface DistributionList extends ItemFields, DistributionListFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `DistributionListType`. */
export interface DistributionListFields {
  /** `DisplayName` */
  displayName?: string;
  /** `FileAs` */
  fileAs?: string;
  /** `ContactSource` */
  contactSource?: string;
  /** `Members` */
  members?: Member[];
}

/** A distribution list `Member`. */
export interface Member {
  /** Attribute `Key`. */
  key?: string;
  /** `Mailbox` */
  mailbox?: EmailAddress;
  /** `Status` */
  status?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `MeetingMessage` (`MeetingMessageType`). */
export interface MeetingMessage extends ItemFields, MessageFields, MeetingMessageFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `MeetingMessageType`. */
export interface MeetingMessageFields {
  /** `AssociatedCalendarItemId` */
  associatedCalendarItemId?: ItemId;
  /** `IsDelegated` */
  isDelegated?: boolean;
  /** `IsOutOfDate` */
  isOutOfDate?: boolean;
  /** `HasBeenProcessed` */
  hasBeenProcessed?: boolean;
  /** `ResponseType` */
  responseType?: string;
  /** `UID` */
  uid?: string;
  /** `RecurrenceId` */
  recurrenceId?: string;
  /** `DateTimeStamp` */
  dateTimeStamp?: string;
  /** `IsOrganizer` */
  isOrganizer?: boolean;
}

/** `MeetingRequest` (`MeetingRequestMessageType`). */
export interface MeetingRequest extends ItemFields, MessageFields, MeetingMessageFields, MeetingRequestFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `MeetingRequestMessageType`. */
export interface MeetingRequestFields {
  /** `MeetingRequestType` */
  meetingRequestType?: string;
  /** `IntendedFreeBusyStatus` */
  intendedFreeBusyStatus?: string;
  /** `Start` */
  start?: string;
  /** `End` */
  end?: string;
  /** `OriginalStart` */
  originalStart?: string;
  /** `IsAllDayEvent` */
  isAllDayEvent?: boolean;
  /** `LegacyFreeBusyStatus` */
  legacyFreeBusyStatus?: string;
  /** `Location` */
  location?: string;
  /** `When` */
  when?: string;
  /** `IsMeeting` */
  isMeeting?: boolean;
  /** `IsCancelled` */
  isCancelled?: boolean;
  /** `IsRecurring` */
  isRecurring?: boolean;
  /** `MeetingRequestWasSent` */
  meetingRequestWasSent?: boolean;
  /** `CalendarItemType` */
  calendarItemType?: string;
  /** `MyResponseType` */
  myResponseType?: string;
  /** `Organizer` */
  organizer?: SingleRecipient;
  /** `RequiredAttendees` */
  requiredAttendees?: Attendee[];
  /** `OptionalAttendees` */
  optionalAttendees?: Attendee[];
  /** `Resources` */
  resources?: Attendee[];
  /** `ConflictingMeetingCount` */
  conflictingMeetingCount?: number;
  /** `AdjacentMeetingCount` */
  adjacentMeetingCount?: number;
  /** `ConflictingMeetings` */
  conflictingMeetings?: Item[];
  /** `AdjacentMeetings` */
  adjacentMeetings?: Item[];
  /** `Duration` */
  duration?: string;
  /** `TimeZone` */
  timeZone?: string;
  /** `AppointmentReplyTime` */
  appointmentReplyTime?: string;
  /** `AppointmentSequenceNumber` */
  appointmentSequenceNumber?: number;
  /** `AppointmentState` */
  appointmentState?: number;
  /** `Recurrence` */
  recurrence?: Recurrence;
  /** `FirstOccurrence` */
  firstOccurrence?: Occurrence;
  /** `LastOccurrence` */
  lastOccurrence?: Occurrence;
  /** `ModifiedOccurrences` */
  modifiedOccurrences?: Occurrence[];
  /** `DeletedOccurrences` */
  deletedOccurrences?: DeletedOccurrence[];
  /** `MeetingTimeZone` */
  meetingTimeZone?: XmlNode;
  /** `StartTimeZone` */
  startTimeZone?: XmlNode;
  /** `EndTimeZone` */
  endTimeZone?: XmlNode;
  /** `ConferenceType` */
  conferenceType?: number;
  /** `AllowNewTimeProposal` */
  allowNewTimeProposal?: boolean;
  /** `IsOnlineMeeting` */
  isOnlineMeeting?: boolean;
  /** `MeetingWorkspaceUrl` */
  meetingWorkspaceUrl?: string;
  /** `NetShowUrl` */
  netShowUrl?: string;
  /** `EnhancedLocation` */
  enhancedLocation?: XmlNode;
  /** `ChangeHighlights` */
  changeHighlights?: XmlNode;
  /** `StartWallClock` */
  startWallClock?: string;
  /** `EndWallClock` */
  endWallClock?: string;
  /** `StartTimeZoneId` */
  startTimeZoneId?: string;
  /** `EndTimeZoneId` */
  endTimeZoneId?: string;
  /** `DoNotForwardMeeting` */
  doNotForwardMeeting?: boolean;
}

/** `MeetingResponse` (`MeetingResponseMessageType`). */
export interface MeetingResponse extends ItemFields, MessageFields, MeetingMessageFields, MeetingResponseFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `MeetingResponseMessageType`. */
export interface MeetingResponseFields {
  /** `Start` */
  start?: string;
  /** `End` */
  end?: string;
  /** `Location` */
  location?: string;
  /** `Recurrence` */
  recurrence?: Recurrence;
  /** `CalendarItemType` */
  calendarItemType?: string;
  /** `ProposedStart` */
  proposedStart?: string;
  /** `ProposedEnd` */
  proposedEnd?: string;
  /** `EnhancedLocation` */
  enhancedLocation?: XmlNode;
}

/** `MeetingCancellation` (`MeetingCancellationMessageType`). */
export interface MeetingCancellation extends ItemFields, MessageFields, MeetingMessageFields, MeetingCancellationFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `MeetingCancellationMessageType`. */
export interface MeetingCancellationFields {
  /** `Start` */
  start?: string;
  /** `End` */
  end?: string;
  /** `Location` */
  location?: string;
  /** `Recurrence` */
  recurrence?: Recurrence;
  /** `CalendarItemType` */
  calendarItemType?: string;
  /** `EnhancedLocation` */
  enhancedLocation?: XmlNode;
  /** `DoNotForwardMeeting` */
  doNotForwardMeeting?: boolean;
}

/** `Task` (`TaskType`). */
export interface Task extends ItemFields, TaskFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `TaskType`. */
export interface TaskFields {
  /** `ActualWork` */
  actualWork?: number;
  /** `AssignedTime` */
  assignedTime?: string;
  /** `BillingInformation` */
  billingInformation?: string;
  /** `ChangeCount` */
  changeCount?: number;
  /** `Companies` */
  companies?: string[];
  /** `CompleteDate` */
  completeDate?: string;
  /** `Contacts` */
  contacts?: string[];
  /** `DelegationState` */
  delegationState?: string;
  /** `Delegator` */
  delegator?: string;
  /** `DueDate` */
  dueDate?: string;
  /** `IsAssignmentEditable` */
  isAssignmentEditable?: number;
  /** `IsComplete` */
  isComplete?: boolean;
  /** `IsRecurring` */
  isRecurring?: boolean;
  /** `IsTeamTask` */
  isTeamTask?: boolean;
  /** `Mileage` */
  mileage?: string;
  /** `Owner` */
  owner?: string;
  /** `PercentComplete` */
  percentComplete?: number;
  /** `Recurrence` */
  recurrence?: Recurrence;
  /** `StartDate` */
  startDate?: string;
  /** `Status` */
  status?: string;
  /** `StatusDescription` */
  statusDescription?: string;
  /** `TotalWork` */
  totalWork?: number;
}

/** `PostItem` (`PostItemType`). */
export interface PostItem extends ItemFields, PostItemFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `PostItemType`. */
export interface PostItemFields {
  /** `ConversationIndex` */
  conversationIndex?: string;
  /** `ConversationTopic` */
  conversationTopic?: string;
  /** `From` */
  from?: SingleRecipient;
  /** `InternetMessageId` */
  internetMessageId?: string;
  /** `IsRead` */
  isRead?: boolean;
  /** `PostedTime` */
  postedTime?: string;
  /** `References` */
  references?: string;
  /** `Sender` */
  sender?: SingleRecipient;
}

/** `RoleMember` (`RoleMemberItemType`, Exchange 2016+). */
export interface RoleMember extends ItemFields, RoleMemberFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `RoleMemberItemType`. */
export interface RoleMemberFields {
  /** `DisplayName` */
  displayName?: string;
  /** `Type` */
  type?: string;
  /** `MemberId` */
  memberId?: string;
}

/** `Network` (`NetworkItemType`, Exchange 2016+). */
export interface Network extends ItemFields, NetworkFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `NetworkItemType`. */
export interface NetworkFields {
  /** `DomainId` */
  domainId?: number;
  /** `DomainTag` */
  domainTag?: string;
  /** `UserTileUrl` */
  userTileUrl?: string;
  /** `ProfileUrl` */
  profileUrl?: string;
  /** `Settings` */
  settings?: number;
  /** `IsDefault` */
  isDefault?: boolean;
  /** `AutoLinkError` */
  autoLinkError?: string;
  /** `AutoLinkSuccess` */
  autoLinkSuccess?: string;
  /** `UserEmail` */
  userEmail?: string;
  /** `ClientPublishSecret` */
  clientPublishSecret?: string;
  /** `ClientToken` */
  clientToken?: string;
  /** `ClientToken2` */
  clientToken2?: string;
  /** `ContactSyncError` */
  contactSyncError?: string;
  /** `ContactSyncSuccess` */
  contactSyncSuccess?: string;
  /** `ErrorOffers` */
  errorOffers?: number;
  /** `FirstAuthErrorDates` */
  firstAuthErrorDates?: string;
  /** `LastVersionSaved` */
  lastVersionSaved?: number;
  /** `LastWelcomeContact` */
  lastWelcomeContact?: string;
  /** `Offers` */
  offers?: number;
  /** `PsaLastChanged` */
  psaLastChanged?: string;
  /** `RefreshToken2` */
  refreshToken2?: string;
  /** `RefreshTokenExpiry2` */
  refreshTokenExpiry2?: string;
  /** `SessionHandle` */
  sessionHandle?: string;
  /** `RejectedOffers` */
  rejectedOffers?: number;
  /** `SyncEnabled` */
  syncEnabled?: boolean;
  /** `TokenRefreshLastAttempted` */
  tokenRefreshLastAttempted?: string;
  /** `TokenRefreshLastCompleted` */
  tokenRefreshLastCompleted?: string;
  /** `PsaState` */
  psaState?: string;
  /** `SourceEntryID` */
  sourceEntryID?: string;
  /** `AccountName` */
  accountName?: string;
  /** `LastSync` */
  lastSync?: string;
}

/** `Person` (`AbchPersonItemType`, Exchange 2016+). */
export interface Person extends ItemFields, PersonFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** The children of `AbchPersonItemType`. */
export interface PersonFields {
  /** `AntiLinkInfo` */
  antiLinkInfo?: string;
  /** `PersonId` */
  personId?: string;
  /** `ContactHandles` */
  contactHandles?: XmlNode[];
  /** `ContactCategories` */
  contactCategories?: string[];
  /** `RelevanceOrder1` */
  relevanceOrder1?: string;
  /** `RelevanceOrder2` */
  relevanceOrder2?: string;
  /** `TrustLevel` */
  trustLevel?: number;
  /** `FavoriteOrder` */
  favoriteOrder?: number;
  /** `ExchangePersonIdGuid` */
  exchangePersonIdGuid?: string;
}

/**
 * A response object (`ReplyToItem`, `ForwardItem`, `AcceptItem`, …): what the
 * user may do with an item, as listed in its `ResponseObjects`.
 */
export interface ResponseObject extends ItemFields, MessageFields, ResponseObjectFields {
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * The children of the response-object types (`ReplyToItem`, `AcceptItem`, …)
 * beyond `MessageType`'s.
 */
export interface ResponseObjectFields {
  /** Attribute `ObjectName`. */
  objectName?: string;
  /** `ReferenceItemId` */
  referenceItemId?: ItemId;
  /** `NewBodyContent` */
  newBodyContent?: Body;
  /** `ProposedStart` */
  proposedStart?: string;
  /** `ProposedEnd` */
  proposedEnd?: string;
}

/** A parsed GetConversationItems response. */
export interface GetConversationItemsResponse {
  /** `ServerVersionInfo` from the SOAP header, when present. */
  serverVersionInfo?: ServerVersionInfo;
  /** One message per requested conversation, in request order. */
  responseMessages: GetConversationItemsResponseMessage[];
}

/** A [`GetConversationItemsResponseMessage`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/getconversationitemsresponsemessage). */
export interface GetConversationItemsResponseMessage extends ResponseStatus {
  /** `Conversation` */
  conversation?: Conversation;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * A [`Conversation`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/conversation-conversationresponsetype)
 * (`ConversationResponseType`).
 */
export interface Conversation {
  /** `ConversationId` */
  conversationId?: ItemId;
  /** `SyncState` */
  syncState?: string;
  /** `ConversationNodes` */
  conversationNodes?: ConversationNode[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * A [`ConversationNode`](https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/conversationnode):
 * one message of the thread (and its copies in other folders).
 */
export interface ConversationNode {
  /** `InternetMessageId` */
  internetMessageId?: string;
  /** `ParentInternetMessageId` */
  parentInternetMessageId?: string;
  /** `Items` */
  items?: Item[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * A parsed GetImItems (or GetImItemList) response: these have no
 * `ResponseMessages` wrapper on the wire, and the result follows the wire.
 */
export interface GetImItemsResponse extends ImItemsResponseMessage {
  /** `ServerVersionInfo` from the SOAP header, when present. */
  serverVersionInfo?: ServerVersionInfo;
}

/**
 * The message of a GetImItems or GetImItemList response
 * (`GetImItemsResponseMessageType`, `GetImItemListResponseMessageType`).
 */
export interface ImItemsResponseMessage extends ResponseStatus {
  /** `ImItemList` */
  imItemList?: ImItemList;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `ImItemList`: the IM groups and the personas of their members. */
export interface ImItemList {
  /** `Groups` */
  groups?: ImGroup[];
  /** `Personas` */
  personas?: Persona[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** An IM group (`ImGroupType`): a contact list of the unified contact store. */
export interface ImGroup {
  /** `DisplayName` */
  displayName?: string;
  /** `GroupType` */
  groupType?: string;
  /** `ExchangeStoreId` */
  exchangeStoreId?: ItemId;
  /** `MemberCorrelationKey` */
  memberCorrelationKey?: ItemId[];
  /** `ExtendedProperties` */
  extendedProperties?: ExtendedProperty[];
  /** `SmtpAddress` */
  smtpAddress?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/**
 * A `Persona` (`PersonaType`, every field of the 2018 schema): a person merged
 * from one or more sources (contacts, directory, IM lists), each listed in
 * `attributions` and referenced by the `attributions` of every attributed value.
 */
export interface Persona {
  /** `PersonaId` */
  personaId?: ItemId;
  /** `PersonaType` */
  personaType?: string;
  /** `PersonaObjectStatus` */
  personaObjectStatus?: string;
  /** `CreationTime` */
  creationTime?: string;
  /** `Bodies` */
  bodies?: BodyContentAttributedValue[];
  /** `DisplayNameFirstLastSortKey` */
  displayNameFirstLastSortKey?: string;
  /** `DisplayNameLastFirstSortKey` */
  displayNameLastFirstSortKey?: string;
  /** `CompanyNameSortKey` */
  companyNameSortKey?: string;
  /** `HomeCitySortKey` */
  homeCitySortKey?: string;
  /** `WorkCitySortKey` */
  workCitySortKey?: string;
  /** `DisplayNameFirstLastHeader` */
  displayNameFirstLastHeader?: string;
  /** `DisplayNameLastFirstHeader` */
  displayNameLastFirstHeader?: string;
  /** `DisplayName` */
  displayName?: string;
  /** `DisplayNameFirstLast` */
  displayNameFirstLast?: string;
  /** `DisplayNameLastFirst` */
  displayNameLastFirst?: string;
  /** `FileAs` */
  fileAs?: string;
  /** `FileAsId` */
  fileAsId?: string;
  /** `DisplayNamePrefix` */
  displayNamePrefix?: string;
  /** `GivenName` */
  givenName?: string;
  /** `MiddleName` */
  middleName?: string;
  /** `Surname` */
  surname?: string;
  /** `Generation` */
  generation?: string;
  /** `Nickname` */
  nickname?: string;
  /** `YomiCompanyName` */
  yomiCompanyName?: string;
  /** `YomiFirstName` */
  yomiFirstName?: string;
  /** `YomiLastName` */
  yomiLastName?: string;
  /** `Title` */
  title?: string;
  /** `Department` */
  department?: string;
  /** `CompanyName` */
  companyName?: string;
  /** `Location` */
  location?: string;
  /** `EmailAddress` */
  emailAddress?: EmailAddress;
  /** `EmailAddresses` */
  emailAddresses?: EmailAddress[];
  /** `PhoneNumber` */
  phoneNumber?: PersonaPhoneNumber;
  /** `ImAddress` */
  imAddress?: string;
  /** `HomeCity` */
  homeCity?: string;
  /** `WorkCity` */
  workCity?: string;
  /** `RelevanceScore` */
  relevanceScore?: number;
  /** `FolderIds` */
  folderIds?: FolderId[];
  /** `Attributions` */
  attributions?: PersonaAttribution[];
  /** `DisplayNames` */
  displayNames?: StringAttributedValue[];
  /** `FileAses` */
  fileAses?: StringAttributedValue[];
  /** `FileAsIds` */
  fileAsIds?: StringAttributedValue[];
  /** `DisplayNamePrefixes` */
  displayNamePrefixes?: StringAttributedValue[];
  /** `GivenNames` */
  givenNames?: StringAttributedValue[];
  /** `MiddleNames` */
  middleNames?: StringAttributedValue[];
  /** `Surnames` */
  surnames?: StringAttributedValue[];
  /** `Generations` */
  generations?: StringAttributedValue[];
  /** `Nicknames` */
  nicknames?: StringAttributedValue[];
  /** `Initials` */
  initials?: StringAttributedValue[];
  /** `YomiCompanyNames` */
  yomiCompanyNames?: StringAttributedValue[];
  /** `YomiFirstNames` */
  yomiFirstNames?: StringAttributedValue[];
  /** `YomiLastNames` */
  yomiLastNames?: StringAttributedValue[];
  /** `BusinessPhoneNumbers` */
  businessPhoneNumbers?: PhoneNumberAttributedValue[];
  /** `BusinessPhoneNumbers2` */
  businessPhoneNumbers2?: PhoneNumberAttributedValue[];
  /** `HomePhones` */
  homePhones?: PhoneNumberAttributedValue[];
  /** `HomePhones2` */
  homePhones2?: PhoneNumberAttributedValue[];
  /** `MobilePhones` */
  mobilePhones?: PhoneNumberAttributedValue[];
  /** `MobilePhones2` */
  mobilePhones2?: PhoneNumberAttributedValue[];
  /** `AssistantPhoneNumbers` */
  assistantPhoneNumbers?: PhoneNumberAttributedValue[];
  /** `CallbackPhones` */
  callbackPhones?: PhoneNumberAttributedValue[];
  /** `CarPhones` */
  carPhones?: PhoneNumberAttributedValue[];
  /** `HomeFaxes` */
  homeFaxes?: PhoneNumberAttributedValue[];
  /** `OrganizationMainPhones` */
  organizationMainPhones?: PhoneNumberAttributedValue[];
  /** `OtherFaxes` */
  otherFaxes?: PhoneNumberAttributedValue[];
  /** `OtherTelephones` */
  otherTelephones?: PhoneNumberAttributedValue[];
  /** `OtherPhones2` */
  otherPhones2?: PhoneNumberAttributedValue[];
  /** `Pagers` */
  pagers?: PhoneNumberAttributedValue[];
  /** `RadioPhones` */
  radioPhones?: PhoneNumberAttributedValue[];
  /** `TelexNumbers` */
  telexNumbers?: PhoneNumberAttributedValue[];
  /** `TTYTDDPhoneNumbers` */
  ttytddPhoneNumbers?: PhoneNumberAttributedValue[];
  /** `WorkFaxes` */
  workFaxes?: PhoneNumberAttributedValue[];
  /** `Emails1` */
  emails1?: EmailAddressAttributedValue[];
  /** `Emails2` */
  emails2?: EmailAddressAttributedValue[];
  /** `Emails3` */
  emails3?: EmailAddressAttributedValue[];
  /** `BusinessHomePages` */
  businessHomePages?: StringAttributedValue[];
  /** `PersonalHomePages` */
  personalHomePages?: StringAttributedValue[];
  /** `OfficeLocations` */
  officeLocations?: StringAttributedValue[];
  /** `ImAddresses` */
  imAddresses?: StringAttributedValue[];
  /** `ImAddresses2` */
  imAddresses2?: StringAttributedValue[];
  /** `ImAddresses3` */
  imAddresses3?: StringAttributedValue[];
  /** `BusinessAddresses` */
  businessAddresses?: PostalAddressAttributedValue[];
  /** `HomeAddresses` */
  homeAddresses?: PostalAddressAttributedValue[];
  /** `OtherAddresses` */
  otherAddresses?: PostalAddressAttributedValue[];
  /** `Titles` */
  titles?: StringAttributedValue[];
  /** `Departments` */
  departments?: StringAttributedValue[];
  /** `CompanyNames` */
  companyNames?: StringAttributedValue[];
  /** `Managers` */
  managers?: StringAttributedValue[];
  /** `AssistantNames` */
  assistantNames?: StringAttributedValue[];
  /** `Professions` */
  professions?: StringAttributedValue[];
  /** `SpouseNames` */
  spouseNames?: StringAttributedValue[];
  /** `Children` */
  children?: StringArrayAttributedValue[];
  /** `Schools` */
  schools?: StringAttributedValue[];
  /** `Hobbies` */
  hobbies?: StringAttributedValue[];
  /** `WeddingAnniversaries` */
  weddingAnniversaries?: StringAttributedValue[];
  /** `Birthdays` */
  birthdays?: StringAttributedValue[];
  /** `Locations` */
  locations?: StringAttributedValue[];
  /** `InlineLinks` */
  inlineLinks?: StringAttributedValue[];
  /** `ItemLinkIds` */
  itemLinkIds?: StringArrayAttributedValue[];
  /** `HasActiveDeals` */
  hasActiveDeals?: string;
  /** `IsBusinessContact` */
  isBusinessContact?: string;
  /** `AttributedHasActiveDeals` */
  attributedHasActiveDeals?: StringAttributedValue[];
  /** `AttributedIsBusinessContact` */
  attributedIsBusinessContact?: StringAttributedValue[];
  /** `SourceMailboxGuids` */
  sourceMailboxGuids?: StringAttributedValue[];
  /** `LastContactedDate` */
  lastContactedDate?: string;
  /** `ExtendedProperties` */
  extendedProperties?: ExtendedPropertyAttributedValue[];
  /** `ExternalDirectoryObjectId` */
  externalDirectoryObjectId?: string;
  /** `MapiEntryId` */
  mapiEntryId?: string;
  /** `MapiEmailAddress` */
  mapiEmailAddress?: string;
  /** `MapiAddressType` */
  mapiAddressType?: string;
  /** `MapiSearchKey` */
  mapiSearchKey?: string;
  /** `MapiTransmittableDisplayName` */
  mapiTransmittableDisplayName?: string;
  /** `MapiSendRichInfo` */
  mapiSendRichInfo?: boolean;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `BodyContentAttributedValue`: a value and the ids of the attributions (sources) it came from. */
export interface BodyContentAttributedValue {
  /** `Value` */
  value?: BodyContent;
  /** `Attributions` */
  attributions?: string[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A persona body (`BodyContentType`). */
export interface BodyContent {
  /** `Value` */
  value?: string;
  /** `BodyType` */
  bodyType?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A `Persona`'s phone number (`PersonaPhoneNumberType`). */
export interface PersonaPhoneNumber {
  /** `Number` */
  number?: string;
  /** `Type` */
  type?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A source a persona was merged from (`PersonaAttributionType`). */
export interface PersonaAttribution {
  /** `Id` */
  id?: string;
  /** `SourceId` */
  sourceId?: ItemId;
  /** `DisplayName` */
  displayName?: string;
  /** `IsWritable` */
  isWritable?: boolean;
  /** `IsQuickContact` */
  isQuickContact?: boolean;
  /** `IsHidden` */
  isHidden?: boolean;
  /** `FolderId` */
  folderId?: FolderId;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `StringAttributedValue`: a value and the ids of the attributions (sources) it came from. */
export interface StringAttributedValue {
  /** `Value` */
  value?: string;
  /** `Attributions` */
  attributions?: string[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `PhoneNumberAttributedValue`: a value and the ids of the attributions (sources) it came from. */
export interface PhoneNumberAttributedValue {
  /** `Value` */
  value?: PersonaPhoneNumber;
  /** `Attributions` */
  attributions?: string[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `EmailAddressAttributedValue`: a value and the ids of the attributions (sources) it came from. */
export interface EmailAddressAttributedValue {
  /** `Value` */
  value?: EmailAddress;
  /** `Attributions` */
  attributions?: string[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `PostalAddressAttributedValue`: a value and the ids of the attributions (sources) it came from. */
export interface PostalAddressAttributedValue {
  /** `Value` */
  value?: PersonaPostalAddress;
  /** `Attributions` */
  attributions?: string[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A postal address of a persona (`PersonaPostalAddressType`). */
export interface PersonaPostalAddress {
  /** `Street` */
  street?: string;
  /** `City` */
  city?: string;
  /** `State` */
  state?: string;
  /** `Country` */
  country?: string;
  /** `PostalCode` */
  postalCode?: string;
  /** `PostOfficeBox` */
  postOfficeBox?: string;
  /** `Type` */
  type?: string;
  /** `Latitude` */
  latitude?: number;
  /** `Longitude` */
  longitude?: number;
  /** `Accuracy` */
  accuracy?: number;
  /** `Altitude` */
  altitude?: number;
  /** `AltitudeAccuracy` */
  altitudeAccuracy?: number;
  /** `FormattedAddress` */
  formattedAddress?: string;
  /** `LocationUri` */
  locationUri?: string;
  /** `LocationSource` */
  locationSource?: string;
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `StringArrayAttributedValue`: a value and the ids of the attributions (sources) it came from. */
export interface StringArrayAttributedValue {
  /** `Values` */
  values?: string[];
  /** `Attributions` */
  attributions?: string[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** `ExtendedPropertyAttributedValue`: a value and the ids of the attributions (sources) it came from. */
export interface ExtendedPropertyAttributedValue {
  /** `Value` */
  value?: ExtendedProperty;
  /** `Attributions` */
  attributions?: string[];
  /** Child elements the model does not know, kept verbatim (nothing is dropped). */
  unknownElements?: RawElement[];
}

/** A parsed GetImItemList response: the same shape as GetImItems'. */
export type GetImItemListResponse = GetImItemsResponse;

/** One line of a conversation laid out as a reply tree (see `conversationThread`). */
export interface ThreadEntry {
  /** Index of the node in `conversationNodes`. */
  index: number;
  /**
   * 0 for a root (a node without parent, or whose parent is not in the
   * conversation), the parent's depth + 1 otherwise.
   */
  depth: number;
  /** Index of the parent node, when it is in the conversation. */
  parentIndex?: number;
}
