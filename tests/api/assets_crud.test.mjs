// Assets: create, get, update (If-Match and body version), archive — docs/api.md "Assets".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, API, UUID_RE, TIME_RE, uniq, expectStatus, expectError, createAsset, getAsset,
  patchAsset, persons, listAll,
} from './helpers.mjs';

const FIELDS = [
  'id', 'name', 'type', 'description', 'owner_id', 'owner_name', 'business_function',
  'classification', 'confidentiality', 'integrity', 'availability', 'authenticity',
  'lifecycle_status', 'depends_on', 'archived', 'archived_at', 'archive_reason', 'version',
  'created_at', 'updated_at',
];

test('create returns 201, Location, ETag and the documented defaults', async () => {
  const name = uniq('crud-defaults-');
  const res = await api('POST', `${API}/assets`, { body: { name, type: 'application' } });
  expectStatus(res, 201);
  const a = res.json;
  for (const f of FIELDS) assert.ok(f in a, `field ${f} missing: ${res.text}`);
  assert.match(a.id, UUID_RE);
  assert.equal(a.name, name);
  assert.equal(a.type, 'application');
  assert.equal(a.description, '');
  assert.equal(a.owner_id, null);
  assert.equal(a.owner_name, null);
  assert.equal(a.classification, 'internal');
  for (const l of ['confidentiality', 'integrity', 'availability', 'authenticity']) assert.equal(a[l], 2, l);
  assert.equal(a.lifecycle_status, 'active');
  assert.deepEqual(a.depends_on, []);
  assert.equal(a.archived, false);
  assert.equal(a.archived_at, null);
  assert.equal(a.archive_reason, null);
  assert.equal(a.version, 1);
  assert.match(a.created_at, TIME_RE);
  assert.match(a.updated_at, TIME_RE);
  const loc = res.headers.get('location');
  assert.ok(loc, 'Location header');
  assert.ok(loc === `${API}/assets/${a.id}` || loc.endsWith(`${API}/assets/${a.id}`), `Location ${loc}`);
  assert.equal(res.headers.get('etag'), '"1"');
});

test('create with every writable field, then GET returns the same asset and ETag', async () => {
  const owner = (await persons())[0];
  assert.ok(owner, 'an initialized database holds at least the administrator person');
  const dep = await createAsset({ name: uniq('crud-dep-') });
  const body = {
    name: uniq('crud-full-'),
    type: 'cloud_service',
    description: 'Line one\nLine two\ttabbed',
    owner_id: owner.id,
    business_function: 'Customer support',
    classification: 'customer_data',
    confidentiality: 4,
    integrity: 3,
    availability: 1,
    authenticity: 3,
    lifecycle_status: 'planned',
    depends_on: [dep.id],
  };
  const created = await createAsset(body);
  for (const [k, v] of Object.entries(body)) assert.deepEqual(created[k], v, k);
  assert.equal(created.owner_name, owner.name);
  const res = await api('GET', `${API}/assets/${created.id}`);
  expectStatus(res, 200);
  assert.deepEqual(res.json, created);
  assert.equal(res.headers.get('etag'), '"1"');
});

test('PATCH with If-Match updates, bumps version and ETag, keeps other fields', async () => {
  const a = await createAsset({ name: uniq('crud-patch-'), description: 'keep me', integrity: 3 });
  const newName = uniq('crud-patched-');
  const res = await patchAsset(a.id, 1, { name: newName, availability: 4 });
  expectStatus(res, 200);
  const b = res.json;
  assert.equal(b.name, newName);
  assert.equal(b.availability, 4);
  assert.equal(b.description, 'keep me');
  assert.equal(b.integrity, 3);
  assert.equal(b.version, 2);
  assert.equal(b.created_at, a.created_at);
  assert.ok(b.updated_at >= a.updated_at);
  assert.equal(res.headers.get('etag'), '"2"');
  assert.deepEqual(await getAsset(a.id), b);
});

test('PATCH with body version works; stale version is 409; missing version is 422', async () => {
  const a = await createAsset({ name: uniq('crud-bodyver-') });
  const ok = await api('PATCH', `${API}/assets/${a.id}`, { body: { version: 1, lifecycle_status: 'retiring' } });
  expectStatus(ok, 200);
  assert.equal(ok.json.version, 2);
  assert.equal(ok.json.lifecycle_status, 'retiring');
  // Stale, both ways of saying it.
  expectError(await api('PATCH', `${API}/assets/${a.id}`, { body: { version: 1, name: 'x' } }), 409, 'conflict');
  expectError(await patchAsset(a.id, 1, { name: 'x' }), 409, 'conflict');
  // A version from the future is stale too.
  expectError(await patchAsset(a.id, 99, { name: 'x' }), 409, 'conflict');
  expectError(await api('PATCH', `${API}/assets/${a.id}`, { body: { name: 'x' } }), 422, 'invalid', 'version');
  // Nothing of the rejected requests was written.
  const now = await getAsset(a.id);
  assert.equal(now.version, 2);
  assert.equal(now.name, a.name);
});

test('PATCH validates like create and never half-writes', async () => {
  const a = await createAsset({ name: uniq('crud-val-') });
  expectError(await patchAsset(a.id, 1, { name: '' }), 422, 'invalid', 'name');
  expectError(await patchAsset(a.id, 1, { confidentiality: 5 }), 422, 'invalid', 'confidentiality');
  expectError(await patchAsset(a.id, 1, { colour: 'red' }), 422, 'invalid', 'colour');
  expectError(await patchAsset(a.id, 1, { id: a.id }), 422, 'invalid', 'id');
  expectError(await patchAsset(a.id, 1, { depends_on: [a.id] }), 422, 'invalid', 'depends_on');
  // One bad field among good ones: nothing changes.
  expectError(await patchAsset(a.id, 1, { description: 'changed', type: 'bogus' }), 422, 'invalid', 'type');
  const now = await getAsset(a.id);
  assert.equal(now.version, 1);
  assert.equal(now.description, '');
});

test('owner can be set and cleared; owner_name follows', async () => {
  const owner = (await persons())[0];
  const a = await createAsset({ name: uniq('crud-owner-') });
  let res = await patchAsset(a.id, 1, { owner_id: owner.id });
  expectStatus(res, 200);
  assert.equal(res.json.owner_id, owner.id);
  assert.equal(res.json.owner_name, owner.name);
  res = await patchAsset(a.id, 2, { owner_id: null });
  expectStatus(res, 200);
  assert.equal(res.json.owner_id, null);
  assert.equal(res.json.owner_name, null);
});

test('depends_on is replaced as a whole on update', async () => {
  const d1 = await createAsset({ name: uniq('crud-d1-') });
  const d2 = await createAsset({ name: uniq('crud-d2-') });
  const a = await createAsset({ name: uniq('crud-deps-'), depends_on: [d1.id] });
  const res = await patchAsset(a.id, 1, { depends_on: [d2.id, d1.id] });
  expectStatus(res, 200);
  assert.deepEqual([...res.json.depends_on].sort(), [d1.id, d2.id].sort());
  const cleared = await patchAsset(a.id, 2, { depends_on: [] });
  expectStatus(cleared, 200);
  assert.deepEqual(cleared.json.depends_on, []);
});

test('unknown asset id is 404 for get, patch and archive', async () => {
  const ghost = '00000000-0000-4000-8000-000000000000';
  expectError(await api('GET', `${API}/assets/${ghost}`), 404, 'not_found');
  expectError(await patchAsset(ghost, 1, { name: 'x' }), 404, 'not_found');
  expectError(await api('POST', `${API}/assets/${ghost}/archive`, { body: { reason: 'r', version: 1 } }), 404, 'not_found');
  // Ids that are not UUIDs at all are simply unknown, not a crash.
  for (const id of ['not-a-uuid', "1'%20OR%20'1'='1", '%2e%2e', 'A'.repeat(300)]) {
    expectError(await api('GET', `${API}/assets/${id}`), 404, 'not_found', undefined, id);
  }
});

test('archive: reason required, hidden by default, 409 when archived twice', async () => {
  const tag = uniq('crudarch');
  const keep = await createAsset({ name: `${tag}-keep` });
  const a = await createAsset({ name: `${tag}-gone` });
  const path = `${API}/assets/${a.id}/archive`;
  expectError(await api('POST', path, { body: { version: 1 } }), 422, 'invalid', 'reason');
  expectError(await api('POST', path, { body: { reason: '', version: 1 } }), 422, 'invalid', 'reason');
  expectError(await api('POST', path, { body: { reason: 'stale', version: 7 } }), 409, 'conflict');
  const res = await api('POST', path, { body: { reason: 'Decommissioned in Q3', version: 1 } });
  expectStatus(res, 200);
  assert.equal(res.json.archived, true);
  assert.match(res.json.archived_at, TIME_RE);
  assert.equal(res.json.archive_reason, 'Decommissioned in Q3');
  assert.equal(res.json.version, 2);
  assert.equal(res.headers.get('etag'), '"2"');
  // Still readable by id.
  const got = await getAsset(a.id);
  assert.equal(got.archived, true);
  // Archiving again is a conflict, even with the current version.
  expectError(await api('POST', path, { body: { reason: 'again', version: 2 } }), 409, 'conflict');
  // Hidden by default, visible with archived=true / all.
  const ids = async (archived) =>
    (await listAll({ q: tag, archived })).flatMap((p) => p.items.map((i) => i.id)).sort();
  assert.deepEqual(await ids(undefined), [keep.id]);
  assert.deepEqual(await ids('false'), [keep.id]);
  assert.deepEqual(await ids('true'), [a.id]);
  assert.deepEqual(await ids('all'), [keep.id, a.id].sort());
});

test('an archived asset cannot be edited', async () => {
  const a = await createAsset({ name: uniq('crud-archedit-') });
  expectStatus(await api('POST', `${API}/assets/${a.id}/archive`, { body: { reason: 'done', version: 1 } }), 200);
  const res = await patchAsset(a.id, 2, { name: 'revived' });
  expectError(res, 409, 'conflict');
  assert.equal((await getAsset(a.id)).name, a.name);
});
