// Traceability and gaps — docs/api.md "Traceability and gaps": a published document's
// citation moves a requirement from the gap list to covered (drafts do not count),
// figures are consistent, NIS2 coverage through ENISA's mapping, CSV/XLSX exports, and
// the dashboard's coverage. Other test files publish documents on the same server, so
// every expectation here is relative to a baseline taken in this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, raw, API, uniq, expectStatus, newUser, cliToken } from './helpers.mjs';

async function gaps(framework, scope = '') {
  const res = await api('GET', `${API}/traceability/gaps?framework=${framework}${scope ? `&scope=${scope}` : ''}`);
  expectStatus(res, 200, `gaps ${framework} ${scope}`);
  return res.json;
}

function checkFigures(report) {
  const f = report.figures;
  assert.equal(f.total, report.rows.length, 'one row per counted requirement');
  assert.equal(f.covered, report.rows.filter((r) => r.citations.length > 0).length);
  assert.equal(report.gaps.length, f.total - f.covered);
  assert.equal(f.percent, Math.round((f.covered / f.total) * 1000) / 10);
  assert.ok(f.percent_with_mapping >= f.percent);
}

// Creates, submits, approves (as CEO) and publishes a policy with the given body.
async function publish(title, body, ceo) {
  let res = await api('POST', `${API}/documents`, { body: { kind: 'policy', title, classification: 'internal', information_owner: 'CEO', body } });
  expectStatus(res, 201, 'create');
  const id = res.json.document.id;
  let v = res.json.latest;
  for (const [name, opts] of [['submit', {}], ['approve', ceo], ['publish', {}]]) {
    res = await api('POST', `${API}/documents/${id}/${name}`, { body: { version: v.version }, ...opts });
    expectStatus(res, 200, name);
    v = res.json.latest;
  }
  return id;
}

test('Annex A gap report: 93 controls; publishing a citation covers one, a draft does not', async () => {
  const c = await newUser({ roleKeys: ['ceo'], login: false });
  const ceo = { token: cliToken(c.username) };
  const before = await gaps('iso27001-2022');
  assert.equal(before.figures.total, 93);
  checkFigures(before);
  // A control nobody cites yet (the sample policy does not cite A.8.16 monitoring, A.5.7 threat intelligence...).
  const target = before.gaps.find((r) => r.ref_id !== 'A.5.1');
  assert.ok(target, 'some control is uncovered');
  const cite = `[ISO27002 ${target.ref_id.replace(/^A\./, 'A')}]`;

  // A draft citing it changes nothing.
  let res = await api('POST', `${API}/documents`, { body: { kind: 'standard', title: uniq('Draft '), classification: 'internal', body: `## 1 Draft ${cite}\n` } });
  expectStatus(res, 201);
  let now = await gaps('iso27001-2022');
  assert.equal(now.figures.covered, before.figures.covered, 'drafts do not count');

  const title = uniq('Monitoring policy ');
  const id = await publish(title, `## 1 Monitoring ${cite}\n\nWe monitor.\n`, ceo);
  now = await gaps('iso27001-2022');
  checkFigures(now);
  assert.equal(now.figures.covered, before.figures.covered + 1);
  assert.ok(!now.gaps.some((r) => r.ref_id === target.ref_id), 'no longer a gap');
  const row = now.rows.find((r) => r.requirement.ref_id === target.ref_id);
  assert.deepEqual(row.citations.map((x) => [x.document_id, x.section_number, x.document_title]), [[id, '1', title]]);

  res = await api('GET', `${API}/traceability/matrix?framework=iso27001-2022`);
  expectStatus(res, 200);
  const m = res.json.items.find((r) => r.requirement.key === target.key);
  assert.ok(m.citations.some((x) => x.document_id === id));
});

test('clauses scope and NIS2 scope, with coverage through the ENISA mapping', async () => {
  const clauses = await gaps('iso27001-2022', 'clauses');
  checkFigures(clauses);
  assert.ok(clauses.rows.every((r) => !r.requirement.ref_id.startsWith('A')), 'clauses only');
  const nis = await gaps('nis2-2024-2690');
  checkFigures(nis);
  assert.ok(nis.figures.total > 30, `NIS2 subsections: ${nis.figures.total}`);
  // Every NIS2 row counted through the mapping names a cited ISO requirement.
  const iso = await gaps('iso27001-2022');
  const coveredIso = new Set(iso.rows.filter((r) => r.citations.length).map((r) => r.requirement.key));
  for (const c of clauses.rows.filter((r) => r.citations.length)) coveredIso.add(c.requirement.key);
  for (const r of nis.rows.filter((x) => x.citations.length === 0 && x.covered_through.length)) {
    for (const k of r.covered_through) assert.ok(coveredIso.has(k), `${r.requirement.key} through ${k}`);
  }
  assert.equal(nis.figures.covered_through_mapping, nis.rows.filter((x) => x.citations.length === 0 && x.covered_through.length).length);
});

test('exports: CSV with a header and one row per requirement, XLSX is a workbook', async () => {
  const report = await gaps('iso27001-2022');
  let res = await raw('GET', `${API}/traceability/gaps/export?framework=iso27001-2022&format=csv`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/csv/);
  const lines = res.text.trim().split('\r\n');
  assert.equal(lines.length, report.rows.length + 1);
  assert.match(lines[0], /^Requirement,/);
  assert.ok(lines.some((l) => l.startsWith('iso27001-2022:A.5.19,')));
  res = await raw('GET', `${API}/traceability/gaps/export?framework=nis2-2024-2690&format=xlsx`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  assert.equal(res.bytes.subarray(0, 2).toString(), 'PK');
  for (const bad of ['framework=nope&format=csv', 'framework=iso27001-2022&format=pdf', 'framework=iso27001-2022&scope=x&format=csv']) {
    res = await raw('GET', `${API}/traceability/gaps/export?${bad}`);
    assert.ok([404, 422].includes(res.status), `${bad} -> ${res.status}`);
  }
});

test('coverage on the dashboard matches the gap reports', async () => {
  const res = await api('GET', `${API}/dashboard`);
  expectStatus(res, 200);
  const reports = res.json.coverage.reports;
  const annexA = reports.find((r) => r.framework_id === 'iso27001-2022' && r.scope !== 'clauses' && !/clause/i.test(r.scope));
  const g = await gaps('iso27001-2022');
  assert.deepEqual(annexA.figures, g.figures);
  assert.ok(reports.some((r) => r.framework_id === 'nis2-2024-2690'));
});
