// Login sessions — docs/api.md "Authentication and access": the session cookie, identical
// answers for wrong passwords and unknown users, session fixation, logout, the first
// password change, CSRF, account lock-out and disabled users.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, API, BASE_URL, BASE_URL_2, TIME_RE, UUID_RE, TEST_TOKEN, uniq, expectStatus, expectError, errorBody,
  Session, sessionCookieOf, newUser, adminToken, cli, cliToken, authEvents, strongPassword,
} from './helpers.mjs';

const login = (username, password, extra = {}) =>
  api('POST', `${API}/auth/login`, { body: { username, password }, auth: false, ...extra });

test('login sets the isms_session cookie HttpOnly, SameSite=Strict, Path=/ (no Secure over http) and returns SessionInfo', async () => {
  const u = await newUser({ roleKeys: ['employee'], login: false });
  const res = await login(u.username, u.password);
  expectStatus(res, 200);
  const c = sessionCookieOf(res);
  assert.ok(c, `no isms_session Set-Cookie: ${JSON.stringify(res.setCookies)}`);
  assert.ok(c.value.length >= 32, `session token too short: ${c.value}`);
  assert.equal(c.attrs.httponly, true, 'HttpOnly');
  assert.equal(String(c.attrs.samesite).toLowerCase(), 'strict', 'SameSite=Strict');
  assert.equal(c.attrs.path, '/', 'Path=/');
  assert.ok(!('secure' in c.attrs), 'Secure on a plain-http server would stop the browser sending it');
  const s = res.json;
  assert.equal(s.state, 'password_change_required');
  assert.equal(typeof s.csrf_token, 'string');
  assert.ok(s.csrf_token.length >= 16);
  assert.match(s.expires_at, TIME_RE);
  assert.match(s.idle_expires_at, TIME_RE);
  assert.ok(Date.parse(s.idle_expires_at) <= Date.parse(s.expires_at));
  assert.equal(s.user.id, u.user.id);
  assert.equal(s.user.username, u.username);
  assert.equal(s.user.person_id, u.person.id);
  assert.equal(s.user.person_name, u.person.name);
  assert.deepEqual(s.roles, ['employee']);
  assert.ok(Array.isArray(s.permissions));
  assert.equal(s.mfa_enabled, false);
  assert.ok(!/argon|\$2[aby]\$|password_hash|totp_secret/i.test(res.text), res.text);
  assert.ok(!res.text.includes(c.value), 'the session token must not be in the body');
});

test('a wrong password and an unknown user get the same 401 body and no cookie', async () => {
  const u = await newUser({ login: false });
  const wrong = await login(u.username, 'Wrong-password-123!');
  const unknown = await login(uniq('ghost'), 'Wrong-password-123!');
  expectError(wrong, 401, 'unauthenticated');
  expectError(unknown, 401, 'unauthenticated');
  assert.deepEqual(errorBody(wrong), errorBody(unknown));
  assert.equal(sessionCookieOf(wrong), null);
  assert.equal(sessionCookieOf(unknown), null);
  // Missing or mistyped fields are refused without a session either.
  for (const body of [{}, { username: u.username }, { username: 5, password: 'x' }, { username: u.username, password: ['x'] }]) {
    const res = await api('POST', `${API}/auth/login`, { body, auth: false });
    assert.ok([400, 401, 422].includes(res.status), `${JSON.stringify(body)} -> ${res.status}`);
    assert.equal(sessionCookieOf(res), null);
  }
});

test('session fixation: a cookie sent with login is not reused and its session ends', async () => {
  const u = await newUser({ roleKeys: ['employee'] });
  const old = u.session.cookie;
  expectStatus(await api('GET', `${API}/auth/session`, { cookie: old }), 200);
  const s = new Session();
  s.cookie = old;
  expectStatus(await s.login(u.username, u.password, { sendCookie: true }), 200);
  assert.ok(s.cookie && s.cookie !== old, 'login must issue a new session id');
  expectError(await api('GET', `${API}/auth/session`, { cookie: old }), 401, 'unauthenticated');
  expectStatus(await s.req('GET', `${API}/auth/session`), 200);
  // A value the attacker made up is not adopted either.
  const planted = 'isms_session=' + 'A'.repeat(43);
  const t = new Session();
  t.cookie = planted;
  expectStatus(await t.login(u.username, u.password, { sendCookie: true }), 200);
  assert.notEqual(t.cookie, planted);
});

test('logout ends the session and clears the cookie', async () => {
  const u = await newUser({ roleKeys: ['employee'] });
  const s = u.session;
  const cookie = s.cookie;
  // A session works on every server of the database.
  expectStatus(await api('GET', `${API}/me`, { cookie, base: BASE_URL_2 }), 200);
  // Logout changes state, so it needs the CSRF token like any other POST.
  expectError(await s.req('POST', `${API}/auth/logout`, { csrf: false }), 403, 'forbidden');
  expectStatus(await s.req('GET', `${API}/auth/session`), 200);
  const res = await s.req('POST', `${API}/auth/logout`);
  expectStatus(res, 204);
  const c = sessionCookieOf(res);
  assert.ok(c, 'logout must clear the cookie');
  assert.ok(c.value === '' || c.attrs['max-age'] === '0' || Date.parse(c.attrs.expires) < Date.now(), JSON.stringify(c));
  expectError(await api('GET', `${API}/auth/session`, { cookie }), 401, 'unauthenticated');
  expectError(await api('GET', `${API}/me`, { cookie }), 401, 'unauthenticated');
  // Nor does the second server of the same database (PostgreSQL run) still know it.
  expectError(await api('GET', `${API}/me`, { cookie, base: BASE_URL_2 }), 401, 'unauthenticated');
});

test('a fresh user must change the one-time password before reaching any data', async () => {
  const u = await newUser({ roleKeys: ['employee'], login: false });
  const s = new Session();
  expectStatus(await s.login(u.username, u.password), 200);
  assert.equal(s.info.state, 'password_change_required');
  expectError(await s.req('GET', `${API}/assets`), 401, 'unauthenticated');
  expectError(await s.req('GET', `${API}/me`), 401, 'unauthenticated');
  const info = await s.req('GET', `${API}/auth/session`);
  expectStatus(info, 200);
  assert.equal(info.json.state, 'password_change_required');

  const change = (new_password, current_password = u.password) =>
    s.req('POST', `${API}/auth/password`, { body: { current_password, new_password } });
  // Policy: 12+ characters, not containing the username, not common or trivial.
  for (const bad of ['Sh0rt!x', u.username, `Xy!${u.username.toUpperCase()}9`, 'password1234', 'qwertyuiop12', '123456789012', 'aaaaaaaaaaaaaaaa']) {
    const e = expectError(await change(bad), 422, 'invalid', 'new_password', bad);
    for (const d of e.details) assert.equal(d.field, 'new_password', JSON.stringify(d));
  }
  // One detail per rule broken: too short and a repeated character.
  const two = expectError(await change('aaaa'), 422, 'invalid', 'new_password');
  assert.ok(two.details.length >= 2, `expected a detail per broken rule: ${JSON.stringify(two.details)}`);
  // Wrong current password: refused, not a 5xx, and nothing changes.
  const wrongCurrent = await change(strongPassword(), 'not-the-password-1!');
  assert.ok([401, 403, 422].includes(wrongCurrent.status), wrongCurrent.text);
  expectStatus(await s.req('GET', `${API}/auth/session`), 200);
  assert.equal((await s.req('GET', `${API}/auth/session`)).json.state, 'password_change_required');

  const before = s.cookie;
  const password = strongPassword();
  const ok = await change(password);
  expectStatus(ok, 200);
  assert.equal(ok.json.state, 'active');
  assert.ok(s.cookie && s.cookie !== before, 'a password change issues a new session id');
  expectError(await api('GET', `${API}/me`, { cookie: before }), 401, 'unauthenticated');
  const me = await s.req('GET', `${API}/me`);
  expectStatus(me, 200);
  assert.equal(me.json.user.must_change_password, false);
  // The one-time password is gone; the new one works.
  expectError(await login(u.username, u.password), 401, 'unauthenticated');
  expectStatus(await login(u.username, password), 200);
  assert.equal((await login(u.username, password)).json.state, 'active');
});

test('CSRF: cookie requests that change state need the right X-CSRF-Token and no foreign Origin', async () => {
  const u = await newUser({ roleKeys: ['ciso'] });
  const s = u.session;
  const tag = uniq('csrf');
  const post = (n, opts) => s.req('POST', `${API}/assets`, { body: { name: `${tag}-${n}`, type: 'system' }, ...opts });
  expectError(await post(1, { csrf: false }), 403, 'forbidden');
  expectError(await post(2, { headers: { 'X-CSRF-Token': 'wrong' } }), 403, 'forbidden');
  expectError(await post(3, { headers: { 'X-CSRF-Token': '' } }), 403, 'forbidden');
  expectError(await post(4, { headers: { Origin: 'http://evil.example' } }), 403, 'forbidden');
  expectError(await post(5, { headers: { Origin: 'null' } }), 403, 'forbidden');
  // Another session's token is no good either.
  const other = await newUser({ roleKeys: ['ciso'] });
  expectError(await post(6, { headers: { 'X-CSRF-Token': other.session.csrf } }), 403, 'forbidden');
  // Refused requests wrote nothing.
  const none = await s.req('GET', `${API}/assets?q=${tag}&archived=all`);
  expectStatus(none, 200);
  assert.deepEqual(none.json.items, []);
  // The right token, with or without the server's own Origin.
  const a = await post(7);
  expectStatus(a, 201);
  expectStatus(await post(8, { headers: { Origin: BASE_URL } }), 201);
  // PATCH too.
  expectError(await s.req('PATCH', `${API}/assets/${a.json.id}`, { body: { version: 1, integrity: 4 }, csrf: false }), 403, 'forbidden');
  expectStatus(await s.req('PATCH', `${API}/assets/${a.json.id}`, { body: { version: 1, integrity: 4 } }), 200);
  // Reads need no CSRF token.
  expectStatus(await s.req('GET', `${API}/assets/${a.json.id}`), 200);
  // A bearer token is not sent by browsers on their own: no CSRF header needed.
  assert.ok(TEST_TOKEN, 'TEST_TOKEN');
  expectStatus(await api('POST', `${API}/assets`, { body: { name: `${tag}-bearer`, type: 'system' } }), 201);
});

test('account lock-out: 5 wrong passwords lock the account (429 + Retry-After) until `isms user unlock`', async () => {
  const u = await newUser({ roleKeys: ['employee'] });
  for (let i = 1; i <= 5; i++) {
    const res = await login(u.username, `Wrong-password-${i}!x`);
    if (i < 5) expectError(res, 401, 'unauthenticated', undefined, `failure ${i}`);
    else assert.ok([401, 429].includes(res.status), `failure 5: ${res.status}`);
  }
  // Locked: even the right password is refused, with a time to come back.
  const locked = await login(u.username, u.password);
  expectError(locked, 429, 'rate_limited');
  const retry = Number(locked.headers.get('retry-after'));
  assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After ${locked.headers.get('retry-after')}`);
  assert.equal(sessionCookieOf(locked), null);
  const user = await api('GET', `${API}/users/${u.user.id}`, { token: adminToken() });
  expectStatus(user, 200);
  assert.match(String(user.json.locked_until), TIME_RE);
  assert.ok(user.json.failed_logins >= 5, `failed_logins ${user.json.failed_logins}`);
  // The operator ends the lock at once.
  const r = cli(['user', 'unlock', u.username]);
  assert.equal(r.code, 0, r.stderr);
  const ok = await login(u.username, u.password);
  expectStatus(ok, 200);
  assert.equal(ok.json.state, 'active');
  const after = await api('GET', `${API}/users/${u.user.id}`, { token: adminToken() });
  assert.equal(after.json.locked_until, null);
  assert.equal(after.json.failed_logins, 0);
  const kinds = (await authEvents({ user_id: u.user.id })).map((e) => e.kind);
  for (const k of ['login_failed', 'locked_out', 'account_unlocked', 'login_succeeded']) assert.ok(kinds.includes(k), `${k} not in ${kinds}`);
});

test('disabling a user ends its sessions and tokens at once; enabling lets it log in again', async () => {
  const u = await newUser({ roleKeys: ['employee'] });
  const token = cliToken(u.username, { scope: 'read' });
  expectStatus(await u.session.req('GET', `${API}/me`), 200);
  expectStatus(await api('GET', `${API}/me`, { token }), 200);
  expectStatus(await api('GET', `${API}/me`, { token, base: BASE_URL_2 }), 200);
  expectStatus(await api('GET', `${API}/me`, { cookie: u.session.cookie, base: BASE_URL_2 }), 200);
  const admin = { token: adminToken() };
  const cur = await api('GET', `${API}/users/${u.user.id}`, admin);
  expectStatus(cur, 200);
  const dis = await api('PATCH', `${API}/users/${u.user.id}`, { body: { disabled: true, version: cur.json.version }, ...admin });
  expectStatus(dis, 200);
  assert.equal(dis.json.disabled, true);
  expectError(await u.session.req('GET', `${API}/me`), 401, 'unauthenticated');
  expectError(await api('GET', `${API}/me`, { token }), 401, 'unauthenticated');
  expectError(await api('GET', `${API}/me`, { token, base: BASE_URL_2 }), 401, 'unauthenticated');
  expectError(await api('GET', `${API}/me`, { cookie: u.session.cookie, base: BASE_URL_2 }), 401, 'unauthenticated');
  // A disabled user cannot log in, and cannot tell that from a wrong password.
  const refused = await login(u.username, u.password);
  expectError(refused, 401, 'unauthenticated');
  assert.deepEqual(errorBody(refused), errorBody(await login(uniq('ghost'), u.password)));
  const en = await api('PATCH', `${API}/users/${u.user.id}`, { body: { disabled: false, version: dis.json.version }, ...admin });
  expectStatus(en, 200);
  assert.equal(en.json.disabled, false);
  expectStatus(await login(u.username, u.password), 200);
  // The token was revoked, not just suspended.
  expectError(await api('GET', `${API}/me`, { token }), 401, 'unauthenticated');
});

test('`isms user disable` and `enable` work on the running server', async () => {
  const u = await newUser({ roleKeys: ['employee'] });
  assert.equal(cli(['user', 'disable', u.username]).code, 0);
  expectError(await u.session.req('GET', `${API}/me`), 401, 'unauthenticated');
  expectError(await login(u.username, u.password), 401, 'unauthenticated');
  assert.equal(cli(['user', 'enable', u.username]).code, 0);
  expectStatus(await login(u.username, u.password), 200);
});

test('GET /auth/session without a session is 401; a token is not a session', async () => {
  expectError(await api('GET', `${API}/auth/session`, { auth: false }), 401, 'unauthenticated');
  expectError(await api('GET', `${API}/auth/session`, { cookie: 'isms_session=garbage' }), 401, 'unauthenticated');
  expectError(await api('GET', `${API}/auth/session`), 401, 'unauthenticated', undefined, 'with a bearer token');
  const me = await api('GET', `${API}/me`);
  expectStatus(me, 200);
  assert.match(me.json.user.id, UUID_RE);
  assert.equal(me.json.user.username, 'tester');
});

test('the initial administrator logs in with the one-time password and must change it first', async (t) => {
  const { ADMIN_PASSWORD } = await import('./helpers.mjs');
  if (!ADMIN_PASSWORD) return t.skip('ADMIN_PASSWORD not set');
  const res = await login('admin', ADMIN_PASSWORD);
  expectStatus(res, 200);
  assert.equal(res.json.state, 'password_change_required');
  assert.ok(res.json.roles.includes('administrator'));
  assert.ok(res.json.permissions.includes('users:manage'));
  assert.ok(!res.json.permissions.includes('confidential:read'));
  expectError(await api('GET', `${API}/users`, { cookie: sessionCookieOf(res) && `isms_session=${sessionCookieOf(res).value}` }), 401, 'unauthenticated');
});
