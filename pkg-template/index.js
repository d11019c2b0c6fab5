// Browser / bundler entry: call `await init()` once before the first call. It
// fetches ews_wasm_bg.wasm next to this file (bundlers rewrite that URL), or
// takes what you pass: a URL, a Response, bytes or a WebAssembly.Module.
import initWasm from './ews_wasm.js';
import { markReady, isReady } from './state.js';

export * from './api.js';

let pending;
/** @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [input] */
export function init(input) {
  if (isReady()) return Promise.resolve();
  pending ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(
    (exports) => markReady(exports),
    (e) => {
      pending = undefined;
      throw e;
    },
  );
  return pending;
}
