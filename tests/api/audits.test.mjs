// Audits, findings, corrective actions — docs/api.md "Audits, findings, corrective
// actions": the programme of a year, an audit whose checklist comes from its criteria, a
// nonconform item raising a finding with its action, implementation by the action's owner,
// effectiveness verification by someone else closing the finding, an ineffective action
// keeping it open, overdue actions as the clock moves, stale versions, bad input, and the
// report as JSON and PDF. Runs on its own server with a fake clock (own_server.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { API, expectStatus, expectError } from './helpers.mjs';
import { startOwnServer } from './own_server.mjs';

let srv;
let ciso; // the tester's person
let owner; // an employee who owns corrective actions
let ownerToken;
let otherToken; // an employee who owns nothing

async function personByEmail(email) {
  const res = await srv.api('GET', `${API}/persons`);
  expectStatus(res, 200, 'persons');
  const p = res.json.items.find((x) => x.email === email);
  assert.ok(p, `person ${email}`);
  return p;
}

before(async () => {
  srv = await startOwnServer({ now: '2026-03-02T09:00:00Z' });
  srv.cliOk(['user', 'create', 'olle', '--person-name', 'Olle Owner', '--email', 'olle@own.test', '--role', 'employee']);
  srv.cliOk(['user', 'create', 'eve', '--person-name', 'Eve Employee', '--email', 'eve@own.test', '--role', 'employee']);
  ownerToken = srv.tokenFor('olle');
  otherToken = srv.tokenFor('eve');
  ciso = await personByEmail('ciso@own.test');
  owner = await personByEmail('olle@own.test');
});

after(async () => {
  if (srv) await srv.stop();
});

const criteria = ['iso27001-2022:A.5.15', 'iso27001-2022:A.5.18'];

async function newAudit(extra = {}) {
  const res = await srv.api('POST', `${API}/audits`, {
    body: { title: 'Access control audit', type: 'internal', scope: 'IAM of production', criteria, lead_auditor_id: ciso.id, start_on: '2026-03-02', end_on: '2026-03-06', ...extra },
  });
  expectStatus(res, 201, 'create audit');
  return res.json;
}

async function implement(action, token) {
  const res = await srv.api('POST', `${API}/corrective-actions/${action.id}/implement`, { body: { version: action.version }, token });
  expectStatus(res, 200, `implement ${action.ref}`);
  return res.json;
}

test('the programme of a year is unique and its approval is recorded', async () => {
  let res = await srv.api('POST', `${API}/audit-programmes`, { body: { year: 2026, title: 'Audit programme 2026', objectives: 'Annex A over three years', owner_id: ciso.id } });
  expectStatus(res, 201, 'create programme');
  const prog = res.json;
  assert.equal(prog.ref, 'AP-2026');
  assert.equal(prog.status, 'draft');
  res = await srv.api('POST', `${API}/audit-programmes`, { body: { year: 2026, title: 'Again' } });
  expectError(res, 409, 'conflict', undefined, 'second programme for 2026');
  res = await srv.api('POST', `${API}/audit-programmes`, { body: { year: 1999, title: 'Old', colour: 'red' } });
  const e = expectError(res, 422, 'invalid', undefined, 'bad programme');
  assert.ok(e.details.some((d) => d.field === 'year'));
  assert.ok(e.details.some((d) => d.field === 'colour'));

  res = await srv.api('POST', `${API}/audit-programmes/${prog.id}/approve`, { body: {}, headers: { 'If-Match': `"${prog.version}"` } });
  expectStatus(res, 200, 'approve');
  assert.equal(res.json.status, 'approved');
  assert.equal(res.json.approved_by_person_id, ciso.id);
  res = await srv.api('POST', `${API}/audit-programmes/${prog.id}/approve`, { body: { version: prog.version } });
  expectError(res, 409, 'conflict', undefined, 'stale approval');

  const audit = await newAudit({ programme_id: prog.id });
  res = await srv.api('GET', `${API}/audit-programmes/${prog.id}`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.audits.map((a) => a.id), [audit.id]);
  res = await srv.api('GET', `${API}/audits?year=2026&programme_id=${prog.id}`);
  expectStatus(res, 200);
  assert.equal(res.json.items.length, 1);
});

test('bad audits are refused naming the fields', async () => {
  let res = await srv.api('POST', `${API}/audits`, {
    body: { title: '', type: 'party', scope: 'x', criteria: ['iso27001-2022:Z.99', 'nokey'], lead_auditor_id: ciso.id, start_on: '2026-03-10', end_on: '2026-03-01', extra: 1 },
  });
  let e = expectError(res, 422, 'invalid', undefined, 'bad audit');
  for (const f of ['title', 'type', 'extra']) assert.ok(e.details.some((d) => d.field === f), `${f}: ${res.text}`);
  res = await srv.api('POST', `${API}/audits`, {
    body: { title: 'T', scope: 'x', criteria: ['iso27001-2022:Z.99'], lead_auditor_id: ciso.id, start_on: '2026-03-01', end_on: '2026-03-02' },
  });
  expectError(res, 422, 'invalid', 'criteria[0]', 'unknown requirement');
  res = await srv.api('GET', `${API}/audits/00000000-0000-4000-8000-000000000000`);
  expectError(res, 404, 'not_found', undefined, 'unknown audit');
  res = await srv.api('GET', `${API}/audits`, { token: otherToken });
  expectError(res, 403, 'forbidden', undefined, 'employee reads audits');
});

test('full chain: checklist nonconform -> finding -> action -> implement -> verify -> closed', async () => {
  let audit = await newAudit();
  assert.equal(audit.status, 'planned');
  assert.equal(audit.checklist.length, 2);
  assert.equal(audit.checklist[1].requirement_key, 'iso27001-2022:A.5.18');
  assert.ok(audit.checklist[1].requirement_title.length > 0);

  let res = await srv.api('PATCH', `${API}/audits/${audit.id}/checklist/0`, { body: { version: 1, result: 'conform' } });
  expectError(res, 409, 'conflict', undefined, 'deciding before the start');
  res = await srv.api('POST', `${API}/audits/${audit.id}/complete`, { body: { version: audit.version } });
  expectError(res, 409, 'conflict', undefined, 'completing a planned audit');
  res = await srv.api('POST', `${API}/audits/${audit.id}/start`, { body: { version: audit.version } });
  expectStatus(res, 200, 'start');
  audit = res.json;
  assert.equal(audit.status, 'in_progress');

  res = await srv.api('PATCH', `${API}/audits/${audit.id}/checklist/0`, { body: { result: 'conform', evidence: ['EV-0001'] }, headers: { 'If-Match': '"1"' } });
  expectStatus(res, 200, 'check item 0');
  assert.equal(res.json.checklist[0].result, 'conform');
  assert.equal(res.json.checklist[0].version, 2);
  res = await srv.api('PATCH', `${API}/audits/${audit.id}/checklist/0`, { body: { version: 1, result: 'observation' } });
  expectError(res, 409, 'conflict', undefined, 'stale item');
  res = await srv.api('PATCH', `${API}/audits/${audit.id}/checklist/1`, { body: { version: 1, result: 'sort-of' } });
  expectError(res, 422, 'invalid', 'result', 'bad result');
  res = await srv.api('PATCH', `${API}/audits/${audit.id}/checklist/7`, { body: { version: 1, result: 'conform' } });
  expectError(res, 404, 'not_found', undefined, 'no item 7');

  res = await srv.api('PATCH', `${API}/audits/${audit.id}/checklist/1`, {
    body: {
      version: 1,
      result: 'nonconform',
      notes: 'Two leavers kept VPN access',
      finding: { grade: 'minor_nonconformity', owner_id: owner.id, action: { title: 'Automate deprovisioning', owner_id: owner.id, due_on: '2026-04-30' } },
    },
  });
  expectStatus(res, 200, 'nonconform raising a finding');
  const finding = res.json.raised_finding;
  assert.equal(finding.source, 'audit');
  assert.equal(finding.source_ref, audit.ref);
  assert.equal(finding.checklist_index, 1);
  assert.deepEqual(finding.requirement_keys, ['iso27001-2022:A.5.18']);
  assert.equal(finding.grade, 'minor_nonconformity');
  assert.equal(finding.actions.length, 1);
  let action = finding.actions[0];
  assert.match(action.ref, /^CA-\d{4}$/);

  res = await srv.api('GET', `${API}/audits/${audit.id}/findings`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.items.map((f) => f.id), [finding.id]);

  res = await srv.api('POST', `${API}/findings/${finding.id}/close`, { body: { version: finding.version } });
  expectError(res, 409, 'conflict', undefined, 'closing an NC with an open action');

  // The owner records the implementation; a root cause comes first.
  res = await srv.api('POST', `${API}/corrective-actions/${action.id}/implement`, { body: { version: action.version }, token: ownerToken });
  expectError(res, 422, 'invalid', 'root_cause', 'implementation without root cause');
  res = await srv.api('PATCH', `${API}/corrective-actions/${action.id}`, { body: { version: action.version, root_cause: 'Leaver checklist is manual' } });
  expectStatus(res, 200, 'root cause');
  action = res.json;
  res = await srv.api('PATCH', `${API}/corrective-actions/${action.id}`, { body: { version: 1, title: 'x' } });
  expectError(res, 409, 'conflict', undefined, 'stale action');
  res = await srv.api('POST', `${API}/corrective-actions/${action.id}/implement`, { body: { version: action.version }, token: otherToken });
  expectError(res, 403, 'forbidden', undefined, 'someone else implements');
  res = await srv.api('POST', `${API}/corrective-actions/${action.id}/implement`, { body: { version: action.version, implemented_on: '2026-12-01' }, token: ownerToken });
  expectError(res, 422, 'invalid', 'implemented_on', 'future implementation');
  action = await implement(action, ownerToken);
  assert.equal(action.status, 'implemented');
  assert.equal(action.implemented_on, '2026-03-02');

  res = await srv.api('POST', `${API}/corrective-actions/${action.id}/verify`, { body: { version: action.version } });
  expectError(res, 422, 'invalid', 'effective', 'verification without a verdict');
  srv.advance({ days: 14 });
  res = await srv.api('POST', `${API}/corrective-actions/${action.id}/verify`, { body: { version: action.version, effective: true, note: 'Sampled 5 leavers' } });
  expectStatus(res, 200, 'verify');
  assert.equal(res.json.status, 'verified');
  assert.equal(res.json.verified_by, ciso.id);
  assert.equal(res.json.verified_on, '2026-03-16');

  res = await srv.api('GET', `${API}/findings/${finding.id}`);
  expectStatus(res, 200);
  assert.equal(res.json.status, 'closed');
  assert.match(res.json.close_note, new RegExp(action.ref));
  res = await srv.api('POST', `${API}/findings/${finding.id}/actions`, { body: { title: 'Late', owner_id: owner.id, due_on: '2026-05-01' } });
  expectError(res, 409, 'conflict', undefined, 'action on a closed finding');

  // Completion needs a conclusion.
  res = await srv.api('GET', `${API}/audits/${audit.id}`);
  audit = res.json;
  assert.equal(res.headers.get('etag'), `"${audit.version}"`);
  res = await srv.api('POST', `${API}/audits/${audit.id}/complete`, { body: { version: audit.version } });
  expectError(res, 422, 'invalid', 'conclusion', 'completion without a conclusion');
  res = await srv.api('POST', `${API}/audits/${audit.id}/complete`, { body: { version: audit.version, conclusion: 'Effective, one minor NC fixed' } });
  expectStatus(res, 200, 'complete');
  assert.equal(res.json.status, 'completed');
  res = await srv.api('PATCH', `${API}/audits/${audit.id}`, { body: { version: res.json.version, title: 'Renamed' } });
  expectError(res, 409, 'conflict', undefined, 'changing a completed audit');

  res = await srv.api('GET', `${API}/audits/${audit.id}/report`);
  expectStatus(res, 200, 'report');
  assert.equal(res.json.totals.findings, 1);
  assert.equal(res.json.totals.by_grade.minor_nonconformity, 1);
  assert.equal(res.json.totals.closed, 1);
  assert.equal(res.json.findings[0].actions[0].effective, true);
  assert.equal(res.json.persons[owner.id], 'Olle Owner');

  const pdf = await fetch(`${srv.base}${API}/audits/${audit.id}/report.pdf`, { headers: { Authorization: `Bearer ${srv.token}` } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-pdf-'));
  fs.writeFileSync(path.join(dir, 'r.pdf'), Buffer.from(await pdf.arrayBuffer()));
  const out = spawnSync('pdftotext', [path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(out.status, 0, out.stderr);
  const text = out.stdout.replace(/\s+/g, ' ');
  for (const s of [audit.ref, finding.ref, action.ref, 'Olle Owner', 'Effective', 'Leaver']) {
    assert.ok(text.includes(s), `PDF lacks ${s}`);
  }
});

test('an ineffective action keeps the finding open until a new one is verified', async () => {
  const audit = await newAudit();
  let res = await srv.api('POST', `${API}/audits/${audit.id}/start`, { body: { version: audit.version } });
  expectStatus(res, 200);
  res = await srv.api('POST', `${API}/audits/${audit.id}/findings`, {
    body: { grade: 'major_nonconformity', title: 'No access reviews', requirement_keys: ['iso27001-2022:A.5.18'], action: { title: 'Quarterly reviews', root_cause: 'No owner', owner_id: owner.id, due_on: '2026-06-30' } },
  });
  expectStatus(res, 201, 'audit finding');
  const finding = res.json;
  let action = await implement(finding.actions[0], ownerToken);
  res = await srv.api('POST', `${API}/corrective-actions/${action.id}/verify`, { body: { version: action.version, effective: false } });
  expectError(res, 422, 'invalid', 'note', 'ineffective without a note');
  res = await srv.api('POST', `${API}/corrective-actions/${action.id}/verify`, { body: { version: action.version, effective: false, note: 'Reviews skipped in Q2' } });
  expectStatus(res, 200, 'ineffective');
  assert.equal(res.json.status, 'ineffective');
  res = await srv.api('GET', `${API}/findings/${finding.id}`);
  assert.equal(res.json.status, 'open');
  res = await srv.api('POST', `${API}/findings/${finding.id}/close`, { body: { version: res.json.version } });
  expectError(res, 409, 'conflict', undefined, 'close with only an ineffective action');

  // A new action owned by the verifier: the owner may not verify their own action.
  res = await srv.api('POST', `${API}/findings/${finding.id}/actions`, { body: { title: 'Automated review reminders', root_cause: 'Reviews depend on memory', owner_id: ciso.id, due_on: '2026-07-31' } });
  expectStatus(res, 201, 'second action');
  action = await implement(res.json, undefined);
  res = await srv.api('POST', `${API}/corrective-actions/${action.id}/verify`, { body: { version: action.version, effective: true } });
  expectError(res, 403, 'forbidden', undefined, 'the owner verifies');
  // Adding actions does not change the finding; an edit does, and the old version is stale.
  const current = (await srv.api('GET', `${API}/findings/${finding.id}`)).json;
  res = await srv.api('PATCH', `${API}/findings/${finding.id}`, { body: { version: current.version, title: 'Access reviews were missed' } });
  expectStatus(res, 200, 'edit finding');
  res = await srv.api('PATCH', `${API}/findings/${finding.id}`, { body: { version: current.version, title: 'Stale' } });
  expectError(res, 409, 'conflict', undefined, 'stale finding');

  res = await srv.api('GET', `${API}/corrective-actions?status=implemented`);
  expectStatus(res, 200);
  assert.ok(res.json.items.some((a) => a.id === action.id));
  res = await srv.api('GET', `${API}/corrective-actions?status=nope`);
  expectError(res, 422, 'invalid', 'status', 'bad status filter');
});

test('observations close with a decision note; overdue actions follow the clock', async () => {
  let res = await srv.api('POST', `${API}/findings`, { body: { source: 'self_assessment', grade: 'observation', title: 'Clean desk reminders are rare' } });
  expectStatus(res, 201, 'observation');
  const obs = res.json;
  res = await srv.api('POST', `${API}/findings/${obs.id}/close`, { body: { version: obs.version } });
  expectError(res, 422, 'invalid', 'note', 'observation closed without a note');
  res = await srv.api('POST', `${API}/findings/${obs.id}/close`, { body: { version: obs.version, note: 'Accepted: covered by awareness plan' } });
  expectStatus(res, 200, 'close observation');
  assert.equal(res.json.status, 'closed');

  res = await srv.api('POST', `${API}/findings`, { body: { source: 'incident', source_id: '00000000-0000-4000-8000-000000000000', grade: 'minor_nonconformity', title: 'x' } });
  expectError(res, 422, 'invalid', 'source_id', 'unknown incident');
  res = await srv.api('POST', `${API}/findings`, { body: { source: 'self_assessment', grade: 'minor', title: 'x', action: { title: 'a', owner_id: owner.id, due_on: '2026-02-30' } } });
  let e = expectError(res, 422, 'invalid', undefined, 'bad grade and due date');
  assert.ok(e.details.some((d) => d.field === 'grade'));
  assert.ok(e.details.some((d) => d.field === 'action.due_on'));

  const today = srv.now().slice(0, 10);
  const due = new Date(Date.parse(srv.now()) + 3 * 86400_000).toISOString().slice(0, 10);
  res = await srv.api('POST', `${API}/findings`, {
    body: { source: 'self_assessment', grade: 'minor_nonconformity', title: 'Backups untested', owner_id: owner.id, action: { title: 'Restore test', owner_id: owner.id, due_on: due } },
  });
  expectStatus(res, 201, 'finding with action');
  const nc = res.json;
  assert.equal(nc.actions[0].overdue, false);
  res = await srv.api('GET', `${API}/corrective-actions?overdue=true`);
  assert.ok(!res.json.items.some((a) => a.id === nc.actions[0].id), `not overdue on ${today}`);
  srv.advance({ days: 4 });
  res = await srv.api('GET', `${API}/corrective-actions?overdue=true&owner=${owner.id}`);
  expectStatus(res, 200);
  assert.ok(res.json.items.some((a) => a.id === nc.actions[0].id && a.overdue), 'overdue after the due date');
  res = await srv.api('GET', `${API}/corrective-actions?owner=me&overdue=true`, { token: ownerToken });
  expectError(res, 403, 'forbidden', undefined, 'the owner lists without audits:read');
  res = await srv.api('GET', `${API}/findings?overdue=true&source=self_assessment`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.items.map((f) => f.id), [nc.id]);
  res = await srv.api('GET', `${API}/findings?overdue=maybe`);
  expectError(res, 422, 'invalid', 'overdue', 'bad overdue filter');
});
