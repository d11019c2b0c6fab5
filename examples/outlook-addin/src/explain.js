// Turns what can go wrong into something a person can act on. Pure (no DOM,
// no Office.js), so it is tested in Node; the task pane renders its result.
//
// Returns { kind, title, text, retryAfterMs?, fewer? }:
//   kind 'not-supported'  this Outlook cannot call EWS for the add-in
//   kind 'throttled'      Exchange asked us to slow down (ErrorServerBusy, 503/429)
//   kind 'too-large'      Outlook refused the call, most likely the 1 MB limit
//   kind 'server'         Exchange answered with an error response code
//   kind 'other'          anything else (code shown for a support request)

/** The most messages the first request asks for; 'Load fewer' asks for FEWER_ITEMS. */
export const MAX_ITEMS = 100;
export const FEWER_ITEMS = 20;

/** What makeEwsRequestAsync may carry, request or response (Microsoft's documented limit). */
export const OUTLOOK_EWS_LIMIT = 1_000_000;

function seconds(/** @type {number} */ ms) {
  return Math.max(1, Math.ceil(ms / 1000));
}

/**
 * @param {unknown} error what was thrown
 * @param {{ maxItems?: number }} [context] the request that failed
 */
export function explain(error, context = {}) {
  const e = /** @type {{ code?: string, [k: string]: any }} */ (error ?? {});
  const code = typeof e.code === 'string' ? e.code : undefined;
  const maxItems = context.maxItems ?? MAX_ITEMS;

  if (code === 'ERR_NOT_SUPPORTED' || (code === 'ERR_INVALID_OPTIONS' && e.path === 'mailbox')) {
    return {
      kind: 'not-supported',
      title: 'This Outlook cannot read the conversation through Exchange Web Services',
      text: 'Outlook lets add-ins call EWS (makeEwsRequestAsync) only in Outlook on Windows, on Mac and on the web '
        + 'with an Exchange Server mailbox; not in Outlook on Android or iOS, nor where an Exchange Online '
        + 'tenant has turned EWS for add-ins off. Open the message in one of those, or ask your administrator.',
    };
  }
  if (e.responseCode === 'ErrorServerBusy' || (code === 'ERR_HTTP' && (e.status === 503 || e.status === 429))) {
    const wait = e.backOffMilliseconds ?? e.retryAfterMs;
    return {
      kind: 'throttled',
      title: 'Exchange is busy and asked the add-in to slow down',
      text: wait !== undefined
        ? `The server asked for a pause of ${seconds(wait)} s. The add-in already retried; it will be possible to try again then.`
        : 'The add-in already retried a few times. Try again in a minute.',
      retryAfterMs: wait ?? 60_000,
    };
  }
  if (code === 'ERR_NETWORK' && (e.officeErrorCode !== undefined || e.officeErrorName !== undefined)) {
    const office = [e.officeErrorName, e.officeErrorCode].filter((x) => x !== undefined).join(' ');
    return {
      kind: 'too-large',
      title: 'Outlook refused the request',
      text: `Outlook answered "${office}". A request or response through makeEwsRequestAsync may be at most 1 MB, `
        + `and a long conversation can pass that. Load fewer messages (the ${FEWER_ITEMS} newest instead of up to ${maxItems}).`,
      fewer: maxItems > FEWER_ITEMS,
    };
  }
  if (code === 'ERR_LIMIT') {
    return {
      kind: 'too-large',
      title: 'The answer was larger than the add-in accepts',
      text: `Load fewer messages (the ${FEWER_ITEMS} newest instead of up to ${maxItems}).`,
      fewer: maxItems > FEWER_ITEMS,
    };
  }
  if (code === 'ERR_RESPONSE' || code === 'ERR_SOAP_FAULT') {
    const what = e.responseCode ?? e.faultCode ?? code;
    /** @type {Record<string, string>} */
    const hints = {
      ErrorItemNotFound: 'The message may have been moved or deleted: select it again.',
      ErrorInvalidIdMalformed: 'Outlook gave an id Exchange does not accept: reopen the message.',
      ErrorAccessDenied: 'Your mailbox does not allow this: ask your administrator.',
      ErrorIncorrectSchemaVersion: 'This Exchange is older than Exchange 2013, which GetConversationItems needs.',
      ErrorInvalidRequest: 'Exchange did not accept the request.',
    };
    const hint = hints[String(e.responseCode)] ?? 'Try again; if it keeps failing, give this code to your administrator.';
    return {
      kind: 'server',
      title: `Exchange answered ${what}`,
      text: [e.messageText ?? e.faultString, hint].filter(Boolean).join(' '),
    };
  }
  return {
    kind: 'other',
    title: 'The conversation could not be loaded',
    text: `${code ?? (e instanceof Error ? e.name : 'Error')}: ${e.message ?? String(error)}`,
  };
}
