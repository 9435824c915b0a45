// Events, incidents and the NIS2/GDPR clocks (docs/parts/incidents.md, docs/nis2-reporting.md)
// on a private server with a fake clock: an employee reports an event, the CISO triages it
// into an incident and assesses it significant; the clocks run from aware_at; moving the
// clock past 24 h without an early warning shows it overdue (the "missed deadline"
// test); filing it then is submitted_late; filed reports are frozen (JSON bytes and PDF
// text unchanged after later edits); the GDPR clock only runs with personal data; bad
// input is refused with the field named.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startOwnServer } from './own_server.mjs';
import { expectStatus, expectError } from './helpers.mjs';

const API = '/api/v1';
let srv;
let employeeToken;

before(async () => {
  srv = await startOwnServer({ now: '2026-03-02T08:00:00Z' });
  srv.cliOk(['user', 'create', 'emp', '--person-name', 'Eve Employee', '--email', 'eve@own.test', '--role', 'employee']);
  employeeToken = srv.tokenFor('emp');
});

after(async () => {
  await srv?.stop();
});

const asEmployee = (method, p, opts = {}) => srv.api(method, p, { ...opts, token: employeeToken });

function fields(res) {
  return (res.json?.error?.details ?? []).map((d) => d.field);
}

async function fileBytes(p) {
  const res = await fetch(srv.base + p, { headers: { Authorization: `Bearer ${srv.token}` } });
  assert.equal(res.status, 200, `GET ${p}`);
  return { type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

function pdfText(bytes) {
  const f = path.join(os.tmpdir(), `inc-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(f, bytes);
  const r = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  fs.rmSync(f, { force: true });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const clock = (view, type) => view.clocks.find((c) => c.type === type);

test('report -> triage -> significant -> missed early warning is overdue -> filed late', async () => {
  // An employee reports an event and sees it among their own.
  let res = await asEmployee('POST', `${API}/events`, {
    body: { summary: 'Odd logins on the build server', description: 'Many failed SSH logins, then one success.', contact: 'eve@own.test', occurred_at: '2026-03-02T07:30:00Z' },
  });
  expectStatus(res, 201, 'report event');
  const event = res.json;
  assert.match(event.ref, /^EV-\d{4}$/);
  assert.equal(event.status, 'reported');
  assert.equal(event.reported_at, '2026-03-02T08:00:00.000000Z');
  res = await asEmployee('GET', `${API}/events?mine=true`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.items.map((e) => e.id), [event.id]);
  // The employee cannot see all events, triage, or read incidents.
  expectError(await asEmployee('GET', `${API}/events`), 403, 'forbidden');
  expectError(await asEmployee('POST', `${API}/events/${event.id}/triage`, { body: { action: 'close', reason: 'x' } }), 403, 'forbidden');
  expectError(await asEmployee('GET', `${API}/incidents`), 403, 'forbidden');

  // The CISO sees it and triages it 30 minutes later into an incident.
  res = await srv.api('GET', `${API}/events`);
  assert.ok(res.json.items.some((e) => e.id === event.id));
  srv.advance({ minutes: 30 });
  res = await srv.api('POST', `${API}/events/${event.id}/triage`, { body: { action: 'incident', incident: { severity: 'high' } } });
  expectStatus(res, 200, 'triage');
  assert.equal(res.json.status, 'triaged');
  const incidentId = res.json.incident_id;
  assert.match(res.json.incident.ref, /^INC-\d{4}$/);
  // Triaging twice is a conflict.
  expectError(await srv.api('POST', `${API}/events/${event.id}/triage`, { body: { action: 'close', reason: 'again' } }), 409, 'conflict');

  res = await srv.api('GET', `${API}/incidents/${incidentId}`);
  expectStatus(res, 200);
  let inc = res.json;
  assert.equal(inc.title, 'Odd logins on the build server');
  assert.equal(inc.aware_at, '2026-03-02T08:30:00.000000Z', 'aware_at defaults to the triage time');
  assert.equal(inc.significant, false);
  assert.equal(clock(inc, 'early_warning').state, 'not_required');
  assert.equal(inc.next_deadline, null);

  // Significant: Art. 3(1)(e) malicious access; the clocks start from aware_at.
  res = await srv.api('POST', `${API}/incidents/${incidentId}/assessment`, {
    body: { facts: { malicious_access_severe_disruption: true, entity_types: ['cloud_computing_service_provider'] } },
  });
  expectStatus(res, 200, 'assess');
  inc = res.json;
  assert.equal(inc.significant, true);
  assert.deepEqual(inc.assessment.result.criteria_met.map((c) => c.code), ['art3_1_e']);
  assert.match(inc.assessment.result.reasoning, /Art\. 3\(1\)\(e\)/);
  const ew = clock(inc, 'early_warning');
  assert.equal(ew.state, 'pending');
  assert.equal(ew.due_at, '2026-03-03T08:30:00.000000Z');
  assert.equal(ew.remaining_seconds, 24 * 3600);
  assert.equal(clock(inc, 'notification').due_at, '2026-03-05T08:30:00.000000Z');
  assert.equal(clock(inc, 'gdpr_breach').state, 'not_required', 'no personal data, no GDPR clock');
  assert.equal(inc.next_deadline, '2026-03-03T08:30:00.000000Z');

  // The missed deadline: 24 h pass without an early warning.
  srv.advance({ hours: 24, seconds: 1 });
  res = await srv.api('GET', `${API}/incidents/${incidentId}/clocks`);
  expectStatus(res, 200);
  const overdue = res.json.items.find((c) => c.type === 'early_warning');
  assert.equal(overdue.state, 'overdue');
  assert.equal(overdue.remaining_seconds, -1);
  res = await srv.api('GET', `${API}/incidents?overdue=true`);
  assert.deepEqual(res.json.items.map((i) => i.id), [incidentId]);
  res = await srv.api('GET', `${API}/incidents?overdue=false`);
  assert.equal(res.json.items.length, 0);

  // Filing it now is late.
  res = await srv.api('POST', `${API}/incidents/${incidentId}/reports`, {
    body: { type: 'early_warning', recipient: 'CERT-SE', fields: { suspected_malicious: true, cross_border_impact: false, summary: 'Unauthorised SSH access' } },
  });
  expectStatus(res, 201, 'file early warning');
  const report = res.json;
  assert.equal(report.on_time, false);
  assert.equal(report.deadline, '2026-03-03T08:30:00.000000Z');
  res = await srv.api('GET', `${API}/incidents/${incidentId}`);
  inc = res.json;
  assert.equal(clock(inc, 'early_warning').state, 'submitted_late');
  assert.equal(inc.next_deadline, '2026-03-05T08:30:00.000000Z', 'next unmet deadline: the notification');

  // Frozen: later edits do not change the stored JSON bytes or the PDF.
  const json1 = await fileBytes(`${API}/incidents/${incidentId}/reports/${report.id}.json`);
  assert.match(json1.type, /application\/json/);
  const frozen = JSON.parse(json1.bytes.toString('utf8'));
  assert.equal(frozen.report.type, 'early_warning');
  assert.equal(frozen.incident.title, 'Odd logins on the build server');
  const pdf1 = await fileBytes(`${API}/incidents/${incidentId}/reports/${report.id}.pdf`);
  assert.match(pdf1.type, /application\/pdf/);
  const text1 = pdfText(pdf1.bytes);
  assert.match(text1, /NIS2 early warning/);
  assert.match(text1, /CERT-SE/);
  assert.match(text1, /Odd logins/);

  res = await srv.api('PATCH', `${API}/incidents/${incidentId}`, { body: { version: inc.version, title: 'Renamed later', status: 'contained' } });
  expectStatus(res, 200, 'patch');
  const json2 = await fileBytes(`${API}/incidents/${incidentId}/reports/${report.id}.json`);
  assert.ok(json1.bytes.equals(json2.bytes), 'frozen JSON bytes unchanged');
  const pdf2 = await fileBytes(`${API}/incidents/${incidentId}/reports/${report.id}.pdf`);
  assert.ok(pdf1.bytes.equals(pdf2.bytes), 'frozen PDF bytes unchanged');
  assert.equal(pdfText(pdf2.bytes), text1);
  assert.doesNotMatch(pdfText(pdf2.bytes), /Renamed later/);

  // Stale version -> 409.
  expectError(await srv.api('PATCH', `${API}/incidents/${incidentId}`, { body: { version: inc.version, severity: 'low' } }), 409, 'conflict');

  // Filing the notification starts the final-report clock (one month, end of day).
  res = await srv.api('GET', `${API}/incidents/${incidentId}`);
  inc = res.json;
  srv.advance({ minutes: 5 });
  res = await srv.api('POST', `${API}/incidents/${incidentId}/reports`, {
    body: { type: 'notification', recipient: 'CERT-SE', fields: { initial_assessment: 'Credential stuffing', severity_and_impact: 'high', indicators_of_compromise: '203.0.113.7' } },
  });
  expectStatus(res, 201, 'file notification');
  assert.equal(res.json.on_time, true);
  res = await srv.api('GET', `${API}/incidents/${incidentId}`);
  inc = res.json;
  assert.equal(clock(inc, 'notification').state, 'submitted');
  assert.equal(clock(inc, 'final').due_at, '2026-04-03T23:59:59.999999Z');

  // Timeline: the entries of every change, in order; the ledger holds the report hash.
  res = await srv.api('GET', `${API}/incidents/${incidentId}/timeline`);
  const kinds = res.json.items.map((t) => t.kind);
  for (const k of ['status', 'assessment', 'report']) assert.ok(kinds.includes(k), `timeline has ${k}: ${kinds}`);
  res = await srv.api('GET', `${API}/incidents/${incidentId}/reports`);
  assert.deepEqual(res.json.items.map((r) => r.type), ['early_warning', 'notification']);
});

test('GDPR clock only with personal data; aware_at changes need a reason', async () => {
  srv.setNow('2026-06-10T12:00:00Z');
  let res = await srv.api('POST', `${API}/incidents`, {
    body: { title: 'Lost laptop', severity: 'medium', aware_at: '2026-06-10T09:00:00Z', personal_data: true, personal_data_categories: ['contact details'], data_subjects_approx: 120 },
  });
  expectStatus(res, 201, 'create');
  let inc = res.json;
  const g = clock(inc, 'gdpr_breach');
  assert.equal(g.state, 'pending');
  assert.equal(g.due_at, '2026-06-13T09:00:00.000000Z');
  assert.equal(clock(inc, 'early_warning').state, 'not_required');
  assert.equal(inc.next_deadline, '2026-06-13T09:00:00.000000Z');

  expectError(await srv.api('PATCH', `${API}/incidents/${inc.id}`, { body: { version: inc.version, aware_at: '2026-06-10T08:00:00Z' } }), 422, 'invalid', 'aware_at_reason');
  res = await srv.api('PATCH', `${API}/incidents/${inc.id}`, { body: { version: inc.version, aware_at: '2026-06-10T08:00:00Z', aware_at_reason: 'The owner called the service desk at 08:00' } });
  expectStatus(res, 200, 'aware_at change');
  assert.equal(clock(res.json, 'gdpr_breach').due_at, '2026-06-13T08:00:00.000000Z');
  res = await srv.api('GET', `${API}/incidents/${inc.id}/timeline`);
  assert.ok(res.json.items.some((t) => t.kind === 'aware_at_change' && /service desk/.test(t.text)));

  // Override needs a justification.
  expectError(await srv.api('POST', `${API}/incidents/${inc.id}/assessment`, { body: { facts: {}, override_significant: true } }), 422, 'invalid', 'justification');
  res = await srv.api('POST', `${API}/incidents/${inc.id}/assessment`, { body: { facts: {}, override_significant: true, justification: 'The CSIRT asked us to treat it as significant' } });
  expectStatus(res, 200);
  assert.equal(res.json.significant, true);
  assert.equal(res.json.assessment.result.significant, false);
});

test('bad input is refused and names the field', async () => {
  let res = await asEmployee('POST', `${API}/events`, { body: { summary: 'x', colour: 'red' } });
  expectError(res, 422, 'invalid');
  assert.ok(fields(res).includes('colour'));
  res = await asEmployee('POST', `${API}/events`, { body: { summary: '' } });
  expectError(res, 422, 'invalid', 'summary');
  res = await asEmployee('POST', `${API}/events`, { body: { summary: 'a'.repeat(201) } });
  expectError(res, 422, 'invalid', 'summary');
  res = await asEmployee('POST', `${API}/events`, { body: { summary: 'ok', description: 'b'.repeat(10001) } });
  expectError(res, 422, 'invalid', 'description');
  res = await asEmployee('POST', `${API}/events`, { body: { summary: 'ok', occurred_at: 'yesterday' } });
  expectError(res, 422, 'invalid', 'occurred_at');
  res = await asEmployee('POST', `${API}/events`, { body: { summary: 'ok', reporter_id: 'someone' } });
  expectError(res, 422, 'invalid', 'reporter_id');

  res = await srv.api('POST', `${API}/incidents`, { body: { title: 'Future', aware_at: '2099-01-01T00:00:00Z' } });
  expectError(res, 422, 'invalid', 'aware_at');
  res = await srv.api('POST', `${API}/incidents`, { body: { title: 'Bad', severity: 'apocalyptic', aware_at: '2026-13-01T00:00:00Z', asset_ids: ['nope'] } });
  expectError(res, 422, 'invalid');
  for (const f of ['severity', 'aware_at']) assert.ok(fields(res).includes(f), `${f} in ${fields(res)}`);
  res = await srv.api('POST', `${API}/incidents`, { body: { title: 'Bad asset', asset_ids: ['nope'] } });
  expectError(res, 422, 'invalid', 'asset_ids[0]');

  res = await srv.api('POST', `${API}/incidents`, { body: { title: 'For reports' } });
  expectStatus(res, 201);
  const id = res.json.id;
  res = await srv.api('POST', `${API}/incidents/${id}/assessment`, { body: { facts: { death: 'yes', bogus: 1 } } });
  expectError(res, 422, 'invalid');
  assert.deepEqual(fields(res).sort(), ['facts.bogus', 'facts.death']);
  res = await srv.api('POST', `${API}/incidents/${id}/reports`, { body: { type: 'summary', recipient: 'X' } });
  expectError(res, 422, 'invalid', 'type');
  res = await srv.api('POST', `${API}/incidents/${id}/reports`, { body: { type: 'early_warning', recipient: 'X', fields: { root_cause: 'no' } } });
  expectError(res, 422, 'invalid', 'fields.root_cause');
  res = await srv.api('POST', `${API}/incidents/${id}/timeline`, { body: { text: 'z'.repeat(10001) } });
  expectError(res, 422, 'invalid', 'text');
  expectError(await srv.api('GET', `${API}/incidents/nope`), 404, 'not_found');
  expectError(await srv.api('GET', `${API}/incidents/${id}/reports/nope.pdf`), 404, 'not_found');
  expectError(await srv.api('GET', `${API}/incidents?overdue=maybe`), 400, 'malformed');
  // Nothing was written by the refused requests: the list holds only the accepted ones.
  res = await srv.api('GET', `${API}/incidents`);
  assert.ok(!res.json.items.some((i) => ['Future', 'Bad', 'Bad asset'].includes(i.title)));
});
