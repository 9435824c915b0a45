// Risk management — docs/api.md "Risk method", "Threats and vulnerabilities", "Risks":
// the default 5x5 method, the shipped catalogues, a risk on an asset with derived levels
// and flags, strict bodies, optimistic versions, acceptance by the right person (within the
// appetite the CISO, above it only the CEO), the heat map and summary moving with the data,
// list filters and paging, exports, the ledger, and a method change that never silently
// rescales. The method change runs last in this file; other files do not depend on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, raw, API, uniq, expectStatus, expectError, createAsset, newUser, cliToken, ledgerAll, qs, readXlsx,
} from './helpers.mjs';

const tag = uniq('risk');
let method;
let threats;
let vulns;
let asset;
let ceo;       // {token, person}
let employee;  // {token}

const rating = (likelihood, c = 0, i = 0, a = 0, au = 0) => ({
  likelihood, impact: { confidentiality: c, integrity: i, availability: a, authenticity: au },
});

async function createRisk(extra = {}) {
  const body = {
    title: `${tag} ${uniq('r')}`,
    asset_ids: [asset.id],
    threat_id: threats[0].id,
    vulnerability_id: vulns[0].id,
    inherent: rating(4, 4, 2, 3, 0),
    residual: rating(2, 2, 1, 2, 0),
    treatment: 'mitigate',
    ...extra,
  };
  const res = await api('POST', `${API}/risks`, { body });
  expectStatus(res, 201, 'create risk');
  return res.json;
}

async function heat(basis) {
  const res = await api('GET', `${API}/risks/heat-map?basis=${basis}`);
  expectStatus(res, 200, `heat map ${basis}`);
  return res.json;
}

test('setup: method, catalogues, an asset and people', async () => {
  let res = await api('GET', `${API}/risk-method`);
  expectStatus(res, 200, 'method');
  method = res.json;
  assert.ok(method.number >= 1);
  assert.equal(method.likelihood.length, 5, 'default 5x5');
  assert.equal(method.impact.length, 5);
  assert.equal(method.grid.length, 5);
  for (const row of method.grid) assert.equal(row.length, 5);
  assert.ok(method.levels.length >= 2);
  for (const l of method.levels) assert.match(l.colour, /^#[0-9a-fA-F]{6}$/);
  assert.equal(method.acceptance_role_key, 'ceo');
  assert.equal(typeof method.appetite_rank, 'number');

  res = await api('GET', `${API}/threats`);
  expectStatus(res, 200);
  threats = res.json.items;
  assert.ok(threats.length >= 20, `shipped threats: ${threats.length}`);
  for (const t of threats) {
    assert.equal(t.kind, 'threat');
    assert.ok(t.name.length > 0 && t.description.length > 0, `threat ${t.name} has a description`);
  }
  res = await api('GET', `${API}/vulnerabilities`);
  expectStatus(res, 200);
  vulns = res.json.items;
  assert.ok(vulns.length >= 20, `shipped vulnerabilities: ${vulns.length}`);
  assert.ok(vulns.every((v) => v.kind === 'vulnerability'));

  asset = await createAsset({ name: `${tag} CRM`, classification: 'internal' });
  const c = await newUser({ roleKeys: ['ceo'], login: false });
  ceo = { token: cliToken(c.username), person: c.person };
  const e = await newUser({ roleKeys: ['employee'], login: false });
  employee = { token: cliToken(e.username) };
});

test('threats and vulnerabilities: add, duplicate name, edit, archive', async () => {
  const name = `${tag} Drone surveillance`;
  let res = await api('POST', `${API}/threats`, { body: { name, category: 'human_deliberate', description: 'Cameras over the site', properties: ['confidentiality'] } });
  expectStatus(res, 201, 'create threat');
  const t = res.json;
  assert.equal(t.kind, 'threat');
  assert.deepEqual(t.properties, ['confidentiality']);
  res = await api('POST', `${API}/threats`, { body: { name: name.toUpperCase() } });
  expectError(res, 409, 'conflict', undefined, 'duplicate name, other case');
  res = await api('POST', `${API}/threats`, { body: { name: `${tag} x`, colour: 'red' } });
  expectError(res, 422, 'invalid', 'colour', 'unknown key');
  res = await api('POST', `${API}/threats`, { body: { name: `${tag} y`, properties: ['secrecy'] } });
  assert.ok([400, 422].includes(res.status), res.text);
  res = await api('PATCH', `${API}/threats/${t.id}`, { body: { description: 'Changed', version: t.version } });
  expectStatus(res, 200, 'patch threat');
  assert.equal(res.json.description, 'Changed');
  res = await api('PATCH', `${API}/threats/${t.id}`, { body: { description: 'Stale', version: t.version } });
  expectError(res, 409, 'conflict', undefined, 'stale threat');
  res = await api('POST', `${API}/threats/${t.id}/archive`, { body: { version: t.version + 1 } });
  expectStatus(res, 200, 'archive threat');
  res = await api('GET', `${API}/threats`);
  assert.ok(!res.json.items.some((x) => x.id === t.id), 'archived threat left out by default');
  res = await api('GET', `${API}/threats?archived=all`);
  assert.ok(res.json.items.some((x) => x.id === t.id));

  res = await api('POST', `${API}/vulnerabilities`, { body: { name: `${tag} Shared admin account`, category: 'organizational' } });
  expectStatus(res, 201, 'create vulnerability');
  assert.equal(res.json.kind, 'vulnerability');
  res = await api('POST', `${API}/threats`, { body: { name: 'x' }, token: employee.token });
  expectError(res, 403, 'forbidden', undefined, 'employee cannot add threats');
});

test('a risk: derived levels, joined names, flags, ledger entry', async () => {
  const r = await createRisk({ description: 'Customer data could leak', owner_id: ceo.person.id });
  assert.match(r.ref, /^R-\d{4,}$/);
  assert.deepEqual(r.asset_ids, [asset.id]);
  assert.equal(r.threat_name, threats[0].name);
  assert.equal(r.vulnerability_name, vulns[0].name);
  assert.equal(r.owner_name, ceo.person.name);
  assert.equal(r.method_number, method.number);
  assert.equal(r.inherent.likelihood, 4);
  assert.equal(r.inherent.impact_level, 4, 'impact is the highest property');
  assert.equal(r.inherent.level.rank, method.grid[3][3]);
  assert.equal(r.residual.level.rank, method.grid[1][1]);
  assert.equal(r.inherent.level.key, method.levels[method.grid[3][3]].key);
  assert.equal(r.flags.residual_above_inherent, false);
  assert.equal(r.flags.mitigation_without_controls, true, 'mitigate without controls is flagged');
  assert.equal(r.flags.above_appetite, r.residual.level.rank > method.appetite_rank);
  assert.equal(r.acceptance, null);
  assert.equal(r.version, 1);

  const res = await api('GET', `${API}/risks/${r.id}`);
  expectStatus(res, 200);
  assert.equal(res.headers.get('etag'), '"1"');
  assert.deepEqual(res.json, r);
  const entries = await ledgerAll(r.id);
  assert.ok(entries.some((e) => e.action === 'risk.create'), 'risk.create in the ledger');
});

test('residual above inherent is flagged', async () => {
  const r = await createRisk({ inherent: rating(1, 1), residual: rating(5, 5) });
  assert.equal(r.flags.residual_above_inherent, true);
});

test('bad risk bodies: every problem named, nothing stored', async () => {
  const before = await api('GET', `${API}/risks?include_total=true&q=${tag}`);
  const cases = [
    [{ title: 'x', threat_id: threats[0].id, vulnerability_id: vulns[0].id, inherent: rating(1, 1), residual: rating(1, 1) }, 'asset_ids'],
    [{ title: 'x', asset_ids: ['00000000-0000-4000-8000-000000000000'], threat_id: threats[0].id, vulnerability_id: vulns[0].id, inherent: rating(1, 1), residual: rating(1, 1) }, 'asset_ids'],
    [{ title: 'x', asset_ids: [asset.id], threat_id: vulns[0].id, vulnerability_id: vulns[0].id, inherent: rating(1, 1), residual: rating(1, 1) }, 'threat_id'],
    [{ title: 'x', asset_ids: [asset.id], threat_id: threats[0].id, vulnerability_id: vulns[0].id, inherent: rating(9, 1), residual: rating(1, 1) }, 'inherent.likelihood'],
    [{ title: 'x', asset_ids: [asset.id], threat_id: threats[0].id, vulnerability_id: vulns[0].id, inherent: rating(1, 1), residual: rating(1, 1), inherent_level: 3 }, 'inherent_level'],
    [{ title: 'x', asset_ids: [asset.id], threat_id: threats[0].id, vulnerability_id: vulns[0].id, inherent: rating(1, 1), residual: rating(1, 1), treatment: 'ignore' }, 'treatment'],
    [{ title: '', asset_ids: [asset.id], threat_id: threats[0].id, vulnerability_id: vulns[0].id, inherent: rating(1, 1), residual: rating(1, 1) }, 'title'],
  ];
  for (const [body, field] of cases) {
    const res = await api('POST', `${API}/risks`, { body });
    assert.ok([400, 422].includes(res.status), `${field}: ${res.status} ${res.text}`);
    assert.ok(res.json?.error, res.text);
    const named = res.json.error.field === field || (res.json.error.details || []).some((d) => d.field === field || d.field.startsWith(`${field}[`));
    assert.ok(named, `error names ${field}: ${res.text}`);
  }
  let res = await api('POST', `${API}/risks`, { body: '[1,2', headers: { 'Content-Type': 'application/json' } });
  assert.ok([400, 422].includes(res.status));
  res = await api('POST', `${API}/risks`, { body: [1, 2] });
  expectError(res, 422, 'invalid', 'body', 'array body');
  const after = await api('GET', `${API}/risks?include_total=true&q=${tag}`);
  assert.equal(after.json.total, before.json.total, 'nothing half-written');
});

test('update: version required, stale is 409, concurrent writers: one wins', async () => {
  const r = await createRisk();
  let res = await api('PATCH', `${API}/risks/${r.id}`, { body: { title: `${r.title} 2` } });
  expectError(res, 422, 'invalid', 'version', 'missing version');
  res = await api('PATCH', `${API}/risks/${r.id}`, { body: { title: `${r.title} 2` }, headers: { 'If-Match': '"1"' } });
  expectStatus(res, 200, 'patch with If-Match');
  assert.equal(res.json.version, 2);
  res = await api('PATCH', `${API}/risks/${r.id}`, { body: { title: 'stale', version: 1 } });
  expectError(res, 409, 'conflict', undefined, 'stale');
  const racers = await Promise.all([1, 2, 3].map((n) => api('PATCH', `${API}/risks/${r.id}`, { body: { treatment_plan: `plan ${n}`, version: 2 } })));
  assert.deepEqual(racers.map((x) => x.status).sort(), [200, 409, 409]);
});

test('acceptance: within appetite the CISO, above it only the CEO, with expiry', async () => {
  const low = method.levels.findIndex((l) => l.rank <= method.appetite_rank);
  assert.ok(low >= 0);
  // Residual 1/1 is the lowest cell: within any sane appetite.
  const within = await createRisk({ residual: rating(1, 1), treatment: 'accept' });
  assert.equal(within.flags.needs_acceptance, true);
  let res = await api('POST', `${API}/risks/${within.id}/accept`, { body: { version: within.version, justification: 'Low residual' } });
  expectStatus(res, 200, 'CISO accepts within appetite');
  assert.equal(res.json.acceptance.level_rank, within.residual.level.rank);
  assert.equal(res.json.flags.needs_acceptance, false);
  const expires = new Date(res.json.acceptance.expires_on);
  const months = (expires - Date.now()) / (30.44 * 86400e3);
  assert.ok(months > method.acceptance_validity_months - 1 && months < method.acceptance_validity_months + 1, `default expiry ${res.json.acceptance.expires_on}`);

  // Residual 5/5 is the highest cell: above the appetite.
  const high = await createRisk({ inherent: rating(5, 5, 5), residual: rating(5, 5), treatment: 'accept' });
  assert.equal(high.flags.above_appetite, true);
  res = await api('POST', `${API}/risks/${high.id}/accept`, { body: { version: high.version, justification: 'We live with it' } });
  const e = expectError(res, 403, 'forbidden', undefined, 'CISO above appetite');
  assert.match(e.message, /ceo|CEO|top management/, 'the refusal names who may accept');
  res = await api('POST', `${API}/risks/${high.id}/accept`, { body: { version: high.version, justification: 'x' }, token: employee.token });
  assert.equal(res.status, 403, 'employee cannot even read risks');
  res = await api('POST', `${API}/risks/${high.id}/accept`, { body: { version: high.version, justification: 'Board decision', expires_on: '2099-01-01' }, token: ceo.token });
  expectError(res, 422, 'invalid', 'expires_on', 'more than 36 months ahead');
  res = await api('POST', `${API}/risks/${high.id}/accept`, { body: { version: high.version, justification: 'Board decision' }, token: ceo.token });
  expectStatus(res, 200, 'CEO accepts above appetite');
  assert.equal(res.json.acceptance.accepted_by_person_id, ceo.person.id);
  assert.equal(res.json.acceptance.accepted_by_role, 'ceo');
  const accepted = res.json;
  const entries = await ledgerAll(high.id);
  assert.ok(entries.some((x) => x.action === 'risk.accept'));

  res = await api('POST', `${API}/risks/${high.id}/revoke-acceptance`, { body: { version: accepted.version, reason: 'New facts' } });
  expectStatus(res, 200, 'revoke');
  assert.equal(res.json.acceptance, null);
});

test('heat map and summary move with the register; cell filter lists exactly that cell', async () => {
  const before = await heat('residual');
  assert.equal(before.counts.length, before.method.likelihood.length);
  const l = 3;
  const i = 2;
  const r = await createRisk({ residual: rating(l, 0, i) });
  const after = await heat('residual');
  assert.equal(after.counts[l - 1][i - 1], before.counts[l - 1][i - 1] + 1, 'the cell gained one');
  assert.equal(after.total, before.total + 1);

  const inh = await heat('inherent');
  assert.equal(inh.basis, 'inherent');

  let res = await api('GET', `${API}/risks?cell=residual:${l}:${i}&limit=500`);
  expectStatus(res, 200, 'cell filter');
  assert.ok(res.json.items.some((x) => x.id === r.id));
  for (const x of res.json.items) {
    assert.equal(x.residual.likelihood, l);
    assert.equal(x.residual.impact_level, i);
  }
  res = await api('GET', `${API}/risks/summary`);
  expectStatus(res, 200, 'summary');
  assert.equal(typeof res.json.above_appetite, 'number');
  assert.ok(res.json.above_appetite >= 1, 'the 5/5 risk above');
  assert.ok(Array.isArray(res.json.top_owners));
  assert.ok(res.json.top_risks.length >= 1);
  const ranks = res.json.top_risks.map((x) => x.residual.level.rank);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a), 'top risks by residual level');

  // Archiving takes it off the map.
  res = await api('POST', `${API}/risks/${r.id}/archive`, { body: { version: r.version, reason: 'duplicate' } });
  expectStatus(res, 200, 'archive');
  const gone = await heat('residual');
  assert.equal(gone.counts[l - 1][i - 1], before.counts[l - 1][i - 1]);
});

test('list: paging without gaps, sorts, filters, bad parameters', async () => {
  const mine = [];
  for (let n = 0; n < 7; n++) mine.push(await createRisk({ title: `${tag} page ${String(n).padStart(2, '0')}` }));
  const seen = [];
  let cursor;
  for (let page = 0; page < 10; page++) {
    const res = await api('GET', `${API}/risks${qs({ q: `${tag} page`, limit: 3, sort: 'title', cursor, include_total: true })}`);
    expectStatus(res, 200, `page ${page}`);
    assert.equal(res.json.total, 7);
    seen.push(...res.json.items.map((x) => x.title));
    cursor = res.json.next_cursor;
    if (!cursor) break;
  }
  assert.deepEqual(seen, mine.map((r) => r.title), 'all seven, in title order, once each');
  let res = await api('GET', `${API}/risks${qs({ q: `${tag} page`, sort: '-title' })}`);
  assert.deepEqual(res.json.items.map((x) => x.title), mine.map((r) => r.title).reverse());
  res = await api('GET', `${API}/risks${qs({ q: tag, sort: '-residual_level', limit: 500 })}`);
  const levels = res.json.items.map((x) => x.residual.level.rank);
  assert.deepEqual(levels, [...levels].sort((a, b) => b - a));
  res = await api('GET', `${API}/risks${qs({ asset_id: asset.id, limit: 500 })}`);
  assert.ok(res.json.items.length >= 7 && res.json.items.every((x) => x.asset_ids.includes(asset.id)));
  res = await api('GET', `${API}/risks${qs({ treatment: 'accept', limit: 500 })}`);
  assert.ok(res.json.items.every((x) => x.treatment === 'accept'));
  res = await api('GET', `${API}/risks${qs({ above_appetite: true, limit: 500 })}`);
  assert.ok(res.json.items.length >= 1 && res.json.items.every((x) => x.flags.above_appetite));

  res = await api('GET', `${API}/risks?colour=red`);
  expectError(res, 400, 'malformed', 'colour', 'unknown parameter');
  res = await api('GET', `${API}/risks?limit=0`);
  expectError(res, 400, 'malformed', 'limit');
  res = await api('GET', `${API}/risks?sort=likelihood`);
  expectError(res, 400, 'malformed', 'sort');
  res = await api('GET', `${API}/risks?cursor=garbage`);
  assert.equal(res.status, 400);
  res = await api('GET', `${API}/risks?cell=residual:9:1`);
  assert.ok([400, 422].includes(res.status), res.text);
  res = await api('GET', `${API}/risks?q=${'x'.repeat(201)}`);
  assert.ok([400, 422].includes(res.status), res.text);
});

test('permissions: employees do not read risks; auditors read but do not write', async () => {
  let res = await api('GET', `${API}/risks`, { token: employee.token });
  expectError(res, 403, 'forbidden');
  res = await api('GET', `${API}/risks/heat-map`, { token: employee.token });
  expectStatus(res, 403);
  res = await api('GET', `${API}/risks`, { token: ceo.token });
  expectStatus(res, 200, 'CEO reads');
  res = await api('POST', `${API}/risks`, { body: {}, token: ceo.token });
  expectStatus(res, 403, 'CEO does not write the register');
});

test('register export: XLSX with the four sheets and PDF', async () => {
  let res = await raw('GET', `${API}/risks/export?format=xlsx`);
  expectStatus(res, 200, 'xlsx');
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="risk-register[^"]*\.xlsx"/);
  assert.equal(res.bytes.subarray(0, 2).toString(), 'PK');
  const book = readXlsx(res.bytes);
  assert.deepEqual(book.sheets, ['Method', 'Register', 'Inherent matrix', 'Residual matrix']);
  assert.ok(book.text.includes(tag), 'the register lists this file\'s risks');
  res = await raw('GET', `${API}/risks/export?format=pdf`);
  expectStatus(res, 200, 'pdf');
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.equal(res.bytes.subarray(0, 5).toString(), '%PDF-');
  res = await api('GET', `${API}/risks/export?format=docx`);
  assert.ok([400, 422].includes(res.status));
});

test('method: invalid proposals named, preview changes nothing, new version never rescales silently', async () => {
  const { number, created_by, created_at, appetite_level, ...writable } = method;
  void created_by; void created_at; void appetite_level;
  let res = await api('POST', `${API}/risk-method/preview`, { body: { method: { ...writable, grid: writable.grid.map((row, l) => (l === 4 ? row.map(() => 0) : row)) } } });
  expectError(res, 422, 'invalid', undefined, 'non-monotone grid');
  assert.ok(res.json.error.details.some((d) => d.field.startsWith('grid')), res.text);
  res = await api('POST', `${API}/risk-method/preview`, { body: { method: { ...writable, likelihood: writable.likelihood.slice(0, 2) } } });
  expectError(res, 422, 'invalid', undefined, 'two likelihood levels');

  // Four likelihood levels instead of five: a map is required.
  const four = {
    ...writable,
    likelihood: writable.likelihood.slice(0, 4).map((s, n) => ({ ...s, value: n + 1 })),
    grid: writable.grid.slice(0, 4),
    change_note: 'Fewer likelihood steps',
  };
  res = await api('POST', `${API}/risk-method/preview`, { body: { method: four } });
  expectError(res, 422, 'invalid', 'likelihood_map', 'size change without map');
  const map = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 4 };
  res = await api('POST', `${API}/risk-method/preview`, { body: { method: four, likelihood_map: map } });
  expectStatus(res, 200, 'preview');
  assert.equal(res.json.proposed.number, number + 1);
  assert.ok(res.json.changed_count >= 1, 'risks at likelihood 5 change');
  for (const c of res.json.changed) {
    if (c.residual.likelihood_before === 5) assert.equal(c.residual.likelihood_after, 4);
  }
  let cur = await api('GET', `${API}/risk-method`);
  assert.equal(cur.json.number, number, 'preview stored nothing');

  res = await api('POST', `${API}/risk-method`, { body: { method: four, likelihood_map: map, expected_number: number + 1, rerate: false } });
  expectError(res, 409, 'conflict', undefined, 'expected_number not the current one');
  res = await api('POST', `${API}/risk-method`, { body: { method: four, likelihood_map: map, expected_number: number, rerate: false }, token: ceo.token });
  expectStatus(res, 403, 'CEO lacks risks:method');
  res = await api('POST', `${API}/risk-method`, { body: { method: four, likelihood_map: map, expected_number: number, rerate: false } });
  expectStatus(res, 201, 'save without rerate');
  assert.equal(res.json.number, number + 1);
  cur = await api('GET', `${API}/risk-method`);
  assert.equal(cur.json.likelihood.length, 4);
  const list = await api('GET', `${API}/risks${qs({ q: tag, limit: 5 })}`);
  for (const r of list.json.items) {
    assert.equal(r.method_number, number, 'old risks stay on their method');
    assert.equal(r.flags.rated_under_old_method, true);
  }
  const hm = await heat('residual');
  assert.equal(hm.counts.length, 4, 'the map uses the current method');
  assert.ok(hm.rated_under_old_methods >= 1);
  res = await api('GET', `${API}/risk-method/versions`);
  assert.ok(res.json.items.length >= 2);
  res = await api('GET', `${API}/risk-method/versions/${number}`);
  assert.equal(res.json.likelihood.length, 5, 'the old version is kept unchanged');

  // Back to five levels, re-rating everything.
  res = await api('POST', `${API}/risk-method`, {
    body: { method: { ...writable, change_note: 'Back to five' }, likelihood_map: { 1: 1, 2: 2, 3: 3, 4: 4 }, expected_number: number + 1, rerate: true },
  });
  expectStatus(res, 201, 'save with rerate');
  const again = await api('GET', `${API}/risks${qs({ q: tag, limit: 5 })}`);
  for (const r of again.json.items) {
    assert.equal(r.method_number, number + 2, 'rerated to the newest method');
    assert.equal(r.flags.rated_under_old_method, false);
  }
  const entries = await ledgerAll(again.json.items[0].id);
  assert.ok(entries.some((x) => x.action === 'risk.rerate'));
});
