// Classification-aware reads — docs/api.md "Classification-aware reads": for each built-in
// role, single reads, lists, totals, search, filters and dashboard counts include exactly
// the objects the read rule allows; invisible objects answer 404 exactly like missing
// ones; lists hide confidential content; reads of confidential objects are in the ledger.
//
// Fixture (all names carry one tag): persons E (employee), O (employee, owns most assets),
// C (ciso), X (ceo), A (auditor, access expires), D (administrator), K (contractor), each
// with a user and an active session; a working group G with member E; eight assets:
//   pub     public         owner O
//   int     internal       owner O
//   confE   confidential   owner E
//   confO   confidential   owner O
//   confG   confidential   owner O, in group G
//   cdE     customer_data  owner O, granted to E
//   cdO     customer_data  owner O
//   cdOwnE  customer_data  owner E, no grant (owning is not a grant)
// The creator (the CISO test user behind TEST_TOKEN) is granted its customer_data assets.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, API, uniq, qs, expectStatus, expectError, errorBody, newUser, adminToken, ledgerAll,
} from './helpers.mjs';

const tag = uniq('acl');
const marker = uniq('secretword');
const ghost = '00000000-0000-4000-8000-00000000abcd';
const CLS = ['public', 'internal', 'confidential', 'customer_data'];
const users = {}; // letter -> newUser() result
const assets = {}; // name -> Asset
let group;
const dashBefore = {};

// Who may read what, by the rule (not by asking the server).
const VISIBLE = {
  E: ['pub', 'int', 'confE', 'confG', 'cdE'],
  K: ['pub', 'int'],
  C: ['pub', 'int', 'confE', 'confO', 'confG'],
  X: ['pub', 'int', 'confE', 'confO', 'confG'],
  A: ['pub', 'int', 'confE', 'confO', 'confG'],
  D: ['pub', 'int'],
  tester: ['pub', 'int', 'confE', 'confO', 'confG', 'cdE', 'cdO', 'cdOwnE'],
};
const ROLE = { E: 'employee', K: 'contractor', C: 'ciso', X: 'ceo', A: 'auditor', D: 'administrator' };

// Request options acting as one of the fixture's users ("tester" = the default token).
const as = (who) => (who === 'tester' ? {} : { session: users[who].session });

async function listIds(who, params) {
  const out = [];
  let cursor;
  for (let i = 0; i < 100; i++) {
    const res = await api('GET', `${API}/assets${qs({ q: tag, limit: 3, ...params, cursor })}`, as(who));
    expectStatus(res, 200, `${who} list ${JSON.stringify(params)}`);
    out.push(...res.json.items);
    cursor = res.json.next_cursor;
    if (cursor === null) return out;
  }
  assert.fail('pagination did not end');
}

const nameOf = (id) => Object.keys(assets).find((k) => assets[k].id === id) || id;
const names = (items) => items.map((a) => nameOf(a.id)).sort();

before(async () => {
  const inAYear = new Date(Date.now() + 365 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  for (const [who, role] of Object.entries(ROLE)) {
    users[who] = await newUser({ roleKeys: [role], name: `${tag} ${who}`, accessExpiresAt: role === 'auditor' ? inAYear : undefined });
  }
  users.O = await newUser({ roleKeys: ['employee'], name: `${tag} O`, login: false });
  const g = await api('POST', `${API}/groups`, { body: { name: `${tag} group`, description: 'acl test', member_ids: [users.E.person.id] } });
  expectStatus(g, 201, 'group');
  group = g.json;
  for (const who of [...Object.keys(ROLE), 'tester']) {
    const d = await api('GET', `${API}/dashboard`, as(who));
    expectStatus(d, 200, `${who} dashboard`);
    dashBefore[who] = d.json;
  }
  const O = users.O.person.id;
  const E = users.E.person.id;
  const specs = {
    pub: { classification: 'public', owner_id: O, description: `public ${marker}` },
    int: { classification: 'internal', owner_id: O },
    confE: { classification: 'confidential', owner_id: E },
    confO: { classification: 'confidential', owner_id: O, description: `confidential ${marker}` },
    confG: { classification: 'confidential', owner_id: O, working_group_ids: [group.id] },
    cdE: { classification: 'customer_data', owner_id: O },
    cdO: { classification: 'customer_data', owner_id: O, description: `customer ${marker}` },
    cdOwnE: { classification: 'customer_data', owner_id: E },
  };
  for (const [n, spec] of Object.entries(specs)) {
    const res = await api('POST', `${API}/assets`, { body: { name: `${tag} ${n}`, type: 'system', description: `about ${n}`, ...spec } });
    expectStatus(res, 201, `asset ${n}`);
    assets[n] = res.json;
  }
  const grant = await api('POST', `${API}/assets/${assets.cdE.id}/grants`, { body: { person_id: E } });
  expectStatus(grant, 201, 'grant');
  assert.equal(grant.json.person_id, E);
  assert.equal(grant.json.object_id, assets.cdE.id);
});

test('the creator sees everything it made (customer_data by its automatic grant)', async () => {
  assert.deepEqual(names(await listIds('tester', {})), [...VISIBLE.tester].sort());
  const grants = await api('GET', `${API}/assets/${assets.cdO.id}/grants`);
  expectStatus(grants, 200);
  assert.equal(grants.json.items.length, 1, 'the creator holds the one grant');
});

// Lists, totals, filters, search and dashboard counts first, all roles back to back with
// no write in between: a response cache keyed only by query and data version would hand
// one role's answer to another here.
for (const who of [...Object.keys(ROLE), 'tester']) {
  test(`${who} (${ROLE[who] || 'creator'}): lists, totals, filters and search include exactly the readable assets`, async () => {
    const visible = [...VISIBLE[who]].sort();
    const items = await listIds(who, {});
    assert.deepEqual(names(items), visible, 'list');
    const total = await api('GET', `${API}/assets${qs({ q: tag, include_total: 'true', limit: 1 })}`, as(who));
    expectStatus(total, 200);
    assert.equal(total.json.total, visible.length, 'include_total');
    for (const c of CLS) {
      const want = visible.filter((n) => assets[n].classification === c);
      assert.deepEqual(names(await listIds(who, { classification: c })), want, `classification=${c}`);
    }
    // Content of confidential and customer_data objects is neither listed nor searchable.
    for (const a of items) {
      if (['confidential', 'customer_data'].includes(a.classification)) {
        assert.equal(a.description, null, `${nameOf(a.id)} description in a list`);
        assert.equal(a.content_hidden, true, `${nameOf(a.id)} content_hidden`);
      } else {
        assert.equal(typeof a.description, 'string');
        assert.notEqual(a.content_hidden, true);
      }
    }
    const found = await api('GET', `${API}/assets${qs({ q: marker, limit: 50 })}`, as(who));
    expectStatus(found, 200);
    assert.deepEqual(names(found.json.items), ['pub'], `q=${marker}`);
    // The dashboard counted exactly the readable new assets (nothing else writes meanwhile).
    if (process.env.ISMS_TEST_SERIAL === '1') {
      const d = await api('GET', `${API}/dashboard`, as(who));
      expectStatus(d, 200);
      const b = dashBefore[who].assets;
      assert.equal(d.json.assets.total - b.total, visible.length, 'dashboard total');
      for (const c of CLS) {
        const delta = (d.json.assets.by_classification[c] ?? 0) - (b.by_classification[c] ?? 0);
        assert.equal(delta, visible.filter((n) => assets[n].classification === c).length, `dashboard ${c}`);
      }
      const list = await api('GET', `${API}/assets${qs({ include_total: 'true', limit: 1 })}`, as(who));
      assert.equal(d.json.assets.total, list.json.total, 'dashboard total = list total');
    }
  });
}

for (const who of [...Object.keys(ROLE), 'tester']) {
  test(`${who} (${ROLE[who] || 'creator'}): single reads are 200 or a 404 no different from a missing id`, async () => {
    const missing = await api('GET', `${API}/assets/${ghost}`, as(who));
    expectError(missing, 404, 'not_found');
    const missingBody = errorBody(missing, ghost);
    for (const n of Object.keys(assets)) {
      const res = await api('GET', `${API}/assets/${assets[n].id}`, as(who));
      if (VISIBLE[who].includes(n)) {
        expectStatus(res, 200, `${who} GET ${n}`);
        assert.equal(res.json.id, assets[n].id);
        assert.equal(typeof res.json.description, 'string', 'a single read shows the content');
        assert.notEqual(res.json.content_hidden, true);
      } else {
        expectError(res, 404, 'not_found', undefined, `${who} GET ${n}`);
        assert.deepEqual(errorBody(res, assets[n].id), missingBody, `${who} GET ${n}: the 404 must not differ from a missing id's`);
        const grants = await api('GET', `${API}/assets/${assets[n].id}/grants`, as(who));
        assert.ok([403, 404].includes(grants.status), `${who} grants of ${n}: ${grants.status}`);
      }
    }
  });
}

test('reading a confidential or customer_data asset is written to the ledger with the reader', async () => {
  const c = users.C;
  expectStatus(await api('GET', `${API}/assets/${assets.confO.id}`, as('C')), 200);
  expectStatus(await api('GET', `${API}/assets/${assets.cdE.id}`, as('E')), 200);
  expectStatus(await api('GET', `${API}/assets/${assets.pub.id}`, as('C')), 200);
  const reads = (await ledgerAll(assets.confO.id)).filter((e) => e.action === 'asset.read');
  assert.ok(reads.some((e) => e.actor === `user:${c.user.id}`), `no asset.read by ${c.user.id}: ${JSON.stringify(reads.map((e) => e.actor))}`);
  const cdReads = (await ledgerAll(assets.cdE.id)).filter((e) => e.action === 'asset.read');
  assert.ok(cdReads.some((e) => e.actor === `user:${users.E.user.id}`), JSON.stringify(cdReads));
  for (const e of reads) assert.equal(e.object_id, assets.confO.id);
  // A public read is not recorded.
  assert.deepEqual((await ledgerAll(assets.pub.id)).filter((e) => e.action === 'asset.read'), []);
  expectStatus(await api('GET', `${API}/ledger/verify`), 200);
});

test('writes follow the read rule: invisible objects are 404, write_own only on one\'s own', async () => {
  const e = as('E');
  // Not readable: 404 for every write, like a missing object.
  expectError(await api('PATCH', `${API}/assets/${assets.confO.id}`, { body: { version: 1, integrity: 4 }, ...e }), 404, 'not_found');
  expectError(await api('POST', `${API}/assets/${assets.cdO.id}/archive`, { body: { version: 1, reason: 'x' }, ...e }), 404, 'not_found');
  expectError(await api('POST', `${API}/assets/${assets.cdO.id}/grants`, { body: { person_id: users.E.person.id }, ...e }), 404, 'not_found');
  // Readable but not owned: an employee (assets:write_own) may not change it.
  expectError(await api('PATCH', `${API}/assets/${assets.int.id}`, { body: { version: 1, integrity: 4 }, ...e }), 403, 'forbidden');
  // Owned: allowed.
  const own = await api('PATCH', `${API}/assets/${assets.confE.id}`, { body: { version: assets.confE.version, integrity: 4 }, ...e });
  expectStatus(own, 200);
  assets.confE = own.json;
  // The contractor only reads.
  expectError(await api('POST', `${API}/assets`, { body: { name: `${tag} k`, type: 'system' }, ...as('K') }), 403, 'forbidden');
});

test('grants: removing one hides the object again', async () => {
  const e = as('E');
  expectStatus(await api('GET', `${API}/assets/${assets.cdE.id}`, e), 200);
  const del = await api('DELETE', `${API}/assets/${assets.cdE.id}/grants/${users.E.person.id}`);
  expectStatus(del, 204);
  expectError(await api('GET', `${API}/assets/${assets.cdE.id}`, e), 404, 'not_found');
  assert.ok(!names(await listIds('E', {})).includes('cdE'));
  expectStatus(await api('POST', `${API}/assets/${assets.cdE.id}/grants`, { body: { person_id: users.E.person.id } }), 201);
  expectStatus(await api('GET', `${API}/assets/${assets.cdE.id}`, e), 200);
  // Granting the same person twice is "already done".
  expectError(await api('POST', `${API}/assets/${assets.cdE.id}/grants`, { body: { person_id: users.E.person.id } }), 409, 'conflict');
  expectError(await api('POST', `${API}/assets/${assets.cdE.id}/grants`, { body: { person_id: ghost } }), 422, 'invalid', 'person_id');
});

test('the administrator manages users but cannot read confidential content', async () => {
  const d = as('D');
  expectError(await api('GET', `${API}/assets/${assets.confO.id}`, d), 404, 'not_found');
  expectStatus(await api('GET', `${API}/users`, d), 200);
});

test('the auditor reads the ledger but cannot write; expired access ends at once', async () => {
  const a = users.A;
  expectStatus(await api('GET', `${API}/ledger?limit=1`, as('A')), 200);
  expectStatus(await api('GET', `${API}/ledger/verify`, as('A')), 200);
  expectError(await api('POST', `${API}/assets`, { body: { name: `${tag} audit`, type: 'system' }, ...as('A') }), 403, 'forbidden');
  expectError(await api('PATCH', `${API}/assets/${assets.pub.id}`, { body: { version: 1, integrity: 4 }, ...as('A') }), 403, 'forbidden');
  // The auditor person cannot get a user without an end date.
  const noEnd = await api('POST', `${API}/users`, { body: { username: uniq('aud'), person_id: a.person.id }, token: adminToken() });
  expectError(noEnd, 422, 'invalid', 'access_expires_at');
  // End the access now.
  const cur = await api('GET', `${API}/users/${a.user.id}`, { token: adminToken() });
  expectStatus(cur, 200);
  const past = new Date(Date.now() - 60e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const res = await api('PATCH', `${API}/users/${a.user.id}`, { body: { access_expires_at: past, version: cur.json.version }, token: adminToken() });
  expectStatus(res, 200);
  assert.equal(Date.parse(res.json.access_expires_at), Date.parse(past));
  expectError(await api('GET', `${API}/ledger?limit=1`, as('A')), 401, 'unauthenticated');
  expectError(await api('POST', `${API}/auth/login`, { body: { username: a.username, password: a.password }, auth: false }), 401, 'unauthenticated');
});
