// Whether the WebAssembly module is initialised (Node: at import; browsers: after
// `await init()`), and the one way the wrappers call into it.
import { EwsError, fromWasmError } from './errors.js';

let ready = false;
let memory;
/** @param {{ memory: WebAssembly.Memory }} exports what the glue's init returned */
export function markReady(exports) {
  memory = exports.memory;
  ready = true;
}
/** The module's linear memory (its `buffer` changes when the memory grows). */
export function wasmMemory() {
  return memory;
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
