// Whether the WebAssembly module is initialised (Node: at import; browsers: after
// `await init()`), and the one way the wrappers call into it.
import { EwsError, fromWasmError } from './errors.js';

let ready = false;
export function markReady() {
  ready = true;
}
export function isReady() {
  return ready;
}

/** Calls into the module, turning what it throws into an EwsError. */
export function callWasm(f) {
  if (!ready) {
    throw new EwsError('ERR_NOT_INITIALIZED', 'ews-wasm is not initialised: call `await init()` once before the first call (browsers only)');
  }
  try {
    return f();
  } catch (e) {
    throw fromWasmError(e);
  }
}
