// Requirements catalogue — docs/api.md "Catalogue": the built-in frameworks and ENISA's
// mapping, browsing and search, CISO Assistant and OSCAL imports that update in place and
// never duplicate, OSCAL export that re-imports to the same content, citation scanning,
// and bad input that is refused with nothing stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, raw, API, uniq, expectStatus, newUser, cliToken } from './helpers.mjs';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const fixture = (name) => readFileSync(new URL(name, FIXTURES));
const ISO_YAML = 'ciso-assistant/iso27001-2022.yaml';
const NIS2_YAML = 'ciso-assistant/annex-nis2-regulation--2024-2690-with-technical-implementation-guidance-by-enisa.yaml';
const MAPPING_YAML = 'ciso-assistant/mapping-annex-technical-and-methodological-requirements-nis2-and-iso27001-2022.yaml';

const enc = encodeURIComponent;

async function importLibrary(format, bytes, extra = '') {
  return raw('POST', `${API}/catalogue/import?format=${format}${extra}`, {
    headers: { 'Content-Type': format === 'oscal' ? 'application/json' : 'application/yaml' },
    body: Buffer.from(bytes),
  });
}

// Number of ledger entries, from the dashboard.
async function ledgerEntries() {
  const res = await api('GET', `${API}/dashboard`);
  expectStatus(res, 200, 'dashboard');
  return res.json.ledger.entries;
}

async function frameworks() {
  const res = await api('GET', `${API}/catalogue/frameworks`);
  expectStatus(res, 200, 'frameworks');
  return res.json.items;
}

async function requirements(id) {
  const res = await api('GET', `${API}/catalogue/frameworks/${enc(id)}/requirements`);
  expectStatus(res, 200, `requirements of ${id}`);
  return res.json.items;
}

test('built-in: ISO/IEC 27001:2022 with clauses and 93 Annex A controls, the 2024/2690 Annex', async () => {
  const fws = await frameworks();
  const iso = fws.find((f) => f.id === 'iso27001-2022');
  const nis = fws.find((f) => f.id === 'nis2-2024-2690');
  assert.ok(iso && nis, 'both built-in frameworks listed');
  assert.equal(iso.urn, 'urn:intuitem:risk:framework:iso27001-2022');
  const isoReqs = await requirements('iso27001-2022');
  const controls = isoReqs.filter((r) => /^A\.[5-8]\.\d+$/.test(r.ref_id));
  assert.equal(controls.length, 93);
  for (const id of ['4.3', '5.2', '6.1.2', '10.2', 'A.5.1', 'A.8.34']) {
    assert.ok(isoReqs.some((r) => r.ref_id === id), `${id} present`);
  }
  const a519 = isoReqs.find((r) => r.ref_id === 'A.5.19');
  assert.equal(a519.key, 'iso27001-2022:A.5.19');
  assert.equal(a519.parent_ref_id, 'A.5');
  assert.match(a519.title, /supplier relationships/i);
  // Tree is consistent: every parent exists, positions strictly increase.
  const ids = new Set(isoReqs.map((r) => r.ref_id));
  for (const r of isoReqs) if (r.parent_ref_id) assert.ok(ids.has(r.parent_ref_id), `${r.ref_id} parent`);
  for (let i = 1; i < isoReqs.length; i++) assert.ok(isoReqs[i].position > isoReqs[i - 1].position);

  const nisReqs = await requirements('nis2-2024-2690');
  for (const id of ['1', '1.1', '1.1.1', '5.2', '6.10', '9', '12.3']) {
    assert.ok(nisReqs.some((r) => r.ref_id === id), `NIS2 ${id} present`);
  }
  assert.match(nis.copyright, /ENISA/);
});

test('requirement detail shows ancestors, children and ENISA mappings both ways', async () => {
  let res = await api('GET', `${API}/catalogue/requirements/${enc('nis2-2024-2690:1.1')}`);
  expectStatus(res, 200);
  assert.equal(res.json.requirement.title.length > 0, true);
  assert.deepEqual(res.json.ancestors.map((r) => r.ref_id), ['1']);
  assert.ok(res.json.children.some((r) => r.ref_id === '1.1.1'));
  const targets = res.json.mappings.filter((m) => m.source === 'nis2-2024-2690:1.1').map((m) => m.target);
  assert.ok(targets.includes('iso27001-2022:A.5.1'), 'NIS2 1.1 -> A.5.1 (ENISA)');
  assert.ok(targets.includes('iso27001-2022:5.2'), 'NIS2 1.1 -> clause 5.2 (ENISA)');

  res = await api('GET', `${API}/catalogue/requirements/${enc('iso27001-2022:A.5.1')}`);
  expectStatus(res, 200);
  const sources = res.json.mappings.filter((m) => m.target === 'iso27001-2022:A.5.1').map((m) => m.source);
  assert.ok(sources.includes('nis2-2024-2690:1.1'), 'reverse direction shown');
  assert.deepEqual(res.json.ancestors.map((r) => r.ref_id), ['A', 'A.5']);

  res = await api('GET', `${API}/catalogue/mappings?framework=nis2-2024-2690&ref=2.1`);
  expectStatus(res, 200);
  assert.ok(res.json.items.some((m) => m.target === 'iso27001-2022:A.5.19'), 'normalised Greek alpha row');

  for (const key of ['iso27001-2022:A.9.9', 'nope:1', 'iso27001-2022']) {
    res = await api('GET', `${API}/catalogue/requirements/${enc(key)}`);
    assert.ok([404, 422].includes(res.status), `${key} -> ${res.status}`);
  }
});

test('search finds requirements case-insensitively and treats wildcards literally', async () => {
  let res = await api('GET', `${API}/catalogue/search?q=SUPPLIER&framework=iso27001-2022`);
  expectStatus(res, 200);
  const refs = res.json.items.map((r) => r.ref_id);
  assert.ok(refs.includes('A.5.19') && refs.includes('A.5.20'), refs.join(','));
  assert.ok(res.json.items.every((r) => r.framework_id === 'iso27001-2022'));
  res = await api('GET', `${API}/catalogue/search?q=backup`);
  expectStatus(res, 200);
  assert.ok(res.json.items.some((r) => r.key === 'iso27001-2022:A.8.13'));
  assert.ok(res.json.items.some((r) => r.framework_id === 'nis2-2024-2690'));
  res = await api('GET', `${API}/catalogue/search?q=${enc('%_%')}`);
  expectStatus(res, 200);
  assert.equal(res.json.items.length, 0);
  res = await api('GET', `${API}/catalogue/search?q=a&limit=2`);
  expectStatus(res, 200);
  assert.equal(res.json.items.length, 2);
  for (const bad of ['limit=0', 'limit=501', 'limit=x', `q=${'x'.repeat(4001)}`, 'q=']) {
    res = await api('GET', `${API}/catalogue/search?${bad.startsWith('q=') ? bad : `q=a&${bad}`}`);
    assert.equal(res.status, 422, `${bad.slice(0, 20)} -> ${res.status}`);
  }
});

test('CISO Assistant libraries update the built-in frameworks in place; a second import changes nothing', async () => {
  const before = await frameworks();
  for (const name of [ISO_YAML, NIS2_YAML, MAPPING_YAML]) {
    const res = await importLibrary('ciso-assistant', fixture(name));
    expectStatus(res, 200, name);
    assert.equal(res.json.frameworks_created, 0, `${name} creates no framework`);
  }
  let after = await frameworks();
  assert.deepEqual(after.map((f) => f.id).sort(), before.map((f) => f.id).sort(), 'no duplicate framework');
  const nis = await requirements('nis2-2024-2690');
  assert.ok(nis.some((r) => r.ref_id === '1.1.1.a'), 'points added from the library');
  const countAfterFirst = after.map((f) => [f.id, f.requirement_count]);

  const ledgerBefore = await ledgerEntries();
  for (const name of [ISO_YAML, NIS2_YAML, MAPPING_YAML]) {
    const res = await importLibrary('ciso-assistant', fixture(name));
    expectStatus(res, 200, `${name} again`);
    const j = res.json;
    assert.deepEqual(
      [j.frameworks_created, j.frameworks_updated, j.requirements_added, j.requirements_changed, j.requirements_removed, j.mappings],
      [0, 0, 0, 0, 0, 0], `${name} second import changes nothing: ${JSON.stringify(j)}`);
  }
  after = await frameworks();
  assert.deepEqual(after.map((f) => [f.id, f.requirement_count]), countAfterFirst);
  assert.equal(await ledgerEntries(), ledgerBefore, 'no ledger entry for an import that changed nothing');
});

test('OSCAL: import a catalog, export it, re-import: same content, no duplicates', async () => {
  const id = uniq('oscal-').toLowerCase();
  let res = await importLibrary('oscal', fixture('oscal/basic-catalog.json'), `&framework=${id}`);
  expectStatus(res, 200);
  assert.equal(res.json.frameworks_created, 1);
  assert.ok(res.json.requirements_added > 0);
  const reqs = await requirements(id);
  assert.equal(reqs.length, res.json.requirements_added);

  res = await raw('GET', `${API}/catalogue/frameworks/${id}/oscal`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') || '', /attachment/);
  const catalog = JSON.parse(res.text);
  assert.ok(catalog.catalog?.metadata?.title);
  assert.equal(catalog.catalog.metadata['oscal-version'], '1.1.2');

  res = await importLibrary('oscal', res.text, `&framework=${id}`);
  expectStatus(res, 200);
  assert.deepEqual([res.json.frameworks_created, res.json.requirements_added, res.json.requirements_changed, res.json.requirements_removed], [0, 0, 0, 0]);
  assert.deepEqual((await requirements(id)).map((r) => [r.ref_id, r.parent_ref_id, r.title, r.description]),
    reqs.map((r) => [r.ref_id, r.parent_ref_id, r.title, r.description]));

  // The built-in ISO framework exported and imported under a new id keeps every requirement.
  res = await raw('GET', `${API}/catalogue/frameworks/iso27001-2022/oscal`);
  assert.equal(res.status, 200);
  const copy = uniq('isocopy-').toLowerCase();
  res = await importLibrary('oscal', res.text, `&framework=${copy}`);
  expectStatus(res, 200);
  const orig = await requirements('iso27001-2022');
  const back = await requirements(copy);
  assert.deepEqual(back.map((r) => [r.ref_id, r.parent_ref_id, r.title, r.kind]), orig.map((r) => [r.ref_id, r.parent_ref_id, r.title, r.kind]));
});

test('bad libraries are refused with a clear error and nothing is stored', async () => {
  const before = await frameworks();
  const cases = [
    ['ciso-assistant', 'not: [valid', /yaml|parse/i],
    ['ciso-assistant', 'urn: x\nobjects: "nope"\n', /objects/],
    ['ciso-assistant', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n', /alias|anchor|expan/i],
    ['oscal', '{"catalog": 5}', /catalog/],
    ['oscal', '{', /json|malformed/i],
    ['oscal', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /utf-8/i],
  ];
  for (const [format, body, re] of cases) {
    const res = await importLibrary(format, body);
    assert.ok([400, 422].includes(res.status), `${format} ${String(body).slice(0, 20)} -> ${res.status} ${res.text}`);
    assert.match(res.text, re);
  }
  let res = await importLibrary('excel', 'x');
  assert.equal(res.status, 422);
  assert.match(res.text, /format/);
  res = await importLibrary('oscal', Buffer.alloc(17 * 1024 * 1024, 0x20));
  assert.equal(res.status, 413);
  assert.deepEqual((await frameworks()).map((f) => f.id), before.map((f) => f.id));
});

test('importing needs catalogue:manage; reading needs catalogue:read', async () => {
  const e = await newUser({ roleKeys: ['employee'], login: false });
  const token = cliToken(e.username);
  let res = await api('GET', `${API}/catalogue/frameworks`, { token });
  expectStatus(res, 200);
  res = await raw('POST', `${API}/catalogue/import?format=oscal`, { token, headers: { 'Content-Type': 'application/json' }, body: fixture('oscal/basic-catalog.json') });
  assert.equal(res.status, 403);
  const c = await newUser({ roleKeys: ['contractor'], login: false });
  res = await api('GET', `${API}/catalogue/frameworks`, { token: cliToken(c.username) });
  assert.equal(res.status, 403);
});

test('POST /citations/scan normalizes references and reports unknown ones with position', async () => {
  const text = 'Scope [ISO27001 4.3]. Suppliers [ISO27002 A5.19, A5.20][NIS 5.1-5.2]. Bad [ISO27001 5.4]. Not [ISO2700X] nor [NIS].';
  const res = await api('POST', `${API}/citations/scan`, { body: { text } });
  expectStatus(res, 200);
  const keys = res.json.citations.map((c) => c.key);
  assert.deepEqual(keys, ['iso27001-2022:4.3', 'iso27001-2022:A.5.19', 'iso27001-2022:A.5.20', 'nis2-2024-2690:5.1', 'nis2-2024-2690:5.2']);
  const buf = Buffer.from(text);
  for (const c of res.json.citations) {
    if (!c.from_range) assert.equal(buf.subarray(c.offset, c.offset + c.length).toString(), c.raw);
  }
  assert.equal(res.json.warnings.length, 1);
  const w = res.json.warnings[0];
  assert.equal(w.suggestion, 'iso27001-2022:A.5.4');
  // A warning's span covers the id itself; raw names it with its tag ("ISO27001 5.4").
  assert.equal(buf.subarray(w.offset, w.offset + w.length).toString(), '5.4');
  assert.equal(w.raw, 'ISO27001 5.4');
  for (const body of [{}, { text: 5 }, { text: 'x', extra: 1 }]) {
    const bad = await api('POST', `${API}/citations/scan`, { body });
    assert.equal(bad.status, 422, JSON.stringify(body));
  }
});
