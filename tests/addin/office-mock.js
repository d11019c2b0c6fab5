// Office.js stand-in for the task pane in Chromium: Microsoft's
// office-addin-mock (OfficeMockObject) holding an Outlook mailbox whose
// makeEwsRequestAsync posts the envelope to the mock Exchange server, as
// Outlook forwards it to the user's Exchange Server. Bundled by the test
// (esbuild, IIFE) and served in place of appsforoffice.microsoft.com's
// office.js. Configured by window.__officeMockConfig (set before load):
//   { ewsUrl, item: { itemId, conversationId, subject }, ews = true,
//     mailboxVersion = '1.5', sizeLimit = 1_000_000 }
// window.__officeMock: { selectItem(item), setSizeLimit(n), calls }.
import { OfficeMockObject } from 'office-addin-mock';

const cfg = window.__officeMockConfig ?? {};
const state = { sizeLimit: cfg.sizeLimit ?? 1_000_000, calls: [], handlers: [] };

// What Outlook reports when a request or response is over its limit. The
// add-in does not depend on the code or the wording.
const TOO_LARGE = { code: 9020, name: 'GenericResponseError', message: 'The response exceeds the 1 MB size limit.' };

function makeEwsRequestAsync(data, callback, userContext) {
  const call = { request: data, status: undefined };
  state.calls.push(call);
  const done = (result) => {
    call.status = result.status;
    setTimeout(() => callback({ ...result, asyncContext: userContext }), 0);
  };
  if (typeof data !== 'string' || data.length > state.sizeLimit) {
    done({ status: 'failed', error: { ...TOO_LARGE, message: 'The request exceeds the 1 MB size limit.' } });
    return;
  }
  fetch(cfg.ewsUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: data })
    .then(async (res) => {
      const text = await res.text();
      // Outlook hands back the SOAP answer, a fault included; anything else is a failure.
      if (!res.ok && !/<(\w+:)?Envelope\b/.test(text)) {
        done({ status: 'failed', error: { code: 9017, name: 'NetworkError', message: `HTTP ${res.status}` } });
      } else if (text.length > state.sizeLimit) {
        done({ status: 'failed', error: TOO_LARGE });
      } else {
        done({ status: 'succeeded', value: text });
      }
    })
    .catch((e) => done({ status: 'failed', error: { code: 9017, name: 'NetworkError', message: String(e) } }));
}

const mailboxVersion = Number(cfg.mailboxVersion ?? '1.5');
const mailbox = {
  item: { itemType: 'message', ...cfg.item },
  diagnostics: { hostName: 'Outlook', hostVersion: '16.0.17928.20114', OWAView: '' },
  userProfile: { emailAddress: 'alexw@contoso.com', displayName: 'Alex Wilber' },
  addHandlerAsync(eventType, handler, callback) {
    state.handlers.push({ eventType, handler });
    callback?.({ status: 'succeeded' });
  },
};
if (cfg.ews !== false) mailbox.makeEwsRequestAsync = makeEwsRequestAsync;

const office = new OfficeMockObject({
  host: 'outlook',
  HostType: { Outlook: 'Outlook' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  EventType: { ItemChanged: 'olkItemSelectedChanged' },
  context: {
    mailbox,
    requirements: {
      isSetSupported: (name, version) => String(name).toLowerCase() === 'mailbox' && Number(version ?? '1.1') <= mailboxVersion,
    },
  },
  onReady(callback) {
    const info = { host: 'Outlook', platform: 'PC' };
    return Promise.resolve().then(() => {
      callback?.(info);
      return info;
    });
  },
});

window.Office = office;
window.__officeMock = {
  calls: state.calls,
  setSizeLimit(n) { state.sizeLimit = n; },
  /** Selects another message, as a pinned task pane sees it. */
  selectItem(item) {
    office.context.mailbox.item = { itemType: 'message', ...item };
    for (const { eventType, handler } of state.handlers) {
      if (eventType === 'olkItemSelectedChanged') handler({ type: eventType });
    }
  },
};
