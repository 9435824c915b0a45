// Health endpoints, request ids, security and content-type headers, routing errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, API, expectStatus, expectError, raw } from './helpers.mjs';

test('GET /healthz is 200 {"status":"ok"}', async () => {
  const res = await api('GET', '/healthz');
  expectStatus(res, 200);
  assert.deepEqual(res.json, { status: 'ok' });
});

test('GET /readyz names the database engine', async () => {
  const res = await api('GET', '/readyz');
  expectStatus(res, 200);
  assert.equal(res.json.status, 'ready');
  assert.ok(['sqlite', 'postgresql'].includes(res.json.database), res.text);
  // scripts/test.sh tells us which engine the server was started on.
  if (process.env.ISMS_EXPECT_DATABASE) assert.equal(res.json.database, process.env.ISMS_EXPECT_DATABASE);
});

test('every response carries a distinct X-Request-Id, errors echo it in the body', async () => {
  const seen = new Set();
  const cases = [
    ['GET', '/healthz'],
    ['GET', '/readyz'],
    ['GET', `${API}/assets`],
    ['GET', `${API}/assets/00000000-0000-0000-0000-000000000000`],
    ['GET', `${API}/nope`],
    ['GET', `${API}/assets?limit=0`],
    ['DELETE', `${API}/assets`],
  ];
  for (const [m, p] of cases) {
    const res = await api(m, p);
    const id = res.headers.get('x-request-id');
    assert.ok(id && id.length >= 8, `${m} ${p}: X-Request-Id missing or too short (${id})`);
    assert.ok(!seen.has(id), `${m} ${p}: X-Request-Id ${id} reused`);
    seen.add(id);
    if (res.status >= 400) assert.equal(res.json?.error?.request_id, id, `${m} ${p}: ${res.text}`);
  }
  // Also on 413 and 415, which are decided before any handler runs.
  const r415 = await api('POST', `${API}/assets`, { body: '{"name":"x"}', headers: { 'Content-Type': 'text/plain' } });
  assert.ok(r415.headers.get('x-request-id'));
  const r413 = await raw('POST', `${API}/assets`, {
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.alloc(2 * 1024 * 1024, 0x20),
  });
  assert.ok(r413.headers.get('x-request-id'), '413 without X-Request-Id');
});

test('JSON responses are application/json with security headers', async () => {
  for (const p of ['/healthz', `${API}/assets`, `${API}/nope`]) {
    const res = await api('GET', p);
    const ct = res.headers.get('content-type') || '';
    assert.match(ct, /^application\/json/i, `${p} content-type ${ct}`);
    assert.equal((res.headers.get('x-content-type-options') || '').toLowerCase(), 'nosniff', `${p}: X-Content-Type-Options`);
    const xfo = (res.headers.get('x-frame-options') || '').toLowerCase();
    const csp = res.headers.get('content-security-policy') || '';
    assert.ok(xfo === 'deny' || xfo === 'sameorigin' || /frame-ancestors/.test(csp), `${p}: no clickjacking protection (X-Frame-Options / CSP frame-ancestors)`);
    assert.ok(res.headers.get('referrer-policy'), `${p}: Referrer-Policy missing`);
  }
  // API data must not be cached by shared caches.
  const res = await api('GET', `${API}/assets`);
  const cc = res.headers.get('cache-control') || '';
  assert.match(cc, /no-store|no-cache|private/, `Cache-Control on API: "${cc}"`);
});

test('unknown routes are 404 not_found', async () => {
  for (const p of [`${API}/nope`, '/api/v2/assets', `${API}/assets/x/y/z`, `${API}/registers/nope`]) {
    expectError(await api('GET', p), 404, 'not_found', undefined, p);
  }
});

test('wrong method on a known route is 405 method_not_allowed with Allow', async () => {
  const cases = [
    ['DELETE', `${API}/assets`],
    ['PUT', `${API}/assets`],
    ['DELETE', `${API}/assets/00000000-0000-0000-0000-000000000000`],
    ['GET', `${API}/assets/00000000-0000-0000-0000-000000000000/archive`],
    ['POST', `${API}/ledger/verify`],
    ['POST', '/healthz'],
  ];
  for (const [m, p] of cases) {
    const res = await api(m, p);
    expectError(res, 405, 'method_not_allowed', undefined, `${m} ${p}`);
    // RFC 9110 15.5.6: a 405 MUST carry Allow.
    assert.ok(res.headers.get('allow'), `${m} ${p}: 405 without Allow header`);
  }
});
