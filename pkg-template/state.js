// Whether the WebAssembly module is initialised (Node: at import; browsers: after
// `await init()`), and the one way the wrappers call into it.
import * as raw from './ews_wasm.js';
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

const encoder = new TextEncoder();

/**
 * Puts a response body (a string, or bytes) into the module's input buffer, at
 * its UTF-8 size, and returns that size; the next call into the module reads
 * it from there (`parseInput`, `ClientCall.step`). A string is encoded straight
 * into it: room for its length plus 1/32 covers mostly-ASCII text in one go;
 * what is left after that needs at most three bytes per UTF-16 unit.
 * @param {string | Uint8Array} xml
 */
export function handIn(xml) {
  if (typeof xml !== 'string') {
    const ptr = raw.inputBuffer(0, xml.byteLength);
    new Uint8Array(memory.buffer, ptr, xml.byteLength).set(xml);
    return xml.byteLength;
  }
  let size = xml.length + (xml.length >>> 5) + 16;
  let ptr = raw.inputBuffer(0, size);
  let { read, written } = encoder.encodeInto(xml, new Uint8Array(memory.buffer, ptr, size));
  while (read < xml.length) {
    size = written + (xml.length - read) * 3;
    ptr = raw.inputBuffer(written, size);
    const more = encoder.encodeInto(xml.slice(read), new Uint8Array(memory.buffer, ptr + written, size - written));
    read += more.read;
    written += more.written;
  }
  return written;
}
