// Documents — docs/api.md "Documents": importing the sample policy with its exact
// metadata, sections, citations and the one warning; the workflow draft -> in review ->
// approved (by the information owner only) -> published -> superseded, each step in the
// ledger; diff; PDF with text that comes back out; acknowledgement; classification-aware
// reads; bad input that leaves nothing half-imported.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { api, raw, API, uniq, expectStatus, newUser, cliToken, ledgerAll } from './helpers.mjs';

const POLICY = readFileSync(new URL('../fixtures/information-security-policy.txt', import.meta.url), 'utf8');

let ceo; // request options of a CEO (token)
let employee; // { person, options }
let policy; // the imported policy's GET body

const ISO_CLAUSES = ['4.3', '5.1', '5.2'];
const ANNEX_A = ['5.1', '5.2', '5.4', '5.10', '5.12', '5.14', '5.15', '5.19', '5.20', '5.23', '5.32', '5.34',
  '6.7', '7.7', '7.10', '8.1', '8.8', '8.13', '8.15', '8.24'];
const NIS = ['1.1', '1.2', '3.2', '4.2', '5.1', '5.2', '6.1', '6.9', '6.10', '9', '11.1', '12.2', '12.3'];

function sortKeys(keys) {
  return [...new Set(keys)].sort();
}

async function importFiles(files, opts = {}) {
  return api('POST', `${API}/documents/import`, { body: { files }, ...opts });
}

async function getDoc(id, opts = {}) {
  const res = await api('GET', `${API}/documents/${id}`, opts);
  expectStatus(res, 200, `document ${id}`);
  return res.json;
}

async function step(id, name, body, opts = {}) {
  return api('POST', `${API}/documents/${id}/${name}`, { body, ...opts });
}

async function documentCount() {
  const res = await api('GET', `${API}/documents?archived=all`);
  expectStatus(res, 200);
  return res.json.items.length;
}

before(async () => {
  const c = await newUser({ roleKeys: ['ceo'], login: false });
  ceo = { token: cliToken(c.username) };
  const e = await newUser({ roleKeys: ['employee'], login: false });
  employee = { person: e.person, options: { token: cliToken(e.username) } };
});

test('the sample policy imports with its metadata, sections, citations and one warning', async () => {
  const res = await importFiles([{ name: 'information-security-policy.txt', content: POLICY }]);
  assert.ok([200, 201].includes(res.status), `${res.status} ${res.text}`);
  assert.equal(res.json.items.length, 1);
  const outcome = res.json.items[0];
  assert.equal(outcome.action, 'created');
  policy = await getDoc(outcome.document_id);
  const { document: doc, latest: v } = policy;
  assert.equal(doc.title, 'Information Security Policy');
  assert.equal(doc.kind, 'policy');
  assert.equal(doc.classification, 'public');
  assert.equal(doc.information_owner, 'CEO');
  assert.equal(doc.owner_role_key, 'ceo');
  assert.equal(v.status, 'draft');
  assert.equal(v.last_update, '2025-02-07');
  assert.equal(v.author, 'CISO');
  assert.equal(v.label, '3.1');
  assert.deepEqual(v.change_log.map((c) => [c.version, c.date, c.author]), [
    ['1.0', '2022-11-16', 'CISO'], ['2.0', '2024-03-05', 'CISO'],
    ['3.0', '2025-02-07', 'Hans Olof Edblom'], ['3.1', null, 'Hans Olof Edblom']]);
  assert.equal(v.change_log[0].changes, 'Initial release of previous document');
  assert.match(v.change_log[1].changes, /^Implemented the new template added Purpose Section\./);
  assert.equal(v.change_log[3].changes, 'Added ISO-references to headers.');

  const numbered = v.sections.filter((s) => s.number).map((s) => s.number);
  for (const n of ['1', '2', '3', '4', '5', '6', '7', '8', ...Array.from({ length: 15 }, (_, i) => `8.${i + 1}`)]) {
    assert.ok(numbered.includes(n), `section ${n}`);
  }
  const title = (n) => v.sections.find((s) => s.number === n).title;
  assert.equal(title('1'), 'Definition and purpose');
  assert.equal(title('8.4'), 'Information Security in Supplier Relationships');
  assert.equal(title('8.15'), 'Use of Cryptography');

  const keys = v.citations.map((c) => c.key);
  assert.deepEqual(sortKeys(keys), sortKeys([
    ...ISO_CLAUSES.map((c) => `iso27001-2022:${c}`),
    ...ANNEX_A.map((c) => `iso27001-2022:A.${c}`),
    ...NIS.map((c) => `nis2-2024-2690:${c}`)]));
  const sectionsOf = (key) => sortKeys(v.citations.filter((c) => c.key === key).map((c) => c.section_number));
  assert.deepEqual(sectionsOf('iso27001-2022:A.5.19'), ['8.4']);
  assert.deepEqual(sectionsOf('nis2-2024-2690:5.1'), ['8.4']);
  assert.deepEqual(sectionsOf('iso27001-2022:4.3'), ['2']);
  assert.deepEqual(sectionsOf('iso27001-2022:A.5.4'), ['3']);
  assert.deepEqual(sectionsOf('nis2-2024-2690:9'), ['8.15']);
  assert.deepEqual(v.warnings.map((w) => [w.raw, w.suggestion]), [['ISO27001 5.4', 'iso27001-2022:A.5.4']]);
  assert.equal(outcome.citations, v.citations.length);
});

test('workflow: submit, only the information owner approves, publish, new version, diff; all in the ledger', async () => {
  const id = policy.document.id;
  let v = policy.latest;
  // Ask for acknowledgement before submitting.
  let res = await api('PATCH', `${API}/documents/${id}`, { body: { version: v.version, requires_acknowledgement: true, review_interval_months: 12 } });
  expectStatus(res, 200, 'patch draft');
  v = res.json.latest;
  res = await step(id, 'approve', { version: v.version }, ceo);
  assert.equal(res.status, 409, 'a draft cannot be approved');
  res = await step(id, 'submit', { version: v.version });
  expectStatus(res, 200, 'submit');
  v = res.json.latest;
  assert.equal(v.status, 'in_review');
  res = await api('PATCH', `${API}/documents/${id}`, { body: { version: v.version, title: 'x' } });
  assert.equal(res.status, 409, 'only drafts are editable');
  res = await step(id, 'approve', { version: v.version });
  assert.equal(res.status, 403, 'the CISO is not the information owner');
  assert.match(res.text, /CEO|ceo/);
  res = await step(id, 'approve', { version: v.version }, ceo);
  expectStatus(res, 200, 'CEO approves');
  v = res.json.latest;
  assert.equal(v.status, 'approved');
  assert.ok(v.approved_by);
  res = await step(id, 'publish', { version: v.version - 1 });
  assert.equal(res.status, 409, 'stale version');
  res = await step(id, 'publish', { version: v.version });
  expectStatus(res, 200, 'publish');
  const published = res.json;
  assert.equal(published.latest.status, 'published');
  assert.equal(published.document.published_label, '3.1');
  assert.match(published.document.next_review_date, /^\d{4}-\d{2}-\d{2}$/);

  res = await step(id, 'new-version', {});
  expectStatus(res, 200, 'new version');
  let draft = res.json.latest;
  assert.equal(draft.status, 'draft');
  assert.equal(draft.label, '3.2');
  assert.equal(draft.body, published.latest.body);
  res = await step(id, 'new-version', {});
  assert.equal(res.status, 409, 'one open version at a time');
  const body = draft.body.replace('Information security refers to', 'Information security (in short: infosec) refers to') +
    '\n\n## 9 Exceptions [ISO27002 A5.1]\n\nExceptions are requested from the CISO.\n';
  res = await api('PATCH', `${API}/documents/${id}`, { body: { version: draft.version, body } });
  expectStatus(res, 200, 'edit new draft');
  draft = res.json.latest;
  assert.ok(draft.sections.some((s) => s.number === '9' && s.title === 'Exceptions'));

  res = await api('GET', `${API}/documents/${id}/diff?from=${published.latest.id}&to=${draft.id}`);
  expectStatus(res, 200, 'diff');
  assert.ok(res.json.fields.some((f) => f.field === 'label' && f.before === '3.1' && f.after === '3.2'));
  assert.ok(res.json.lines.some((l) => l.op === '+' && l.text.includes('## 9 Exceptions')));
  assert.ok(res.json.lines.some((l) => l.op === '-' && l.text.includes('Information security refers to')));
  assert.ok(res.json.added >= 3 && res.json.removed >= 1);

  res = await api('GET', `${API}/documents/${id}/versions`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.items.map((x) => [x.number, x.status]), [[1, 'published'], [2, 'draft']]);
  assert.equal(res.json.items[0].body ?? '', '', 'history list carries no body');

  const actions = (await ledgerAll(id)).map((e) => e.action);
  for (const a of ['document.import', 'document.update', 'document.submit', 'document.approve', 'document.publish', 'document.new_version']) {
    assert.ok(actions.includes(a), `${a} in the ledger: ${actions.join(',')}`);
  }
});

test('the policy renders to PDF whose text comes back out with pdftotext', async () => {
  const id = policy.document.id;
  const res = await raw('GET', `${API}/documents/${id}/render?format=pdf&version=${policy.latest.id}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /application\/pdf/);
  assert.match(res.headers.get('content-disposition') || '', /attachment; filename=".*\.pdf"/);
  const bytes = res.bytes;
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'isms-pdf-'));
  writeFileSync(join(dir, 'p.pdf'), bytes);
  const out = spawnSync('pdftotext', ['-layout', join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const pages = out.stdout.split('\f').filter((p) => p.trim());
  assert.ok(pages.length > 2, `pages: ${pages.length}`);
  for (const [i, page] of pages.entries()) {
    assert.match(page, /PUBLIC/, `classification on page ${i + 1}`);
    assert.match(page, new RegExp(`Page ${i + 1} of ${pages.length}`), `page number on page ${i + 1}`);
  }
  const text = out.stdout.replace(/\s+/g, ' ');
  for (const s of ['Information Security Policy', 'Information Security in Supplier Relationships', 'Initial release of previous document', 'A5.19', 'Use of Cryptography']) {
    assert.ok(text.includes(s), `${s} in the PDF text`);
  }
  const html = await raw('GET', `${API}/documents/${id}/render?format=html`);
  assert.equal(html.status, 200);
  assert.match(html.headers.get('content-type'), /text\/html/);
  assert.match(html.text, /class="citation"/);
});

test('acknowledgement: the employee sees the pending policy, accepts it, the rate moves', async () => {
  const id = policy.document.id;
  let res = await api('GET', `${API}/me/acknowledgements`, employee.options);
  expectStatus(res, 200);
  assert.ok(res.json.items.some((a) => a.document_id === id), 'pending for the employee');
  res = await api('GET', `${API}/documents/${id}/acknowledgements`);
  expectStatus(res, 200);
  const before = res.json;
  const me = before.persons.find((p) => p.person_id === employee.person.id);
  assert.ok(me && me.acknowledged_at === null);
  res = await api('POST', `${API}/documents/${id}/remind`, { body: {} });
  expectStatus(res, 200, 'remind');
  assert.ok(res.json.items.some((a) => a.person_id === employee.person.id && a.reminder_count === 1));
  res = await step(id, 'acknowledge', {}, employee.options);
  expectStatus(res, 200, 'acknowledge');
  assert.equal(res.json.acknowledged, before.acknowledged + 1);
  assert.ok(res.json.completion_rate > before.completion_rate);
  res = await api('GET', `${API}/me/acknowledgements`, employee.options);
  assert.ok(!res.json.items.some((a) => a.document_id === id), 'no longer pending');
  res = await step(id, 'acknowledge', {}, employee.options);
  expectStatus(res, 200, 'acknowledging twice is harmless');
  res = await step(id, 'submit', { version: 1 }, employee.options);
  assert.equal(res.status, 403, 'employees do not write documents');
});

test('a confidential document is invisible to an employee (404, not listed)', async () => {
  const title = uniq('Confidential procedure ');
  let res = await api('POST', `${API}/documents`, { body: { kind: 'procedure', title, classification: 'confidential', body: '## 1 Keys [ISO27002 A8.24]\n\nSecret steps.\n' } });
  expectStatus(res, 201, 'create confidential');
  const id = res.json.document.id;
  assert.deepEqual(res.json.latest.citations.map((c) => c.key), ['iso27001-2022:A.8.24']);
  res = await api('GET', `${API}/documents/${id}`, employee.options);
  assert.equal(res.status, 404);
  res = await api('GET', `${API}/documents?q=${encodeURIComponent(title)}`, employee.options);
  expectStatus(res, 200);
  assert.equal(res.json.items.length, 0);
  res = await api('GET', `${API}/documents?q=${encodeURIComponent(title)}`);
  assert.equal(res.json.items.length, 1);
  const entries = await ledgerAll(id);
  assert.ok(!JSON.stringify(entries).includes('Secret steps'), 'ledger never holds confidential text');
});

test('bad imports are refused naming the file, and nothing is stored', async () => {
  const before = await documentCount();
  const good = { name: 'ok.md', content: '---\ntitle: "Good"\nclassification: internal\n---\n## 1 Scope\n\nText.\n' };
  const cases = [
    [{ name: 'bin.txt', content: '%PDF-1.7\u0000\u0001\u0002' }, /binary|NUL|PDF/i],
    [{ name: 'empty.txt', content: '' }, /empty/i],
    [{ name: 'fm.md', content: '---\n- a\n- b\n---\nbody\n' }, /front.?matter/i],
    [{ name: 'types.md', content: '---\ntitle: "T"\nreview_interval_months: abc\n---\nx\n' }, /review_interval_months/],
    [{ name: 'date.md', content: '---\ntitle: "T"\nlast_update: "2025-02-30"\n---\nx\n' }, /last_update/],
    [{ name: 'doc.docx', content: 'PK' }, /format|extension|convert/i],
  ];
  for (const [bad, re] of cases) {
    const res = await importFiles([good, bad]);
    assert.equal(res.status, 422, `${bad.name}: ${res.status} ${res.text}`);
    assert.match(res.text, /files\[1\]/, `${bad.name} names the file`);
    assert.match(res.text, re, bad.name);
  }
  let res = await importFiles('nope');
  assert.equal(res.status, 422);
  res = await api('POST', `${API}/documents/import`, { body: { files: [{ name: 'x.txt', content: 'x'.repeat(3 * 1024 * 1024) }] } });
  assert.ok([413, 422].includes(res.status), `oversized: ${res.status}`);
  // Invalid UTF-8 can only arrive as raw bytes: send the JSON body with a lone 0xff inside a string.
  res = await raw('POST', `${API}/documents/import`, { headers: { 'Content-Type': 'application/json' },
    body: Buffer.concat([Buffer.from('{"files":[{"name":"u.txt","content":"Title\n'), Buffer.from([0xff]), Buffer.from('"}]}')]) });
  assert.ok([400, 422].includes(res.status), `invalid UTF-8: ${res.status}`);
  assert.equal(await documentCount(), before, 'nothing half-imported');
});

test('create and update refuse wrong types and unknown fields naming the field', async () => {
  const cases = [
    [{ kind: 'memo', title: 'x', classification: 'public' }, 'kind'],
    [{ kind: 'policy', title: '', classification: 'public' }, 'title'],
    [{ kind: 'policy', title: 'x', classification: 'secret' }, 'classification'],
    [{ kind: 'policy', title: 'x', classification: 'public', review_interval_months: 0 }, 'review_interval_months'],
    [{ kind: 'policy', title: 'x', classification: 'public', change_log: [{ version: 1 }] }, 'change_log'],
    [{ kind: 'policy', title: 'x', classification: 'public', status: 'published' }, 'status'],
    [{ kind: 'policy', title: 'x', classification: 'public', body: 5 }, 'body'],
  ];
  for (const [body, field] of cases) {
    const res = await api('POST', `${API}/documents`, { body });
    assert.equal(res.status, 422, `${JSON.stringify(body)} -> ${res.status}`);
    assert.match(res.text, new RegExp(field));
  }
});

test('export writes Markdown with front matter that imports back unchanged', async () => {
  let res = await api('GET', `${API}/documents/export`);
  expectStatus(res, 200);
  const file = res.json.files.find((f) => f.content.includes('title: "Information Security Policy"') || f.content.includes('title: Information Security Policy'));
  assert.ok(file, 'the policy is exported');
  assert.match(file.name, /\.md$/);
  assert.match(file.content, /^---\n/);
  res = await importFiles([{ name: file.name, content: file.content }]);
  expectStatus(res, 200, 're-import');
  assert.equal(res.json.items[0].action, 'unchanged');
});
