// Optimistic concurrency under real parallel requests, and the ledger staying intact
// while many writers race. With BASE_URL_2 set (a second server process on the same
// PostgreSQL database) the racing clients talk to different processes, so the
// serialization must hold across processes, not just threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, API, BASE_URL, BASE_URL_2, uniq, expectStatus, expectError, createAsset, getAsset,
  patchAsset, ledgerAll,
} from './helpers.mjs';

const bases = [BASE_URL, BASE_URL_2];

test('two updates with the same version at once: exactly one 200, one 409, the winner is kept', async () => {
  // Several rounds: one lucky interleaving proves little.
  for (let round = 0; round < 5; round++) {
    const a = await createAsset({ name: uniq('cc-race-') });
    const names = [uniq('cc-left-'), uniq('cc-right-')];
    const results = await Promise.all(names.map((name, i) => patchAsset(a.id, 1, { name }, {}, bases[i])));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409], `round ${round}: ${results.map((r) => r.text).join(' | ')}`);
    const winner = results.find((r) => r.status === 200);
    const loser = results.find((r) => r.status === 409);
    expectError(loser, 409, 'conflict');
    const now = await getAsset(a.id);
    assert.equal(now.version, 2);
    assert.equal(now.name, winner.json.name);
    // The loser can retry on the new version and then wins.
    const retry = await patchAsset(a.id, 2, { description: 'retried' });
    expectStatus(retry, 200);
    assert.equal(retry.json.name, winner.json.name, 'retry must not lose the first change');
    assert.equal(retry.json.version, 3);
    // The ledger saw exactly one update per successful request.
    const entries = await ledgerAll(a.id);
    assert.deepEqual(entries.map((e) => e.action), ['asset.create', 'asset.update', 'asset.update']);
  }
});

test('eight clients race on one version: exactly one wins', async () => {
  for (let round = 0; round < 3; round++) {
    const a = await createAsset({ name: uniq('cc-eight-') });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => patchAsset(a.id, 1, { description: `writer ${i}` }, {}, bases[i % 2])),
    );
    const ok = results.filter((r) => r.status === 200);
    assert.equal(ok.length, 1, results.map((r) => r.status).join(','));
    for (const r of results) if (r.status !== 200) expectError(r, 409, 'conflict');
    const now = await getAsset(a.id);
    assert.equal(now.version, 2);
    assert.equal(now.description, ok[0].json.description);
  }
});

test('an archive racing an update: one wins, the other is 409', async () => {
  const a = await createAsset({ name: uniq('cc-arch-') });
  const [u, r] = await Promise.all([
    patchAsset(a.id, 1, { name: uniq('cc-arch-upd-') }),
    api('POST', `${API}/assets/${a.id}/archive`, { body: { reason: 'race', version: 1 }, base: BASE_URL_2 }),
  ]);
  assert.deepEqual([u.status, r.status].sort(), [200, 409], `${u.text} | ${r.text}`);
  assert.equal((await getAsset(a.id)).version, 2);
});

test('20 parallel creates all succeed and the ledger verifies', async () => {
  const tag = uniq('ccpar');
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      api('POST', `${API}/assets`, { body: { name: `${tag}-${i}`, type: 'system' }, base: bases[i % 2] })),
  );
  for (const r of results) expectStatus(r, 201);
  const ids = results.map((r) => r.json.id);
  assert.equal(new Set(ids).size, 20);
  const list = await api('GET', `${API}/assets?q=${tag}&limit=100&include_total=true`);
  assert.equal(list.json.total, 20);
  const v = await api('GET', `${API}/ledger/verify`);
  expectStatus(v, 200);
  assert.equal(v.json.ok, true, v.text);
  // Every create is in the ledger exactly once.
  for (const id of ids) {
    const entries = await ledgerAll(id);
    assert.deepEqual(entries.map((e) => e.action), ['asset.create'], id);
  }
});

test('parallel updates of different assets all succeed and the chain stays linked', async () => {
  const assets = await Promise.all(Array.from({ length: 10 }, () => createAsset({ name: uniq('cc-multi-') })));
  const results = await Promise.all(assets.map((a, i) => patchAsset(a.id, 1, { integrity: 4 }, {}, bases[i % 2])));
  for (const r of results) expectStatus(r, 200);
  const v = await api('GET', `${API}/ledger/verify`);
  assert.equal(v.json.ok, true, v.text);
});

test('the second server sees the first one\'s writes at once', async () => {
  const a = await createAsset({ name: uniq('cc-visible-') });
  const res = await api('GET', `${API}/assets/${a.id}`, { base: BASE_URL_2 });
  expectStatus(res, 200);
  assert.deepEqual(res.json, a);
  const v1 = (await api('GET', `${API}/ledger/verify`)).json;
  const v2 = (await api('GET', `${API}/ledger/verify`, { base: BASE_URL_2 })).json;
  assert.equal(v1.ok, true);
  assert.equal(v2.ok, true);
  assert.equal(v1.head_hash, v2.head_hash);
});
