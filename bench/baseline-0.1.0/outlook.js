// outlookTransport: an EwsClient transport for Outlook add-ins, over
// Office.context.mailbox.makeEwsRequestAsync. Outlook only lets a subset of
// EWS operations through that method; of the four ews-wasm operations it
// carries GetConversationItems, and refuses SyncFolderItems, GetImItems and
// GetImItemList, which this transport rejects with ERR_NOT_SUPPORTED before
// anything is sent.
import { EwsError } from './errors.js';

const REFUSED = new Set(['SyncFolderItems', 'GetImItems', 'GetImItemList']);

/** The local name of the first element in the SOAP Body (the operation), or undefined. */
function bodyOperation(xml) {
  const m = /<(?:[A-Za-z_][\w.-]*:)?Body\b[^>]*>\s*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(xml);
  return m ? m[1] : undefined;
}

function aborted(signal) {
  return new EwsError('ERR_ABORTED', 'the request was aborted by the caller', {}, { cause: signal?.reason });
}

/**
 * @param {{ makeEwsRequestAsync: Function }} mailbox `Office.context.mailbox`
 * @param {{ userContext?: unknown }} [options] passed to makeEwsRequestAsync as its third argument
 * @returns {(xml: string, ctx?: { signal?: AbortSignal, operation?: string }) => Promise<string>}
 */
export function outlookTransport(mailbox, options = {}) {
  if (!mailbox || typeof mailbox.makeEwsRequestAsync !== 'function') {
    throw new EwsError('ERR_INVALID_OPTIONS', 'outlookTransport needs Office.context.mailbox (an object with makeEwsRequestAsync)', { path: 'mailbox' });
  }
  const hasContext = options !== null && typeof options === 'object' && 'userContext' in options;
  const transport = (xml, ctx = {}) => {
    const { signal, operation } = ctx ?? {};
    if (typeof xml !== 'string') {
      return Promise.reject(new EwsError('ERR_INVALID_OPTIONS', 'the request must be a string', { path: 'xml' }));
    }
    // Refuse by the name the client gives and by what the envelope holds.
    for (const op of [operation, bodyOperation(xml)]) {
      if (typeof op === 'string' && REFUSED.has(op)) {
        return Promise.reject(new EwsError('ERR_NOT_SUPPORTED', `Outlook add-ins cannot call ${op} through makeEwsRequestAsync`, { operation: op }));
      }
    }
    if (signal?.aborted) return Promise.reject(aborted(signal));
    return new Promise((resolve, reject) => {
      // makeEwsRequestAsync cannot be cancelled: on abort we stop waiting for it.
      const onAbort = () => reject(aborted(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      const callback = (asyncResult) => {
        signal?.removeEventListener('abort', onAbort);
        if (!asyncResult || asyncResult.status === 'failed') {
          const err = asyncResult?.error ?? {};
          const fields = { operation: operation ?? bodyOperation(xml) };
          if (err.code !== undefined) fields.officeErrorCode = err.code;
          if (err.name !== undefined) fields.officeErrorName = err.name;
          reject(new EwsError(
            'ERR_NETWORK',
            `Outlook could not complete the EWS request${err.name ? ` (${err.name}${err.code !== undefined ? ` ${err.code}` : ''})` : ''}${err.message ? `: ${err.message}` : ''}`,
            fields,
          ));
          return;
        }
        resolve(typeof asyncResult.value === 'string' ? asyncResult.value : String(asyncResult.value ?? ''));
      };
      try {
        if (hasContext) mailbox.makeEwsRequestAsync(xml, callback, options.userContext);
        else mailbox.makeEwsRequestAsync(xml, callback);
      } catch (e) {
        signal?.removeEventListener('abort', onAbort);
        reject(new EwsError('ERR_NETWORK', `makeEwsRequestAsync threw: ${e?.message ?? e}`, { operation: operation ?? bodyOperation(xml), retryable: false }, { cause: e }));
      }
    });
  };
  /** Whether this transport carries `operation`. */
  transport.supports = (op) => !REFUSED.has(op);
  return transport;
}
