// outlookTransport against Microsoft's own Office.js declarations
// (@types/office-js): what an add-in author writes must compile without casts.
import { EwsClient, outlookTransport, EwsError } from 'ews-wasm';
import type { OutlookMailbox, OutlookTransport } from 'ews-wasm';

export function fromOffice(): EwsClient {
  // Office.context.mailbox is an Office.Mailbox
  const mailbox: Office.Mailbox = Office.context.mailbox;
  const transport: OutlookTransport = outlookTransport(mailbox);
  const withContext: OutlookTransport = outlookTransport(Office.context.mailbox, { userContext: { attempt: 1 } });
  const supported: boolean = transport.supports('GetConversationItems') && !withContext.supports('SyncFolderItems');
  if (!supported) throw new EwsError('ERR_NOT_SUPPORTED', 'unexpected');
  return new EwsClient({ transport });
}

// Office.Mailbox is an OutlookMailbox: the callback Office calls with an
// Office.AsyncResult<string> fits the one the transport passes.
export const asMailbox: OutlookMailbox = Office.context.mailbox;

// And the failed result's error carries what the transport keeps.
export function officeError(result: Office.AsyncResult<string>): [number, string] | undefined {
  return result.status === Office.AsyncResultStatus.Failed ? [result.error.code, result.error.name] : undefined;
}
