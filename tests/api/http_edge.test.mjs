// The HTTP layer under hostile or odd requests: path traversal into the web root, huge
// URLs and headers, broken percent-encoding. The answer is always a 4xx (or the UI's
// index.html for client-side routes), never a file outside the web root, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, API, raw, expectStatus, expectError } from './helpers.mjs';

test('path traversal never leaves the web root', async () => {
  const paths = [
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/..%5c..%5c..%5cetc%5cpasswd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/....//....//etc/passwd',
    '/index.html/../../../etc/passwd',
    '/%00/etc/passwd',
  ];
  for (const p of paths) {
    const res = await raw('GET', p); // raw: fetch would normalize the dots away
    assert.ok(res.status < 500, `${p}: ${res.status}`);
    assert.ok(!/root:.*:0:0:/.test(res.text), `${p} served /etc/passwd`);
  }
  const res = await raw('GET', `${API}/../../../etc/passwd`);
  assert.ok(!/root:.*:0:0:/.test(res.text));
});

test('the web UI, when served, carries the security headers too', async () => {
  const res = await api('GET', '/');
  if (res.status === 404) return; // API-only server (no --web-root)
  expectStatus(res, 200);
  assert.match(res.headers.get('content-type') || '', /^text\/html/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  const csp = res.headers.get('content-security-policy') || '';
  assert.ok(/frame-ancestors/.test(csp) || res.headers.get('x-frame-options'), 'no clickjacking protection on the UI');
  assert.ok(res.headers.get('x-request-id'));
  // Client-side routes get index.html; API-looking paths never do.
  const deep = await api('GET', '/assets/some-client-route');
  assert.ok([200, 404].includes(deep.status));
  const apiMiss = await api('GET', `${API}/definitely-not-a-route`);
  assert.match(apiMiss.headers.get('content-type') || '', /^application\/json/);
});

test('a very long URL is refused with a 4xx', async () => {
  const res = await raw('GET', `${API}/assets?q=${'a'.repeat(100 * 1024)}`);
  assert.ok(res.status >= 400 && res.status < 500, `${res.status}`);
  expectStatus(await api('GET', '/healthz'), 200);
});

test('huge or very many headers are refused with a 4xx', async () => {
  const big = await raw('GET', `${API}/assets`, { headers: { 'X-Big': 'b'.repeat(64 * 1024) } });
  assert.ok(big.status >= 400 && big.status < 500, `${big.status}`);
  const many = {};
  for (let i = 0; i < 2000; i++) many[`X-H${i}`] = 'v'.repeat(20);
  const res = await raw('GET', `${API}/assets`, { headers: many }).catch(() => ({ status: 0 }));
  // Refusing (4xx) or closing the connection are both fine; serving is too if the limit
  // is generous. Only a crash is not, which the health check below catches.
  assert.ok(res.status === 0 || res.status < 500, `${res.status}`);
  expectStatus(await api('GET', '/healthz'), 200);
});

test('broken percent-encoding and odd parameter values are 400 naming the parameter', async () => {
  expectError(await raw('GET', `${API}/assets?q=%ZZ`), 400, 'malformed', 'q');
  expectError(await raw('GET', `${API}/assets?q=%`), 400, 'malformed', 'q');
  expectError(await raw('GET', `${API}/assets?q=%C3%28`), 400, 'malformed', 'q'); // invalid UTF-8
  for (const v of ['5abc', '99999999999999999999', '0x10', '1e2']) {
    expectError(await api('GET', `${API}/assets?limit=${v}`), 400, 'malformed', 'limit', v);
  }
});

test('an unknown id with odd characters is a 404, not an error', async () => {
  for (const id of ['%00', '%20', '%E2%80%AE', 'x%2Fy', '..']) {
    const res = await raw('GET', `${API}/assets/${id}`);
    assert.ok([400, 404].includes(res.status), `${id}: ${res.status}`);
    expectError(res, res.status, res.status === 404 ? 'not_found' : 'malformed', undefined, id);
  }
});

test('HEAD and OPTIONS do not crash the server', async () => {
  for (const m of ['HEAD', 'OPTIONS', 'TRACE']) {
    const res = await raw(m, `${API}/assets`);
    assert.ok(res.status < 500, `${m}: ${res.status}`);
  }
  expectStatus(await api('GET', '/healthz'), 200);
});
