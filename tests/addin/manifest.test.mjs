// The add-in manifest, checked offline. Microsoft's `office-addin-manifest
// validate` posts the file to an online service, and the XSDs of the add-in
// manifest ship in no npm package, so this test reads the manifest with
// Microsoft's own reader (office-addin-manifest's readManifestFile) and checks
// the rules of the add-in manifest reference (schema 1.1, MailApp,
// VersionOverrides 1.0) that matter here: element order, value formats and
// lengths, the Mailbox requirement set and the ReadWriteMailbox permission
// makeEwsRequestAsync needs, resource ids, and that every URL is HTTPS, on an
// AppDomain and served by the built add-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { ROOT } from '../e2e/helpers.mjs';

const MANIFEST = path.join(ROOT, 'examples', 'outlook-addin', 'manifest.xml');
const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  vo: 'http://schemas.microsoft.com/office/mailappversionoverrides',
};

function parse(xml) {
  const errors = [];
  const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(xml, 'application/xml');
  assert.deepEqual(errors, []);
  return doc;
}
const kids = (el) => Array.from(el.childNodes).filter((n) => n.nodeType === 1);
const all = (el, ns, name) => Array.from(el.getElementsByTagNameNS(ns, name));
const xsiType = (el) => el.getAttributeNS(NS.xsi, 'type');

test('xmllint: well-formed', () => {
  execFileSync('xmllint', ['--noout', '--nonet', MANIFEST]);
});

test("Microsoft's reader (office-addin-manifest) reads a mail add-in with ReadWriteMailbox", async () => {
  const { OfficeAddinManifest } = await import('office-addin-manifest');
  const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
  assert.equal(info.manifestType, 'xml');
  assert.equal(info.officeAppType, 'MailApp');
  assert.deepEqual(info.hosts, ['Mailbox']);
  assert.equal(info.permissions, 'ReadWriteMailbox');
  assert.match(info.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  assert.match(info.version, /^\d{1,5}(\.\d{1,5}){0,3}$/);
  assert.ok(info.displayName && info.displayName.length <= 125);
  assert.ok(info.description && info.description.length <= 250);
  assert.ok(info.providerName);
  assert.equal(info.defaultLocale, 'en-US');
});

test('schema 1.1 MailApp: element order, requirement set, permission, rule', () => {
  const doc = parse(readFileSync(MANIFEST, 'utf8'));
  const root = doc.documentElement;
  assert.equal(root.namespaceURI, NS.app);
  assert.equal(root.localName, 'OfficeApp');
  assert.equal(xsiType(root), 'MailApp');
  // the sequence of OfficeApp (MailApp) in the manifest schema
  const order = ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
    'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'FormSettings', 'Permissions', 'Rule',
    'DisableEntityHighlighting', 'Dictionary', 'VersionOverrides'];
  const names = kids(root).map((e) => e.localName);
  const positions = names.map((n) => order.indexOf(n));
  assert.ok(positions.every((p) => p >= 0), `unknown elements in ${names}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, `out of schema order: ${names}`);
  for (const required of ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'FormSettings', 'Permissions', 'Rule']) {
    assert.ok(names.includes(required), `missing ${required}`);
  }
  // makeEwsRequestAsync: Mailbox 1.1 and ReadWriteMailbox
  const sets = all(root, NS.app, 'Set').filter((s) => s.parentNode.parentNode === kids(root).find((e) => e.localName === 'Requirements'));
  assert.deepEqual(sets.map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]), [['Mailbox', '1.1']]);
  assert.equal(kids(root).find((e) => e.localName === 'Permissions').textContent.trim(), 'ReadWriteMailbox');
  const form = all(root, NS.app, 'Form')[0];
  assert.equal(xsiType(form), 'ItemRead');
  const rules = all(root, NS.app, 'Rule').filter((r) => xsiType(r) === 'ItemIs');
  assert.deepEqual(rules.map((r) => [r.getAttribute('ItemType'), r.getAttribute('FormType')]), [['Message', 'Read']]);
});

test('VersionOverrides: every resid is defined, ids and strings within their limits', () => {
  const doc = parse(readFileSync(MANIFEST, 'utf8'));
  const vo = all(doc.documentElement, NS.vo, 'VersionOverrides')[0];
  assert.ok(vo);
  assert.equal(xsiType(vo), 'VersionOverridesV1_0');
  const defined = new Map();
  for (const kind of ['Image', 'Url', 'String']) {
    for (const r of all(vo, NS.bt, kind).filter((e) => e.hasAttribute('id'))) {
      assert.ok(r.getAttribute('id').length <= 32, `resource id ${r.getAttribute('id')} over 32 characters`);
      assert.ok(!defined.has(r.getAttribute('id')), `resource id ${r.getAttribute('id')} defined twice`);
      defined.set(r.getAttribute('id'), { kind, value: r.getAttribute('DefaultValue'), parent: r.parentNode.localName });
    }
  }
  const used = Array.from(vo.getElementsByTagName('*')).filter((e) => e.hasAttribute('resid'));
  assert.ok(used.length >= 6);
  for (const e of used) assert.ok(defined.has(e.getAttribute('resid')), `resid ${e.getAttribute('resid')} is not defined`);
  for (const { value, parent } of defined.values()) {
    if (parent === 'ShortStrings') assert.ok(value.length <= 125);
    if (parent === 'LongStrings') assert.ok(value.length <= 250);
  }
  // the icon sizes Outlook asks for, with the sizes the PNGs have
  const icons = all(vo, NS.bt, 'Image').filter((e) => e.hasAttribute('size'));
  assert.deepEqual(icons.map((e) => e.getAttribute('size')).sort(), ['16', '32', '80']);
  for (const icon of icons) {
    const url = new URL(defined.get(icon.getAttribute('resid')).value);
    const png = readFileSync(path.join(ROOT, 'examples', 'outlook-addin', url.pathname));
    assert.equal(png.toString('latin1', 1, 4), 'PNG');
    assert.equal(png.readUInt32BE(16), Number(icon.getAttribute('size')));
    assert.equal(png.readUInt32BE(20), Number(icon.getAttribute('size')));
  }
});

test('every URL is HTTPS, on an AppDomain, and served by the add-in built for another origin', async () => {
  const { buildAddin, DEFAULT_ORIGIN } = await import('../../examples/outlook-addin/build.mjs');
  const origin = 'https://addin.contoso.test:8443';
  const out = mkdtempSync(path.join(os.tmpdir(), 'ews-addin-dist-'));
  try {
    if (!existsSync(path.join(ROOT, 'pkg', 'index.js'))) throw new Error('pkg/ is missing: run npm run build');
    await buildAddin({ origin, outDir: out, minify: false });
    const built = readFileSync(path.join(out, 'manifest.xml'), 'utf8');
    assert.ok(!built.includes(DEFAULT_ORIGIN));
    const doc = parse(built);
    const domains = all(doc.documentElement, NS.app, 'AppDomain').map((e) => e.textContent.trim());
    assert.deepEqual(domains, [origin]);
    const urls = Array.from(doc.getElementsByTagName('*')).map((e) => e.getAttribute('DefaultValue')).filter((v) => /^\w+:\/\//.test(v ?? ''));
    assert.ok(urls.length >= 8);
    for (const u of urls) {
      const url = new URL(u);
      assert.equal(url.protocol, 'https:', u);
      assert.equal(url.origin, origin, u);
      assert.ok(existsSync(path.join(out, url.pathname)), `${u} is not in the built add-in`);
    }
    for (const f of ['taskpane.js', 'ews_wasm_bg.wasm']) assert.ok(existsSync(path.join(out, f)), f);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
