// Multi-factor authentication (TOTP, RFC 6238) — docs/api.md "Authentication and access":
// enrolment and confirmation, the mfa_required login step, no code accepted twice,
// one-use recovery codes, and roles that require MFA. Codes are computed here with
// node:crypto (HMAC-SHA1, 6 digits, 30 s steps).
//
// The server accepts only steps later than the last one it accepted (window +-1 step), so
// each test uses increasing steps starting at the current one and never needs to wait.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, API, uniq, expectStatus, expectError, Session, newUser, adminToken, authEvents, totp, totpStep,
  base32Decode,
} from './helpers.mjs';

const CODE_RE = /^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/;

// Enrols the session's user and confirms at `step`; returns {secret, codes, confirm}.
async function enrol(session, step = totpStep()) {
  const en = await session.req('POST', `${API}/auth/mfa/enrolment`, { body: {} });
  assert.ok([200, 201].includes(en.status), en.text);
  const { secret, otpauth_uri: uri, qr_svg: svg } = en.json;
  assert.match(secret, /^[A-Z2-7]+=*$/, 'secret is base32');
  assert.ok(base32Decode(secret).length >= 16, 'secret of at least 128 bits');
  assert.ok(uri.startsWith('otpauth://totp/'), uri);
  assert.ok(uri.includes(`secret=${secret}`), uri);
  assert.match(svg, /^\s*(<\?xml|<svg)/);
  assert.ok(svg.includes('</svg>'));
  const confirm = await session.req('POST', `${API}/auth/mfa/enrolment/confirm`, { body: { code: totp(secret, step) } });
  expectStatus(confirm, 200, 'confirm');
  const codes = confirm.json.recovery_codes;
  assert.equal(codes.length, 10);
  assert.equal(new Set(codes).size, 10, 'recovery codes are distinct');
  for (const c of codes) assert.match(c, CODE_RE);
  assert.equal(confirm.json.session.mfa_enabled, true);
  return { secret, codes, confirm };
}

async function passwordStep(username, password) {
  const s = new Session();
  const res = await s.login(username, password);
  expectStatus(res, 200, `login ${username}`);
  return s;
}

test('MFA: enrol, confirm, log in with a code, never the same code twice, recovery codes once', async () => {
  const u = await newUser({ roleKeys: ['employee'] });
  const s = u.session;

  // A wrong code does not confirm the enrolment.
  const pending = await s.req('POST', `${API}/auth/mfa/enrolment`, { body: {} });
  assert.ok([200, 201].includes(pending.status), pending.text);
  const now = totpStep();
  const valid = new Set([-1, 0, 1].map((d) => totp(pending.json.secret, now + d)));
  const wrong = ['000000', '123456', '999999'].find((c) => !valid.has(c));
  const bad = await s.req('POST', `${API}/auth/mfa/enrolment/confirm`, { body: { code: wrong } });
  assert.ok([400, 401, 422].includes(bad.status), `wrong confirm code: ${bad.status} ${bad.text}`);
  assert.equal((await s.req('GET', `${API}/auth/session`)).json.mfa_enabled, false, 'not enabled before confirmation');

  // Enrolment restarts with a new secret; confirm it.
  const step0 = totpStep();
  const { secret, codes, confirm } = await enrol(s, step0);
  assert.notEqual(secret, pending.json.secret, 'restarting enrolment makes a new secret');
  assert.equal(confirm.json.session.state, 'active');

  // A new login now stops at the second factor.
  const m = await passwordStep(u.username, u.password);
  assert.equal(m.info.state, 'mfa_required');
  assert.equal(m.info.mfa_enabled, true);
  expectError(await m.req('GET', `${API}/assets`), 401, 'unauthenticated');
  expectError(await m.req('GET', `${API}/me`), 401, 'unauthenticated');
  expectStatus(await m.req('GET', `${API}/auth/session`), 200);
  const beforeMfa = m.cookie;
  const code1 = totp(secret, step0 + 1);
  const ok = await m.req('POST', `${API}/auth/mfa`, { body: { code: code1 } });
  expectStatus(ok, 200, 'mfa code');
  assert.equal(ok.json.state, 'active');
  assert.ok(m.cookie && m.cookie !== beforeMfa, '/auth/mfa issues a new session id');
  expectError(await api('GET', `${API}/me`, { cookie: beforeMfa }), 401, 'unauthenticated');
  expectStatus(await m.req('GET', `${API}/assets?limit=1`), 200);

  // The same code again, on another login within the same 30 s step: refused.
  const replay = await passwordStep(u.username, u.password);
  expectError(await replay.req('POST', `${API}/auth/mfa`, { body: { code: code1 } }), 401, 'unauthenticated');
  // So is an older step's code.
  expectError(await replay.req('POST', `${API}/auth/mfa`, { body: { code: totp(secret, step0) } }), 401, 'unauthenticated');
  expectError(await replay.req('GET', `${API}/assets?limit=1`), 401, 'unauthenticated');

  // A recovery code works once.
  const r1 = await passwordStep(u.username, u.password);
  const used = await r1.req('POST', `${API}/auth/mfa`, { body: { recovery_code: codes[0] } });
  expectStatus(used, 200, 'recovery code');
  assert.equal(used.json.state, 'active');
  const r2 = await passwordStep(u.username, u.password);
  expectError(await r2.req('POST', `${API}/auth/mfa`, { body: { recovery_code: codes[0] } }), 401, 'unauthenticated');
  // Typed loosely (lower case, spaces for dashes) it is still the same code.
  const r3 = await passwordStep(u.username, u.password);
  expectStatus(await r3.req('POST', `${API}/auth/mfa`, { body: { recovery_code: codes[1].toLowerCase().replace(/-/g, ' ') } }), 200);
  const me = await r3.req('GET', `${API}/me`);
  expectStatus(me, 200);
  assert.equal(me.json.recovery_codes_left, 8);

  // New recovery codes replace the old ones (password required).
  expectStatus(await r3.req('GET', `${API}/auth/session`), 200);
  const wrongPw = await r3.req('POST', `${API}/auth/mfa/recovery-codes`, { body: { password: 'not-the-password-1!' } });
  assert.ok([401, 403, 422].includes(wrongPw.status), wrongPw.text);
  const fresh = await r3.req('POST', `${API}/auth/mfa/recovery-codes`, { body: { password: u.password } });
  expectStatus(fresh, 200);
  assert.equal(fresh.json.recovery_codes.length, 10);
  assert.ok(!fresh.json.recovery_codes.includes(codes[2]));
  const r4 = await passwordStep(u.username, u.password);
  expectError(await r4.req('POST', `${API}/auth/mfa`, { body: { recovery_code: codes[2] } }), 401, 'unauthenticated');
  expectStatus(await r4.req('POST', `${API}/auth/mfa`, { body: { recovery_code: fresh.json.recovery_codes[0] } }), 200);

  const kinds = (await authEvents({ user_id: u.user.id })).map((e) => e.kind);
  for (const k of ['mfa_enrolled', 'mfa_failed', 'recovery_code_used', 'login_succeeded']) assert.ok(kinds.includes(k), `${k} not in ${kinds}`);

  // Disabling MFA needs the password; then a login is active at once.
  const wrongDisable = await r4.req('POST', `${API}/auth/mfa/disable`, { body: { password: 'not-the-password-1!' } });
  assert.ok([401, 403, 422].includes(wrongDisable.status), wrongDisable.text);
  const off = await r4.req('POST', `${API}/auth/mfa/disable`, { body: { password: u.password } });
  expectStatus(off, 200);
  assert.equal(off.json.mfa_enabled, false);
  assert.equal((await passwordStep(u.username, u.password)).info.state, 'active');
});

test('bad MFA requests are clear 4xx, never a session', async () => {
  const u = await newUser({ roleKeys: ['employee'] });
  await enrol(u.session);
  const m = await passwordStep(u.username, u.password);
  for (const body of [{}, { code: 123456 }, { code: '' }, { code: 'abcdef' }, { code: '1'.repeat(5000) }, { recovery_code: 5 }, { code: '123456', recovery_code: 'AAAA-BBBB-CCCC' }, { colour: 'red' }]) {
    const res = await m.req('POST', `${API}/auth/mfa`, { body });
    assert.ok([400, 401, 422].includes(res.status), `${JSON.stringify(body).slice(0, 60)} -> ${res.status}`);
  }
  expectError(await m.req('GET', `${API}/assets?limit=1`), 401, 'unauthenticated');
  // Without a session at all.
  expectError(await api('POST', `${API}/auth/mfa`, { body: { code: '123456' }, auth: false }), 401, 'unauthenticated');
  // The MFA step needs the CSRF token like any cookie POST.
  expectError(await m.req('POST', `${API}/auth/mfa`, { body: { code: '123456' }, csrf: false }), 403, 'forbidden');
});

test('roles that require MFA: disabling is refused; members without MFA must enrol at login', async (t) => {
  const admin = { token: adminToken() };
  const key = `mfa_${uniq('')}`.slice(0, 40);
  const role = await api('POST', `${API}/roles`, {
    body: { key, name: `MFA ${key}`, description: 'test role that requires MFA', permissions: ['organization:read', 'assets:read'] },
    ...admin,
  });
  expectStatus(role, 201, 'custom role');
  // Roles first: a role change later would end the sessions made below.
  const m = await newUser({ roleKeys: ['employee', key] });
  const n = await newUser({ roleKeys: [key], login: false });
  await enrol(m.session);

  const cur = await api('GET', `${API}/settings`, admin);
  expectStatus(cur, 200);
  const original = cur.json.mfa_required_role_keys;
  const put = await api('PUT', `${API}/settings`, {
    body: { ...cur.json, mfa_required_role_keys: [...original, key] },
    ...admin,
  });
  expectStatus(put, 200, 'settings');
  t.after(async () => {
    const now = await api('GET', `${API}/settings`, admin);
    await api('PUT', `${API}/settings`, { body: { ...now.json, mfa_required_role_keys: original }, ...admin });
  });
  assert.ok(put.json.mfa_required_role_keys.includes(key));

  // M holds the role: MFA stays on.
  const refused = await m.session.req('POST', `${API}/auth/mfa/disable`, { body: { password: m.password } });
  expectError(refused, 422, 'invalid');
  expectStatus(await m.session.req('GET', `${API}/me`), 200);

  // N holds it without MFA: after the password change comes the enrolment, then data.
  const s = new Session();
  expectStatus(await s.login(n.username, n.password), 200);
  const newPassword = `Zx9!${uniq('')}Qw`;
  const ch = await s.req('POST', `${API}/auth/password`, { body: { current_password: n.password, new_password: newPassword } });
  expectStatus(ch, 200);
  assert.equal(ch.json.state, 'mfa_enrolment_required');
  expectError(await s.req('GET', `${API}/assets?limit=1`), 401, 'unauthenticated');
  assert.equal((await s.req('GET', `${API}/auth/session`)).json.state, 'mfa_enrolment_required');
  // A later login lands in the same step.
  const again = new Session();
  expectStatus(await again.login(n.username, newPassword), 200);
  assert.equal(again.info.state, 'mfa_enrolment_required');
  const { confirm } = await enrol(s);
  assert.equal(confirm.json.session.state, 'active');
  expectStatus(await s.req('GET', `${API}/assets?limit=1`), 200);
});
