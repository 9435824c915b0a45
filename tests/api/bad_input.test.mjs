// Bad input on the write endpoints: every case gets the documented 4xx and error body,
// never a 500, never a half-write; odd but valid text round-trips byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { api, API, BASE_URL, uniq, expectStatus, expectError, createAsset, getAsset, raw } from './helpers.mjs';

const post = (body, headers) => api('POST', `${API}/assets`, { body, headers: { 'Content-Type': 'application/json', ...headers } });
const postJson = (obj) => api('POST', `${API}/assets`, { body: obj });

test('malformed and truncated JSON is 400 malformed', async () => {
  for (const text of ['{"name":', '{"name":"abc', '{name: "x"}', "{'name':'x'}", '{"name":"x",}', '', ' ', '{"name":"x"} trailing', 'nul', '{"a":1}{"b":2}']) {
    expectError(await post(text), 400, 'malformed', undefined, JSON.stringify(text));
  }
});

test('JSON that is not an object is 422 naming the body', async () => {
  for (const text of ['[]', '[{"name":"x"}]', '"a string"', '42', 'null', 'true']) {
    expectError(await post(text), 422, 'invalid', 'body', text);
  }
});

test('invalid UTF-8 in the body is 400 malformed', async () => {
  const bodies = [
    Buffer.concat([Buffer.from('{"name":"bad '), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    Buffer.concat([Buffer.from('{"name":"overlong '), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]),
    Buffer.concat([Buffer.from('{"name":"surrogate '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
    Buffer.concat([Buffer.from('{"name":"cut '), Buffer.from([0xe6, 0x95]), Buffer.from('"}')]),
  ];
  for (const b of bodies) expectError(await post(b), 400, 'malformed', undefined, b.toString('hex'));
});

test('a lone surrogate escape is rejected, not stored', async () => {
  expectError(await post('{"name":"lone \\ud800 surrogate","type":"system"}'), 400, 'malformed');
});

test('wrong JSON types name the field (422 invalid)', async () => {
  const cases = [
    [{ name: 5 }, 'name'],
    [{ name: null }, 'name'],
    [{ name: ['x'] }, 'name'],
    [{ name: 'ok', type: 5 }, 'type'],
    [{ name: 'ok', confidentiality: 'high' }, 'confidentiality'],
    [{ name: 'ok', confidentiality: 2.5 }, 'confidentiality'],
    [{ name: 'ok', integrity: true }, 'integrity'],
    [{ name: 'ok', depends_on: 'x' }, 'depends_on'],
    [{ name: 'ok', depends_on: [5] }, 'depends_on'],
    [{ name: 'ok', owner_id: 123 }, 'owner_id'],
    [{ name: 'ok', description: {} }, 'description'],
    [{ name: 'ok', classification: 'secret' }, 'classification'],
    [{ name: 'ok', type: 'mainframe' }, 'type'],
    [{ name: 'ok', lifecycle_status: 'dead' }, 'lifecycle_status'],
    [{ name: 'ok', availability: 0 }, 'availability'],
    [{ name: 'ok', authenticity: 5 }, 'authenticity'],
    [{ name: 'ok', confidentiality: -1 }, 'confidentiality'],
    [{ name: 'ok', confidentiality: 1e300 }, 'confidentiality'],
  ];
  for (const [body, field] of cases) {
    expectError(await postJson({ type: 'system', ...body }), 422, 'invalid', field, JSON.stringify(body));
  }
});

test('all field errors are listed in details', async () => {
  const res = await postJson({ name: '', type: 'bogus', confidentiality: 9 });
  const e = expectError(res, 422, 'invalid');
  const fields = e.details.map((d) => d.field).sort();
  assert.deepEqual(fields, ['confidentiality', 'name', 'type'], res.text);
});

test('unknown fields are 422 naming the field', async () => {
  expectError(await postJson({ name: uniq('bi-'), type: 'system', colour: 'red' }), 422, 'invalid', 'colour');
  expectError(await postJson({ name: uniq('bi-'), type: 'system', Name: 'dup' }), 422, 'invalid', 'Name');
  expectError(await postJson({ name: uniq('bi-'), type: 'system', justification: 5 }), 422, 'invalid');
});

test('read-only fields are refused in a create body', async () => {
  for (const f of ['id', 'owner_name', 'archived', 'archived_at', 'archive_reason', 'created_at', 'updated_at']) {
    const body = { name: uniq('bi-ro-'), type: 'system', [f]: f === 'archived' ? false : f === 'id' ? '00000000-0000-4000-8000-000000000001' : null };
    expectError(await postJson(body), 422, 'invalid', f, f);
  }
});

test('version and justification in a create body are 422 naming the field', async () => {
  expectError(await postJson({ name: uniq('bi-ver-'), type: 'system', version: 7 }), 422, 'invalid', 'version');
  expectError(await postJson({ name: uniq('bi-ver-'), type: 'system', justification: 'x' }), 422, 'invalid', 'justification');
});

test('name: required, 1-200 characters (not bytes), no control characters', async () => {
  expectError(await postJson({ type: 'system' }), 422, 'invalid', 'name');
  expectError(await postJson({ name: '', type: 'system' }), 422, 'invalid', 'name');
  expectError(await postJson({ name: 'x'.repeat(201), type: 'system' }), 422, 'invalid', 'name');
  const tag = uniq('n');
  const max = await createAsset({ name: tag + 'x'.repeat(200 - tag.length) });
  assert.equal(max.name.length, 200);
  // 200 two-byte and 200 four-byte characters are still 200 characters.
  await createAsset({ name: 'é'.repeat(200) });
  await createAsset({ name: '数'.repeat(200) });
  await createAsset({ name: '🚀'.repeat(200) });
  expectError(await postJson({ name: '数'.repeat(201), type: 'system' }), 422, 'invalid', 'name');
  for (const c of ['\u0000', '\u0001', '\n', '\r', '\t', '\u001b', '\u007f', '\u0085']) {
    expectError(await postJson({ name: `a${c}b`, type: 'system' }), 422, 'invalid', 'name', JSON.stringify(c));
  }
});

test('description up to 10,000 characters, business_function up to 200', async () => {
  const ok = await createAsset({ name: uniq('bi-desc-'), description: 'd'.repeat(10000), business_function: 'b'.repeat(200) });
  assert.equal(ok.description.length, 10000);
  expectError(await postJson({ name: uniq('bi-'), type: 'system', description: 'd'.repeat(10001) }), 422, 'invalid', 'description');
  expectError(await postJson({ name: uniq('bi-'), type: 'system', business_function: 'b'.repeat(201) }), 422, 'invalid', 'business_function');
});

test('a body over 1 MiB is 413 too_large (Content-Length and chunked)', async () => {
  const big = Buffer.from(JSON.stringify({ name: 'big', type: 'system', description: 'x'.repeat(2 * 1024 * 1024) }));
  expectError(await raw('POST', `${API}/assets`, { headers: { 'Content-Type': 'application/json' }, body: big }), 413, 'too_large');
  expectError(await raw('POST', `${API}/assets`, { headers: { 'Content-Type': 'application/json' }, body: big, chunked: true }), 413, 'too_large');
  // Just under the limit is decided by validation, not the size limit.
  const under = JSON.stringify({ name: 'big', type: 'system', description: 'x'.repeat(1000 * 1000) });
  expectError(await post(under), 422, 'invalid', 'description');
});

test('a body without Content-Type or with another type is 415', async () => {
  const body = Buffer.from(JSON.stringify({ name: uniq('bi-ct-'), type: 'system' }));
  expectError(await api('POST', `${API}/assets`, { body }), 415, 'unsupported_media_type');
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
    expectError(await api('POST', `${API}/assets`, { body, headers: { 'Content-Type': ct } }), 415, 'unsupported_media_type', undefined, ct);
  }
  // The charset parameter is fine.
  const ok = await api('POST', `${API}/assets`, { body, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  expectStatus(ok, 201);
  // PATCH and archive follow the same rule.
  expectError(await api('PATCH', `${API}/assets/${ok.json.id}`, { body: Buffer.from('{"version":1}'), headers: { 'Content-Type': 'text/plain', 'If-Match': '"1"' } }), 415, 'unsupported_media_type');
  expectError(await api('POST', `${API}/assets/${ok.json.id}/archive`, { body: Buffer.from('{"version":1,"reason":"r"}'), headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
});

test('a Content-Length larger than the body sent does not hang or crash the server', async () => {
  // A client that stops mid-body: the server must time it out or answer 400, and keep
  // serving everyone else meanwhile.
  const url = new URL(BASE_URL);
  const sock = net.connect(Number(url.port), url.hostname);
  sock.on('error', () => {});
  let answer = '';
  sock.on('data', (d) => (answer += d.toString('latin1')));
  await new Promise((r) => sock.on('connect', r));
  sock.write(`POST ${API}/assets HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":"x"`);
  expectStatus(await api('GET', '/healthz'), 200, 'while a body is pending');
  await new Promise((r) => setTimeout(r, 500));
  sock.destroy();
  if (answer) assert.match(answer, /^HTTP\/1\.1 4\d\d/, answer.slice(0, 100));
  expectStatus(await api('GET', '/healthz'), 200);
});

test('SQL metacharacters, quotes and backslashes round-trip unchanged', async () => {
  const nasty = [
    "Robert'); DROP TABLE assets;--",
    '"; DROP TABLE assets;--',
    "' OR '1'='1",
    '%_\\%\\_[]^$*.?+()|{}',
    'back\\slash and "double" and \'single\'',
    '$1 $$ :name ? @p0 %s {0}',
  ];
  for (const s of nasty) {
    const a = await createAsset({ name: `${uniq('sql')} ${s}`, description: s, business_function: s.slice(0, 200) });
    const got = await getAsset(a.id);
    assert.equal(got.description, s);
    assert.equal(got.business_function, s.slice(0, 200));
    assert.equal(got.name, a.name);
  }
  expectStatus(await api('GET', `${API}/assets?limit=1`), 200);
});

test('emoji, CJK, RTL and combining characters round-trip unchanged', async () => {
  const texts = ['客户数据库 — 顧客データ', '🚀🔐👩🏽‍💻 🇪🇺', 'قاعدة بيانات العملاء', 'e\u0301 Å\u030a', '\u200b zero\u200dwidth', '\u{10FFFF}'];
  for (const s of texts) {
    const a = await createAsset({ name: `${uniq('u')} ${s}`, description: `${s}\n${s}`, business_function: s });
    const got = await getAsset(a.id);
    assert.equal(got.name, a.name);
    assert.ok(got.name.endsWith(s), JSON.stringify(got.name));
    assert.equal(got.description, `${s}\n${s}`);
    assert.equal(got.business_function, s);
  }
});

test('owner_id must name an existing person', async () => {
  expectError(await postJson({ name: uniq('bi-'), type: 'system', owner_id: '00000000-0000-4000-8000-00000000dead' }), 422, 'invalid', 'owner_id');
  expectError(await postJson({ name: uniq('bi-'), type: 'system', owner_id: '' }), 422, 'invalid', 'owner_id');
  expectError(await postJson({ name: uniq('bi-'), type: 'system', owner_id: "x' OR 1=1 --" }), 422, 'invalid', 'owner_id');
});

test('depends_on must name existing assets, not itself, at most 100', async () => {
  expectError(await postJson({ name: uniq('bi-'), type: 'system', depends_on: ['00000000-0000-4000-8000-00000000beef'] }), 422, 'invalid', 'depends_on');
  const a = await createAsset({ name: uniq('bi-self-') });
  const self = await api('PATCH', `${API}/assets/${a.id}`, { body: { depends_on: [a.id] }, headers: { 'If-Match': '"1"' } });
  expectError(self, 422, 'invalid', 'depends_on');
  const many = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  expectError(await postJson({ name: uniq('bi-'), type: 'system', depends_on: many }), 422, 'invalid', 'depends_on');
});

test('deeply nested JSON is refused, not a stack overflow', async () => {
  for (const text of ['['.repeat(100000), '{"name":' + '['.repeat(50000) + ']'.repeat(50000) + '}', '{"a":'.repeat(20000) + '1' + '}'.repeat(20000)]) {
    expectError(await post(text), 400, 'malformed', undefined, text.slice(0, 20));
  }
  expectStatus(await api('GET', '/healthz'), 200);
});

test('version and If-Match of the wrong shape are clear errors', async () => {
  const a = await createAsset({ name: uniq('bi-verfmt-') });
  expectError(await api('PATCH', `${API}/assets/${a.id}`, { body: { version: '1', name: 'x' } }), 422, 'invalid', 'version');
  expectError(await api('PATCH', `${API}/assets/${a.id}`, { body: { version: 1.5, name: 'x' } }), 422, 'invalid', 'version');
  for (const h of ['"abc"', 'garbage', '""', '"-1"', '"99999999999999999999999"', '*', 'W/"1"']) {
    const res = await api('PATCH', `${API}/assets/${a.id}`, { body: { name: 'x' }, headers: { 'If-Match': h } });
    expectError(res, 400, 'malformed', 'If-Match', h);
  }
  assert.equal((await getAsset(a.id)).version, 1);
});

test('exactly 100 dependencies are accepted', async () => {
  const deps = [];
  for (let i = 0; i < 100; i += 10) {
    deps.push(...(await Promise.all(Array.from({ length: 10 }, () => createAsset({ name: uniq('bi-dep100-') })))));
  }
  const a = await createAsset({ name: uniq('bi-100deps-'), depends_on: deps.map((d) => d.id) });
  assert.equal(a.depends_on.length, 100);
});

test('SQL in filter values is an unknown value or simply matches nothing', async () => {
  expectError(await api('GET', `${API}/assets?type=${encodeURIComponent("system' OR '1'='1")}`), 400, 'malformed', 'type');
  const res = await api('GET', `${API}/assets?owner_id=${encodeURIComponent("x' OR '1'='1")}`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.items, []);
  expectError(await api('GET', `${API}/assets?sort=${encodeURIComponent('name; DROP TABLE assets')}`), 400, 'malformed', 'sort');
});

test('rejected creates leave nothing behind', async () => {
  const tag = uniq('bihalf');
  await postJson({ name: `${tag}-1`, type: 'system', owner_id: '00000000-0000-4000-8000-00000000dead' });
  await postJson({ name: `${tag}-2`, type: 'system', depends_on: ['00000000-0000-4000-8000-00000000beef'] });
  await postJson({ name: `${tag}-3`, type: 'bogus' });
  const res = await api('GET', `${API}/assets?q=${tag}&archived=all`);
  expectStatus(res, 200);
  assert.deepEqual(res.json.items, []);
});

test('the server is still healthy after all of this', async () => {
  expectStatus(await api('GET', '/readyz'), 200);
});
