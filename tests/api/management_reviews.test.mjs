// Management reviews — docs/api.md "Management reviews": plan a review whose inputs
// (ISO 27001 9.3.2) are assembled from the registers, hold it (the inputs freeze), approve
// it as top management (reviews:approve: the CEO, not the CISO), follow up its actions and
// read the minutes back from the PDF. Records of other modules (findings, corrective
// actions, incidents, indicators, exceptions) are seeded straight into op_records by the
// columns and body keys store/README.md "Operational records" fixes: that table is the
// contract this module reads, whatever API the owning modules offer.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { api, API, BASE_URL, TEST_TOKEN, DATABASE_URL, DATA_DIR, uniq, expectStatus, expectError, createAsset, newUser, createPerson, ledgerAll } from './helpers.mjs';

const tag = uniq('mr');
const R = `${API}/management-reviews`;

function sql(statement) {
  const url = DATABASE_URL || `sqlite:${DATA_DIR}/isms.db`;
  const r = url.startsWith('postgres')
    ? spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtX', '-c', statement], { encoding: 'utf8' })
    : spawnSync('sqlite3', ['-cmd', '.timeout 10000', url.replace(/^sqlite:/, ''), statement], { encoding: 'utf8' });
  assert.equal(r.status, 0, `seeding SQL failed: ${r.stderr}`);
}

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

// Seeded records are removed again when the file is done, so that other modules' tests on
// the same server never meet records their own code did not write.
const seeded = [];
after(() => {
  if (seeded.length > 0) sql(`DELETE FROM op_records WHERE id IN (${seeded.map(q).join(', ')})`);
});

// One op record as another module would store it; returns its id.
function seed(kind, { ref = '', parent = '', status = '', owner = '', due = '', body = {}, created = new Date().toISOString() }) {
  const id = randomUUID();
  seeded.push(id);
  sql(`INSERT INTO op_records (id, kind, ref, parent_id, status, owner_id, due_at, archived, body, version, created_at, updated_at)
       VALUES (${q(id)}, ${q(kind)}, ${q(ref)}, ${q(parent)}, ${q(status)}, ${q(owner)}, ${q(due)}, 0, ${q(JSON.stringify(body))}, 1, ${q(created)}, ${q(created)})`);
  return id;
}

const input = (review, key) => review.inputs.find((i) => i.key === key);
const cells = (section) => section.tables.flatMap((t) => t.rows.flat());
const fact = (section, label) => section.facts.find((f) => f.label.startsWith(label))?.value;

function pdfText(bytes) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mr-pdf-')), 'minutes.pdf');
  fs.writeFileSync(file, bytes);
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\s+/g, '');
}

async function pdf(id, opts = {}) {
  const res = await fetch(`${BASE_URL}${R}/${id}/minutes.pdf`, { headers: { Authorization: `Bearer ${opts.token || TEST_TOKEN}` } });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('content-disposition') || '', /mr-\d{4}-minutes\.pdf/);
  return Buffer.from(await res.arrayBuffer());
}

test('a review: inputs from the registers, hold freezes them, the CEO approves, minutes PDF', async () => {
  const owner = await createPerson({ name: `${tag} Owner` });
  const ceo = await newUser({ roleKeys: ['ceo'], name: `${tag} Chief Executive` });

  // A risk, so the risk section has data.
  const asset = await createAsset({ name: `${tag} CRM` });
  const threat = (await api('GET', `${API}/threats`)).json.items[0];
  const vuln = (await api('GET', `${API}/vulnerabilities`)).json.items[0];
  const rating = (l, c) => ({ likelihood: l, impact: { confidentiality: c, integrity: 0, availability: 0, authenticity: 0 } });
  let res = await api('POST', `${API}/risks`, { body: { title: `${tag} data leak`, asset_ids: [asset.id], threat_id: threat.id, vulnerability_id: vuln.id, inherent: rating(5, 5), residual: rating(5, 5) } });
  expectStatus(res, 201, 'risk');
  const today = new Date().toISOString().slice(0, 10);

  // Other modules' records, by the README contract.
  const n = tag.replace(/[^0-9a-z]/gi, '').slice(-6).toUpperCase();
  const audit = seed('audit', { ref: `AUD-${n}`, status: 'completed', due: today, body: { title: `${tag} ISMS audit`, end_on: today, conclusion: 'Conforms' } });
  const nc = seed('finding', { ref: `F-${n}1`, parent: audit, status: 'open', owner: owner.id, body: { source: 'audit', source_id: audit, grade: 'minor_nonconformity', title: `${tag} backups untested` } });
  seed('finding', { ref: `F-${n}2`, status: 'open', body: { source: 'self_assessment', source_id: '', grade: 'opportunity', title: `${tag} automate access reviews` } });
  seed('corrective_action', { ref: `CA-${n}`, parent: nc, status: 'open', owner: owner.id, due: '2020-01-31', body: { title: `${tag} run a restore test`, due_on: '2020-01-31' } });
  seed('incident', { ref: `INC-${n}`, status: 'open', body: { title: `${tag} phishing`, severity: 'high', significant: true, aware_at: new Date().toISOString(), personal_data: false } });
  const objective = seed('objective', { ref: `OBJ-${n}`, status: 'active', owner: owner.id, due: '2099-01-01', body: { title: `${tag} patch quickly` } });
  const indicator = seed('indicator', { ref: `IND-${n}`, parent: objective, status: 'active', body: { name: `${tag} patch latency`, unit: 'days', target: '14', direction: 'lower_is_better', frequency: 'monthly' } });
  seed('measurement', { parent: indicator, due: '2026-11-01', body: { value: '21', note: '' } });
  seed('exception', { ref: `EX-${n}`, status: 'approved', due: '2099-12-31', body: { title: `${tag} legacy VPN`, expires_on: '2099-12-31' } });

  // Create: the inputs are assembled at once.
  res = await api('POST', R, { body: { title: `${tag} review`, planned_on: '2026-12-01', comments: { b: 'NIS2 applies to us now' } } });
  expectStatus(res, 201, 'create');
  let review = res.json;
  assert.match(review.ref, /^MR-\d{4}$/);
  assert.equal(review.status, 'planned');
  assert.equal(res.headers.get('location'), `${R}/${review.id}`);
  assert.equal(res.headers.get('etag'), `"${review.version}"`);
  assert.ok(review.chair_id, 'the CISO creating it chairs by default');
  assert.deepEqual(review.inputs.map((i) => i.key), ['a', 'b', 'c', 'd1', 'd2', 'd3', 'd4', 'e', 'f', 'g', 'incidents', 'exceptions']);
  assert.equal(input(review, 'b').comment, 'NIS2 applies to us now');
  const d1 = input(review, 'd1');
  assert.ok(cells(d1).includes(`F-${n}1`), JSON.stringify(d1));
  assert.ok(cells(d1).includes(`CA-${n}`));
  assert.ok(cells(d1).includes('open (overdue)'));
  assert.ok(Number(fact(d1, 'Corrective actions overdue')) >= 1);
  const d2 = input(review, 'd2');
  const row = d2.tables[0].rows.find((r) => r[0] === `IND-${n}`);
  assert.deepEqual(row, [`IND-${n}`, `${tag} patch latency`, `OBJ-${n}`, '<= 14', '21 days', '2026-11-01', 'off target']);
  const d3 = input(review, 'd3');
  const auditRow = d3.tables[0].rows.find((r) => r[0] === `AUD-${n}`);
  assert.equal(auditRow[3], '1', 'one finding for the audit');
  assert.ok(cells(input(review, 'd4')).includes(`OBJ-${n}`));
  const f = input(review, 'f');
  assert.ok(Number(fact(f, 'Risks rated')) >= 1, JSON.stringify(f.facts));
  const top = f.tables.find((t) => t.title === 'Highest residual risks');
  assert.ok(top && top.rows.length >= 1, JSON.stringify(f.tables));
  assert.ok(cells(input(review, 'g')).includes(`F-${n}2`));
  assert.ok(cells(input(review, 'incidents')).includes(`INC-${n}`));
  assert.ok(cells(input(review, 'exceptions')).includes(`EX-${n}`));

  // Refresh while planned picks up new records and keeps comments.
  seed('finding', { ref: `F-${n}3`, status: 'open', body: { source: 'self_assessment', grade: 'observation', title: `${tag} late` } });
  res = await api('POST', `${R}/${review.id}/inputs/refresh`, { body: { version: review.version } });
  expectStatus(res, 200, 'refresh');
  review = res.json;
  assert.ok(cells(input(review, 'd1')).includes(`F-${n}3`));
  assert.equal(input(review, 'b').comment, 'NIS2 applies to us now');
  res = await api('POST', `${R}/${review.id}/inputs/refresh`, { body: { version: review.version - 1 } });
  expectError(res, 409, 'conflict', undefined, 'stale refresh');

  // Record the meeting, then hold.
  res = await api('PATCH', `${R}/${review.id}`, {
    body: {
      version: review.version,
      attendee_ids: [ceo.person.id, owner.id],
      guests: ['External auditor'],
      minutes: 'The ISMS remains suitable, adequate and effective.',
      decisions: [{ text: 'Extend MFA to contractors', category: 'isms_change' }, { text: 'Hire a security engineer', category: 'resource_needs' }],
      actions: [{ title: `${tag} quarterly restore test`, owner_id: owner.id, due_on: '2027-03-31' }],
      comments: { d1: 'Backups are the main weakness' },
    },
  });
  expectStatus(res, 200, 'patch');
  review = res.json;
  assert.equal(review.actions[0].status, 'open');
  assert.equal(review.persons[ceo.person.id], `${tag} Chief Executive`);
  // Held today, so that a re-run on the same server still sees today's records as new.
  res = await api('POST', `${R}/${review.id}/hold`, { body: { version: review.version, held_on: today } });
  expectStatus(res, 200, 'hold');
  review = res.json;
  assert.equal(review.status, 'held');
  assert.equal(review.held_on, today);
  const frozen = review.inputs;

  seed('finding', { ref: `F-${n}4`, status: 'open', body: { source: 'self_assessment', grade: 'major_nonconformity', title: `${tag} after the meeting` } });
  res = await api('POST', `${R}/${review.id}/inputs/refresh`, { body: { version: review.version } });
  expectError(res, 409, 'conflict', undefined, 'refresh after hold');
  res = await api('GET', `${R}/${review.id}`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.inputs, frozen, 'inputs never change once held');

  // Not approved yet in the minutes.
  let text = pdfText(await pdf(review.id));
  assert.ok(text.includes('Notapprovedyet'), text.slice(0, 500));

  // The CISO may not approve; the CEO may.
  res = await api('POST', `${R}/${review.id}/approve`, { body: { version: review.version } });
  const e = expectError(res, 403, 'forbidden', undefined, 'CISO approves');
  assert.match(e.message, /reviews:approve/);
  res = await api('POST', `${R}/${review.id}/approve`, { body: { version: review.version }, session: ceo.session });
  expectStatus(res, 200, 'CEO approves');
  review = res.json;
  assert.equal(review.status, 'approved');
  assert.equal(review.approved_by, ceo.person.id);
  assert.equal(review.approved_by_name, `${tag} Chief Executive`);

  // Frozen: PATCH and a second hold/approval are conflicts; actions still move.
  res = await api('PATCH', `${R}/${review.id}`, { body: { version: review.version, minutes: 'rewritten' } });
  expectError(res, 409, 'conflict', undefined, 'patch after approval');
  res = await api('POST', `${R}/${review.id}/approve`, { body: { version: review.version }, session: ceo.session });
  expectError(res, 409, 'conflict', undefined, 'approve twice');
  res = await api('PATCH', `${R}/${review.id}/actions/0`, { body: { status: 'done' } });
  expectStatus(res, 200, 'action done');
  review = res.json;
  assert.equal(review.actions[0].status, 'done');
  res = await api('PATCH', `${R}/${review.id}/actions/5`, { body: { status: 'done' } });
  expectError(res, 404, 'not_found', undefined, 'no such action');
  res = await api('PATCH', `${R}/${review.id}/actions/0`, { body: { status: 'finished' } });
  expectError(res, 422, 'invalid', 'status', 'bad action status');

  // The minutes carry sections, decisions, actions and the approval line.
  text = pdfText(await pdf(review.id));
  for (const expected of [
    `Minutes:${tag}review`.replace(/\s+/g, ''),
    '9.3.2a)Statusofactionsfrompreviousmanagementreviews',
    '9.3.2f)Resultsofriskassessment',
    `F-${n}1`,
    'Backupsarethemainweakness',
    'ExtendMFAtocontractors',
    'Resourceneeds',
    'restore', // the title wraps (and may hyphenate) inside the narrow table cell
  ]) {
    assert.ok(text.includes(expected), `minutes lack ${expected}`);
  }
  assert.ok(text.includes(`Approvedby${tag}ChiefExecutiveon${today}`), 'approval line');

  // The ledger has one entry per step.
  const actions = (await ledgerAll(review.id)).map((x) => x.action);
  for (const a of ['management_review.create', 'management_review.refresh', 'management_review.update', 'management_review.hold', 'management_review.approve', 'management_review.action']) {
    assert.ok(actions.includes(a), `ledger lacks ${a}: ${actions}`);
  }

  // A later review carries the actions of this one as input a).
  res = await api('POST', R, { body: { title: `${tag} next review`, planned_on: '2027-12-01' } });
  expectStatus(res, 201, 'next review');
  const a = input(res.json, 'a');
  assert.equal(res.json.inputs_since, today);
  assert.equal(res.json.previous_review_id, review.id);
  assert.ok(a.tables[0].rows.some((r) => r[0] === review.ref && r[1] === `${tag} quarterly restore test` && r[4] === 'done'), JSON.stringify(a));
  const list = await api('GET', R);
  expectStatus(list, 200);
  assert.ok(list.json.items.some((x) => x.id === review.id && !('inputs' in x)));
});

test('bad input, versions and permissions', async () => {
  let res = await api('POST', R, { body: { title: `${tag} bad`, colour: 'red' } });
  expectError(res, 422, 'invalid', 'colour', 'unknown field');
  res = await api('POST', R, { body: { planned_on: '2026-02-30' } });
  expectError(res, 422, 'invalid', 'planned_on', 'bad date');
  res = await api('POST', R, { body: { status: 'approved' } });
  expectError(res, 422, 'invalid', 'status', 'read-only');
  res = await api('POST', R, { body: { chair_id: randomUUID() } });
  expectError(res, 422, 'invalid', 'chair_id', 'unknown chair');
  res = await api('POST', R, { body: { comments: { z: 'x' } } });
  expectError(res, 422, 'invalid', 'comments.z', 'unknown input');
  res = await api('POST', R, { body: { held_on: '2026-12-01' } });
  expectError(res, 422, 'invalid', 'held_on', 'held_on at creation');
  res = await api('POST', R, { body: '{"title": ', headers: { 'Content-Type': 'application/json' } });
  assert.equal(res.status, 400, res.text);

  res = await api('POST', R, { body: { title: `${tag} versions` } });
  expectStatus(res, 201);
  const review = res.json;
  res = await api('PATCH', `${R}/${review.id}`, { body: { minutes: 'x' } });
  expectError(res, 422, 'invalid', 'version', 'no version');
  res = await api('PATCH', `${R}/${review.id}`, { body: { minutes: 'x' }, headers: { 'If-Match': `"${review.version + 3}"` } });
  expectError(res, 409, 'conflict', undefined, 'stale If-Match');
  res = await api('PATCH', `${R}/${review.id}`, { body: { version: review.version, decisions: [{ text: 'x', category: 'other' }] } });
  expectError(res, 422, 'invalid', 'decisions[0].category', 'bad category');
  res = await api('PATCH', `${R}/${review.id}`, { body: { version: review.version, actions: [{ title: 'x', owner_id: randomUUID(), due_on: '2027-01-01' }] } });
  expectError(res, 422, 'invalid', 'actions[0].owner_id', 'unknown owner');
  res = await api('PATCH', `${R}/${review.id}`, { body: { version: review.version, held_on: '2026-12-01' } });
  expectError(res, 422, 'invalid', 'held_on', 'held_on while planned');
  res = await api('POST', `${R}/${review.id}/approve`, { body: { version: review.version } });
  expectError(res, 403, 'forbidden', undefined, 'CISO approval of a planned review');
  res = await api('GET', `${R}/${randomUUID()}`);
  expectError(res, 404, 'not_found', undefined, 'unknown review');

  const employee = await newUser({ roleKeys: ['employee'] });
  res = await api('GET', R, { session: employee.session });
  expectError(res, 403, 'forbidden', undefined, 'employee lists');
  const ceo = await newUser({ roleKeys: ['ceo'] });
  res = await api('GET', `${R}/${review.id}`, { session: ceo.session });
  expectStatus(res, 200, 'CEO reads');
  res = await api('POST', `${R}/${review.id}/approve`, { body: { version: review.version }, session: ceo.session });
  expectError(res, 409, 'conflict', undefined, 'approve a planned review');
  res = await api('POST', R, { body: { title: 'x' }, session: ceo.session });
  expectError(res, 403, 'forbidden', undefined, 'CEO cannot write');
});
