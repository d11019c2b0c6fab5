#!/usr/bin/env node
// Checks that the benchmark's generated inputs are what they claim to be:
//   - schema-valid SOAP envelopes, with the official EWS schema (shared/schemas/validate,
//     xmllint), against both schema sets (ex2018 and ex2013sp1);
//   - deterministic: generating twice gives the same bytes;
//   - the content the generator promises: all four change kinds interleaved, Message and
//     MeetingRequest items, astral emoji, &amp; and &lt; in text, the http:// namespaces,
//     a ServerVersionInfo header, threads with ParentInternetMessageId, attributed
//     persona fields.
//
//   node bench/check-data.mjs [--quick]     (--quick: the smallest input of each kind only)
//
// The validator is found at $EWS_SCHEMA_VALIDATE, else ../shared/schemas/validate from
// the repository root. It needs xmllint (Debian: apt-get install -y libxml2-utils).
// Exit code 0 when every check passes.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INPUTS, writeAll } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const validator = process.env.EWS_SCHEMA_VALIDATE ?? path.resolve(ROOT, '../shared/schemas/validate');
const quick = process.argv.includes('--quick');

let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

if (!fs.existsSync(validator)) {
  console.error(`check-data: no validator at ${validator} (set EWS_SCHEMA_VALIDATE)`);
  process.exit(2);
}
if (spawnSync('xmllint', ['--version']).error) {
  console.error('check-data: xmllint not found: apt-get install -y libxml2-utils');
  process.exit(2);
}

const all = writeAll();
const smallestOfKind = new Set(['sync', 'gci', 'im'].map((k) => all.find((i) => i.kind === k).name));
const inputs = quick ? all.filter((i) => smallestOfKind.has(i.name)) : all;

// 1. schema validity
for (const schema of ['ex2018', 'ex2013sp1']) {
  for (const input of inputs) {
    const r = spawnSync(validator, ['--schema', schema, input.path], { encoding: 'utf8' });
    check(r.status === 0, `${input.name} validates against ${schema}${r.status === 0 ? '' : `: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' | ')}`}`);
  }
}

// 2. determinism
for (const input of inputs) {
  const again = INPUTS.find((i) => i.name === input.name).make().xml;
  check(again === input.xml, `${input.name} is deterministic (same bytes when generated again)`);
}

// 3. content
const count = (s, re) => (s.match(re) ?? []).length;
for (const input of inputs) {
  const x = input.xml;
  check(x.includes('xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"') || x.includes('xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"'), `${input.name} uses the http:// EWS namespaces`);
  check(/<h:ServerVersionInfo MajorVersion="15"[^>]*Version="V2018_01_08"/.test(x), `${input.name} has a ServerVersionInfo header`);
  check(/[\u{1F300}-\u{1FAFF}]/u.test(x), `${input.name} has astral-plane emoji`);
  check(x.includes('&amp;') && x.includes('&lt;'), `${input.name} has &amp; and &lt; in text`);
  if (input.kind === 'sync') {
    // (EffectiveRights has a <t:Delete> child too: match the change elements by what follows them)
    const kinds = [...x.matchAll(/<t:(Create|Update)><t:(?:Message|MeetingRequest)>|<t:(Delete|ReadFlagChange)><t:ItemId /g)].map((m) => m[1] ?? m[2]);
    check(kinds.length === input.expected.changes, `${input.name}: ${kinds.length} changes`);
    const switches = kinds.filter((k, i) => i && k !== kinds[i - 1]).length;
    check(new Set(kinds).size === 4 && switches > kinds.length / 3, `${input.name}: the four change kinds are interleaved (${switches} switches)`);
    check(count(x, /<t:Message>/g) > 0 && count(x, /<t:MeetingRequest>/g) > 0, `${input.name}: Message and MeetingRequest items`);
    for (const f of ['ItemId Id="', 'ChangeKey="', '<t:Subject>', '<t:From>', '<t:ToRecipients>', '<t:CcRecipients>', '<t:DateTimeReceived>', '<t:Size>', '<t:IsRead>', '<t:ConversationId', '<t:InternetMessageId>']) {
      check(x.includes(f), `${input.name} has ${f.replace(/[<="]/g, '').trim()}`);
    }
  }
  if (input.kind === 'gci') {
    check(count(x, /<t:ConversationNode>/g) === input.expected.nodes, `${input.name}: ${input.expected.nodes} conversation nodes`);
    check(count(x, /<t:ParentInternetMessageId>/g) === input.expected.nodes - input.expected.conversations, `${input.name}: every node but each root has a ParentInternetMessageId`);
  }
  if (input.kind === 'im') {
    check(count(x, /<t:Persona>/g) === input.expected.personas, `${input.name}: ${input.expected.personas} personas`);
    check(count(x, /<t:StringAttributedValue>/g) > input.expected.personas * 8, `${input.name}: many attributed fields per persona`);
    check(x.includes('<t:EmailAddresses><t:Address>'), `${input.name}: EmailAddresses/Address (the schema's element name)`);
  }
}

console.log(`\ncheck-data: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
