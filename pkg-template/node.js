// Node entry: the module is compiled and instantiated at import, synchronously,
// so `import` is all the set-up a Node user does.
import { readFileSync } from 'node:fs';
import { initSync } from './ews_wasm.js';
import { markReady } from './state.js';

markReady(initSync({ module: readFileSync(new URL('./ews_wasm_bg.wasm', import.meta.url)) }));

export * from './api.js';

/** Nothing to do in Node (kept so that universal code can always `await init()`). */
export async function init() {}
