// Exceptions — docs/api.md "Exceptions" (policy 3.3): an employee requests, the CISO
// decides, nobody decides their own request, an approved exception runs at most 12 months
// and shows as expiring 30 days before its end and expired after it (on a private server
// whose clock the test moves), withdraw, revoke, renew, and bad input that writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { API, expectStatus, expectError } from './helpers.mjs';
import { startOwnServer } from './own_server.mjs';

const E = `${API}/exceptions`;
let srv;
let emp; // employee token
let ceo; // CEO token
let assetId;

before(async () => {
  srv = await startOwnServer({ now: '2026-03-01T12:00:00Z' });
  srv.cliOk(['user', 'create', 'emp', '--person-name', 'Emma Ployee', '--email', 'emp@own.test', '--role', 'employee']);
  srv.cliOk(['user', 'create', 'boss', '--person-name', 'Chief Exec', '--email', 'ceo@own.test', '--role', 'ceo']);
  emp = srv.tokenFor('emp');
  ceo = srv.tokenFor('boss');
  const asset = await srv.api('POST', `${API}/assets`, { body: { name: 'VPN appliance' } });
  expectStatus(asset, 201, 'asset');
  assetId = asset.json.id;
});

after(async () => {
  await srv?.stop();
});

const request = (title, extra = {}) => ({
  title,
  reason: 'The vendor appliance cannot do MFA until it is replaced',
  scope: { section: '5.2 Remote access', asset_ids: [assetId] },
  compensating_controls: { control_ids: [], text: 'IP allow-list and weekly log review' },
  risk: { risk_id: null, statement: 'Stolen VPN credentials' },
  ...extra,
});

test('an employee requests, the CISO approves, and the state follows the clock', async () => {
  let res = await srv.api('POST', E, { token: emp, body: request('Legacy VPN without MFA') });
  expectStatus(res, 201, 'request');
  let ex = res.json;
  assert.match(ex.ref, /^EX-\d{4}$/);
  assert.equal(ex.status, 'requested');
  assert.equal(ex.state, 'requested');
  assert.equal(ex.requester_name, 'Emma Ployee');
  assert.equal(ex.expires_on, null);
  assert.equal(res.headers.get('location'), `${E}/${ex.id}`);

  // The employee reads their own, but decides nothing.
  expectStatus(await srv.api('GET', `${E}/${ex.id}`, { token: emp }), 200, 'own read');
  expectError(await srv.api('POST', `${E}/${ex.id}/approve`, { token: emp, body: {} }), 403, 'forbidden');

  res = await srv.api('POST', `${E}/${ex.id}/approve`, {
    body: { expires_on: '2026-04-15', note: 'Until the replacement arrives', version: ex.version },
  });
  expectStatus(res, 200, 'approve');
  ex = res.json;
  assert.equal(ex.status, 'approved');
  assert.equal(ex.state, 'active');
  assert.equal(ex.days_left, 45);
  assert.equal(ex.approver_name, 'Own Server CISO');
  assert.equal(ex.decision_note, 'Until the replacement arrives');

  srv.advance({ days: 20 });
  res = await srv.api('GET', `${E}/${ex.id}`, { token: emp });
  expectStatus(res, 200);
  assert.equal(res.json.state, 'expiring');
  assert.equal(res.json.days_left, 25);
  res = await srv.api('GET', `${E}?state=expiring`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.items.map((x) => x.id), [ex.id]);

  srv.setNow('2026-04-16T09:00:00Z');
  res = await srv.api('GET', `${E}/${ex.id}`);
  assert.equal(res.json.state, 'expired');
  res = await srv.api('GET', `${E}?state=expired`);
  assert.deepEqual(res.json.items.map((x) => x.id), [ex.id]);
  srv.setNow('2026-03-01T12:00:00Z');
});

test('nobody decides their own request: the CISO requests, the CEO approves', async () => {
  let res = await srv.api('POST', E, { body: request('Shared admin account on the backup server') });
  expectStatus(res, 201, 'CISO requests');
  const ex = res.json;
  res = await srv.api('POST', `${E}/${ex.id}/approve`, { body: { note: 'fine' } });
  expectError(res, 403, 'forbidden', undefined, 'own approval');
  assert.match(res.json.error.message, /requester/);
  expectError(await srv.api('POST', `${E}/${ex.id}/reject`, { body: { note: 'no' } }), 403, 'forbidden');

  // Others' requests do not exist for the employee.
  expectError(await srv.api('GET', `${E}/${ex.id}`, { token: emp }), 404, 'not_found');
  res = await srv.api('GET', E, { token: emp });
  expectStatus(res, 200);
  assert.ok(res.json.items.every((x) => x.requester_name === 'Emma Ployee'));

  res = await srv.api('POST', `${E}/${ex.id}/approve`, { token: ceo, body: {} });
  expectStatus(res, 200, 'CEO approves');
  // Nothing asked for: 12 months from the approval.
  assert.equal(res.json.expires_on, '2027-03-01');
  assert.equal(res.json.approver_name, 'Chief Exec');
});

test('bad input is refused and writes nothing', async () => {
  const before = (await srv.api('GET', E)).json.items.length;
  const cases = [
    [request('x', { scope: {} }), 'scope'],
    [request('x', { scope: { control_ids: ['no-such-control'] } }), 'scope.control_ids'],
    [request('x', { scope: { requirement_keys: ['iso27001-2022:Z.9'] } }), 'scope.requirement_keys'],
    [request('x', { scope: { colour: 'red' } }), 'scope.colour'],
    [request('x', { risk: { risk_id: 'nope', statement: '' } }), 'risk.risk_id'],
    [request('x', { requested_expires_on: '2027-03-02' }), 'requested_expires_on'],
    [request('x', { requested_expires_on: '2027-02-30' }), 'requested_expires_on'],
    [request('x', { status: 'approved' }), 'status'],
    [request('', {}), 'title'],
    [{ ...request('x'), reason: undefined }, 'reason'],
    [request('x', { surprise: 1 }), 'surprise'],
  ];
  for (const [body, field] of cases) {
    expectError(await srv.api('POST', E, { token: emp, body }), 422, 'invalid', field, JSON.stringify(body));
  }
  assert.equal((await srv.api('GET', E)).json.items.length, before);

  const ex = (await srv.api('POST', E, { token: emp, body: request('To decide') })).json;
  expectError(await srv.api('POST', `${E}/${ex.id}/approve`, { body: { expires_on: '2027-03-02' } }), 422, 'invalid', 'expires_on');
  expectError(await srv.api('POST', `${E}/${ex.id}/approve`, { body: { expires_on: '2026-03-01' } }), 422, 'invalid', 'expires_on');
  expectError(await srv.api('POST', `${E}/${ex.id}/reject`, { body: {} }), 422, 'invalid', 'note');
  expectError(await srv.api('POST', `${E}/${ex.id}/approve`, { body: { version: 9 } }), 409, 'conflict');
  expectError(await srv.api('POST', `${E}/${ex.id}/approve`, { body: {}, headers: { 'If-Match': '"9"' } }), 409, 'conflict');
  expectError(await srv.api('GET', `${E}?state=soon`), 422, 'invalid', 'state');
  expectError(await srv.api('GET', `${E}?status=maybe`), 422, 'invalid', 'status');
  expectError(await srv.api('GET', `${E}/00000000-0000-4000-8000-000000000000`), 404, 'not_found');
  const still = await srv.api('GET', `${E}/${ex.id}`);
  assert.equal(still.json.status, 'requested');
  assert.equal(still.json.version, 1);

  const rejected = await srv.api('POST', `${E}/${ex.id}/reject`, { body: { note: 'Replace the appliance now' } });
  expectStatus(rejected, 200, 'reject');
  assert.equal(rejected.json.status, 'rejected');
  expectError(await srv.api('POST', `${E}/${ex.id}/approve`, { body: {} }), 409, 'conflict', undefined, 'decided twice');
});

test('change while requested, withdraw, renew and revoke', async () => {
  let ex = (await srv.api('POST', E, { token: emp, body: request('USB sticks in the lab') })).json;
  expectError(await srv.api('PATCH', `${E}/${ex.id}`, { token: emp, body: { title: 'no version' } }), 422, 'invalid', 'version');
  let res = await srv.api('PATCH', `${E}/${ex.id}`, { token: emp, body: { title: 'USB sticks in lab 2', version: ex.version } });
  expectStatus(res, 200, 'change');
  assert.equal(res.json.title, 'USB sticks in lab 2');
  assert.equal(res.json.version, 2);
  // Only the requester changes or withdraws it.
  expectError(await srv.api('PATCH', `${E}/${ex.id}`, { body: { title: 'mine now', version: 2 } }), 403, 'forbidden');
  expectError(await srv.api('POST', `${E}/${ex.id}/withdraw`, { body: {} }), 403, 'forbidden');
  res = await srv.api('POST', `${E}/${ex.id}/withdraw`, { token: emp, body: {} });
  expectStatus(res, 200, 'withdraw');
  assert.equal(res.json.status, 'withdrawn');
  assert.ok(res.json.withdrawn_at);
  expectError(await srv.api('POST', `${E}/${ex.id}/renew`, { token: emp, body: {} }), 409, 'conflict');

  ex = (await srv.api('POST', E, { token: emp, body: request('Old TLS on the printer', { requested_expires_on: '2026-06-30' }) })).json;
  res = await srv.api('POST', `${E}/${ex.id}/approve`, { body: {} });
  expectStatus(res, 200);
  assert.equal(res.json.expires_on, '2026-06-30', 'the requested expiry by default');

  res = await srv.api('POST', `${E}/${ex.id}/renew`, { token: emp, body: { reason: 'Replacement delayed' } });
  expectStatus(res, 201, 'renew');
  const renewal = res.json;
  assert.equal(renewal.renews_id, ex.id);
  assert.equal(renewal.status, 'requested');
  assert.equal(renewal.title, 'Old TLS on the printer');
  assert.equal(renewal.reason, 'Replacement delayed');
  assert.equal((await srv.api('GET', `${E}/${ex.id}`)).json.renewed_by_id, renewal.id);
  expectError(await srv.api('POST', `${E}/${ex.id}/renew`, { token: emp, body: {} }), 409, 'conflict', undefined, 'second renewal');

  expectError(await srv.api('POST', `${E}/${ex.id}/revoke`, { body: {} }), 422, 'invalid', 'note');
  expectError(await srv.api('POST', `${E}/${ex.id}/revoke`, { token: emp, body: { note: 'x' } }), 403, 'forbidden');
  res = await srv.api('POST', `${E}/${ex.id}/revoke`, { body: { note: 'Printer replaced early' } });
  expectStatus(res, 200, 'revoke');
  assert.equal(res.json.status, 'revoked');
  assert.equal(res.json.state, 'revoked');

  const mine = await srv.api('GET', `${E}?mine=true&status=requested,approved`, { token: emp });
  expectStatus(mine, 200);
  assert.ok(mine.json.items.some((x) => x.id === renewal.id));
  assert.ok(mine.json.items.every((x) => ['requested', 'approved'].includes(x.status)));

  const ledger = await srv.api('GET', `${API}/ledger?object_id=${ex.id}`);
  expectStatus(ledger, 200, 'ledger');
  assert.deepEqual(ledger.json.items.map((x) => x.action), ['exception.request', 'exception.approve', 'exception.renew', 'exception.revoke']);
});
