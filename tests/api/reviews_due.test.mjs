// Needs review — docs/api.md "Reviews due": a risk whose review date passed, a control whose
// effectiveness check is near and an exception that runs out are listed (each only to who
// may read it); completing the review moves the date by the interval through the owning
// service; evidence and the SoA say what they need instead; bad input is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { API, expectStatus, expectError } from './helpers.mjs';
import { startOwnServer } from './own_server.mjs';

const R = `${API}/reviews`;
let srv;
let emp;
let risk;
let control;
let exception;

before(async () => {
  srv = await startOwnServer({ now: '2026-03-01T12:00:00Z' });
  srv.cliOk(['user', 'create', 'emp', '--person-name', 'Emma Ployee', '--email', 'emp@own.test', '--role', 'employee']);
  emp = srv.tokenFor('emp');
  const asset = await srv.api('POST', `${API}/assets`, { body: { name: 'Payroll' } });
  expectStatus(asset, 201);
  const threat = (await srv.api('GET', `${API}/threats`)).json.items[0];
  const vuln = (await srv.api('GET', `${API}/vulnerabilities`)).json.items[0];
  let res = await srv.api('POST', `${API}/risks`, {
    body: {
      title: 'Payroll fraud',
      asset_ids: [asset.json.id],
      threat_id: threat.id,
      vulnerability_id: vuln.id,
      inherent: { likelihood: 3, impact: { confidentiality: 3, integrity: 3, availability: 0, authenticity: 0 } },
      next_review_on: '2026-02-20',
    },
  });
  expectStatus(res, 201, 'risk');
  risk = res.json;
  res = await srv.api('POST', `${API}/controls`, { body: { title: 'Access review', check_interval_months: 6, next_check_on: '2026-03-10' } });
  expectStatus(res, 201, 'control');
  control = res.json.control ?? res.json;
  res = await srv.api('POST', `${API}/exceptions`, {
    token: emp,
    body: { title: 'Old laptop', reason: 'Replacement on order', scope: { asset_ids: [asset.json.id] } },
  });
  expectStatus(res, 201, 'exception');
  res = await srv.api('POST', `${API}/exceptions/${res.json.id}/approve`, { body: { expires_on: '2026-03-20' } });
  expectStatus(res, 200, 'approve');
  exception = res.json;
});

after(async () => {
  await srv?.stop();
});

const ids = (res) => res.json.items.map((x) => `${x.object_type}:${x.object_id}`);

test('due reviews are listed with their state, each to who may read it', async () => {
  let res = await srv.api('GET', `${R}/due`);
  expectStatus(res, 200);
  assert.equal(res.json.until, '2026-03-31');
  assert.deepEqual(ids(res), [`risk:${risk.id}`, `control:${control.id}`, `exception:${exception.id}`]);
  const [r, c, x] = res.json.items;
  assert.equal(r.source, 'review_due');
  assert.equal(r.state, 'overdue');
  assert.equal(r.due_on, '2026-02-20');
  assert.equal(r.ref, risk.ref);
  assert.equal(r.link, `/risks/${risk.id}`);
  assert.equal(c.state, 'due');
  assert.equal(x.state, 'due');
  assert.equal(x.owner_name, 'Emma Ployee');

  // Before the control's date only the overdue risk.
  res = await srv.api('GET', `${R}/due?until=2026-03-05`);
  assert.deepEqual(ids(res), [`risk:${risk.id}`]);

  // The employee reads no risks or controls, but their own exception.
  res = await srv.api('GET', `${R}/due`, { token: emp });
  expectStatus(res, 200);
  assert.deepEqual(ids(res), [`exception:${exception.id}`]);

  // Time passes: the exception expires and becomes overdue for review.
  srv.setNow('2026-03-25T08:00:00Z');
  res = await srv.api('GET', `${R}/due`);
  assert.equal(res.json.items.find((i) => i.object_type === 'exception').state, 'overdue');
  srv.setNow('2026-03-01T12:00:00Z');
});

test('completing a review moves the date by the interval', async () => {
  expectError(await srv.api('POST', `${R}/complete`, { token: emp, body: { object_type: 'risk', object_id: risk.id } }), 403, 'forbidden');
  let res = await srv.api('POST', `${R}/complete`, { body: { object_type: 'risk', object_id: risk.id, note: 'Forum confirmed the rating' } });
  expectStatus(res, 200, 'risk reviewed');
  assert.equal(res.json.next_review_on, '2026-06-01');
  assert.equal((await srv.api('GET', `${API}/risks/${risk.id}`)).json.next_review_on, '2026-06-01');

  res = await srv.api('POST', `${R}/complete`, { body: { object_type: 'control', object_id: control.id, note: 'Checked' } });
  expectStatus(res, 200, 'control checked');
  assert.equal(res.json.next_review_on, '2026-09-01');

  res = await srv.api('GET', `${R}/due`);
  assert.deepEqual(ids(res), [`exception:${exception.id}`]);

  // An exception is reviewed by asking for its renewal.
  res = await srv.api('POST', `${R}/complete`, { token: emp, body: { object_type: 'exception', object_id: exception.id } });
  expectStatus(res, 200, 'renewal');
  assert.match(res.json.renewal_ref, /^EX-\d{4}$/);
  const renewal = await srv.api('GET', `${API}/exceptions/${res.json.renewal_id}`, { token: emp });
  assert.equal(renewal.json.renews_id, exception.id);

  const led = await srv.api('GET', `${API}/ledger?object_id=${risk.id}`);
  expectStatus(led, 200);
  assert.equal(led.json.items.at(-1).action, 'risk.review');
});

test('what cannot be reviewed says what it needs; bad input is refused', async () => {
  let res = await srv.api('POST', `${R}/complete`, { body: { object_type: 'evidence', object_id: 'x' } });
  expectError(res, 422, 'invalid', 'object_type');
  assert.match(res.json.error.details[0].message, /new evidence/);
  res = await srv.api('POST', `${R}/complete`, { body: { object_type: 'soa', object_id: 'x' } });
  expectError(res, 422, 'invalid', 'object_type');
  assert.match(res.json.error.details[0].message, /approv/);
  expectError(await srv.api('POST', `${R}/complete`, { body: { object_type: 'ufo', object_id: 'x' } }), 422, 'invalid', 'object_type');
  expectError(await srv.api('POST', `${R}/complete`, { body: { object_type: 'risk' } }), 422, 'invalid', 'object_id');
  expectError(await srv.api('POST', `${R}/complete`, { body: { object_type: 'risk', object_id: risk.id, extra: 1 } }), 422, 'invalid', 'extra');
  expectError(await srv.api('POST', `${R}/complete`, { body: { object_type: 'risk', object_id: '00000000-0000-4000-8000-000000000000' } }), 404, 'not_found');
  expectError(await srv.api('GET', `${R}/due?until=2026-02-30`), 422, 'invalid', 'until');
  res = await srv.api('GET', `${API}/risks/${risk.id}`);
  assert.equal(res.json.next_review_on, '2026-06-01', 'unchanged by refused input');
});
