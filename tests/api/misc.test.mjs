// Organization, persons, roles, register descriptors, dashboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, API, UUID_RE, TIME_RE, expectStatus, expectError, createAsset, uniq, persons } from './helpers.mjs';

test('GET /organization', async () => {
  const res = await api('GET', `${API}/organization`);
  expectStatus(res, 200);
  assert.match(res.json.id, UUID_RE);
  assert.equal(typeof res.json.name, 'string');
  assert.ok(res.json.name.length > 0);
  assert.match(res.json.created_at, TIME_RE);
});

test('GET /roles holds the seed roles', async () => {
  const res = await api('GET', `${API}/roles`);
  expectStatus(res, 200);
  const keys = res.json.items.map((r) => r.key);
  for (const k of ['ceo', 'ciso', 'employee', 'contractor', 'administrator']) assert.ok(keys.includes(k), `seed role ${k} missing: ${keys}`);
  assert.equal(new Set(keys).size, keys.length, 'role keys are unique');
  for (const r of res.json.items) {
    assert.match(r.id, UUID_RE);
    assert.equal(typeof r.name, 'string');
    assert.ok(r.name.length > 0);
    assert.equal(typeof r.description, 'string');
  }
  assert.equal(new Set(res.json.items.map((r) => r.id)).size, keys.length, 'role ids are unique');
});

test('GET /persons: well-formed, roles resolve, the administrator exists', async () => {
  const roles = (await api('GET', `${API}/roles`)).json.items;
  const roleIds = new Set(roles.map((r) => r.id));
  const admin = roles.find((r) => r.key === 'administrator');
  const items = await persons();
  assert.ok(items.length >= 1);
  for (const p of items) {
    assert.match(p.id, UUID_RE);
    assert.equal(typeof p.name, 'string');
    assert.equal(typeof p.email, 'string');
    assert.equal(typeof p.job_title, 'string');
    assert.ok(['active', 'ended'].includes(p.employment_status), p.employment_status);
    assert.match(p.created_at, TIME_RE);
    assert.ok(Array.isArray(p.role_ids));
    for (const rid of p.role_ids) assert.ok(roleIds.has(rid), `person ${p.name} has unknown role ${rid}`);
  }
  assert.ok(items.some((p) => p.role_ids.includes(admin.id)), 'someone holds the administrator role');
  assert.ok(!JSON.stringify(items).match(/password|argon2|\$argon/i), 'no secrets in persons');
});

const SORTABLE = ['name', 'type', 'classification', 'lifecycle_status', 'owner_name', 'created_at', 'updated_at'];
const FIELD_TYPES = ['string', 'text', 'enum', 'level', 'reference', 'reference_list', 'datetime', 'boolean', 'integer'];

test('GET /registers lists the assets register', async () => {
  const res = await api('GET', `${API}/registers`);
  expectStatus(res, 200);
  const a = res.json.items.find((d) => d.name === 'assets');
  assert.ok(a, 'assets register listed');
  assert.equal(a.path, `${API}/assets`);
});

test('GET /registers/assets describes the asset fields as documented', async () => {
  const res = await api('GET', `${API}/registers/assets`);
  expectStatus(res, 200);
  const d = res.json;
  assert.equal(d.name, 'assets');
  assert.equal(d.title, 'IT Systems Registry');
  assert.equal(d.singular, 'Asset');
  assert.equal(d.path, `${API}/assets`);
  assert.equal(d.default_sort, 'name');
  const f = Object.fromEntries(d.fields.map((x) => [x.name, x]));
  for (const x of d.fields) {
    assert.ok(FIELD_TYPES.includes(x.type), `${x.name}: type ${x.type}`);
    assert.equal(typeof x.label, 'string');
  }
  assert.deepEqual(d.fields.filter((x) => x.sortable).map((x) => x.name).sort(), [...SORTABLE].sort());
  for (const n of ['type', 'classification', 'lifecycle_status', 'owner_id']) assert.equal(f[n]?.filterable, true, `${n} filterable`);
  assert.equal(f.name.required, true);
  assert.equal(f.name.max_length, 200);
  assert.equal(f.description.max_length, 10000);
  assert.equal(f.business_function.max_length, 200);
  assert.deepEqual(f.type.options.map((o) => o.value).sort(),
    ['application', 'cloud_service', 'device', 'facility', 'information', 'network', 'other', 'service', 'system']);
  assert.deepEqual(f.classification.options.map((o) => o.value), ['public', 'internal', 'confidential', 'customer_data']);
  assert.deepEqual(f.lifecycle_status.options.map((o) => o.value), ['planned', 'active', 'retiring', 'retired']);
  for (const n of ['confidentiality', 'integrity', 'availability', 'authenticity']) {
    assert.equal(f[n].type, 'level', n);
    assert.deepEqual(f[n].options.map((o) => o.value), [1, 2, 3, 4], n);
  }
  assert.equal(f.owner_id.type, 'reference');
  assert.equal(f.owner_id.reference, 'persons');
  assert.equal(f.owner_id.display_field, 'owner_name');
  assert.equal(f.depends_on.type, 'reference_list');
  assert.equal(f.depends_on.reference, 'assets');
  for (const n of ['id', 'version', 'created_at', 'updated_at']) assert.equal(f[n]?.read_only, true, `${n} read_only`);
  // Every described field exists on a real asset, so the generic UI can render it.
  const a = await createAsset({ name: uniq('misc-desc-') });
  for (const x of d.fields) assert.ok(x.name in a, `descriptor field ${x.name} not in Asset JSON`);
});

test('GET /registers/{unknown} is 404', async () => {
  expectError(await api('GET', `${API}/registers/nope`), 404, 'not_found');
});

test('GET /dashboard is consistent with the lists', async () => {
  const res = await api('GET', `${API}/dashboard`);
  expectStatus(res, 200);
  const d = res.json;
  assert.equal(typeof d.organization, 'object');
  assert.equal(typeof d.organization.name, 'string');
  const { total, by_classification: byC, by_lifecycle_status: byL, without_owner: wo } = d.assets;
  assert.ok(Number.isInteger(total) && total >= 0);
  const sum = (o) => Object.values(o).reduce((s, n) => s + n, 0);
  assert.equal(sum(byC), total, 'by_classification sums to total');
  assert.equal(sum(byL), total, 'by_lifecycle_status sums to total');
  for (const k of Object.keys(byC)) assert.ok(['public', 'internal', 'confidential', 'customer_data'].includes(k), k);
  for (const k of Object.keys(byL)) assert.ok(['planned', 'active', 'retiring', 'retired'].includes(k), k);
  assert.ok(Number.isInteger(wo) && wo <= total);
  assert.ok(Number.isInteger(d.persons) && d.persons >= 1);
  assert.ok(Number.isInteger(d.ledger.entries) && d.ledger.entries >= 1);
  assert.match(d.ledger.head_hash, /^[0-9a-f]{64}$/);
  if (process.env.ISMS_TEST_SERIAL === '1') {
    // Nothing else writes meanwhile: the numbers must match the other endpoints exactly.
    const list = await api('GET', `${API}/assets?limit=1&include_total=true`);
    assert.equal(total, list.json.total);
    assert.equal(d.persons, (await persons()).length);
    const v = await api('GET', `${API}/ledger/verify`);
    assert.equal(d.ledger.entries, v.json.entries);
    assert.equal(d.ledger.head_hash, v.json.head_hash);
  }
});

test('the dashboard counts a new asset', async () => {
  const before = (await api('GET', `${API}/dashboard`)).json;
  await createAsset({ name: uniq('misc-dash-'), classification: 'public', lifecycle_status: 'planned' });
  const after = (await api('GET', `${API}/dashboard`)).json;
  assert.ok(after.assets.total >= before.assets.total + 1);
  assert.ok((after.assets.by_classification.public ?? 0) >= (before.assets.by_classification.public ?? 0) + 1);
  assert.ok(after.assets.without_owner >= before.assets.without_owner + 1);
  assert.ok(after.ledger.entries > before.ledger.entries);
});

test('archiving an asset takes it out of the dashboard total', async () => {
  if (process.env.ISMS_TEST_SERIAL !== '1') return;
  const a = await createAsset({ name: uniq('misc-dash-arch-'), classification: 'confidential' });
  const before = (await api('GET', `${API}/dashboard`)).json.assets;
  expectStatus(await api('POST', `${API}/assets/${a.id}/archive`, { body: { reason: 'gone', version: 1 } }), 200);
  const after = (await api('GET', `${API}/dashboard`)).json.assets;
  assert.equal(after.total, before.total - 1);
  assert.equal(after.by_classification.confidential ?? 0, before.by_classification.confidential - 1);
  assert.equal(after.without_owner, before.without_owner - 1);
});
