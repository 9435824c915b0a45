// GET /api/v1/openapi.json: an OpenAPI 3.1 document that lists every route this suite uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, API, uniq, expectStatus, createAsset } from './helpers.mjs';
import { validate, resolveRef } from './schema.mjs';

// Every operation the black-box suite exercises (path templates with {param}).
const USED = [
  ['get', `${API}/assets`], ['post', `${API}/assets`],
  ['get', `${API}/assets/{}`], ['patch', `${API}/assets/{}`],
  ['post', `${API}/assets/{}/archive`],
  ['get', `${API}/ledger`], ['get', `${API}/ledger/verify`],
  ['get', `${API}/organization`], ['get', `${API}/persons`], ['get', `${API}/roles`],
  ['get', `${API}/registers`], ['get', `${API}/registers/{}`],
  ['get', `${API}/dashboard`], ['post', `${API}/demo`],
  ['get', `${API}/openapi.json`],
];
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
  const samples = [
    ['get', '/healthz', '/healthz'],
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
  for (const [method, template, url, body] of samples) {
    const res = await api(method.toUpperCase(), url, { body });
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
