// The ledger (every change recorded, hash-chained, verifiable) and the classification rule
// whose justification must land in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, API, TIME_RE, uniq, qs, expectStatus, expectError, createAsset, patchAsset, ledgerAll, TEST_TOKEN } from './helpers.mjs';

const HASH_RE = /^[0-9a-f]{64}$/;

function checkEntry(e) {
  for (const f of ['seq', 'at', 'actor', 'action', 'object_type', 'object_id', 'change', 'prev_hash', 'hash']) {
    assert.ok(f in e, `ledger entry lacks ${f}: ${JSON.stringify(e)}`);
  }
  assert.ok(Number.isInteger(e.seq) && e.seq >= 1);
  assert.match(e.at, TIME_RE);
  assert.equal(typeof e.actor, 'string');
  assert.ok(e.actor.length > 0);
  assert.match(e.action, /^[a-z_]+\.[a-z_]+$/);
  assert.equal(typeof e.change, 'object');
  assert.match(e.prev_hash, HASH_RE);
  assert.match(e.hash, HASH_RE);
}

test('create, update and archive each appear with actor, action, object and change', async () => {
  const a = await createAsset({ name: uniq('lg-life-'), classification: 'public' });
  const newName = uniq('lg-renamed-');
  expectStatus(await patchAsset(a.id, 1, { name: newName, integrity: 4 }), 200);
  expectStatus(await api('POST', `${API}/assets/${a.id}/archive`, { body: { reason: 'lg reason', version: 2 } }), 200);
  const entries = await ledgerAll(a.id);
  assert.deepEqual(entries.map((e) => e.action), ['asset.create', 'asset.update', 'asset.archive']);
  for (const e of entries) {
    checkEntry(e);
    assert.equal(e.object_type, 'asset');
    assert.equal(e.object_id, a.id);
    // Changes through the API are attributed to the user, and to the token it acted through
    // (domain/access.h Principal::actor_id): "user:<user id>/token:<token id>".
    const tokenId = TEST_TOKEN.split('_')[1];
    assert.match(e.actor, new RegExp(`^user:[0-9a-f-]+/token:${tokenId}$`), e.actor);
  }
  assert.ok(entries[0].seq < entries[1].seq && entries[1].seq < entries[2].seq);
  // The update records what changed, from and to, and only that.
  assert.deepEqual(entries[1].change.name, { from: a.name, to: newName });
  assert.deepEqual(entries[1].change.integrity, { from: 2, to: 4 });
  assert.ok(!('description' in entries[1].change), 'unchanged fields are not in the change');
  assert.ok(JSON.stringify(entries[2].change).includes('lg reason'), 'archive reason recorded');
  assert.ok(JSON.stringify(entries[0].change).includes(a.name), 'create records the new asset');
});

test('the whole chain links: seq without gaps, prev_hash = previous hash', async () => {
  await createAsset({ name: uniq('lg-chain-') });
  const all = await ledgerAll();
  assert.ok(all.length >= 1);
  assert.equal(all[0].seq, 1);
  assert.equal(all[0].prev_hash, '0'.repeat(64));
  for (let i = 1; i < all.length; i++) {
    assert.equal(all[i].seq, all[i - 1].seq + 1, `gap after seq ${all[i - 1].seq}`);
    assert.equal(all[i].prev_hash, all[i - 1].hash, `chain broken at seq ${all[i].seq}`);
    assert.ok(Date.parse(all[i].at) >= Date.parse(all[i - 1].at), `time goes backwards at seq ${all[i].seq}`);
  }
  const v = await api('GET', `${API}/ledger/verify`);
  expectStatus(v, 200);
  assert.equal(v.json.ok, true, v.text);
  assert.ok(v.json.entries >= all.length);
  assert.ok(Number.isInteger(v.json.checkpoints) && v.json.checkpoints >= 1, 'at least one signed checkpoint');
  assert.match(v.json.head_hash, HASH_RE);
});

test('ledger paging: after/limit/next_after', async () => {
  for (let i = 0; i < 3; i++) await createAsset({ name: uniq('lg-page-') });
  const first = await api('GET', `${API}/ledger${qs({ limit: 2 })}`);
  expectStatus(first, 200);
  assert.equal(first.json.items.length, 2);
  assert.equal(first.json.next_after, first.json.items[1].seq);
  const second = await api('GET', `${API}/ledger${qs({ limit: 2, after: first.json.next_after })}`);
  expectStatus(second, 200);
  assert.equal(second.json.items[0].seq, first.json.items[1].seq + 1);
  // Far past the end: empty, no next.
  const end = await api('GET', `${API}/ledger${qs({ after: 1e9 })}`);
  expectStatus(end, 200);
  assert.deepEqual(end.json.items, []);
  assert.equal(end.json.next_after, null);
  // object_id of nothing: empty.
  const none = await api('GET', `${API}/ledger${qs({ object_id: '00000000-0000-4000-8000-000000000000' })}`);
  assert.deepEqual(none.json.items, []);
});

test('ledger bad parameters are 400 malformed naming the parameter', async () => {
  for (const [p, v] of [['after', 'abc'], ['limit', 'abc'], ['limit', '0'], ['bogus', '1']]) {
    expectError(await api('GET', `${API}/ledger?${p}=${v}`), 400, 'malformed', p, `${p}=${v}`);
  }
});

test('lowering classification needs a justification, which lands in the ledger', async () => {
  const a = await createAsset({ name: uniq('lg-cls-'), classification: 'confidential' });
  expectError(await patchAsset(a.id, 1, { classification: 'internal' }), 422, 'invalid', 'justification');
  expectError(await patchAsset(a.id, 1, { classification: 'public', justification: '' }), 422, 'invalid', 'justification');
  const why = `Data was anonymised ${uniq('')}`;
  const res = await patchAsset(a.id, 1, { classification: 'internal', justification: why });
  expectStatus(res, 200);
  assert.equal(res.json.classification, 'internal');
  assert.ok(!('justification' in res.json), 'justification is not an asset field');
  const entries = await ledgerAll(a.id);
  const upd = entries.find((e) => e.action === 'asset.update');
  assert.ok(upd, 'update entry');
  assert.equal(upd.change.justification, why);
  assert.deepEqual(upd.change.classification, { from: 'confidential', to: 'internal' });
});

test('raising classification needs no justification', async () => {
  const a = await createAsset({ name: uniq('lg-raise-'), classification: 'public' });
  const res = await patchAsset(a.id, 1, { classification: 'customer_data' });
  expectStatus(res, 200);
  assert.equal(res.json.classification, 'customer_data');
});

test('customer_data can never be lowered, even with a justification', async () => {
  const a = await createAsset({ name: uniq('lg-cd-'), classification: 'customer_data' });
  // (Creating it also records the creator's automatic grant.)
  const before = (await ledgerAll(a.id)).length;
  for (const to of ['confidential', 'internal', 'public']) {
    const e = expectError(await patchAsset(a.id, 1, { classification: to, justification: 'please' }), 422, 'invalid', 'classification', to);
    assert.match(e.message, /customer_data_never_downgraded/);
  }
  // Keeping it customer_data is fine.
  expectStatus(await patchAsset(a.id, 1, { classification: 'customer_data', description: 'same class' }), 200);
  const entries = await ledgerAll(a.id);
  assert.equal(entries.length, before + 1, 'rejected changes leave no ledger entries');
  assert.equal(entries.at(-1).action, 'asset.update');
});

test('rejected requests write no ledger entry', async () => {
  const before = await api('GET', `${API}/ledger/verify`);
  await api('POST', `${API}/assets`, { body: { name: '', type: 'system' } });
  await api('POST', `${API}/assets`, { body: '{"name":', headers: { 'Content-Type': 'application/json' } });
  const after = await api('GET', `${API}/ledger/verify`);
  // Other test files may write concurrently only if the runner runs files in parallel;
  // scripts/test.sh runs them one at a time.
  if (process.env.ISMS_TEST_SERIAL === '1') assert.equal(after.json.entries, before.json.entries);
  assert.equal(after.json.ok, true);
});
