// The demo's send path, in one module: createClient(config) → the package's
// `EwsClient` (the same client a user of ews-wasm gets). What went over the
// wire is seen by recorder.js (installed before the package loads).
import { EwsClient } from 'ews-wasm';

export { exchanges, onExchange, exchangesSince, lastExchangeNumber } from './recorder.js';

/** The client the page sends with: `new EwsClient(config)`; `config` is EwsClient's option object. */
export function createClient(config) {
  return new EwsClient(config);
}
