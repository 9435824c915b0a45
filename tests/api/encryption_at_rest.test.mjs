// Encryption at rest — docs/api.md "Classification-aware reads": the content of
// confidential and customer_data objects is stored encrypted. The raw database (SQLite
// file and WAL as bytes; PostgreSQL tables dumped as text) must not contain a marker from
// such an asset's description anywhere (also not in the ledger), while a public asset's
// marker is there, proving the check looks in the right place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { api, API, BASE_URL, BASE_URL_2, uniq, expectStatus, createAsset, cliOk, DATA_DIR, DATABASE_URL, ENGINE } from './helpers.mjs';

// Everything the database holds, as bytes.
function databaseBytes() {
  if (ENGINE === 'sqlite') {
    const file = DATABASE_URL ? DATABASE_URL.replace(/^sqlite:/, '') : path.join(DATA_DIR, 'isms.db');
    const parts = [fs.readFileSync(file)];
    for (const extra of [`${file}-wal`, `${file}-journal`]) if (fs.existsSync(extra)) parts.push(fs.readFileSync(extra));
    return Buffer.concat(parts);
  }
  const psql = (sql) => {
    const r = spawnSync('psql', [DATABASE_URL, '-v', 'ON_ERROR_STOP=1', '-qAtX', '-c', sql], { maxBuffer: 1 << 30 });
    assert.equal(r.status, 0, `psql: ${r.stderr}`);
    return r.stdout;
  };
  const tables = psql("select quote_ident(schemaname) || '.' || quote_ident(tablename) from pg_tables where schemaname not in ('pg_catalog','information_schema')")
    .toString('utf8').split('\n').filter(Boolean);
  assert.ok(tables.some((t) => /assets/.test(t)), `no assets table among ${tables}`);
  return Buffer.concat(tables.map((t) => psql(`COPY ${t} TO STDOUT`)));
}

test('confidential and customer_data content is not in the database in clear; public content is', async () => {
  assert.ok(DATA_DIR && DATABASE_URL, 'ISMS_DATA_DIR and ISMS_DATABASE_URL must be set (scripts/test.sh sets them)');
  const publicMarker = uniq('plainmarker');
  const confMarker = uniq('sealedmarker');
  const cdMarker = uniq('sealedmarker');
  const pub = await createAsset({ name: uniq('enc-pub-'), classification: 'public', description: `public text ${publicMarker}` });
  const conf = await createAsset({ name: uniq('enc-conf-'), classification: 'confidential', description: `confidential text ${confMarker}` });
  const cd = await createAsset({ name: uniq('enc-cd-'), classification: 'customer_data', description: `customer text ${cdMarker}` });
  // Raising an internal asset to confidential seals what was there before too.
  const raisedMarker = uniq('sealedmarker');
  const raised = await createAsset({ name: uniq('enc-raise-'), classification: 'internal', business_function: 'x' });
  const up = await api('PATCH', `${API}/assets/${raised.id}`, {
    body: { classification: 'confidential', description: `raised text ${raisedMarker}` },
    headers: { 'If-Match': '"1"' },
  });
  expectStatus(up, 200);

  const bytes = databaseBytes();
  assert.ok(bytes.includes(Buffer.from(publicMarker)), 'the public marker must be found (else this check proves nothing)');
  for (const [what, m] of [['confidential', confMarker], ['customer_data', cdMarker], ['raised to confidential', raisedMarker]]) {
    assert.ok(!bytes.includes(Buffer.from(m)), `${what} content found in clear in the ${ENGINE} database`);
  }

  // Whoever may read them gets the plaintext back.
  for (const [a, m] of [[conf, confMarker], [cd, cdMarker], [raised, raisedMarker], [pub, publicMarker]]) {
    const res = await api('GET', `${API}/assets/${a.id}`);
    expectStatus(res, 200);
    assert.ok(res.json.description.endsWith(m), res.json.description);
  }
});

// isms key rotate while the servers run: every sealed value moves to the new key, the
// running servers still read (they reload the key file when they meet the new key id),
// the ledger records it, and prune then removes the unused old key.
test('key rotation re-encrypts everything without stopping the servers', async () => {
  const marker = uniq('rotmarker');
  const asset = await createAsset({ name: uniq('enc-rot-'), classification: 'confidential', description: `rotated ${marker}` });
  const before = cliOk(['key', 'status'], { json: true });
  const rotated = cliOk(['key', 'rotate'], { json: true });
  assert.equal(rotated.old_key_id, before.active_key_id);
  assert.notEqual(rotated.new_key_id, before.active_key_id);
  assert.ok(rotated.reencrypted >= 1, `re-encrypted ${rotated.reencrypted}`);
  const after = cliOk(['key', 'status'], { json: true });
  assert.equal(after.active_key_id, rotated.new_key_id);
  for (const [id, n] of Object.entries(after.values_by_key)) {
    if (id !== rotated.new_key_id) assert.equal(n, 0, `values left under key ${id}`);
  }
  for (const base of [BASE_URL, BASE_URL_2]) {
    const read = await api('GET', `${API}/assets/${asset.id}`, { base });
    expectStatus(read, 200, `read after rotation from ${base}`);
    assert.equal(read.json.description, `rotated ${marker}`);
  }
  assert.ok(!databaseBytes().includes(Buffer.from(marker)), 'plaintext after rotation');
  const ledger = await api('GET', `${API}/ledger?object_id=${rotated.new_key_id}`);
  expectStatus(ledger, 200);
  assert.ok(ledger.json.items.some((e) => e.action === 'key.rotate' && e.change.reencrypted === rotated.reencrypted),
    JSON.stringify(ledger.json.items));
  const pruned = cliOk(['key', 'prune'], { json: true });
  assert.ok(pruned.removed.includes(before.active_key_id), JSON.stringify(pruned));
  const again = await api('GET', `${API}/assets/${asset.id}`);
  expectStatus(again, 200, 'read after prune');
  assert.equal(again.json.description, `rotated ${marker}`);
});
