// EwsError: the one error class ews-wasm throws. Match on `code`, never on `message`.

/** Everything ews-wasm throws. `code` is stable; extra fields depend on it (see README). */
export class EwsError extends Error {
  /**
   * @param {string} code stable machine-readable code, e.g. 'ERR_MALFORMED_XML'
   * @param {string} message human-readable text (may change between versions)
   * @param {Record<string, unknown>} [fields] the code's extra fields (path, position, ...)
   * @param {{ cause?: unknown }} [options]
   */
  constructor(code, message, fields = {}, options = undefined) {
    super(message, options);
    this.name = 'EwsError';
    this.code = code;
    for (const [k, v] of Object.entries(fields)) {
      if (k !== 'code' && k !== 'message' && k !== 'name' && k !== 'stack' && k !== 'cause') this[k] = v;
    }
  }
}

/** Turns what the wasm side threw (an error JSON string) into an EwsError. */
export function fromWasmError(e) {
  if (e instanceof EwsError) return e;
  if (typeof e === 'string') {
    let o;
    try {
      o = JSON.parse(e);
    } catch {
      o = undefined;
    }
    if (o && typeof o === 'object' && typeof o.code === 'string') {
      const { code, message, ...fields } = o;
      return new EwsError(code, String(message ?? code), fields);
    }
  }
  return new EwsError('ERR_INTERNAL', `ews-wasm internal error: ${e && e.message ? e.message : String(e)}`, {}, { cause: e });
}
