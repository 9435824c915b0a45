// GET /api/v1/assets: sorting, filters, search, cursor pagination, totals, bad parameters.
// One fixture of 120 assets shares a unique tag in its names, so every query here is
// scoped with q=<tag> and unaffected by assets other tests (or the demo) create.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, API, uniq, qs, expectStatus, expectError, createAsset, listAll, persons } from './helpers.mjs';

const TYPES = ['information', 'system', 'application', 'service', 'device', 'network', 'cloud_service', 'facility', 'other'];
const CLS = ['public', 'internal', 'confidential', 'customer_data'];
const LC = ['planned', 'active', 'retiring', 'retired'];
const N = 120;
const tag = uniq('lst');
let fixture = []; // created assets, in creation order
let owners = [];

before(async () => {
  owners = (await persons()).slice(0, 3);
  const specs = [];
  for (let i = 0; i < N; i++) {
    specs.push({
      name: `${tag}-${String(i).padStart(3, '0')}`,
      type: TYPES[i % TYPES.length],
      classification: CLS[i % CLS.length],
      lifecycle_status: LC[Math.floor(i / 4) % LC.length],
      owner_id: i % 3 === 0 ? null : owners[i % owners.length].id,
    });
  }
  // Small parallel batches: quicker than one by one, and creation order stays roughly known.
  for (let i = 0; i < N; i += 10) {
    fixture.push(...(await Promise.all(specs.slice(i, i + 10).map((s) => createAsset(s)))));
  }
});

async function allItems(params) {
  return (await listAll({ q: tag, ...params })).flatMap((p) => p.items);
}

function assertSorted(items, key, cmp, desc, what) {
  for (let i = 1; i < items.length; i++) {
    const c = cmp(key(items[i - 1]), key(items[i]));
    assert.ok(desc ? c >= 0 : c <= 0, `${what}: item ${i - 1} (${key(items[i - 1])}) and ${i} (${key(items[i])}) out of order`);
  }
}

const strCmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const rankCmp = (order) => (a, b) => order.indexOf(a) - order.indexOf(b);
const timeCmp = (a, b) => Date.parse(a) - Date.parse(b);
// The store sorts enum columns by their wire name, classification by rank (public..customer_data).
const SORTS = {
  name: [(a) => a.name, strCmp],
  type: [(a) => a.type, strCmp],
  classification: [(a) => a.classification, rankCmp(CLS)],
  lifecycle_status: [(a) => a.lifecycle_status, strCmp],
  created_at: [(a) => a.created_at, timeCmp],
  updated_at: [(a) => a.updated_at, timeCmp],
};

for (const [field, [key, cmp]] of Object.entries(SORTS)) {
  for (const desc of [false, true]) {
    const sort = desc ? `-${field}` : field;
    test(`sort=${sort} orders every page, with no duplicates or gaps (limit=25)`, async () => {
      const pages = await listAll({ q: tag, sort, limit: 25 });
      assert.equal(pages.length, Math.ceil(N / 25), 'page count');
      for (const p of pages.slice(0, -1)) assert.equal(p.items.length, 25);
      const items = pages.flatMap((p) => p.items);
      const ids = items.map((i) => i.id);
      assert.equal(new Set(ids).size, ids.length, 'duplicates across pages');
      assert.deepEqual([...ids].sort(), fixture.map((a) => a.id).sort(), 'pages do not cover the fixture exactly');
      assertSorted(items, key, cmp, desc, sort);
    });
  }
}

test('sort=owner_name orders named owners; assets without owner are grouped at one end', async () => {
  for (const desc of [false, true]) {
    const items = await allItems({ sort: desc ? '-owner_name' : 'owner_name', limit: 7 });
    assert.equal(items.length, N);
    const isNull = items.map((a) => a.owner_name === null);
    const firstNull = isNull.indexOf(true);
    const lastNull = isNull.lastIndexOf(true);
    assert.ok(firstNull >= 0, 'fixture has assets without owner');
    assert.ok(isNull.slice(firstNull, lastNull + 1).every(Boolean), 'owner-less assets are not contiguous');
    assert.ok(firstNull === 0 || lastNull === items.length - 1, 'owner-less assets are not at one end');
    assertSorted(items.filter((a) => a.owner_name !== null), (a) => a.owner_name, strCmp, desc, 'owner_name');
  }
});

test('default sort is name ascending', async () => {
  const items = await allItems({});
  assert.deepEqual(items.map((a) => a.name), fixture.map((a) => a.name).sort());
});

test('include_total counts all matches on every page; total absent otherwise', async () => {
  const pages = await listAll({ q: tag, limit: 25, include_total: 'true' });
  for (const p of pages) assert.equal(p.total, N);
  const plain = await api('GET', `${API}/assets${qs({ q: tag, limit: 25 })}`);
  expectStatus(plain, 200);
  assert.ok(!('total' in plain.json) || plain.json.total === undefined, 'total present without include_total');
  const off = await api('GET', `${API}/assets${qs({ q: tag, include_total: 'false' })}`);
  expectStatus(off, 200);
  assert.ok(!('total' in off.json), 'total present with include_total=false');
});

test('limit bounds: 1 and 500 are accepted; default is 50', async () => {
  let res = await api('GET', `${API}/assets${qs({ q: tag, limit: 1 })}`);
  expectStatus(res, 200);
  assert.equal(res.json.items.length, 1);
  assert.equal(typeof res.json.next_cursor, 'string');
  res = await api('GET', `${API}/assets${qs({ q: tag, limit: 500 })}`);
  expectStatus(res, 200);
  assert.equal(res.json.items.length, N);
  assert.equal(res.json.next_cursor, null);
  res = await api('GET', `${API}/assets${qs({ q: tag })}`);
  assert.equal(res.json.items.length, 50);
});

const expectIds = (items, pred) =>
  assert.deepEqual(items.map((a) => a.id).sort(), fixture.filter(pred).map((a) => a.id).sort());

test('filter by type, single and comma list', async () => {
  expectIds(await allItems({ type: 'system' }), (a) => a.type === 'system');
  expectIds(await allItems({ type: 'system,cloud_service' }), (a) => ['system', 'cloud_service'].includes(a.type));
});

test('filter by classification, single and comma list', async () => {
  expectIds(await allItems({ classification: 'customer_data' }), (a) => a.classification === 'customer_data');
  expectIds(await allItems({ classification: 'public,confidential' }), (a) => ['public', 'confidential'].includes(a.classification));
});

test('filter by lifecycle_status, single and comma list', async () => {
  expectIds(await allItems({ lifecycle_status: 'retired' }), (a) => a.lifecycle_status === 'retired');
  expectIds(await allItems({ lifecycle_status: 'planned,retiring' }), (a) => ['planned', 'retiring'].includes(a.lifecycle_status));
});

test('filter by owner_id, single and comma list (unknown ids just match nothing)', async () => {
  const o = owners[owners.length - 1].id;
  expectIds(await allItems({ owner_id: o }), (a) => a.owner_id === o);
  const ghost = '00000000-0000-4000-8000-000000000000';
  expectIds(await allItems({ owner_id: `${o},${ghost}` }), (a) => a.owner_id === o);
  expectIds(await allItems({ owner_id: ghost }), () => false);
});

test('filters combine with AND', async () => {
  expectIds(
    await allItems({ type: 'system,information', classification: 'public,internal', lifecycle_status: 'planned,active' }),
    (a) => ['system', 'information'].includes(a.type) && ['public', 'internal'].includes(a.classification) && ['planned', 'active'].includes(a.lifecycle_status),
  );
});

test('filters and sort survive pagination (cursor carries them)', async () => {
  const pages = await listAll({ q: tag, classification: 'internal,customer_data', sort: '-type', limit: 7 });
  const items = pages.flatMap((p) => p.items);
  expectIds(items, (a) => ['internal', 'customer_data'].includes(a.classification));
  assertSorted(items, (a) => a.type, strCmp, true, '-type');
});

test('q is a case-insensitive substring of name, description and business function', async () => {
  const t = uniq('qci');
  const byName = await createAsset({ name: `Prefix ${t} Suffix` });
  const byDesc = await createAsset({ name: uniq('qdesc-'), description: `lorem ${t}desc ipsum` });
  const byBf = await createAsset({ name: uniq('qbf-'), business_function: `Payroll ${t}bf` });
  const find = async (q) => (await listAll({ q })).flatMap((p) => p.items).map((a) => a.id).sort();
  assert.deepEqual(await find(t.toUpperCase()), [byName.id, byDesc.id, byBf.id].sort());
  assert.deepEqual(await find(`${t}DESC`), [byDesc.id]);
  assert.deepEqual(await find(`payroll ${t}`), [byBf.id]);
  assert.deepEqual(await find(`x${t}`), []);
  // The fixture tag, upper-cased, still finds all 120.
  assert.equal((await allItems({ q: tag.toUpperCase() })).length, 0 + N);
});

test('q treats %, _, \\, quotes and SQL as literal text', async () => {
  const t = uniq('qlit');
  const pct = await createAsset({ name: `${t}%y` });
  const pctDecoy = await createAsset({ name: `${t}zzzy` });
  const und = await createAsset({ name: `${t}_x` });
  const undDecoy = await createAsset({ name: `${t}ax` });
  const bs = await createAsset({ name: `${t}\\b` });
  const quote = await createAsset({ name: `${t} O'Brien "the" server` });
  const sql = await createAsset({ name: `${t} "; DROP TABLE assets;--` });
  const find = async (q) => (await listAll({ q })).flatMap((p) => p.items).map((a) => a.id).sort();
  assert.deepEqual(await find(`${t}%y`), [pct.id], '% must not be a wildcard');
  assert.deepEqual(await find(`${t}_x`), [und.id], '_ must not be a wildcard');
  assert.deepEqual(await find(`${t}\\b`), [bs.id]);
  assert.deepEqual(await find(`${t.toUpperCase()} o'brien "the"`), [quote.id]);
  assert.deepEqual(await find(`${t} "; DROP TABLE assets;--`), [sql.id]);
  assert.deepEqual(await find(`${t}'`), []);
  void pctDecoy;
  void undDecoy;
  // The table is still there and whole.
  assert.equal((await allItems({})).length, N);
});

test('q with only wildcards or a long string is fine', async () => {
  for (const q of ['%', '_', '%%', "'", '\\', 'x'.repeat(200), '数据']) {
    const res = await api('GET', `${API}/assets${qs({ q, limit: 500 })}`);
    expectStatus(res, 200, `q=${q.slice(0, 20)}`);
    for (const a of res.json.items) {
      const hay = `${a.name}\n${a.description}\n${a.business_function}`.toLowerCase();
      assert.ok(hay.includes(q.toLowerCase()), `q=${q} matched ${a.name}`);
    }
  }
});

test('q longer than 200 characters is 400 naming q', async () => {
  expectError(await api('GET', `${API}/assets${qs({ q: 'x'.repeat(201) })}`), 400, 'malformed', 'q');
  expectStatus(await api('GET', `${API}/assets${qs({ q: 'x'.repeat(200) })}`), 200);
});

test('q finds non-ASCII text', async () => {
  const t = uniq('qcjk');
  const a = await createAsset({ name: `${t} 客户数据库 🚀 Übersicht` });
  const find = async (q) => (await listAll({ q })).flatMap((p) => p.items).map((x) => x.id);
  assert.deepEqual(await find(`${t} 客户数据`), [a.id]);
  assert.ok((await find('客户数据库 🚀 Übersicht')).includes(a.id));
});

const BAD = [
  ['limit', '0'], ['limit', '501'], ['limit', 'abc'], ['limit', '-1'], ['limit', '1.5'], ['limit', ''],
  ['sort', 'nope'], ['sort', '-nope'], ['sort', 'description'], ['sort', '--name'],
  ['type', 'bogus'], ['type', 'system,bogus'], ['classification', 'secret'], ['lifecycle_status', 'dead'],
  ['archived', 'maybe'], ['include_total', 'maybe'], ['cursor', 'garbage'], ['cursor', '!!!'],
  ['nope', '1'], ['Limit', '5'],
];
for (const [param, value] of BAD) {
  test(`bad parameter ${param}=${JSON.stringify(value)} is 400 malformed naming it`, async () => {
    const res = await api('GET', `${API}/assets?${encodeURIComponent(param)}=${encodeURIComponent(value)}`);
    expectError(res, 400, 'malformed', param);
  });
}

test('a cursor from one sort is refused for another sort', async () => {
  const first = await api('GET', `${API}/assets${qs({ q: tag, sort: 'name', limit: 5 })}`);
  expectStatus(first, 200);
  const res = await api('GET', `${API}/assets${qs({ q: tag, sort: 'classification', limit: 5, cursor: first.json.next_cursor })}`);
  expectError(res, 400, 'malformed', 'cursor');
});

test('keyset pagination: rows inserted mid-way cause no duplicates and lose no rows', async () => {
  const seen = [];
  let cursor;
  let extra = 0;
  for (let page = 0; page < 100; page++) {
    const res = await api('GET', `${API}/assets${qs({ q: tag, limit: 25, cursor })}`);
    expectStatus(res, 200);
    seen.push(...res.json.items);
    // New rows sorting before, between and after the existing ones.
    for (const suffix of ['000-new', `${String(page * 25 + 3).padStart(3, '0')}-new`, '999-new']) {
      fixture.push(await createAsset({ name: `${tag}-${suffix}${page}`, type: 'other' }));
      extra++;
    }
    cursor = res.json.next_cursor;
    if (cursor === null) break;
  }
  const ids = seen.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length, 'a row appeared twice');
  const original = fixture.slice(0, N).map((a) => a.id);
  for (const id of original) assert.ok(ids.includes(id), `original row ${id} lost`);
  assertSorted(seen, (a) => a.name, strCmp, false, 'name across pages');
  // Undo the side effect for tests that count the fixture (they ran before this one, but
  // keep the fixture exact for any added later).
  for (const a of fixture.splice(N, extra)) {
    expectStatus(await api('POST', `${API}/assets/${a.id}/archive`, { body: { reason: 'test cleanup', version: 1 } }), 200);
  }
});
