// Whether the WebAssembly module is initialised (Node: at import; browsers: after `await init()`).
let ready = false;
export function markReady() {
  ready = true;
}
export function isReady() {
  return ready;
}
