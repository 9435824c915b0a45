// Administration endpoints — docs/api.md "Users", "Roles and permissions", "Working groups
// and grants", "Settings": CRUD, permission checks and bad input (wrong types, oversized
// values, unknown fields) that must get a clear 4xx naming the field.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, API, UUID_RE, TIME_RE, uniq, expectStatus, expectError, newUser, createPerson, adminToken,
  rolesByKey, cliToken,
} from './helpers.mjs';

const ghost = '00000000-0000-4000-8000-000000000000';
const BIG = 'x'.repeat(100_000);
let admin; // request options of the administrator
let employee; // request options of an employee (token)

before(async () => {
  admin = { token: adminToken() };
  const e = await newUser({ roleKeys: ['employee'], login: false });
  employee = { token: cliToken(e.username, { scope: 'read_write' }) };
});

// --- permissions and roles --------------------------------------------------------------

test('GET /permissions lists the catalogue', async () => {
  const res = await api('GET', `${API}/permissions`);
  expectStatus(res, 200);
  const names = res.json.items.map((p) => p.name);
  for (const p of res.json.items) {
    assert.match(p.name, /^[a-z_]+:[a-z_]+$/);
    assert.equal(typeof p.description, 'string');
    assert.ok(p.description.length > 0);
  }
  assert.equal(new Set(names).size, names.length);
  for (const n of ['assets:read', 'assets:write', 'confidential:read', 'users:manage', 'roles:manage', 'settings:manage', 'ledger:read', 'auth_events:read', 'access:review']) {
    assert.ok(names.includes(n), `${n} missing`);
  }
});

test('built-in roles follow the policy: who reads confidential, who is read-only', async () => {
  const roles = await rolesByKey();
  const perms = new Set((await api('GET', `${API}/permissions`)).json.items.map((p) => p.name));
  for (const k of ['ceo', 'ciso', 'employee', 'contractor', 'auditor', 'administrator']) {
    const r = roles.get(k);
    assert.ok(r, `built-in role ${k}`);
    assert.equal(r.builtin, true);
    assert.match(r.id, UUID_RE);
    for (const p of r.permissions) assert.ok(perms.has(p), `${k}: unknown permission ${p}`);
  }
  for (const k of ['ciso', 'ceo', 'auditor']) assert.ok(roles.get(k).permissions.includes('confidential:read'), k);
  for (const k of ['employee', 'contractor', 'administrator']) assert.ok(!roles.get(k).permissions.includes('confidential:read'), k);
  for (const p of roles.get('auditor').permissions) assert.match(p, /:read$/, `auditors are read-only, but hold ${p}`);
  assert.ok(roles.get('administrator').permissions.includes('users:manage'));
});

test('custom roles: create, change, delete; errors name the field', async () => {
  const key = `r_${uniq('')}`.slice(0, 40);
  const body = { key, name: `Role ${key}`, description: 'a custom role', permissions: ['assets:read', 'organization:read'] };
  const created = await api('POST', `${API}/roles`, { body, ...admin });
  expectStatus(created, 201);
  const r = created.json;
  assert.equal(r.key, key);
  assert.equal(r.builtin, false);
  assert.deepEqual([...r.permissions].sort(), ['assets:read', 'organization:read']);
  // Duplicate key.
  expectError(await api('POST', `${API}/roles`, { body, ...admin }), 409, 'conflict');
  // Unknown permission: 422 whose message names it.
  const unknown = expectError(await api('POST', `${API}/roles`, { body: { ...body, key: `${key}x`, permissions: ['assets:read', 'rockets:launch'] }, ...admin }), 422, 'invalid', 'permissions');
  assert.match(JSON.stringify(unknown), /rockets:launch/);
  for (const [k, field] of [['A_upper', 'key'], ['1digit', 'key'], ['x', 'key'], ['has-dash', 'key'], [`k${'x'.repeat(40)}`, 'key'], [5, 'key']]) {
    expectError(await api('POST', `${API}/roles`, { body: { ...body, key: k }, ...admin }), 422, 'invalid', field, String(k));
  }
  expectError(await api('POST', `${API}/roles`, { body: { ...body, key: `${key}y`, permissions: 'assets:read' }, ...admin }), 422, 'invalid', 'permissions');
  expectError(await api('POST', `${API}/roles`, { body: { ...body, key: `${key}y`, name: '' }, ...admin }), 422, 'invalid', 'name');
  expectError(await api('POST', `${API}/roles`, { body: { ...body, key: `${key}y`, name: BIG }, ...admin }), 422, 'invalid', 'name');
  expectError(await api('POST', `${API}/roles`, { body: { ...body, key: `${key}y`, description: BIG }, ...admin }), 422, 'invalid', 'description');
  expectError(await api('POST', `${API}/roles`, { body: { ...body, key: `${key}y`, builtin: true }, ...admin }), 422, 'invalid', 'builtin');
  // Without roles:manage.
  expectError(await api('POST', `${API}/roles`, { body: { ...body, key: `${key}z` } }), 403, 'forbidden');
  expectError(await api('POST', `${API}/roles`, { body: { ...body, key: `${key}z` }, ...employee }), 403, 'forbidden');

  const changed = await api('PATCH', `${API}/roles/${r.id}`, { body: { permissions: ['assets:read'], description: 'narrower' }, ...admin });
  expectStatus(changed, 200);
  assert.deepEqual(changed.json.permissions, ['assets:read']);
  assert.equal(changed.json.description, 'narrower');
  expectError(await api('PATCH', `${API}/roles/${r.id}`, { body: { permissions: ['nope:nope'] }, ...admin }), 422, 'invalid', 'permissions');
  expectError(await api('PATCH', `${API}/roles/${ghost}`, { body: { description: 'x' }, ...admin }), 404, 'not_found');

  // Held by a person: cannot be deleted.
  const holder = await createPerson({ roleKeys: [key] });
  expectError(await api('DELETE', `${API}/roles/${r.id}`, admin), 409, 'conflict');
  const roles = await rolesByKey();
  expectStatus(await api('PATCH', `${API}/persons/${holder.id}`, { body: { role_ids: [roles.get('employee').id], version: holder.version } }), 200);
  expectStatus(await api('DELETE', `${API}/roles/${r.id}`, admin), 204);
  assert.ok(!(await rolesByKey()).has(key));
  expectError(await api('DELETE', `${API}/roles/${r.id}`, admin), 404, 'not_found');
});

test('built-in roles keep their permissions and cannot be deleted', async () => {
  const roles = await rolesByKey();
  const emp = roles.get('employee');
  expectError(await api('PATCH', `${API}/roles/${emp.id}`, { body: { permissions: [...emp.permissions, 'confidential:read'] }, ...admin }), 422, 'invalid', 'permissions');
  expectError(await api('PATCH', `${API}/roles/${emp.id}`, { body: { key: 'staff' }, ...admin }), 422, 'invalid', 'key');
  const del = await api('DELETE', `${API}/roles/${roles.get('contractor').id}`, admin);
  expectError(del, 409, 'conflict');
  assert.deepEqual((await rolesByKey()).get('employee').permissions, emp.permissions);
});

// --- users --------------------------------------------------------------------------------

test('users: create, read, list; never a hash or secret', async () => {
  const p = await createPerson({ roleKeys: ['employee'] });
  const username = uniq('usr');
  const res = await api('POST', `${API}/users`, { body: { username, person_id: p.id }, ...admin });
  expectStatus(res, 201);
  const { user, one_time_password: otp } = res.json;
  assert.equal(typeof otp, 'string');
  assert.ok(otp.length >= 12);
  for (const f of ['id', 'username', 'person_id', 'person_name', 'disabled', 'access_expires_at', 'must_change_password', 'mfa_enabled', 'locked_until', 'failed_logins', 'password_changed_at', 'created_at', 'version']) {
    assert.ok(f in user, `User lacks ${f}`);
  }
  assert.match(user.id, UUID_RE);
  assert.equal(user.username, username);
  assert.equal(user.person_id, p.id);
  assert.equal(user.person_name, p.name);
  assert.equal(user.disabled, false);
  assert.equal(user.must_change_password, true);
  assert.equal(user.mfa_enabled, false);
  assert.equal(user.locked_until, null);
  assert.equal(user.failed_logins, 0);
  assert.match(user.created_at, TIME_RE);
  const got = await api('GET', `${API}/users/${user.id}`, admin);
  expectStatus(got, 200);
  assert.deepEqual(got.json, user);
  const list = await api('GET', `${API}/users`, admin);
  expectStatus(list, 200);
  assert.ok(list.json.items.some((u) => u.id === user.id));
  assert.ok(list.json.items.some((u) => u.username === 'admin'));
  for (const text of [res.text.replace(otp, ''), got.text, list.text]) {
    assert.ok(!/argon2|password_hash|totp_secret|secret_hash/i.test(text), text.slice(0, 300));
  }
  assert.ok(!got.text.includes(otp) && !list.text.includes(otp), 'the one-time password is shown once');
  expectError(await api('GET', `${API}/users/${ghost}`, admin), 404, 'not_found');
});

test('users: bad input names the field; duplicates conflict', async () => {
  const p = await createPerson({ roleKeys: ['employee'] });
  const post = (body) => api('POST', `${API}/users`, { body, ...admin });
  for (const [body, field] of [
    [{ person_id: p.id }, 'username'],
    [{ username: 'ab', person_id: p.id }, 'username'],
    [{ username: 'x'.repeat(65), person_id: p.id }, 'username'],
    [{ username: 'Upper', person_id: p.id }, 'username'],
    [{ username: 'with space', person_id: p.id }, 'username'],
    [{ username: 'semi;colon', person_id: p.id }, 'username'],
    [{ username: 'ünïcode', person_id: p.id }, 'username'],
    [{ username: 12345, person_id: p.id }, 'username'],
    [{ username: BIG, person_id: p.id }, 'username'],
    [{ username: uniq('u') }, 'person_id'],
    [{ username: uniq('u'), person_id: ghost }, 'person_id'],
    [{ username: uniq('u'), person_id: 5 }, 'person_id'],
    [{ username: uniq('u'), person_id: p.id, access_expires_at: 'tomorrow' }, 'access_expires_at'],
    [{ username: uniq('u'), person_id: p.id, access_expires_at: 5 }, 'access_expires_at'],
    [{ username: uniq('u'), person_id: p.id, password: 'Chosen-by-me-123' }, 'password'],
    [{ username: uniq('u'), person_id: p.id, disabled: false }, 'disabled'],
  ]) {
    expectError(await post(body), 422, 'invalid', field, JSON.stringify(body).slice(0, 80));
  }
  expectError(await post([]), 422, 'invalid', 'body');
  const username = uniq('dup');
  expectStatus(await post({ username, person_id: p.id }), 201);
  expectError(await post({ username, person_id: p.id }), 409, 'conflict');
  // Usernames are one namespace regardless of case in the request? They must be lower
  // case, so an upper-case twin is simply invalid.
  expectError(await post({ username: username.toUpperCase(), person_id: p.id }), 422, 'invalid', 'username');
  // Nothing else could manage users.
  expectError(await api('POST', `${API}/users`, { body: { username: uniq('u'), person_id: p.id } }), 403, 'forbidden');
  expectError(await api('GET', `${API}/users`, employee), 403, 'forbidden');
});

test('users: PATCH with version; reset-password, unlock, reset-mfa, revoke-sessions', async () => {
  const u = await newUser({ roleKeys: ['employee'] });
  const path = `${API}/users/${u.user.id}`;
  const cur = (await api('GET', path, admin)).json;
  expectError(await api('PATCH', path, { body: { disabled: true }, ...admin }), 422, 'invalid', 'version');
  expectError(await api('PATCH', path, { body: { disabled: true, version: cur.version + 3 }, ...admin }), 409, 'conflict');
  expectError(await api('PATCH', path, { body: { disabled: 'yes', version: cur.version }, ...admin }), 422, 'invalid', 'disabled');
  expectError(await api('PATCH', path, { body: { access_expires_at: 'soon', version: cur.version }, ...admin }), 422, 'invalid', 'access_expires_at');
  expectError(await api('PATCH', path, { body: { username: 'renamed', version: cur.version }, ...admin }), 422, 'invalid', 'username');
  expectError(await api('PATCH', path, { body: { must_change_password: false, version: cur.version }, ...admin }), 422, 'invalid', 'must_change_password');
  expectError(await api('PATCH', `${API}/users/${ghost}`, { body: { disabled: true, version: 1 }, ...admin }), 404, 'not_found');
  assert.equal((await api('GET', path, admin)).json.version, cur.version, 'rejected PATCHes wrote nothing');
  const later = new Date(Date.now() + 30 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const ok = await api('PATCH', path, { body: { access_expires_at: later, version: cur.version }, ...admin });
  expectStatus(ok, 200);
  assert.equal(Date.parse(ok.json.access_expires_at), Date.parse(later));
  assert.equal(ok.json.version, cur.version + 1);
  const cleared = await api('PATCH', path, { body: { access_expires_at: null, version: ok.json.version }, ...admin });
  expectStatus(cleared, 200);
  assert.equal(cleared.json.access_expires_at, null);

  // revoke-sessions counts what it ended.
  const token = cliToken(u.username, { scope: 'read' });
  const rs = await api('POST', `${path}/revoke-sessions`, { body: {}, ...admin });
  expectStatus(rs, 200);
  assert.ok(rs.json.sessions >= 1, rs.text);
  assert.ok(rs.json.tokens >= 1, rs.text);
  expectError(await u.session.req('GET', `${API}/me`), 401, 'unauthenticated');
  expectError(await api('GET', `${API}/me`, { token }), 401, 'unauthenticated');

  // reset-password: a new one-time password, the old password stops working.
  const rp = await api('POST', `${path}/reset-password`, { body: {}, ...admin });
  expectStatus(rp, 200);
  assert.equal(typeof rp.json.one_time_password, 'string');
  expectError(await api('POST', `${API}/auth/login`, { body: { username: u.username, password: u.password }, auth: false }), 401, 'unauthenticated');
  const li = await api('POST', `${API}/auth/login`, { body: { username: u.username, password: rp.json.one_time_password }, auth: false });
  expectStatus(li, 200);
  assert.equal(li.json.state, 'password_change_required');

  const unlocked = await api('POST', `${path}/unlock`, { body: {}, ...admin });
  expectStatus(unlocked, 200);
  assert.equal(unlocked.json.locked_until, null);
  assert.equal(unlocked.json.failed_logins, 0);
  const noMfa = await api('POST', `${path}/reset-mfa`, { body: {}, ...admin });
  expectStatus(noMfa, 200);
  assert.equal(noMfa.json.mfa_enabled, false);
  for (const action of ['reset-password', 'unlock', 'reset-mfa', 'revoke-sessions']) {
    expectError(await api('POST', `${path}/${action}`, { body: {}, ...employee }), 403, 'forbidden', undefined, action);
    expectError(await api('POST', `${API}/users/${ghost}/${action}`, { body: {}, ...admin }), 404, 'not_found', undefined, action);
  }
});

// --- working groups -------------------------------------------------------------------------

test('groups: create, read, change members with version; errors name the field', async () => {
  const a = await createPerson();
  const b = await createPerson();
  const name = `${uniq('grp')} Ops`;
  const res = await api('POST', `${API}/groups`, { body: { name, description: 'operations', member_ids: [b.id, a.id] } });
  expectStatus(res, 201);
  const g = res.json;
  for (const f of ['id', 'name', 'description', 'member_ids', 'version', 'created_at', 'updated_at']) assert.ok(f in g, `WorkingGroup lacks ${f}`);
  assert.deepEqual(g.member_ids, [a.id, b.id].sort(), 'member ids sorted and unique');
  assert.equal(g.version, 1);
  const got = await api('GET', `${API}/groups/${g.id}`);
  expectStatus(got, 200);
  assert.deepEqual(got.json, g);
  assert.ok((await api('GET', `${API}/groups`)).json.items.some((x) => x.id === g.id));
  // Names are unique regardless of case.
  expectError(await api('POST', `${API}/groups`, { body: { name: name.toUpperCase(), description: '', member_ids: [] } }), 409, 'conflict');
  for (const [body, field] of [
    [{ description: '', member_ids: [] }, 'name'],
    [{ name: '', description: '', member_ids: [] }, 'name'],
    [{ name: BIG, description: '', member_ids: [] }, 'name'],
    [{ name: uniq('g'), description: BIG, member_ids: [] }, 'description'],
    [{ name: uniq('g'), description: '', member_ids: [ghost] }, 'member_ids'],
    [{ name: uniq('g'), description: '', member_ids: 'x' }, 'member_ids'],
    [{ name: uniq('g'), description: '', member_ids: [5] }, 'member_ids'],
    [{ name: uniq('g'), description: 5, member_ids: [] }, 'description'],
    [{ name: uniq('g'), description: '', member_ids: [], colour: 'red' }, 'colour'],
    [{ name: uniq('g'), description: '', member_ids: [], version: 3 }, 'version'],
  ]) {
    expectError(await api('POST', `${API}/groups`, { body }), 422, 'invalid', field, JSON.stringify(body).slice(0, 80));
  }
  const patched = await api('PATCH', `${API}/groups/${g.id}`, { body: { member_ids: [a.id], version: 1 } });
  expectStatus(patched, 200);
  assert.deepEqual(patched.json.member_ids, [a.id]);
  assert.equal(patched.json.version, 2);
  expectError(await api('PATCH', `${API}/groups/${g.id}`, { body: { member_ids: [], version: 1 } }), 409, 'conflict');
  expectError(await api('PATCH', `${API}/groups/${g.id}`, { body: { member_ids: [] } }), 422, 'invalid', 'version');
  expectError(await api('PATCH', `${API}/groups/${ghost}`, { body: { name: 'x', version: 1 } }), 404, 'not_found');
  expectError(await api('GET', `${API}/groups/${ghost}`), 404, 'not_found');
  // groups:manage is needed to change them; groups:read to see them.
  expectError(await api('POST', `${API}/groups`, { body: { name: uniq('g'), description: '', member_ids: [] }, ...employee }), 403, 'forbidden');
  expectError(await api('PATCH', `${API}/groups/${g.id}`, { body: { name: 'x', version: 2 }, ...employee }), 403, 'forbidden');
  expectStatus(await api('GET', `${API}/groups/${g.id}`, employee), 200);
});

// --- settings -------------------------------------------------------------------------------

test('settings: anyone authenticated reads them; the administrator changes them with version', async () => {
  const res = await api('GET', `${API}/settings`, employee);
  expectStatus(res, 200);
  const s = res.json;
  assert.ok(Array.isArray(s.mfa_required_role_keys));
  assert.ok(Number.isInteger(s.session_idle_minutes));
  assert.ok(Number.isInteger(s.session_absolute_hours));
  assert.ok(Number.isInteger(s.version));
  expectError(await api('GET', `${API}/settings`, { auth: false }), 401, 'unauthenticated');
  expectError(await api('PUT', `${API}/settings`, { body: s, ...employee }), 403, 'forbidden');
  expectError(await api('PUT', `${API}/settings`, { body: s }), 403, 'forbidden'); // the CISO lacks settings:manage

  const put = (body) => api('PUT', `${API}/settings`, { body: { ...s, ...body }, ...admin });
  for (const [body, field] of [
    [{ session_idle_minutes: 4 }, 'session_idle_minutes'],
    [{ session_idle_minutes: 1441 }, 'session_idle_minutes'],
    [{ session_idle_minutes: '30' }, 'session_idle_minutes'],
    [{ session_absolute_hours: 0 }, 'session_absolute_hours'],
    [{ session_absolute_hours: 169 }, 'session_absolute_hours'],
    [{ session_absolute_hours: 1.5 }, 'session_absolute_hours'],
    [{ mfa_required_role_keys: ['no_such_role'] }, 'mfa_required_role_keys'],
    [{ mfa_required_role_keys: 'ciso' }, 'mfa_required_role_keys'],
    [{ mfa_required_role_keys: [5] }, 'mfa_required_role_keys'],
    [{ colour: 'red' }, 'colour'],
    [{ version: 'one' }, 'version'],
  ]) {
    expectError(await put(body), 422, 'invalid', field, JSON.stringify(body));
  }
  const noVersion = { ...s };
  delete noVersion.version;
  expectError(await api('PUT', `${API}/settings`, { body: noVersion, ...admin }), 422, 'invalid', 'version');
  expectError(await put({ version: s.version + 7 }), 409, 'conflict');
  assert.deepEqual((await api('GET', `${API}/settings`)).json, s, 'rejected PUTs wrote nothing');

  const changed = await put({ session_idle_minutes: s.session_idle_minutes === 45 ? 46 : 45 });
  expectStatus(changed, 200);
  assert.equal(changed.json.version, s.version + 1);
  assert.notEqual(changed.json.session_idle_minutes, s.session_idle_minutes);
  // Put it back.
  const back = await api('PUT', `${API}/settings`, { body: { ...s, version: changed.json.version }, ...admin });
  expectStatus(back, 200);
  assert.equal(back.json.session_idle_minutes, s.session_idle_minutes);
});

// --- people -----------------------------------------------------------------------------------

test('persons: create and read; bad input names the field', async () => {
  const roles = await rolesByKey();
  const email = `${uniq('pp')}@example.test`;
  const res = await api('POST', `${API}/persons`, { body: { name: 'Pat Person', email, job_title: 'Engineer', role_ids: [roles.get('employee').id] } });
  expectStatus(res, 201);
  const p = res.json;
  for (const f of ['id', 'name', 'email', 'job_title', 'role_ids', 'employment_status', 'access_review_required', 'version', 'created_at']) assert.ok(f in p, `Person lacks ${f}`);
  assert.equal(p.employment_status, 'active');
  assert.equal(p.access_review_required, false);
  assert.equal(p.version, 1);
  const got = await api('GET', `${API}/persons/${p.id}`);
  expectStatus(got, 200);
  assert.deepEqual(got.json, p);
  expectError(await api('GET', `${API}/persons/${ghost}`), 404, 'not_found');
  const post = (body) => api('POST', `${API}/persons`, { body: { name: 'N', email: `${uniq('pp')}@example.test`, job_title: '', role_ids: [], ...body } });
  expectError(await post({ email: email.toUpperCase() }), 409, 'conflict');
  for (const [body, field] of [
    [{ name: '' }, 'name'],
    [{ name: BIG }, 'name'],
    [{ name: 5 }, 'name'],
    [{ email: 'not-an-email' }, 'email'],
    [{ email: BIG }, 'email'],
    [{ job_title: BIG }, 'job_title'],
    [{ role_ids: [ghost] }, 'role_ids'],
    [{ role_ids: 'employee' }, 'role_ids'],
    [{ employment_status: 'retired' }, 'employment_status'],
    [{ access_review_required: true }, 'access_review_required'],
    [{ colour: 'red' }, 'colour'],
  ]) {
    expectError(await post(body), 422, 'invalid', field, JSON.stringify(body).slice(0, 80));
  }
  expectError(await api('POST', `${API}/persons`, { body: { name: 'N', email: `${uniq('pp')}@example.test`, job_title: '', role_ids: [] }, ...employee }), 403, 'forbidden');
});
