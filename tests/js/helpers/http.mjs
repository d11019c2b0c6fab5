// Plain HTTP requests for the local-server tests, with any headers (Host included).
import http from 'node:http';

/** A request by http.request: { status, headers, body }. */
export function raw(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The Access-Control-Allow-* headers of a response (names). */
export const corsGrants = (headers) => Object.keys(headers).filter((k) => k.startsWith('access-control-allow'));
