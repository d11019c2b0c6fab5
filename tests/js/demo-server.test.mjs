// The demo server's access rules (www/server.mjs): it answers only requests
// for the Host it listens on (DNS rebinding gets 421, also at /proxy and the
// mounted mock), grants CORS only to its own and the configured origins
// (others get 403, preflights included), and its proxy passes credentials on
// without the mock behind it ever logging them. Needs no pkg/.
//
//   node --test tests/js/demo-server.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../../www/server.mjs';
import { startMockExchange } from '../../www/mock-exchange/server.mjs';
import { raw, corsGrants } from './helpers/http.mjs';

const DEV = 'http://localhost:5173';
let demo;
let upstream; // a separate mock Exchange server behind the proxy, with Bearer auth

before(async () => {
  demo = await startDemoServer({ port: 0, allowOrigins: [DEV], allowHosts: ['demo.test'] });
  upstream = await startMockExchange({ port: 0, auth: { mode: 'bearer', token: 'proxied-Secret-9' } });
});
after(async () => {
  await demo?.close();
  await upstream?.close();
});


const SOAP = '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">' +
  '<soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header><soap:Body><m:GetImItemList/></soap:Body></soap:Envelope>';

function proxied(headers = {}) {
  return raw(new URL('/proxy', demo.url), {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', 'X-Ews-Target': upstream.ewsUrl, Authorization: 'Bearer proxied-Secret-9', ...headers },
    body: SOAP,
  });
}

async function upstreamLog() {
  return (await (await fetch(`${upstream.adminUrl}requests`)).json()).requests;
}

test('a request for another Host (DNS rebinding) gets 421 everywhere, and the proxy forwards nothing', async () => {
  await fetch(`${upstream.adminUrl}requests`, { method: 'DELETE' });
  const p = demo.port;
  for (const host of [`evil.example:${p}`, `rebind.127.0.0.1.nip.io:${p}`, `127.0.0.1:${p + 1}`, 'localhost', `demo.test:${p + 1}`, `x@127.0.0.1:${p}`]) {
    const r = await proxied({ Host: host });
    assert.equal(r.status, 421, host);
    assert.deepEqual(corsGrants(r.headers), []);
    for (const [method, path] of [['GET', '/'], ['GET', '/app.js'], ['GET', '/mock-admin/state'], ['POST', '/EWS/Exchange.asmx'], ['POST', '/mock-admin/reset']]) {
      const q = await raw(new URL(path, demo.url), { method, headers: { Host: host }, body: method === 'POST' ? SOAP : undefined });
      assert.equal(q.status, 421, `${host} ${method} ${path}`);
    }
  }
  assert.equal((await upstreamLog()).length, 0);
  assert.equal(demo.mock.requests().length, 0);

  // its own addresses (and the configured name) are answered
  for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `LOCALHOST:${p}`, `[::1]:${p}`, `demo.test:${p}`]) {
    const r = await proxied({ Host: host });
    assert.equal(r.status, 200, host);
    assert.match(r.body, /GetImItemListResponse/);
    assert.equal((await raw(new URL('/mock-admin/state', demo.url), { headers: { Host: host } })).status, 200, host);
  }
  assert.equal((await upstreamLog()).length, 5);
});

test('the proxy passes the credential on; the mock behind it logs the scheme only', async () => {
  await fetch(`${upstream.adminUrl}requests`, { method: 'DELETE' });
  let r = await proxied();
  assert.equal(r.status, 200);
  r = await proxied({ Authorization: 'Bearer wrong-Secret-1' });
  assert.equal(r.status, 401);
  assert.equal(r.headers['x-ews-www-authenticate'], 'Bearer');
  const log = await upstreamLog();
  assert.deepEqual(log.map((x) => [x.status, x.authScheme]), [[200, 'Bearer'], [401, 'Bearer']]);
  const dump = JSON.stringify(log);
  assert.equal(dump.includes('proxied-Secret-9'), false);
  assert.equal(dump.includes('wrong-Secret-1'), false);
});

test('CORS: its own and the configured origins are granted, at the mock and the proxy; other origins get 403', async () => {
  const own = [`http://127.0.0.1:${demo.port}`, `http://localhost:${demo.port}`, `http://demo.test:${demo.port}`];
  for (const origin of [DEV, ...own]) {
    const pre = await raw(new URL('/proxy', demo.url), { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, x-ews-target' } });
    assert.equal(pre.status, 204, origin);
    assert.equal(pre.headers['access-control-allow-origin'], origin);
    assert.equal(pre.headers['access-control-allow-credentials'], 'true');
    assert.equal(pre.headers['access-control-allow-headers'], 'authorization, content-type, x-ews-target');
    assert.match(pre.headers['access-control-allow-methods'], /POST/);
    const r = await proxied({ Origin: origin });
    assert.equal(r.status, 200, origin);
    assert.equal(r.headers['access-control-allow-origin'], origin);
    assert.equal(r.headers['access-control-allow-credentials'], 'true');
    assert.match(r.headers['access-control-expose-headers'], /X-Ews-WWW-Authenticate/);
    const m = await raw(new URL('/EWS/Exchange.asmx', demo.url), { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    assert.equal(m.status, 204, origin);
    assert.equal(m.headers['access-control-allow-origin'], origin);
  }

  await fetch(`${upstream.adminUrl}requests`, { method: 'DELETE' });
  const seed = (await (await fetch(new URL('/mock-admin/state', demo.url))).json()).seed;
  for (const origin of ['http://evil.example', 'http://localhost:5174', `https://127.0.0.1:${demo.port}`, 'http://demo.test', 'null']) {
    const site = origin === 'null' ? { 'Sec-Fetch-Site': 'cross-site' } : {};
    const pre = await raw(new URL('/proxy', demo.url), { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', ...site } });
    assert.equal(pre.status, 403, origin);
    assert.deepEqual(corsGrants(pre.headers), [], origin);
    const r = await proxied({ Origin: origin, ...site });
    assert.equal(r.status, 403, origin);
    assert.deepEqual(corsGrants(r.headers), [], origin);
    for (const [method, path] of [['POST', '/EWS/Exchange.asmx'], ['POST', '/mock-admin/reset'], ['OPTIONS', '/mock-admin/auth'], ['GET', '/pkg/index.js']]) {
      const q = await raw(new URL(path, demo.url), { method, headers: { Origin: origin, 'Content-Type': 'text/plain', ...site }, body: method === 'POST' ? '{"seed":77}' : undefined });
      assert.equal(q.status, 403, `${origin} ${method} ${path}`);
      assert.deepEqual(corsGrants(q.headers), []);
    }
  }
  assert.equal((await upstreamLog()).length, 0);
  assert.equal((await (await fetch(new URL('/mock-admin/state', demo.url))).json()).seed, seed);

  // the page's own requests under Referrer-Policy: no-referrer carry `Origin: null`: answered, no grant
  const r = await proxied({ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' });
  assert.equal(r.status, 200);
  assert.deepEqual(corsGrants(r.headers), []);
});

test('startDemoServer refuses a configured origin that is not an origin', async () => {
  for (const bad of ['*', 'http://localhost:5173/x', 'localhost:5173']) {
    const started = await startDemoServer({ port: 0, allowOrigins: [bad] }).catch((e) => e);
    if (!(started instanceof Error)) await started.close();
    assert.ok(started instanceof Error, bad);
  }
});
