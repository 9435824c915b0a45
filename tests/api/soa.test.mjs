// Statement of Applicability — docs/api.md "Statement of Applicability": 93 Annex A lines,
// rules per line, the controls and evidence behind a line, approval by the CEO into a frozen
// version (refused while lines are undecided), comparison, exports (XLSX in the auditors'
// layout, PDF read back with pdftotext, CSV), and import from a real-world CSV with a
// column mapping and a dry run that stores nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  api, raw, API, uniq, expectStatus, expectError, newUser, cliToken, ledgerAll, readXlsx,
} from './helpers.mjs';

const tag = uniq('soa');
let ceo;

async function working() {
  const res = await api('GET', `${API}/soa`);
  expectStatus(res, 200, 'working copy');
  return res.json;
}
const line = (soa, ref) => soa.lines.find((l) => l.ref_id === ref);
const patchLine = (ref, body, opts = {}) => api('PATCH', `${API}/soa/lines/iso27001-2022/${ref}`, { body, ...opts });

test('setup', async () => {
  const c = await newUser({ roleKeys: ['ceo'], login: false });
  ceo = { token: cliToken(c.username), person: c.person };
});

test('working copy: every Annex A control once, in catalogue order, totals add up', async () => {
  const soa = await working();
  assert.deepEqual(soa.framework_ids, ['iso27001-2022']);
  assert.equal(soa.lines.length, 93);
  assert.equal(soa.lines[0].ref_id, 'A.5.1');
  assert.equal(soa.lines[92].ref_id, 'A.8.34');
  assert.equal(new Set(soa.lines.map((l) => l.ref_id)).size, 93);
  const t = soa.totals;
  assert.equal(t.lines, 93);
  assert.equal(t.applicable + t.not_applicable + t.undecided, 93);
  assert.equal(line(soa, 'A.5.15').title.length > 0, true);
  const nis = await api('GET', `${API}/soa?framework=nis2-2024-2690`);
  expectStatus(nis, 200);
  assert.ok(nis.json.lines.some((l) => l.framework_id === 'nis2-2024-2690'));
});

test('a line: rules, versions, controls and evidence behind it', async () => {
  let soa = await working();
  const l = line(soa, 'A.5.23');
  let res = await patchLine('A.5.23', { applicable: 'yes', reasons: [], version: l.version });
  expectError(res, 422, 'invalid', 'reasons', 'applicable without a reason');
  res = await patchLine('A.5.23', { applicable: 'no', justification: '', version: l.version });
  expectError(res, 422, 'invalid', 'justification', 'excluded without a justification');
  res = await patchLine('A.5.23', { applicable: 'perhaps', version: l.version });
  assert.ok([400, 422].includes(res.status));
  res = await patchLine('A.5.23', { applicable: 'yes', reasons: ['risk_treatment', 'contractual'], justification: `${tag} cloud`, implementation: 'partial', version: l.version });
  expectStatus(res, 200, 'decide A.5.23');
  assert.equal(res.json.applicable, 'yes');
  assert.deepEqual([...res.json.reasons].sort(), ['contractual', 'risk_treatment']);
  const v = res.json.version;
  res = await patchLine('A.5.23', { implementation: 'implemented', version: l.version });
  expectError(res, 409, 'conflict', undefined, 'stale line');
  res = await patchLine('A.99.1', { applicable: 'yes', reasons: ['legal'], version: 0 });
  assert.equal(res.status, 404, 'no such Annex A control');

  // A control naming A.5.23 with evidence shows on the line.
  res = await api('POST', `${API}/controls`, { body: { title: `${tag} cloud register`, status: 'implemented', requirement_keys: ['iso27001-2022:A.5.23'] } });
  expectStatus(res, 201);
  const ctl = res.json.control;
  res = await api('POST', `${API}/controls/${ctl.id}/evidence`, { body: { kind: 'link', title: 'Cloud register', url: 'https://wiki.example.test/cloud' } });
  expectStatus(res, 201);
  soa = await working();
  const after = line(soa, 'A.5.23');
  assert.ok(after.control_ids.includes(ctl.id));
  assert.ok(after.control_refs.includes(ctl.ref));
  assert.ok(after.evidence_count >= 1 && after.valid_evidence_count >= 1);
  assert.equal(after.version, v);
  const entries = await ledgerAll();
  assert.ok(entries.some((e) => e.action === 'soa.line_update'));
});

test('import: suggested mapping, dry run stores nothing, rejected rows named, apply', async () => {
  const csv = '\ufeffControl,Title,Applicable,Reasons,Justification,Implementation\r\n'
    + 'A.5.1,"Policies for information security",Yes,"risk, legal","Required by law, and by us",implemented\r\n'
    + 'A.9.2.1,User registration,yes,business,Joiners get accounts,partial\r\n'
    + 'A.5.1,Duplicate,No,,dup,\r\n'
    + 'A.99.9,Unknown,Yes,risk,x,\r\n'
    + '\r\n'
    + '5.30,ICT readiness,No,,"We run no own ICT, all SaaS",\r\n';
  const before = await working();
  let res = await raw('POST', `${API}/soa/import?dry_run=true&file_name=soa.csv`, { headers: { 'Content-Type': 'text/csv' }, body: Buffer.from(csv) });
  expectStatus(res, 200, 'dry run');
  let out = JSON.parse(res.text);
  assert.equal(out.applied, false);
  // Columns come back as letters, as a mapping is given (docs/api.md).
  assert.equal(out.mapping.ref, 'A', 'Control column found');
  assert.equal(out.mapping.applicable, 'C');
  assert.equal(out.mapping.justification, 'E');
  assert.equal(out.mapping.implementation, 'F');
  assert.deepEqual(out.headers.slice(0, 3), ['Control', 'Title', 'Applicable']);
  assert.equal(out.rows_ok, 3, JSON.stringify(out.rows));
  assert.equal(out.rows_rejected, 2);
  const byRow = new Map(out.rows.map((r) => [r.row, r]));
  assert.equal(byRow.get(3).ref_id, 'A.5.16', '2013 A.9.2.1 is 2022 A.5.16');
  assert.ok(byRow.get(3).warnings.length >= 1);
  assert.match(byRow.get(4).error, /row 2|duplicate/i);
  assert.match(byRow.get(5).error, /A\.99\.9|unknown|not/i);
  assert.equal(byRow.get(7).ref_id, 'A.5.30');
  assert.ok(out.changes.length >= 2);
  const now = await working();
  assert.deepEqual(now.lines, before.lines, 'the dry run stored nothing');

  res = await raw('POST', `${API}/soa/import?dry_run=false&file_name=soa.csv`, { headers: { 'Content-Type': 'text/csv' }, body: Buffer.from(csv) });
  expectStatus(res, 200, 'apply');
  out = JSON.parse(res.text);
  assert.equal(out.applied, true);
  const soa = await working();
  assert.equal(line(soa, 'A.5.1').applicable, 'yes');
  assert.deepEqual([...line(soa, 'A.5.1').reasons].sort(), ['legal', 'risk_treatment']);
  assert.equal(line(soa, 'A.5.1').implementation, 'implemented');
  assert.equal(line(soa, 'A.5.16').applicable, 'yes');
  assert.equal(line(soa, 'A.5.30').applicable, 'no');
  assert.match(line(soa, 'A.5.30').justification, /all SaaS/);

  // Explicit mapping by letter; a column past the table is refused.
  const mapping = encodeURIComponent(JSON.stringify({ ref: 'A', applicable: 'C', justification: 'Z' }));
  res = await raw('POST', `${API}/soa/import?dry_run=true&file_name=soa.csv&mapping=${mapping}`, { headers: { 'Content-Type': 'text/csv' }, body: Buffer.from(csv) });
  assert.equal(res.status, 422, res.text);
  res = await raw('POST', `${API}/soa/import?dry_run=true&file_name=soa.csv`, { headers: { 'Content-Type': 'text/csv' }, body: Buffer.from([0xff, 0xfe, 0x41, 0x00]) });
  assert.ok([400, 415, 422].includes(res.status), `UTF-16: ${res.text}`);
  const entries = await ledgerAll();
  assert.ok(entries.some((e) => e.action === 'soa.import'));
});

test('approval: refused while undecided, CEO only, frozen, compared, exported', async () => {
  let res = await api('POST', `${API}/soa/approve`, { body: { note: 'first' }, token: ceo.token });
  let soa = await working();
  if (soa.totals.undecided > 0) {
    const e = expectError(res, 422, 'invalid', undefined, 'undecided lines');
    assert.match(e.message + JSON.stringify(e.details), /A\.\d+\.\d+/);
  }
  for (const l of soa.lines.filter((x) => x.applicable === 'undecided')) {
    const r = await patchLine(l.ref_id, { applicable: 'yes', reasons: ['risk_treatment'], justification: 'From the risk assessment', implementation: 'planned', version: l.version });
    expectStatus(r, 200, `decide ${l.ref_id}`);
  }
  res = await api('POST', `${API}/soa/approve`, { body: { note: `${tag} approved` } });
  expectStatus(res, 403, 'the CISO cannot approve');
  res = await api('POST', `${API}/soa/approve`, { body: { note: `${tag} approved` }, token: ceo.token });
  expectStatus(res, 201, 'CEO approves');
  const v1 = res.json;
  assert.equal(v1.approved_by_person_id, ceo.person.id);
  assert.equal(v1.lines.length, 93);
  assert.equal(v1.totals.undecided, 0);

  res = await patchLine('A.8.1', { implementation: 'implemented', version: line(await working(), 'A.8.1').version });
  expectStatus(res, 200);
  soa = await working();
  assert.equal(soa.last_approved.id, v1.id);
  assert.ok(soa.changed_since_approval >= 1);
  res = await api('GET', `${API}/soa/versions/${v1.id}`);
  assert.notEqual(res.json.lines.find((l) => l.ref_id === 'A.8.1').implementation, 'implemented', 'the approved version is frozen');
  res = await api('GET', `${API}/soa/compare?a=${v1.id}&b=working`);
  expectStatus(res, 200, 'compare');
  const ch = res.json.items.find((x) => x.ref_id === 'A.8.1');
  assert.ok(ch && ch.changed_fields.includes('implementation'));
  res = await api('GET', `${API}/soa/versions`);
  assert.ok(res.json.items.some((x) => x.id === v1.id && x.number >= 1));

  res = await raw('GET', `${API}/soa/export?format=xlsx&version=${v1.id}`);
  expectStatus(res, 200, 'xlsx');
  const book = readXlsx(res.bytes);
  assert.deepEqual(book.sheets, ['Statement of Applicability', 'Summary']);
  assert.ok(book.text.includes('A.5.15') && book.text.includes('Access control'));
  res = await raw('GET', `${API}/soa/export?format=csv`);
  expectStatus(res, 200, 'csv');
  assert.equal(res.text.trim().split('\r\n').length, 94, 'header + 93 lines');
  res = await raw('GET', `${API}/soa/export?format=pdf&version=${v1.id}`);
  expectStatus(res, 200, 'pdf');
  const dir = mkdtempSync(join(tmpdir(), 'isms-soa-'));
  writeFileSync(join(dir, 'soa.pdf'), res.bytes);
  const text = spawnSync('pdftotext', ['-layout', join(dir, 'soa.pdf'), '-'], { encoding: 'utf8' });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /Statement of Applicability/);
  assert.match(text.stdout, /A\.8\.34/);
  assert.match(text.stdout, /Page 1 of \d+/);
});

test('permissions: employees cannot read the SoA; auditors cannot change it', async () => {
  const e = await newUser({ roleKeys: ['employee'], login: false });
  let res = await api('GET', `${API}/soa`, { token: cliToken(e.username) });
  expectStatus(res, 403);
  res = await patchLine('A.5.1', { implementation: 'partial', version: 1 }, { token: ceo.token });
  expectStatus(res, 403, 'the CEO approves but does not edit lines');
});
