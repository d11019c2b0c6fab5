// The JSON admin API under /mock-admin/ (see README.md): inspect and mutate
// the mailbox, configure fault injection, read the request log and stats.

import { MailboxError } from './mailbox.mjs';

export class AdminError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function num(v, name, { min = 0, max = Number.MAX_SAFE_INTEGER, int = true } = {}) {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || (int && !Number.isInteger(v)) || v < min || v > max) {
    throw new AdminError(400, `${name} must be ${int ? 'an integer' : 'a number'} in ${min}..${max}`);
  }
  return v;
}

/**
 * Routes one admin request. `ctl` is the handler's controller (mailbox,
 * faults, log, stats, auth). Returns [status, jsonBody].
 */
export function adminRoute(ctl, method, segments, body, query) {
  const mb = ctl.mailbox;
  const [a, b, c] = segments;
  const route = `${method} ${segments.length ? a : ''}${segments.length > 1 ? '/*' : ''}${segments.length > 2 ? '/*' : ''}`;
  try {
    switch (route) {
      case 'GET ':
      case 'GET state':
        return [200, { ...mb.state(), auth: { mode: ctl.auth.mode }, faults: ctl.faults, requestsLogged: ctl.log.length }];
      case 'GET folder/*/*':
        if (c !== 'items') break;
        return [200, mb.folderItems(b, { associated: query.get('scope') === 'NormalAndAssociatedItems' || query.get('associated') === '1' || query.get('associated') === 'true' })];
      case 'GET folders':
        return [200, mb.state().folders];
      case 'POST items': {
        const snaps = mb.createItems({
          folder: body.folder, count: num(body.count, 'count', { min: 1, max: 100000 }), kind: body.kind, subject: body.subject,
          isRead: body.isRead, conversationId: body.conversationId, parentInternetMessageId: body.parentInternetMessageId,
          associated: !!body.associated, from: body.from,
        });
        return [200, { created: snaps.map((s) => s.id), items: snaps.map((s) => ({ id: s.id, changeKey: s.changeKey, kind: s.kind, folder: s.folder, subject: s.subject, isRead: s.isRead, conversationId: s.conversationId?.id, internetMessageId: s.internetMessageId })) }];
      }
      case 'GET items/*':
        return [200, mb.item(b)];
      case 'POST items/*/*': {
        if (c === 'update') {
          const s = mb.updateItem(b, { subject: body.subject, importance: body.importance, categories: body.categories, sensitivity: body.sensitivity });
          return [200, { id: s.id, changeKey: s.changeKey, subject: s.subject }];
        }
        if (c === 'read') {
          if (typeof body.isRead !== 'boolean') throw new AdminError(400, 'isRead (boolean) is required');
          const s = mb.setRead(b, body.isRead);
          return [200, { id: s.id, changeKey: s.changeKey, isRead: s.isRead }];
        }
        if (c === 'delete') return [200, mb.deleteItem(b, { move: !!body.move })];
        break;
      }
      case 'POST mutate':
        return [200, mb.mutate({ folder: body.folder, creates: body.creates ?? 0, updates: body.updates ?? 0, deletes: body.deletes ?? 0, reads: body.reads ?? 0, seed: body.seed })];
      case 'GET conversations':
        return [200, { conversations: mb.conversationList() }];
      case 'GET conversations/*':
        return [200, mb.conversationDetail(b)];
      case 'GET im':
        return [200, mb.imSummary()];
      case 'POST reset': {
        const t0 = performance.now();
        mb.reset({ seed: body.seed ?? mb.seed, items: num(body.items, 'items', { max: 1_000_000 }), folder: body.folder ?? 'inbox' });
        const st = mb.state();
        return [200, { ok: true, seed: st.seed, generation: st.generation, ms: Math.round(performance.now() - t0), folders: st.folders.map((f) => ({ name: f.name, count: f.count })) }];
      }
      case 'GET faults':
        return [200, { faults: ctl.faults }];
      case 'POST faults':
        return [200, { faults: ctl.setFaults(body) }];
      case 'DELETE faults':
        ctl.clearFaults();
        return [200, { faults: null }];
      case 'GET requests': {
        let list = ctl.log;
        if (query.get('operation')) list = list.filter((r) => r.operation === query.get('operation'));
        const limit = query.get('limit') ? Number(query.get('limit')) : undefined;
        if (limit && limit > 0) list = list.slice(-limit);
        return [200, { requests: list }];
      }
      case 'DELETE requests':
        ctl.log.length = 0;
        return [200, { requests: [] }];
      case 'GET stats':
        return [200, ctl.stats];
      case 'DELETE stats':
        ctl.resetStats();
        return [200, ctl.stats];
      case 'POST auth':
        ctl.setAuth(body);
        return [200, { auth: { mode: ctl.auth.mode } }];
      default:
        break;
    }
    return [404, { error: `no admin route ${method} /mock-admin/${segments.join('/')}` }];
  } catch (e) {
    if (e instanceof AdminError || e instanceof MailboxError) return [e.status, { error: e.message }];
    throw e;
  }
}

export const FAULT_KINDS = ['503', '429', 'busy', 'busy500', 'busy200', 'drop', 'delay', 'fault500'];

/** Validates and fills in a fault configuration (POST /mock-admin/faults). */
export function normaliseFaults(body, defaultSeed) {
  if (!body || typeof body !== 'object') throw new AdminError(400, 'faults must be a JSON object');
  const rate = body.rate === undefined ? 1 : num(body.rate, 'rate', { min: 0, max: 1, int: false });
  const kinds = body.kinds === undefined ? ['503'] : body.kinds;
  if (!Array.isArray(kinds) || !kinds.length || !kinds.every((k) => FAULT_KINDS.includes(String(k)))) {
    throw new AdminError(400, `kinds must be a non-empty array of ${FAULT_KINDS.join(', ')}`);
  }
  const operations = body.operations;
  if (operations !== undefined && !(Array.isArray(operations) && operations.every((o) => typeof o === 'string'))) {
    throw new AdminError(400, 'operations must be an array of operation names');
  }
  return {
    rate,
    kinds: kinds.map(String),
    retryAfterSeconds: num(body.retryAfterSeconds, 'retryAfterSeconds', { max: 86400 }) ?? 1,
    backOffMilliseconds: num(body.backOffMilliseconds, 'backOffMilliseconds', { max: 3_600_000 }) ?? 1000,
    delayMs: num(body.delayMs, 'delayMs', { max: 600_000 }) ?? 1000,
    seed: body.seed ?? defaultSeed,
    operations,
    maxFaults: num(body.maxFaults, 'maxFaults', { min: 0 }),
  };
}
