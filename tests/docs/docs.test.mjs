// The API reference's links and the no-`any` check (scripts/docs.mjs), on
// snippets and on the real declarations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkDeclarations, anyTypes } from '../../scripts/docs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const REF = 'https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/';

test('element names link to their reference page; the page of SyncState depends on the operation', () => {
  const { text } = linkDeclarations([
    'export interface ItemShape {',
    '  /** `BaseShape`. */',
    '  baseShape: string;',
    '}',
    'export interface SyncFolderItemsOptions {',
    '  /** `SyncState`: absent on the first request. */',
    '  syncState?: string;',
    '}',
    'export interface ConversationRequest {',
    '  /** `SyncState` from an earlier response. */',
    '  syncState?: string;',
    '  /** `RequestServerVersion/@Version`; default. */',
    '  v?: string;',
    '  /** Child elements the model does not know. */',
    '  unknownElements?: string[];',
    '}',
    '/** Builds a GetConversationItems request envelope. */',
    'export function buildGetConversationItemsRequest(o: ConversationRequest): string;',
  ].join('\n'));
  assert.ok(text.includes(`[\`BaseShape\`](${REF}baseshape)`));
  assert.ok(text.includes(`[\`SyncState\`](${REF}syncstate-ex15websvcsotherref): absent`));
  assert.ok(text.includes(`[\`SyncState\`](${REF}syncstate-base64binary) from`));
  assert.ok(text.includes(`[\`RequestServerVersion/@Version\`](${REF}requestserverversion)`));
  assert.ok(text.includes(`[GetConversationItems](${REF}getconversationitems-operation) request`));
  assert.ok(text.includes('/** Child elements the model does not know. */'));
});

test('the real declarations: most fields linked, none with `any`', async () => {
  const source = readFileSync(path.join(ROOT, 'pkg-template', 'index.d.ts'), 'utf8');
  const { stats } = linkDeclarations(source);
  assert.ok(stats.fields > 500);
  assert.ok(stats.fieldsLinked / stats.fields > 0.7, JSON.stringify(stats));
  assert.deepEqual(await anyTypes(source), []);
  assert.deepEqual(await anyTypes('export function f(x: any): Array<any>;'), ['index.d.ts:1:22', 'index.d.ts:1:34']);
});
