// Objectives and indicators — docs/api.md "Objectives and indicators": the policy's six
// objectives after init, indicators with exact decimal targets, measurements in date order
// with on/off target, corrections by superseding, the yearly review moving the next review
// date, the summary, the CSV export, and bad input. A private server with a fake clock
// (own_server.mjs) so "today" and "overdue" are known.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { API, expectStatus, expectError } from './helpers.mjs';
import { startOwnServer } from './own_server.mjs';

let srv;
before(async () => {
  srv = await startOwnServer({ now: '2026-03-10T09:00:00Z' });
});
after(async () => {
  await srv?.stop();
});

const POLICY_TITLES = [
  'Cyber Resilience Assurance',
  'Regulatory and Contractual Compliance',
  'Security-Centric Culture Development',
  'Strategic Partnerships and Vendor Management',
  'Continuous Improvement and Innovation',
  'Confidence and Transparency',
];

async function objectiveByTitle(title) {
  const res = await srv.api('GET', `${API}/objectives`);
  expectStatus(res, 200);
  return res.json.items.find((o) => o.title === title);
}

async function addIndicator(objectiveId, body) {
  const res = await srv.api('POST', `${API}/objectives/${objectiveId}/indicators`, { body });
  expectStatus(res, 201, `indicator ${body.name}`);
  return res.json;
}

async function measure(indicatorId, body, status = 201) {
  const res = await srv.api('POST', `${API}/indicators/${indicatorId}/measurements`, { body });
  expectStatus(res, status, `measurement ${JSON.stringify(body)}`);
  return res.json;
}

test('init creates the six objectives of the policy, reviewed yearly', async () => {
  const res = await srv.api('GET', `${API}/objectives`);
  expectStatus(res, 200);
  const titles = res.json.items.map((o) => o.title);
  for (const t of POLICY_TITLES) assert.ok(titles.includes(t), `default objective ${t}`);
  const first = res.json.items.find((o) => o.ref === 'OBJ-01');
  assert.equal(first.title, 'Cyber Resilience Assurance');
  for (const o of res.json.items.filter((x) => POLICY_TITLES.includes(x.title))) {
    assert.equal(o.policy_section, '6');
    assert.equal(o.status, 'active');
    assert.equal(o.review_interval_months, 12);
    assert.equal(o.next_review_on, '2027-03-10');
    assert.equal(o.review_overdue, false);
    assert.ok(o.description.length > 20);
  }
});

test('indicator with measurements: chart order, on/off target, trend, due dates, CSV', async () => {
  const objective = await objectiveByTitle('Cyber Resilience Assurance');
  const ind = await addIndicator(objective.id, {
    name: 'Platform availability',
    unit: '%',
    direction: 'higher_is_better',
    target: '99.95',
    baseline: '99.5',
    frequency: 'monthly',
  });
  assert.match(ind.ref, /^IND-\d{4}$/);
  assert.equal(ind.target, '99.95');
  assert.equal(ind.next_due_on, '2026-03-10'); // first measurement due at creation
  assert.equal(ind.latest, null);
  assert.equal(ind.on_target, null);

  // Recorded out of order; the chart reads them by date.
  await measure(ind.id, { value: '99.97', measured_on: '2026-02-28', period: '2026-02' });
  await measure(ind.id, { value: '99.90', measured_on: '2026-01-31', period: '2026-01' });
  const last = await measure(ind.id, { value: '99.950', measured_on: '2026-03-09', note: 'equal to the target' });
  assert.equal(last.measurement.value, '99.950'); // the scale as given
  assert.equal(last.measurement.on_target, true); // 99.950 == 99.95
  assert.equal(last.indicator.last_measured_on, '2026-03-09');
  assert.equal(last.indicator.next_due_on, '2026-04-09');

  let res = await srv.api('GET', `${API}/indicators/${ind.id}/measurements`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.items.map((m) => m.measured_on), ['2026-01-31', '2026-02-28', '2026-03-09']);
  assert.deepEqual(res.json.items.map((m) => m.on_target), [false, true, true]);
  assert.deepEqual(res.json.indicator.trend, ['99.90', '99.97', '99.950']);
  assert.equal(res.json.indicator.trend_state, 'improving');

  res = await srv.api('GET', `${API}/indicators/${ind.id}`);
  expectStatus(res, 200);
  assert.equal(res.headers.get('etag'), `"${res.json.version}"`);
  assert.equal(res.json.objective_ref, objective.ref);
  assert.equal(res.json.latest.value, '99.950');
  assert.equal(res.json.measurements.length, 3);

  res = await srv.api('GET', `${API}/objectives/${objective.id}`);
  expectStatus(res, 200);
  const summary = res.json.indicators.find((i) => i.id === ind.id);
  assert.equal(summary.on_target, true);
  assert.equal(summary.measurement_overdue, false);

  // Overdue once the due date has passed.
  srv.setNow('2026-04-10T08:00:00Z');
  res = await srv.api('GET', `${API}/indicators/${ind.id}`);
  assert.equal(res.json.measurement_overdue, true);
  srv.setNow('2026-03-10T09:00:00Z');

  res = await srv.api('GET', `${API}/indicators/${ind.id}/measurements.csv`, { json: false });
  expectStatus(res, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  const lines = res.text.trim().split('\r\n');
  assert.equal(lines.length, 4);
  assert.ok(lines[0].startsWith('indicator,measured_on,value,unit,on_target'));
  assert.ok(lines[1].startsWith(`${ind.ref},2026-01-31,99.90,%,no,2026-01,`), lines[1]);
});

test('a target range, lower-is-better and superseding a wrong value', async () => {
  const objective = await objectiveByTitle('Security-Centric Culture Development');
  const range = await addIndicator(objective.id, { name: 'Training hours per person', unit: 'h', direction: 'target_range', target: ['4', '8.5'], frequency: 'quarterly' });
  assert.deepEqual(range.target, ['4', '8.5']);
  const low = await measure(range.id, { value: '3.99', measured_on: '2026-03-01' });
  assert.equal(low.measurement.on_target, false);
  srv.advance({ seconds: 1 }); // same day, later: measurements of one day are in recording order
  const fix = await srv.api('POST', `${API}/measurements/${low.measurement.id}/supersede`, { body: { value: '4.5', note: 'typo' } });
  expectStatus(fix, 201);
  assert.equal(fix.json.measurement.measured_on, '2026-03-01');
  assert.equal(fix.json.measurement.on_target, true);
  assert.equal(fix.json.measurement.supersedes, low.measurement.id);
  assert.equal(fix.json.superseded.superseded_by, fix.json.measurement.id);
  // Once superseded, never again; never edited in place.
  expectError(await srv.api('POST', `${API}/measurements/${low.measurement.id}/supersede`, { body: { value: '5' } }), 409, 'conflict');
  let res = await srv.api('GET', `${API}/indicators/${range.id}/measurements`);
  assert.deepEqual(res.json.items.map((m) => m.value), ['4.5']);
  res = await srv.api('GET', `${API}/indicators/${range.id}/measurements?include_superseded=true`);
  assert.deepEqual(res.json.items.map((m) => [m.value, m.superseded]), [['3.99', true], ['4.5', false]]);

  const phish = await addIndicator(objective.id, { name: 'Phishing click rate', unit: '%', direction: 'lower_is_better', target: 5 });
  assert.equal(phish.target, '5'); // a JSON integer is exact
  assert.equal((await measure(phish.id, { value: '-0' })).measurement.value, '0');
  srv.advance({ seconds: 1 });
  assert.equal((await measure(phish.id, { value: '5.01' })).measurement.on_target, false); // the latest

  const ledger = await srv.api('GET', `${API}/ledger?object_id=${low.measurement.id}`);
  expectStatus(ledger, 200);
  const actions = ledger.json.items.map((e) => e.action);
  assert.ok(actions.includes('measurement.record') && actions.includes('measurement.supersede'), actions.join());
  for (const e of ledger.json.items) assert.ok(!/\d\.\d+e|"value":\d/.test(JSON.stringify(e.change)), 'decimals are strings in the ledger');
});

test('the review moves the next review date one interval on', async () => {
  const objective = await objectiveByTitle('Confidence and Transparency');
  srv.setNow('2027-03-12T10:00:00Z');
  let res = await srv.api('GET', `${API}/objectives/${objective.id}`);
  assert.equal(res.json.review_overdue, true);
  res = await srv.api('GET', `${API}/objectives/summary`);
  expectStatus(res, 200);
  assert.ok(res.json.objectives.review_overdue >= 1);
  res = await srv.api('POST', `${API}/objectives/${objective.id}/review`, { body: { outcome: 'kept', note: 'Still right for us' } });
  expectStatus(res, 200);
  assert.equal(res.json.last_reviewed_on, '2027-03-12');
  assert.equal(res.json.next_review_on, '2028-03-12');
  assert.equal(res.json.review_overdue, false);
  assert.equal(res.json.reviews.length, 1);
  assert.equal(res.json.reviews[0].by_name, 'Own Server CISO');
  expectError(await srv.api('POST', `${API}/objectives/${objective.id}/review`, { body: { outcome: 'maybe' } }), 422, 'invalid', 'outcome');
  srv.setNow('2026-03-10T09:00:00Z');
});

test('create, change with versions, withdraw; the summary counts', async () => {
  let res = await srv.api('POST', `${API}/objectives`, { body: { title: 'Reduce supplier risk', description: 'Fewer critical suppliers without assessment.' } });
  expectStatus(res, 201);
  const o = res.json;
  assert.match(o.ref, /^OBJ-\d{2}$/);
  assert.equal(o.next_review_on, '2027-03-10');
  assert.equal(res.headers.get('location'), `${API}/objectives/${o.id}`);
  expectError(await srv.api('PATCH', `${API}/objectives/${o.id}`, { body: { title: 'x', version: o.version + 1 } }), 409, 'conflict');
  expectError(await srv.api('PATCH', `${API}/objectives/${o.id}`, { body: { title: 'x' } }), 422, 'invalid', 'version');
  res = await srv.api('PATCH', `${API}/objectives/${o.id}`, { body: { status: 'achieved' }, headers: { 'If-Match': `"${o.version}"` } });
  expectStatus(res, 200);
  assert.equal(res.json.status, 'achieved');
  const ind = await addIndicator(o.id, { name: 'Assessed suppliers', direction: 'higher_is_better', target: '100', unit: '%' });
  expectError(await srv.api('PATCH', `${API}/indicators/${ind.id}`, { body: { name: 'n', version: 99 } }), 409, 'conflict');
  res = await srv.api('PATCH', `${API}/indicators/${ind.id}`, { body: { target: '95', version: ind.version } });
  expectStatus(res, 200);
  assert.equal(res.json.target, '95');
  res = await srv.api('DELETE', `${API}/indicators/${ind.id}`, { body: { version: res.json.version } });
  expectStatus(res, 200);
  assert.equal(res.json.status, 'retired');
  expectError(await srv.api('POST', `${API}/indicators/${ind.id}/measurements`, { body: { value: '1' } }), 409, 'conflict');

  res = await srv.api('GET', `${API}/objectives/summary`);
  expectStatus(res, 200);
  const s = res.json;
  assert.equal(s.today, '2026-03-10');
  assert.equal(s.objectives.total, 7);
  assert.equal(s.objectives.achieved, 1);
  assert.equal(s.indicators.total, s.indicators.on_target + s.indicators.off_target + s.indicators.not_measured);
  assert.ok(s.indicators.off_target >= 1); // the phishing click rate
  assert.ok(s.indicators.on_target >= 2);

  res = await srv.api('DELETE', `${API}/objectives/${o.id}`, { headers: { 'If-Match': `"${(await srv.api('GET', `${API}/objectives/${o.id}`)).json.version}"` } });
  expectStatus(res, 200);
  assert.equal(res.json.status, 'withdrawn');
  res = await srv.api('GET', `${API}/objectives`);
  assert.ok(!res.json.items.some((x) => x.id === o.id), 'withdrawn objectives are not listed by default');
  res = await srv.api('GET', `${API}/objectives?include_withdrawn=true`);
  assert.ok(res.json.items.some((x) => x.id === o.id));
});

test('bad input is refused naming the field, and nothing is written', async () => {
  const objective = await objectiveByTitle('Continuous Improvement and Innovation');
  const ind = await addIndicator(objective.id, { name: 'Mean time to patch', unit: 'days', direction: 'lower_is_better', target: '14' });
  const bad = [
    [{ value: 12.5 }, 'value'], // a floating point JSON number is not exact
    [{ value: '12.34567890123456' }, 'value'], // 16 significant digits
    [{ value: 'NaN' }, 'value'],
    [{ value: 'twelve' }, 'value'],
    [{ value: '1e3' }, 'value'],
    [{ value: true }, 'value'],
    [{}, 'value'],
    [{ value: '3', measured_on: '2026-03-11' }, 'measured_on'], // tomorrow
    [{ value: '3', measured_on: '2026-02-30' }, 'measured_on'],
    [{ value: '3', colour: 'red' }, 'colour'],
    [{ value: '3', note: 'x'.repeat(2001) }, 'note'],
  ];
  for (const [body, field] of bad) {
    expectError(await srv.api('POST', `${API}/indicators/${ind.id}/measurements`, { body }), 422, 'invalid', field, JSON.stringify(body).slice(0, 80));
  }
  const res = await srv.api('GET', `${API}/indicators/${ind.id}/measurements`);
  assert.equal(res.json.items.length, 0);

  const badIndicators = [
    [{ name: 'x', target: '1', unit: 'u'.repeat(21) }, 'unit'],
    [{ name: 'x' }, 'target'],
    [{ name: 'x', direction: 'target_range', target: '5' }, 'target'],
    [{ name: 'x', direction: 'target_range', target: ['9', '1'] }, 'target'],
    [{ name: 'x', target: '1', direction: 'up' }, 'direction'],
    [{ name: 'x', target: '1', frequency: 'daily' }, 'frequency'],
    [{ name: 'x', target: '1', next_due_on: '2026-01-01' }, 'next_due_on'],
    [{ target: '1' }, 'name'],
  ];
  for (const [body, field] of badIndicators) {
    expectError(await srv.api('POST', `${API}/objectives/${objective.id}/indicators`, { body }), 422, 'invalid', field, JSON.stringify(body));
  }
  expectError(await srv.api('POST', `${API}/objectives`, { body: { description: 'no title' } }), 422, 'invalid', 'title');
  expectError(await srv.api('POST', `${API}/objectives`, { body: { title: 't', review_interval_months: 0 } }), 422, 'invalid', 'review_interval_months');
  expectError(await srv.api('POST', `${API}/objectives`, { body: { title: 't', owner_id: 'nobody' } }), 422, 'invalid', 'owner_id');
  expectError(await srv.api('GET', `${API}/objectives/nope`), 404, 'not_found');
  expectError(await srv.api('GET', `${API}/indicators/nope`), 404, 'not_found');
});

test('reads need objectives:read, writes objectives:write', async () => {
  srv.cliOk(['user', 'create', 'emp', '--person-name', 'An Employee', '--email', 'emp@own.test', '--role', 'employee']);
  srv.cliOk(['user', 'create', 'aud', '--person-name', 'An Auditor', '--email', 'aud@own.test', '--role', 'auditor', '--access-expires-at', '2026-12-31T00:00:00Z']);
  const emp = srv.tokenFor('emp');
  expectError(await srv.api('GET', `${API}/objectives`, { token: emp }), 403, 'forbidden');
  expectError(await srv.api('GET', `${API}/objectives/summary`, { token: emp }), 403, 'forbidden');
  const aud = srv.tokenFor('aud', { scope: 'read' });
  const res = await srv.api('GET', `${API}/objectives`, { token: aud });
  expectStatus(res, 200);
  expectError(await srv.api('POST', `${API}/objectives`, { token: aud, body: { title: 'x' } }), 403, 'forbidden');
  expectError(await srv.api('POST', `${API}/objectives/${res.json.items[0].id}/review`, { token: aud, body: { outcome: 'kept' } }), 403, 'forbidden');
});
