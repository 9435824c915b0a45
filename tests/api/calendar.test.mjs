// The ISMS calendar over the API (docs/api.md "Calendar"): activities, generated
// occurrences whose state moves with a fake clock (upcoming -> due -> overdue: the issue's
// "a missed deadline shows as overdue"), completion rules, the default calendar, the agenda,
// the iCalendar export, the time zone and bad input. Runs a private server (own_server.mjs)
// on the suite's engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOwnServer } from './own_server.mjs';

const A = '/api/v1';
let srv;
let employee; // {person, token}
let other; // another employee

function makeUser(username, role) {
  srv.cliOk(['user', 'create', username, '--person-name', `Person ${username}`, '--email', `${username}@own.test`, '--role', role]);
  return srv.tokenFor(username);
}

async function personByEmail(email) {
  const res = await srv.api('GET', `${A}/persons`);
  assert.equal(res.status, 200, res.text);
  const p = res.json.items.find((x) => x.email === email);
  assert.ok(p, `person ${email}`);
  return p;
}

async function createActivity(body) {
  const res = await srv.api('POST', `${A}/activities`, { body });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

before(async () => {
  srv = await startOwnServer({ now: '2026-03-01T12:00:00Z' });
  employee = { token: makeUser('cal-emp', 'employee') };
  employee.person = await personByEmail('cal-emp@own.test');
  other = { token: makeUser('cal-other', 'employee') };
  other.person = await personByEmail('cal-other@own.test');
});

after(async () => {
  await srv?.stop();
});

test('the default calendar exists after init with the policy activities', async () => {
  const res = await srv.api('GET', `${A}/activities`);
  assert.equal(res.status, 200, res.text);
  const byKey = new Map(res.json.items.filter((a) => a.default_key).map((a) => [a.default_key, a]));
  for (const key of ['risk_assessment', 'isms_review', 'management_review', 'objectives_review', 'access_rights_review', 'topic_policy_review', 'backup_restore_test', 'supplier_review', 'log_review', 'vulnerability_assessment', 'internal_audit_programme', 'cryptography_review']) {
    assert.ok(byKey.has(key), `default activity ${key}`);
  }
  const risk = byKey.get('risk_assessment');
  assert.equal(risk.cadence.kind, 'quarterly');
  assert.equal(risk.policy_ref, 'Policy 5');
  assert.equal(risk.owner_id, null);
  assert.match(risk.ref, /^ACT-\d{4}$/);
  assert.equal(risk.anchor_on, '2026-06-01'); // a quarter after "today" of init
  assert.equal(byKey.get('management_review').policy_ref, 'Policy 4, ISO 27001 9.3');
  assert.equal(byKey.get('topic_policy_review').subject.register, 'documents');
  // Unassigned defaults appear on the agenda without an owner.
  const agenda = await srv.api('GET', `${A}/calendar/agenda?from=2026-06-01&to=2026-06-30`);
  assert.equal(agenda.status, 200, agenda.text);
  const item = agenda.json.items.find((i) => i.object_id === risk.id);
  assert.ok(item, agenda.text);
  assert.equal(item.owner_id, null);
  assert.equal(item.source, 'occurrence');
  assert.equal(item.link, `/calendar/activities/${risk.id}`);
});

test('an occurrence moves upcoming -> due -> overdue as time passes, and done when completed', async () => {
  srv.setNow('2026-03-01T12:00:00Z');
  const a = await createActivity({
    title: 'Monthly firewall rule review',
    cadence: { kind: 'monthly', day_of_month: 31 },
    anchor_on: '2026-03-31',
    due_window_days: 7,
    owner_id: employee.person.id,
    subject: { register: 'controls' },
    requires: ['notes'],
    policy_ref: 'Policy 8.20',
  });
  assert.equal(a.next_due, '2026-03-31');
  assert.equal(a.next_state, 'upcoming');
  assert.equal(a.cadence_text, "Every month on day 31 (or the month's last day) from 2026-03-31");
  const state = async () => {
    const r = await srv.api('GET', `${A}/activities/${a.id}/occurrences?from=2026-03-01&to=2026-05-31`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  let occ = await state();
  assert.deepEqual(occ.map((o) => o.due_on), ['2026-03-31', '2026-04-30', '2026-05-31']);
  assert.equal(occ[0].state, 'upcoming');
  srv.setNow('2026-03-24T08:00:00Z'); // 7 days before: inside the window
  assert.equal((await state())[0].state, 'due');
  srv.setNow('2026-04-01T00:30:00Z'); // the day after: missed
  occ = await state();
  assert.equal(occ[0].state, 'overdue');
  assert.equal(occ[1].state, 'upcoming');
  const agenda = await srv.api('GET', `${A}/calendar/agenda?from=2026-04-01&to=2026-04-30&owner=${employee.person.id}`);
  assert.equal(agenda.status, 200, agenda.text);
  const mine = agenda.json.items.filter((i) => i.object_id === a.id);
  assert.deepEqual(mine.map((i) => [i.due_on, i.state]), [['2026-03-31', 'overdue'], ['2026-04-30', 'upcoming']]);
  assert.equal(mine[0].owner_name, 'Person cal-emp');

  // The owner (an employee without calendar:write) completes; notes are required.
  const path = `${A}/activities/${a.id}/occurrences/2026-03-31/complete`;
  let res = await srv.api('POST', path, { token: employee.token, body: {} });
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.error.field, 'notes');
  res = await srv.api('POST', path, { token: other.token, body: { notes: 'not mine' } });
  assert.equal(res.status, 403, res.text);
  res = await srv.api('POST', path, { token: employee.token, body: { notes: 'Reviewed 42 rules', evidence: ['https://wiki.example/fw-2026-03'] } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.state, 'done');
  assert.equal(res.json.completed_by, employee.person.id);
  res = await srv.api('POST', path, { token: employee.token, body: { notes: 'again' } });
  assert.equal(res.status, 409, res.text);
  occ = await state();
  assert.equal(occ[0].state, 'done');
  assert.equal(occ[0].notes, 'Reviewed 42 rules');
  const after = await srv.api('GET', `${A}/activities/${a.id}`);
  assert.equal(after.json.next_due, '2026-04-30');
  // Not an occurrence; skipping needs calendar:write and a reason.
  res = await srv.api('POST', `${A}/activities/${a.id}/occurrences/2026-04-29/complete`, { token: employee.token, body: { notes: 'x' } });
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.error.field, 'date');
  res = await srv.api('POST', `${A}/activities/${a.id}/occurrences/2026-04-30/skip`, { token: employee.token, body: { reason: 'x' } });
  assert.equal(res.status, 403, res.text);
  res = await srv.api('POST', `${A}/activities/${a.id}/occurrences/2026-04-30/skip`, { body: {} });
  assert.equal(res.status, 422, res.text);
  res = await srv.api('POST', `${A}/activities/${a.id}/occurrences/2026-04-30/skip`, { body: { reason: 'Change freeze' } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.state, 'skipped');
  assert.equal((await srv.api('GET', `${A}/activities/${a.id}`)).json.next_due, '2026-05-31');
  // Done occurrences leave the agenda unless asked for.
  const plain = await srv.api('GET', `${A}/calendar/agenda?from=2026-03-01&to=2026-05-31&owner=${employee.person.id}`);
  assert.deepEqual(plain.json.items.filter((i) => i.object_id === a.id).map((i) => i.due_on), ['2026-05-31']);
  const all = await srv.api('GET', `${A}/calendar/agenda?from=2026-03-01&to=2026-05-31&include_done=true&owner=${employee.person.id}`);
  assert.deepEqual(all.json.items.filter((i) => i.object_id === a.id).map((i) => [i.due_on, i.state]), [['2026-03-31', 'done'], ['2026-04-30', 'done'], ['2026-05-31', 'upcoming']]);
  // The ledger has the completion.
  const ledger = await srv.api('GET', `${A}/ledger?object_id=${encodeURIComponent(`${a.id}@2026-03-31`)}`);
  assert.equal(ledger.status, 200, ledger.text);
  assert.ok(JSON.stringify(ledger.json).includes('occurrence.complete'), ledger.text);
});

test('visibility: without calendar:read only own items; the agenda as an employee', async () => {
  srv.setNow('2026-03-01T12:00:00Z');
  const contractorToken = makeUser('cal-contr', 'contractor');
  const contractor = await personByEmail('cal-contr@own.test');
  const a = await createActivity({ title: 'Contractor badge check', cadence: { kind: 'weekly', weekday: 'friday' }, anchor_on: '2026-03-02', owner_id: contractor.id });
  const res = await srv.api('GET', `${A}/calendar/agenda?from=2026-03-01&to=2026-03-15`, { token: contractorToken });
  assert.equal(res.status, 200, res.text);
  assert.ok(res.json.items.length >= 2);
  assert.ok(res.json.items.every((i) => i.owner_id === contractor.id), res.text);
  assert.deepEqual(res.json.items.filter((i) => i.object_id === a.id).map((i) => i.due_on), ['2026-03-06', '2026-03-13']);
  // Reading activities needs calendar:read.
  assert.equal((await srv.api('GET', `${A}/activities`, { token: contractorToken })).status, 403);
  // An employee (calendar:read) sees everything, including unassigned defaults.
  const emp = await srv.api('GET', `${A}/calendar/agenda?from=2026-03-01&to=2026-03-15`, { token: employee.token });
  assert.ok(emp.json.items.some((i) => i.object_id === a.id));
  // The owner may complete without calendar:read.
  const done = await srv.api('POST', `${A}/activities/${a.id}/occurrences/2026-03-06/complete`, { token: contractorToken, body: {} });
  assert.equal(done.status, 200, done.text);
});

test('update with version, pause, archive', async () => {
  const a = await createActivity({ title: 'Quarterly DR drill', cadence: { kind: 'quarterly' }, anchor_on: '2026-04-15' });
  let res = await srv.api('PATCH', `${A}/activities/${a.id}`, { body: { title: 'x' } });
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.error.field, 'version');
  res = await srv.api('PATCH', `${A}/activities/${a.id}`, { body: { version: a.version, status: 'paused', cadence: { kind: 'custom', every: 2, unit: 'months' } } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.status, 'paused');
  assert.equal(res.json.next_due, null);
  assert.equal(res.json.version, a.version + 1);
  res = await srv.api('PATCH', `${A}/activities/${a.id}`, { body: { version: a.version, title: 'stale' } });
  assert.equal(res.status, 409, res.text);
  res = await srv.api('GET', `${A}/activities?status=paused`);
  assert.ok(res.json.items.some((x) => x.id === a.id));
  res = await srv.api('DELETE', `${A}/activities/${a.id}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.archived, true);
  res = await srv.api('DELETE', `${A}/activities/${a.id}`);
  assert.equal(res.status, 409, res.text);
  res = await srv.api('GET', `${A}/activities?status=archived`);
  assert.ok(res.json.items.some((x) => x.id === a.id));
  res = await srv.api('GET', `${A}/activities`);
  assert.ok(!res.json.items.some((x) => x.id === a.id));
  // Employees cannot write.
  res = await srv.api('POST', `${A}/activities`, { token: employee.token, body: { title: 't', cadence: { kind: 'yearly' } } });
  assert.equal(res.status, 403, res.text);
});

test('bad input is refused naming the field', async () => {
  const bad = async (body, field) => {
    const res = await srv.api('POST', `${A}/activities`, { body });
    assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
    assert.equal(res.json.error.field, field, res.text);
  };
  await bad({ title: 'x', cadence: { kind: 'fortnightly' } }, 'cadence.kind');
  await bad({ title: 'x', cadence: { kind: 'custom', every: 0, unit: 'days' } }, 'cadence.every');
  await bad({ title: 'x', cadence: { kind: 'weekly', weekday: 'caturday' } }, 'cadence.weekday');
  await bad({ title: 'x', cadence: { kind: 'yearly' }, owner_id: 'no-such-person' }, 'owner_id');
  await bad({ title: 'x', cadence: { kind: 'yearly' }, due_window_days: 91 }, 'due_window_days');
  await bad({ title: 'x', cadence: { kind: 'yearly' }, subject: { register: 'weather' } }, 'subject.register');
  await bad({ title: 'x', cadence: { kind: 'yearly' }, requires: ['signature'] }, 'requires');
  await bad({ title: 'x', cadence: { kind: 'yearly' }, colour: 'red' }, 'colour');
  await bad({ title: '', cadence: { kind: 'yearly' } }, 'title');
  await bad({ cadence: { kind: 'yearly' } }, 'title');
  let res = await srv.api('GET', `${A}/calendar/agenda?from=2026-01-01&to=2027-02-06`);
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.error.field, 'to');
  res = await srv.api('GET', `${A}/calendar/agenda?from=2026-01-01&to=2027-02-05`); // 400 days
  assert.equal(res.status, 200, res.text);
  res = await srv.api('GET', `${A}/calendar/agenda?to=2026-02-01`);
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.error.field, 'from');
  res = await srv.api('GET', `${A}/activities/nope`);
  assert.equal(res.status, 404, res.text);
  res = await srv.api('PUT', `${A}/calendar/settings`, { body: { time_zone: 'Mars/Olympus' } });
  assert.equal(res.status, 422, res.text);
  assert.equal(res.json.error.field, 'time_zone');
});

test('the organization time zone decides the calendar day', async () => {
  let res = await srv.api('GET', `${A}/calendar/settings`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.time_zone, 'UTC');
  const a = await createActivity({ title: 'Daily check', cadence: { kind: 'custom', every: 1, unit: 'days' }, anchor_on: '2026-05-01', due_window_days: 0 });
  // 23:30 UTC on 2026-05-10 is already 2026-05-11 in Stockholm (CEST, +2).
  srv.setNow('2026-05-10T23:30:00Z');
  const stateOf = async (date) => {
    const r = await srv.api('GET', `${A}/activities/${a.id}/occurrences?from=${date}&to=${date}`);
    return r.json.items[0].state;
  };
  assert.equal(await stateOf('2026-05-10'), 'due');
  res = await srv.api('PUT', `${A}/calendar/settings`, { body: { time_zone: 'Europe/Stockholm' } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.time_zone, 'Europe/Stockholm');
  assert.equal(await stateOf('2026-05-10'), 'overdue');
  assert.equal(await stateOf('2026-05-11'), 'due');
  res = await srv.api('PUT', `${A}/calendar/settings`, { body: { time_zone: 'UTC' }, token: employee.token });
  assert.equal(res.status, 403, res.text);
  res = await srv.api('PUT', `${A}/calendar/settings`, { body: { time_zone: 'UTC' } });
  assert.equal(res.status, 200, res.text);
  await srv.api('DELETE', `${A}/activities/${a.id}`);
});

test('iCalendar export', async () => {
  srv.setNow('2026-03-01T12:00:00Z');
  await createActivity({ title: 'Review; backups, offsite', cadence: { kind: 'yearly' }, anchor_on: '2026-03-10' });
  const res = await srv.api('GET', `${A}/calendar.ics?from=2026-03-01&to=2026-03-31`, { json: false });
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('content-type'), /^text\/calendar/);
  const text = res.text;
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), text.slice(0, 100));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  assert.ok(text.includes('Review\\; backups\\, offsite'), text);
  assert.ok(text.includes('DTSTART;VALUE=DATE:20260310\r\n'));
  for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
  assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'bare LF');
});
