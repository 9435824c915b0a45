// API tokens — docs/api.md "API tokens": the secret is shown once, scopes and register
// limits narrow what a token may do, revoked/expired/malformed tokens are refused, tokens
// cannot mint tokens, and every step leaves an authentication event.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, API, BASE_URL_2, TIME_RE, uniq, expectStatus, expectError, newUser, cliToken, authEvents, sleep, TOKEN_RE,
} from './helpers.mjs';

let owner; // a CISO user with an active session: creates the tokens

before(async () => {
  owner = await newUser({ roleKeys: ['ciso'] });
});

async function createToken(body) {
  const res = await owner.session.req('POST', `${API}/tokens`, { body: { name: uniq('tk'), scope: 'read_write', expires_in_days: 1, ...body } });
  expectStatus(res, 201, `create token ${JSON.stringify(body)}`);
  return res.json;
}

test('create shows the secret once; lists never do', async () => {
  const { token, secret } = await createToken({ name: uniq('tk-once-'), scope: 'read' });
  assert.match(secret, TOKEN_RE);
  assert.equal(secret.split('_')[1], token.id, 'the wire form carries the token id');
  for (const f of ['id', 'user_id', 'name', 'scope', 'registers', 'created_at', 'expires_at', 'revoked_at', 'last_used_at', 'active']) {
    assert.ok(f in token, `ApiToken lacks ${f}`);
  }
  assert.equal(token.user_id, owner.user.id);
  assert.equal(token.scope, 'read');
  assert.deepEqual(token.registers, []);
  assert.equal(token.revoked_at, null);
  assert.equal(token.active, true);
  assert.match(token.created_at, TIME_RE);
  assert.match(token.expires_at, TIME_RE);
  const days = (Date.parse(token.expires_at) - Date.parse(token.created_at)) / 86400e3;
  assert.ok(days > 0.99 && days < 1.01, `expires_in_days 1 gave ${days} days`);
  // The secret may itself contain '_' (base64url): everything after "isms_<16 hex>_".
  const secretPart = secret.slice('isms_'.length + 16 + 1);
  const list = await owner.session.req('GET', `${API}/tokens`);
  expectStatus(list, 200);
  assert.ok(list.json.items.some((t) => t.id === token.id), 'the new token is listed');
  assert.ok(!list.text.includes(secretPart), 'the secret must not be listed');
  assert.ok(!/secret_hash|"secret"/.test(list.text), list.text.slice(0, 300));
  const me = await owner.session.req('GET', `${API}/me`);
  expectStatus(me, 200);
  assert.ok(me.json.tokens.some((t) => t.id === token.id));
  assert.ok(!me.text.includes(secretPart));
  // Only one's own tokens: another user's list does not show it.
  const other = await newUser({ roleKeys: ['employee'] });
  const theirs = await other.session.req('GET', `${API}/tokens`);
  expectStatus(theirs, 200);
  assert.ok(!theirs.json.items.some((t) => t.id === token.id));
  // ?all=true needs tokens:manage_all, which neither holds.
  expectError(await other.session.req('GET', `${API}/tokens?all=true`), 403, 'forbidden');
});

test('a read token reads but cannot write', async () => {
  const { secret } = await createToken({ scope: 'read' });
  expectStatus(await api('GET', `${API}/assets`, { token: secret }), 200);
  expectStatus(await api('GET', `${API}/persons`, { token: secret }), 200);
  expectError(await api('POST', `${API}/assets`, { token: secret, body: { name: uniq('tk-ro-'), type: 'system' } }), 403, 'forbidden');
  expectError(await api('POST', `${API}/persons`, { token: secret, body: { name: 'x', email: `${uniq('x')}@example.test`, job_title: '', role_ids: [] } }), 403, 'forbidden');
});

test('a token limited to the assets register reaches only assets (and the organization)', async () => {
  const { token, secret } = await createToken({ registers: ['assets'] });
  assert.deepEqual(token.registers, ['assets']);
  expectStatus(await api('GET', `${API}/assets`, { token: secret }), 200);
  expectStatus(await api('POST', `${API}/assets`, { token: secret, body: { name: uniq('tk-reg-'), type: 'system' } }), 201);
  expectStatus(await api('GET', `${API}/organization`, { token: secret }), 200);
  expectError(await api('GET', `${API}/persons`, { token: secret }), 403, 'forbidden');
  expectError(await api('GET', `${API}/groups`, { token: secret }), 403, 'forbidden');
  expectError(await api('GET', `${API}/ledger?limit=1`, { token: secret }), 403, 'forbidden');
});

test('a revoked token is refused at once', async () => {
  const { token, secret } = await createToken({ scope: 'read' });
  expectStatus(await api('GET', `${API}/assets?limit=1`, { token: secret }), 200);
  expectStatus(await api('GET', `${API}/assets?limit=1`, { token: secret, base: BASE_URL_2 }), 200);
  const res = await owner.session.req('POST', `${API}/tokens/${token.id}/revoke`, { body: {} });
  expectStatus(res, 200);
  assert.equal(res.json.id, token.id);
  assert.match(res.json.revoked_at, TIME_RE);
  assert.equal(res.json.active, false);
  expectError(await api('GET', `${API}/assets?limit=1`, { token: secret }), 401, 'unauthenticated');
  // Also on the second server of the same database (PostgreSQL run): no process keeps it alive.
  expectError(await api('GET', `${API}/assets?limit=1`, { token: secret, base: BASE_URL_2 }), 401, 'unauthenticated');
  // Revoking again is "already done"; another user cannot revoke it.
  const again = await owner.session.req('POST', `${API}/tokens/${token.id}/revoke`, { body: {} });
  assert.ok([200, 409].includes(again.status), again.text);
  const { token: t2 } = await createToken({ scope: 'read' });
  const other = await newUser({ roleKeys: ['employee'] });
  const foreign = await other.session.req('POST', `${API}/tokens/${t2.id}/revoke`, { body: {} });
  assert.ok([403, 404].includes(foreign.status), `revoking someone else's token: ${foreign.status}`);
  expectError(await owner.session.req('POST', `${API}/tokens/0123456789abcdef/revoke`, { body: {} }), 404, 'not_found');
});

test('an expired token is refused', async () => {
  const secret = cliToken(owner.username, { scope: 'read', expiresIn: '1s' });
  await sleep(2200);
  expectError(await api('GET', `${API}/assets?limit=1`, { token: secret }), 401, 'unauthenticated');
});

test('malformed bearer credentials are 401', async () => {
  const { secret } = await createToken({ scope: 'read' });
  const [, id, s] = secret.split('_');
  const wrongSecret = `isms_${id}_${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`;
  const unknownId = `isms_${'0'.repeat(16)}_${s}`;
  for (const auth of [
    `Bearer ${wrongSecret}`, `Bearer ${unknownId}`, 'Bearer', 'Bearer ', `Bearer isms_${id}`, `Bearer isms_${id}_`,
    `Bearer ${secret}x`, `Bearer  ${secret}x`, `Basic ${Buffer.from(`u:${secret}`).toString('base64')}`,
    `Token ${secret}`, `bearer-${secret}`, 'Bearer \u00e9\u00e9\u00e9', `Bearer ${'x'.repeat(4000)}`,
  ]) {
    expectError(await api('GET', `${API}/assets?limit=1`, { headers: { Authorization: auth } }), 401, 'unauthenticated', undefined, auth.slice(0, 60));
  }
  // The real one still works afterwards (no lock-out of valid tokens by noise).
  expectStatus(await api('GET', `${API}/assets?limit=1`, { token: secret }), 200);
});

test('a token cannot create tokens', async () => {
  const { secret } = await createToken({ scope: 'read_write' });
  expectError(await api('POST', `${API}/tokens`, { token: secret, body: { name: 'child', scope: 'read', expires_in_days: 1 } }), 403, 'forbidden');
});

test('bad token requests are 422 naming the field', async () => {
  const post = (body) => owner.session.req('POST', `${API}/tokens`, { body });
  const base = { name: uniq('tk-bad-'), scope: 'read', expires_in_days: 1 };
  const cases = [
    [{ ...base, expires_in_days: 0 }, 'expires_in_days'],
    [{ ...base, expires_in_days: 366 }, 'expires_in_days'],
    [{ ...base, expires_in_days: '1' }, 'expires_in_days'],
    [{ ...base, expires_in_days: 1.5 }, 'expires_in_days'],
    [{ ...base, scope: 'admin' }, 'scope'],
    [{ ...base, scope: 5 }, 'scope'],
    [{ ...base, registers: ['nope'] }, 'registers'],
    [{ ...base, registers: 'assets' }, 'registers'],
    [{ ...base, name: '' }, 'name'],
    [{ ...base, name: 'n'.repeat(100000) }, 'name'],
    [{ ...base, colour: 'red' }, 'colour'],
  ];
  for (const [body, field] of cases) expectError(await post(body), 422, 'invalid', field, JSON.stringify(body).slice(0, 100));
  // Tokens always expire: no expires_in_days is refused (or defaulted, but never "forever").
  const noExpiry = await post({ name: uniq('tk-noexp-'), scope: 'read' });
  if (noExpiry.status === 201) assert.match(noExpiry.json.token.expires_at, TIME_RE);
  else expectError(noExpiry, 422, 'invalid', 'expires_in_days');
});

test('a token cannot hold more than its creator: read_write needs a write permission', async () => {
  const aud = await newUser({ roleKeys: ['auditor'], accessExpiresAt: new Date(Date.now() + 86400e3).toISOString().replace(/\.\d+Z$/, 'Z') });
  const rw = await aud.session.req('POST', `${API}/tokens`, { body: { name: uniq('tk-aud-'), scope: 'read_write', expires_in_days: 1 } });
  assert.ok([403, 422].includes(rw.status), `auditor read_write token: ${rw.status} ${rw.text}`);
  const ro = await aud.session.req('POST', `${API}/tokens`, { body: { name: uniq('tk-aud-'), scope: 'read', expires_in_days: 1 } });
  expectStatus(ro, 201);
  // It reads what the auditor reads, and still cannot write.
  expectStatus(await api('GET', `${API}/ledger?limit=1`, { token: ro.json.secret }), 200);
  expectError(await api('POST', `${API}/assets`, { token: ro.json.secret, body: { name: 'x', type: 'system' } }), 403, 'forbidden');
});

test('token_created, token_used and token_revoked are authentication events', async () => {
  const { token, secret } = await createToken({ name: uniq('tk-ev-'), scope: 'read' });
  expectStatus(await api('GET', `${API}/assets?limit=1`, { token: secret }), 200);
  expectStatus(await owner.session.req('POST', `${API}/tokens/${token.id}/revoke`, { body: {} }), 200);
  const events = await authEvents({ user_id: owner.user.id });
  for (const e of events) {
    for (const f of ['id', 'at', 'kind', 'username', 'user_id', 'remote_address', 'detail']) assert.ok(f in e, `AuthEvent lacks ${f}`);
    assert.match(e.at, TIME_RE);
  }
  // This file's later events: from the token's creation on (1 s slack for clock rounding).
  const since = events.filter((e) => Date.parse(e.at) >= Date.parse(token.created_at) - 1000);
  const kinds = since.map((e) => e.kind);
  for (const k of ['token_created', 'token_used', 'token_revoked']) assert.ok(kinds.includes(k), `${k} missing; events since: ${JSON.stringify(since)}`);
  assert.ok(!JSON.stringify(events).includes(secret.slice('isms_'.length + 16 + 1)), 'no secret in events');
  // Newest first.
  for (let i = 1; i < events.length; i++) assert.ok(events[i - 1].id > events[i].id, 'events are newest first');
});
