// Controls and evidence — docs/api.md "Controls and evidence": controls with requirements
// from the catalogue, the risks they treat, effectiveness checks, confidential controls
// (hidden from those without confidential:read, description sealed at rest), evidence files
// (content-addressed, size- and type-checked, sealed for confidential controls) and links,
// validity, and the ledger (hashes, never file content).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import {
  api, raw, API, uniq, expectStatus, expectError, createAsset, newUser, cliToken, ledgerAll, qs,
  DATA_DIR, ENGINE,
} from './helpers.mjs';

const tag = uniq('ctl');
let employee;
let auditor;

async function createControl(extra = {}) {
  const res = await api('POST', `${API}/controls`, {
    body: { title: `${tag} ${uniq('c')}`, status: 'implemented', requirement_keys: ['iso27001-2022:A.5.15'], ...extra },
  });
  expectStatus(res, 201, 'create control');
  return res.json.control;
}

function upload(controlId, bytes, params) {
  return raw('POST', `${API}/controls/${controlId}/evidence${qs(params)}`, {
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) },
    body: bytes,
  });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test('setup', async () => {
  const e = await newUser({ roleKeys: ['employee'], login: false });
  employee = { token: cliToken(e.username) };
  const future = new Date(Date.now() + 7 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const a = await newUser({ roleKeys: ['auditor'], login: false, accessExpiresAt: future });
  auditor = { token: cliToken(a.username, { scope: 'read' }) };
});

test('a control: ref, requirements, risks it treats, check, ledger', async () => {
  const c = await createControl({ description: 'Quarterly access review', check_interval_months: 3, next_check_on: '2026-01-31' });
  assert.match(c.ref, /^C-\d{4,}$/);
  assert.deepEqual(c.requirement_keys, ['iso27001-2022:A.5.15']);
  assert.equal(c.check_overdue, new Date().toISOString().slice(0, 10) > '2026-01-31');
  assert.equal(c.evidence_count, 0);

  const asset = await createAsset({ name: `${tag} Directory` });
  const threat = (await api('GET', `${API}/threats`)).json.items[0];
  const vuln = (await api('GET', `${API}/vulnerabilities`)).json.items[0];
  const rating = { likelihood: 3, impact: { confidentiality: 3, integrity: 0, availability: 0, authenticity: 0 } };
  let res = await api('POST', `${API}/risks`, {
    body: { title: `${tag} risk`, asset_ids: [asset.id], threat_id: threat.id, vulnerability_id: vuln.id, inherent: rating, residual: rating, treatment: 'mitigate', control_ids: [c.id] },
  });
  expectStatus(res, 201, 'risk with control');
  assert.equal(res.json.flags.mitigation_without_controls, false);
  const riskId = res.json.id;
  res = await api('GET', `${API}/controls/${c.id}`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.control.risk_ids, [riskId], 'the control knows the risk it treats');
  res = await api('GET', `${API}/controls${qs({ risk_id: riskId })}`);
  assert.deepEqual(res.json.items.map((x) => x.id), [c.id]);
  res = await api('GET', `${API}/controls${qs({ requirement: 'iso27001-2022:A.5.15', q: tag, limit: 500 })}`);
  assert.ok(res.json.items.some((x) => x.id === c.id));

  res = await api('POST', `${API}/controls/${c.id}/check`, { body: { version: c.version, note: 'Sampled 10 accounts', checked_on: '2026-11-01' } });
  expectStatus(res, 200, 'record check');
  assert.equal(res.json.control.last_checked_on, '2026-11-01');
  assert.equal(res.json.control.next_check_on, '2027-02-01', 'moves by the interval');
  const actions = (await ledgerAll(c.id)).map((e) => e.action);
  assert.ok(actions.includes('control.create') && actions.includes('control.check'), actions.join());
});

test('bad control bodies are named; unknown requirement; customer_data not allowed', async () => {
  const cases = [
    [{ title: 'x', requirement_keys: ['iso27001-2022:A.99.1'] }, 'requirement_keys[0]'],
    [{ title: 'x', status: 'done' }, 'status'],
    [{ title: 'x', classification: 'customer_data' }, 'classification'],
    [{ title: 'x', evidence_count: 3 }, 'evidence_count'],
    [{ title: 'x', check_interval_months: 0 }, 'check_interval_months'],
    [{ title: '' }, 'title'],
  ];
  for (const [body, field] of cases) {
    const res = await api('POST', `${API}/controls`, { body });
    assert.ok([400, 422].includes(res.status), `${field}: ${res.text}`);
    const e = res.json.error;
    assert.ok(e.field === field || (e.details || []).some((d) => d.field === field), `names ${field}: ${res.text}`);
  }
  const res = await api('GET', `${API}/controls?stat=planned`);
  expectError(res, 400, 'malformed', 'stat');
});

test('confidential controls: hidden from employees, description sealed at rest', async () => {
  const secret = uniq('SECRETCTL');
  const c = await createControl({ classification: 'confidential', description: `${secret} firewall rules` });
  let res = await api('GET', `${API}/controls${qs({ q: tag, limit: 500 })}`);
  const item = res.json.items.find((x) => x.id === c.id);
  assert.ok(item, 'the CISO (confidential:read) lists it');
  assert.equal(item.description, null);
  assert.equal(item.content_hidden, true);
  res = await api('GET', `${API}/controls/${c.id}`);
  assert.match(res.json.control.description, new RegExp(secret));
  res = await api('GET', `${API}/controls/${c.id}`, { token: auditor.token });
  expectStatus(res, 200, 'auditor reads confidential');
  res = await api('GET', `${API}/controls/${c.id}`, { token: employee.token });
  assert.equal(res.status, 403, 'employees lack controls:read');

  if (ENGINE === 'sqlite' && DATA_DIR) {
    for (const f of readdirSync(DATA_DIR).filter((n) => n.startsWith('isms.db'))) {
      const bytes = readFileSync(join(DATA_DIR, f));
      assert.equal(bytes.indexOf(Buffer.from(secret)), -1, `${secret} in plain text in ${f}`);
    }
  }
  const actions = (await ledgerAll(c.id)).map((e) => e.action);
  assert.ok(actions.includes('control.read'), 'single reads of confidential content are recorded');
});

test('evidence files: stored, read back, content-addressed, validity, bad files refused', async () => {
  const c = await createControl();
  let res = await upload(c.id, PDF, { title: 'Access review report', file_name: 'review Q3.pdf', valid_from: '2026-01-01', valid_until: '2026-03-31' });
  expectStatus(res, 201, 'upload');
  const ev = JSON.parse(res.text);
  assert.equal(ev.kind, 'file');
  assert.equal(ev.media_type, 'application/pdf');
  assert.equal(ev.size, PDF.length);
  assert.equal(ev.sha256, createHash('sha256').update(PDF).digest('hex'));
  assert.equal(ev.state, new Date().toISOString().slice(0, 10) > '2026-03-31' ? 'expired' : 'valid');
  res = await raw('GET', `${API}/evidence/${ev.id}/file`);
  expectStatus(res, 200, 'download');
  assert.ok(res.bytes.equals(PDF), 'same bytes back');
  assert.match(res.headers.get('content-disposition'), /attachment/);

  res = await upload(c.id, PDF, { title: 'Same file again', file_name: 'copy.pdf' });
  expectStatus(res, 201, 'same content again');
  assert.equal(JSON.parse(res.text).sha256, ev.sha256);

  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
  res = await upload(c.id, elf, { title: 'tool', file_name: 'report.pdf' });
  expectError(res, 415, 'unsupported_media_type', undefined, 'an executable named .pdf');
  res = await upload(c.id, Buffer.from('#!/bin/sh\nrm -rf /\n'), { title: 'script', file_name: 'notes.txt' });
  expectStatus(res, 415, 'a shell script');
  res = await upload(c.id, Buffer.alloc(26 * 1024 * 1024, 0x41), { title: 'big', file_name: 'big.txt' });
  expectStatus(res, 413, 'over 25 MiB');
  res = await upload(c.id, PDF, { file_name: 'x.pdf' });
  expectStatus(res, 201, 'no title: the file name is the title');
  assert.equal(JSON.parse(res.text).title, 'x.pdf');
  res = await upload(c.id, PDF, { title: 'no name' });
  assert.equal(res.status, 422, 'file_name required');
  await api('POST', `${API}/evidence/${JSON.parse((await upload(c.id, PDF, { title: 'tmp', file_name: 't.pdf' })).text).id}/archive`, { body: { version: 1 } });

  res = await api('POST', `${API}/controls/${c.id}/evidence`, { body: { kind: 'link', title: 'Wiki page', url: 'https://wiki.example.test/access' } });
  expectStatus(res, 201, 'link');
  assert.equal(res.json.kind, 'link');
  res = await api('POST', `${API}/controls/${c.id}/evidence`, { body: { kind: 'link', title: 'x', url: 'javascript:alert(1)' } });
  expectError(res, 422, 'invalid', 'url');
  res = await api('POST', `${API}/controls/${c.id}/evidence`, { body: { kind: 'link', title: 'x', url: 'https://x.test', valid_from: '2026-05-01', valid_until: '2026-04-01' } });
  assert.equal(res.status, 422, 'valid_until before valid_from');

  res = await api('GET', `${API}/controls/${c.id}/evidence`);
  expectStatus(res, 200);
  assert.equal(res.json.items.length, 4, 'two uploads of the review, x.pdf, the link');
  const got = await api('GET', `${API}/controls/${c.id}`);
  assert.equal(got.json.control.evidence_count, 4);
  res = await api('POST', `${API}/evidence/${ev.id}/archive`, { body: { version: ev.version } });
  expectStatus(res, 200, 'archive evidence');
  res = await api('GET', `${API}/controls/${c.id}/evidence`);
  assert.equal(res.json.items.length, 3);

  const entries = await ledgerAll(ev.id);
  const add = entries.find((e) => e.action === 'evidence.add');
  assert.ok(add, 'evidence.add in the ledger');
  assert.ok(JSON.stringify(add).includes(ev.sha256));
  assert.ok(!JSON.stringify(add).includes('%PDF'), 'never the content');
});

test('evidence of a confidential control is sealed at rest', async () => {
  if (ENGINE !== 'sqlite' || !DATA_DIR || !existsSync(join(DATA_DIR, 'isms.db'))) return;
  const c = await createControl({ classification: 'confidential' });
  const marker = uniq('EVIDENCEMARKER');
  const res = await upload(c.id, Buffer.from(`${marker} firewall export\n`), { title: 'export', file_name: 'fw.txt' });
  expectStatus(res, 201);
  for (const f of readdirSync(DATA_DIR).filter((n) => n.startsWith('isms.db'))) {
    assert.equal(readFileSync(join(DATA_DIR, f)).indexOf(Buffer.from(marker)), -1, `plain evidence in ${f}`);
  }
  const back = await raw('GET', `${API}/evidence/${JSON.parse(res.text).id}/file`);
  assert.ok(back.text.startsWith(marker));
});

test('list: paging, sorts, filters; archive', async () => {
  const mine = [];
  for (let n = 0; n < 5; n++) mine.push(await createControl({ title: `${tag} list ${n}`, status: n % 2 ? 'planned' : 'implemented' }));
  const seen = [];
  let cursor;
  for (let i = 0; i < 10; i++) {
    const res = await api('GET', `${API}/controls${qs({ q: `${tag} list`, limit: 2, sort: 'title', cursor, include_total: true })}`);
    expectStatus(res, 200);
    assert.equal(res.json.total, 5);
    seen.push(...res.json.items.map((x) => x.title));
    cursor = res.json.next_cursor;
    if (!cursor) break;
  }
  assert.deepEqual(seen, mine.map((c) => c.title));
  let res = await api('GET', `${API}/controls${qs({ q: `${tag} list`, status: 'planned' })}`);
  assert.equal(res.json.items.length, 2);
  res = await api('POST', `${API}/controls/${mine[0].id}/archive`, { body: { version: mine[0].version, reason: 'replaced' } });
  expectStatus(res, 200);
  res = await api('GET', `${API}/controls${qs({ q: `${tag} list` })}`);
  assert.equal(res.json.items.length, 4);
  res = await api('PATCH', `${API}/controls/${mine[1].id}`, { body: { status: 'implemented' } });
  expectError(res, 422, 'invalid', 'version');
});
