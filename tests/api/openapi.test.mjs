// GET /api/v1/openapi.json: an OpenAPI 3.1 document that lists every route this suite uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, API, uniq, expectStatus, expectError, createAsset, adminToken } from './helpers.mjs';
import { validate, resolveRef } from './schema.mjs';

// Every operation the black-box suite exercises (path templates with {param}).
const USED = [
  ['get', `${API}/assets`], ['post', `${API}/assets`],
  ['get', `${API}/assets/{}`], ['patch', `${API}/assets/{}`],
  ['post', `${API}/assets/{}/archive`],
  ['get', `${API}/assets/{}/grants`], ['post', `${API}/assets/{}/grants`],
  ['delete', `${API}/assets/{}/grants/{}`],
  ['get', `${API}/ledger`], ['get', `${API}/ledger/verify`],
  ['get', `${API}/organization`], ['get', `${API}/persons`], ['get', `${API}/roles`],
  ['post', `${API}/persons`], ['get', `${API}/persons/{}`], ['patch', `${API}/persons/{}`],
  ['post', `${API}/persons/{}/access-review`],
  ['post', `${API}/roles`], ['patch', `${API}/roles/{}`], ['delete', `${API}/roles/{}`],
  ['get', `${API}/permissions`],
  ['get', `${API}/registers`], ['get', `${API}/registers/{}`],
  ['get', `${API}/dashboard`], ['post', `${API}/demo`],
  ['get', `${API}/openapi.json`],
  ['post', `${API}/auth/login`], ['get', `${API}/auth/session`], ['post', `${API}/auth/logout`],
  ['post', `${API}/auth/mfa`], ['post', `${API}/auth/password`],
  ['post', `${API}/auth/mfa/enrolment`], ['post', `${API}/auth/mfa/enrolment/confirm`],
  ['post', `${API}/auth/mfa/recovery-codes`], ['post', `${API}/auth/mfa/disable`],
  ['get', `${API}/auth/events`], ['get', `${API}/me`],
  ['get', `${API}/tokens`], ['post', `${API}/tokens`], ['post', `${API}/tokens/{}/revoke`],
  ['get', `${API}/users`], ['post', `${API}/users`], ['get', `${API}/users/{}`], ['patch', `${API}/users/{}`],
  ['post', `${API}/users/{}/reset-password`], ['post', `${API}/users/{}/unlock`],
  ['post', `${API}/users/{}/reset-mfa`], ['post', `${API}/users/{}/revoke-sessions`],
  ['get', `${API}/groups`], ['post', `${API}/groups`], ['get', `${API}/groups/{}`], ['patch', `${API}/groups/{}`],
  ['get', `${API}/settings`], ['put', `${API}/settings`],
];
// docs/api.md "Authentication and access": the only routes anyone may call without login.
const PUBLIC = [['get', '/healthz'], ['get', '/readyz'], ['post', `${API}/auth/login`], ['get', `${API}/openapi.json`]];
// Routes any session may call, also one that has not finished login.
const SESSION = [
  ['get', `${API}/auth/session`], ['post', `${API}/auth/logout`], ['post', `${API}/auth/mfa`],
  ['post', `${API}/auth/password`], ['post', `${API}/auth/mfa/enrolment`], ['post', `${API}/auth/mfa/enrolment/confirm`],
];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const LIST_PARAMS = ['limit', 'cursor', 'sort', 'type', 'classification', 'lifecycle_status', 'owner_id', 'q', 'archived', 'include_total'];

async function loadSpec() {
  const res = await api('GET', `${API}/openapi.json`);
  expectStatus(res, 200);
  assert.match(res.headers.get('content-type') || '', /^application\/(json|vnd\.oai\.openapi\+json)/);
  return res.json;
}

// Path keys may be absolute or relative to servers[0].url; parameter names may differ.
function normalizedPaths(spec) {
  const base = (spec.servers?.[0]?.url || '').replace(/^https?:\/\/[^/]+/, '').replace(/\/$/, '');
  const out = new Map();
  for (const [k, ops] of Object.entries(spec.paths || {})) {
    let p = k.startsWith(API) || k.startsWith('/healthz') || k.startsWith('/readyz') ? k : base + k;
    p = p.replace(/\{[^}]+\}/g, '{}');
    out.set(p, ops);
  }
  return out;
}

test('openapi.json is OpenAPI 3.1 with info', async () => {
  const spec = await loadSpec();
  assert.match(spec.openapi, /^3\.1\.\d+$/);
  assert.equal(typeof spec.info?.title, 'string');
  assert.equal(typeof spec.info?.version, 'string');
});

test('openapi.json lists every operation the API tests exercise', async () => {
  const paths = normalizedPaths(await loadSpec());
  const missing = USED.filter(([m, p]) => !paths.get(p)?.[m]).map(([m, p]) => `${m.toUpperCase()} ${p}`);
  assert.deepEqual(missing, [], `not in openapi.json: ${missing.join(', ')}`);
  for (const [m, p] of USED) {
    const op = paths.get(p)[m];
    assert.ok(op.responses && Object.keys(op.responses).length > 0, `${m} ${p} has no responses`);
  }
});

test('openapi.json documents the asset list parameters', async () => {
  const op = normalizedPaths(await loadSpec()).get(`${API}/assets`)?.get;
  assert.ok(op, 'GET /assets');
  const names = (op.parameters || []).map((p) => p.name ?? p.$ref?.split('/').pop());
  for (const n of LIST_PARAMS) assert.ok(names.includes(n), `parameter ${n} missing (have ${names})`);
});

test('every documented path is a real route (no 404 for its GET)', async () => {
  const paths = normalizedPaths(await loadSpec());
  for (const [p, ops] of paths) {
    if (!ops.get || p.includes('{}')) continue;
    const res = await api('GET', p);
    assert.notEqual(res.status, 404, `${p} documented but 404`);
  }
});

// Sends real requests and holds each response against the operation's documented status
// and JSON schema, so the OpenAPI document cannot drift from what the server does.
test('real responses have documented statuses and match the documented schemas', async () => {
  const spec = await loadSpec();
  const paths = normalizedPaths(spec);
  const a = await createAsset({ name: uniq('oa-') });
  const ghost = '00000000-0000-4000-8000-000000000000';
  const admin = { token: adminToken() };
  const samples = [
    ['get', '/healthz', '/healthz'],
    ['get', `${API}/assets`, `${API}/assets`, undefined, { auth: false }],
    ['post', `${API}/auth/login`, `${API}/auth/login`, { username: uniq('nobody'), password: 'wrong password!' }, { auth: false }],
    ['get', `${API}/auth/session`, `${API}/auth/session`, undefined, { auth: false }],
    ['get', `${API}/me`, `${API}/me`],
    ['get', `${API}/tokens`, `${API}/tokens`],
    ['post', `${API}/tokens`, `${API}/tokens`, { name: 'x', scope: 'read', expires_in_days: 1 }],
    ['get', `${API}/permissions`, `${API}/permissions`],
    ['get', `${API}/settings`, `${API}/settings`],
    ['get', `${API}/users`, `${API}/users`, undefined, admin],
    ['get', `${API}/users/{}`, `${API}/users/${ghost}`, undefined, admin],
    ['get', `${API}/groups`, `${API}/groups`, undefined, admin],
    ['get', `${API}/assets/{}/grants`, `${API}/assets/${a.id}/grants`],
    ['get', `${API}/auth/events`, `${API}/auth/events?limit=5`, undefined, admin],
    ['get', '/readyz', '/readyz'],
    ['get', `${API}/assets`, `${API}/assets?limit=3&include_total=true`],
    ['get', `${API}/assets`, `${API}/assets?limit=0`],
    ['post', `${API}/assets`, `${API}/assets`, { name: uniq('oa-') }],
    ['post', `${API}/assets`, `${API}/assets`, { name: '' }],
    ['get', `${API}/assets/{}`, `${API}/assets/${a.id}`],
    ['get', `${API}/assets/{}`, `${API}/assets/${ghost}`],
    ['patch', `${API}/assets/{}`, `${API}/assets/${a.id}`, { version: 1, integrity: 3 }],
    ['patch', `${API}/assets/{}`, `${API}/assets/${a.id}`, { version: 1, integrity: 4 }],
    ['post', `${API}/assets/{}/archive`, `${API}/assets/${a.id}/archive`, { reason: 'oa', version: 2 }],
    ['post', `${API}/assets/{}/archive`, `${API}/assets/${a.id}/archive`, { reason: 'oa', version: 3 }],
    ['get', `${API}/ledger`, `${API}/ledger?limit=5`],
    ['get', `${API}/ledger/verify`, `${API}/ledger/verify`],
    ['get', `${API}/organization`, `${API}/organization`],
    ['get', `${API}/persons`, `${API}/persons`],
    ['get', `${API}/roles`, `${API}/roles`],
    ['get', `${API}/registers`, `${API}/registers`],
    ['get', `${API}/registers/{}`, `${API}/registers/assets`],
    ['get', `${API}/dashboard`, `${API}/dashboard`],
    ['post', `${API}/demo`, `${API}/demo`, {}],
  ];
  const problems = [];
  for (const [method, template, url, body, opts = {}] of samples) {
    const res = await api(method.toUpperCase(), url, { body, ...opts });
    const op = paths.get(template)?.[method];
    if (!op) {
      problems.push(`${method} ${template}: not documented`);
      continue;
    }
    let response = op.responses[String(res.status)] ?? op.responses.default;
    if (!response) {
      problems.push(`${method} ${url} -> ${res.status}: status not documented`);
      continue;
    }
    if (response.$ref) response = resolveRef(spec, response.$ref);
    const schema = response.content?.['application/json']?.schema;
    if (!schema) {
      problems.push(`${method} ${url} -> ${res.status}: no JSON schema documented`);
      continue;
    }
    for (const p of validate(spec, schema, res.json)) problems.push(`${method} ${url} -> ${res.status}: ${p}`);
  }
  assert.deepEqual(problems, []);
});

// Every operation declares its access rule as `x-access`: public, session, authenticated or
// a permission that GET /permissions lists.
test('every operation declares x-access; the public and session routes are exactly the documented ones', async () => {
  const spec = await loadSpec();
  const perms = await api('GET', `${API}/permissions`);
  expectStatus(perms, 200);
  const known = new Set(perms.json.items.map((p) => p.name));
  const problems = [];
  const publicOps = [];
  const sessionOps = [];
  for (const [p, ops] of normalizedPaths(spec)) {
    for (const m of METHODS) {
      const op = ops[m];
      if (!op) continue;
      const access = op['x-access'];
      if (access === 'public') publicOps.push(`${m} ${p}`);
      else if (access === 'session') sessionOps.push(`${m} ${p}`);
      else if (access !== 'authenticated' && !known.has(access)) problems.push(`${m} ${p}: x-access ${JSON.stringify(access)}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(publicOps.sort(), PUBLIC.map(([m, p]) => `${m} ${p}`).sort());
  for (const [m, p] of SESSION) assert.ok(sessionOps.includes(`${m} ${p}`), `${m} ${p} is not x-access session (have ${sessionOps})`);
});

// Without credentials, every non-public operation answers 401 unauthenticated (before it
// looks at ids or bodies, so nothing leaks), and the public ones never do.
test('without credentials every documented non-public operation is 401, public ones are not', async () => {
  const spec = await loadSpec();
  const ghost = '00000000-0000-4000-8000-000000000000';
  const problems = [];
  for (const [p, ops] of normalizedPaths(spec)) {
    for (const m of METHODS) {
      const op = ops[m];
      if (!op) continue;
      const url = p.replace(/\{\}/g, ghost);
      const body = m === 'get' || m === 'delete' ? undefined : {};
      const res = await api(m.toUpperCase(), url, { body, auth: false });
      // Public by docs/api.md (whether x-access says so is the test above).
      if (PUBLIC.some(([pm, pp]) => pm === m && pp === p)) {
        // (An empty login is refused one way or another; only the others must answer.)
        if (res.status === 401 && !url.endsWith('/auth/login')) problems.push(`${m} ${url}: public but 401`);
      } else if (res.status !== 401 || res.json?.error?.code !== 'unauthenticated') {
        problems.push(`${m} ${url}: ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
  }
  assert.deepEqual(problems, []);
  // A bearer token of the wrong shape is no credential either.
  expectError(await api('GET', `${API}/assets`, { token: 'not-a-token' }), 401, 'unauthenticated');
});
