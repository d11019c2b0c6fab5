/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const buildGetConversationItemsRequest: (a: number, b: number) => [number, number, number, number];
export const buildGetImItemListRequest: (a: number, b: number) => [number, number, number, number];
export const buildGetImItemsRequest: (a: number, b: number) => [number, number, number, number];
export const buildSyncFolderItemsRequest: (a: number, b: number) => [number, number, number, number];
export const conversationThread: (a: number, b: number) => [number, number, number, number];
export const parseGetConversationItemsResponse: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const parseGetConversationItemsResponseBytes: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const parseGetImItemListResponse: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const parseGetImItemListResponseBytes: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const parseGetImItemsResponse: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const parseGetImItemsResponseBytes: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const parseSyncFolderItemsResponse: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const parseSyncFolderItemsResponseBytes: (a: number, b: number, c: number, d: number) => [number, number, number, number];
export const __wbindgen_externrefs: WebAssembly.Table;
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
