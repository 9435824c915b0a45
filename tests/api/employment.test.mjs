// Changes of employment (policy 8.3) — docs/api.md "People": ending a person's employment
// or changing their roles ends their users' sessions and revokes their tokens at once and
// flags the access for review; POST /persons/{id}/access-review clears the flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, API, uniq, expectStatus, expectError, newUser, cliToken, rolesByKey, ledgerAll,
} from './helpers.mjs';

const login = (username, password) =>
  api('POST', `${API}/auth/login`, { body: { username, password }, auth: false });

async function person(id) {
  const res = await api('GET', `${API}/persons/${id}`);
  expectStatus(res, 200);
  return res.json;
}

test('ending employment ends sessions and tokens at once and requires an access review', async () => {
  const u = await newUser({ roleKeys: ['employee'] });
  const token = cliToken(u.username, { scope: 'read' });
  expectStatus(await u.session.req('GET', `${API}/me`), 200);
  expectStatus(await api('GET', `${API}/assets?limit=1`, { token }), 200);
  const p = await person(u.person.id);
  assert.equal(p.employment_status, 'active');
  assert.equal(p.access_review_required, false);

  const res = await api('PATCH', `${API}/persons/${p.id}`, { body: { employment_status: 'ended', version: p.version } });
  expectStatus(res, 200);
  assert.equal(res.json.employment_status, 'ended');
  assert.equal(res.json.access_review_required, true);
  assert.equal(res.json.version, p.version + 1);

  expectError(await u.session.req('GET', `${API}/me`), 401, 'unauthenticated');
  expectError(await api('GET', `${API}/assets?limit=1`, { token }), 401, 'unauthenticated');
  // Nor can the person log in again.
  expectError(await login(u.username, u.password), 401, 'unauthenticated');

  // The review clears the flag and lands in the ledger with its note.
  const note = `reviewed ${uniq('')}`;
  const reviewed = await api('POST', `${API}/persons/${p.id}/access-review`, { body: { note } });
  expectStatus(reviewed, 200);
  assert.equal(reviewed.json.access_review_required, false);
  assert.equal(reviewed.json.employment_status, 'ended');
  assert.equal((await person(p.id)).access_review_required, false);
  const entries = await ledgerAll(p.id);
  assert.ok(entries.some((e) => JSON.stringify(e.change).includes(note)), 'the review note is in the ledger');
  // Still ended: the review does not restore access.
  expectError(await login(u.username, u.password), 401, 'unauthenticated');
});

test('changing a person\'s roles ends sessions and tokens and requires an access review', async () => {
  const roles = await rolesByKey();
  const u = await newUser({ roleKeys: ['employee'] });
  const token = cliToken(u.username, { scope: 'read' });
  expectStatus(await api('GET', `${API}/assets?limit=1`, { token }), 200);
  const p = await person(u.person.id);
  const res = await api('PATCH', `${API}/persons/${p.id}`, {
    body: { role_ids: [roles.get('employee').id, roles.get('contractor').id], version: p.version },
  });
  expectStatus(res, 200);
  assert.equal(res.json.access_review_required, true);
  assert.deepEqual([...res.json.role_ids].sort(), [roles.get('employee').id, roles.get('contractor').id].sort());
  expectError(await u.session.req('GET', `${API}/me`), 401, 'unauthenticated');
  expectError(await api('GET', `${API}/assets?limit=1`, { token }), 401, 'unauthenticated');
  // Still employed: a new login works and has the new roles.
  const again = await login(u.username, u.password);
  expectStatus(again, 200);
  assert.deepEqual([...again.json.roles].sort(), ['contractor', 'employee']);
  expectStatus(await api('POST', `${API}/persons/${p.id}/access-review`, { body: { note: 'ok' } }), 200);
});

test('other changes to a person keep their sessions', async () => {
  const u = await newUser({ roleKeys: ['employee'] });
  const p = await person(u.person.id);
  const res = await api('PATCH', `${API}/persons/${p.id}`, { body: { job_title: 'Senior tester', version: p.version } });
  expectStatus(res, 200);
  assert.equal(res.json.access_review_required, false);
  expectStatus(await u.session.req('GET', `${API}/me`), 200);
});

test('access review needs access:review; person edits need people:write', async () => {
  const emp = await newUser({ roleKeys: ['employee'] });
  const target = await newUser({ roleKeys: ['employee'], login: false });
  const p = await person(target.person.id);
  expectError(await emp.session.req('POST', `${API}/persons/${p.id}/access-review`, { body: { note: 'x' } }), 403, 'forbidden');
  expectError(await emp.session.req('PATCH', `${API}/persons/${p.id}`, { body: { employment_status: 'ended', version: p.version } }), 403, 'forbidden');
  expectError(await api('POST', `${API}/persons/00000000-0000-4000-8000-000000000000/access-review`, { body: { note: 'x' } }), 404, 'not_found');
  // Bad values name the field.
  expectError(await api('PATCH', `${API}/persons/${p.id}`, { body: { employment_status: 'fired', version: p.version } }), 422, 'invalid', 'employment_status');
  expectError(await api('PATCH', `${API}/persons/${p.id}`, { body: { role_ids: ['00000000-0000-4000-8000-000000000000'], version: p.version } }), 422, 'invalid', 'role_ids');
  expectError(await api('PATCH', `${API}/persons/${p.id}`, { body: { job_title: 'x' } }), 422, 'invalid', 'version');
  expectError(await api('PATCH', `${API}/persons/${p.id}`, { body: { job_title: 'x', version: p.version + 5 } }), 409, 'conflict');
  expectError(await api('POST', `${API}/persons/${p.id}/access-review`, { body: { note: 5 } }), 422, 'invalid', 'note');
  assert.equal((await person(p.id)).version, p.version, 'nothing was written');
});
