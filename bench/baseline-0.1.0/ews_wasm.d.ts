/* tslint:disable */
/* eslint-disable */

export function buildGetConversationItemsRequest(options_json: string): string;

export function buildGetImItemListRequest(options_json: string): string;

export function buildGetImItemsRequest(options_json: string): string;

export function buildSyncFolderItemsRequest(options_json: string): string;

/**
 * Lays a parsed conversation (JSON) out as a reply tree: `[{ index, depth, parentIndex }]`.
 *
 * Only the message ids of each node are read back (a small struct), so the
 * item types need no JSON deserialiser in the module.
 */
export function conversationThread(conversation_json: string): string;

export function parseGetConversationItemsResponse(xml: string, limits_json?: string | null): string;

/**
 * The same, from the body's bytes (UTF-8, or UTF-16 with a BOM).
 */
export function parseGetConversationItemsResponseBytes(bytes: Uint8Array | number[], limits_json?: string | null): string;

export function parseGetImItemListResponse(xml: string, limits_json?: string | null): string;

/**
 * The same, from the body's bytes (UTF-8, or UTF-16 with a BOM).
 */
export function parseGetImItemListResponseBytes(bytes: Uint8Array | number[], limits_json?: string | null): string;

export function parseGetImItemsResponse(xml: string, limits_json?: string | null): string;

/**
 * The same, from the body's bytes (UTF-8, or UTF-16 with a BOM).
 */
export function parseGetImItemsResponseBytes(bytes: Uint8Array | number[], limits_json?: string | null): string;

export function parseSyncFolderItemsResponse(xml: string, limits_json?: string | null): string;

/**
 * The same, from the body's bytes (UTF-8, or UTF-16 with a BOM).
 */
export function parseSyncFolderItemsResponseBytes(bytes: Uint8Array | number[], limits_json?: string | null): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly buildGetConversationItemsRequest: (a: number, b: number) => [number, number, number, number];
    readonly buildGetImItemListRequest: (a: number, b: number) => [number, number, number, number];
    readonly buildGetImItemsRequest: (a: number, b: number) => [number, number, number, number];
    readonly buildSyncFolderItemsRequest: (a: number, b: number) => [number, number, number, number];
    readonly conversationThread: (a: number, b: number) => [number, number, number, number];
    readonly parseGetConversationItemsResponse: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly parseGetConversationItemsResponseBytes: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly parseGetImItemListResponse: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly parseGetImItemListResponseBytes: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly parseGetImItemsResponse: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly parseGetImItemsResponseBytes: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly parseSyncFolderItemsResponse: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly parseSyncFolderItemsResponseBytes: (a: number, b: number, c: number, d: number) => [number, number, number, number];
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
