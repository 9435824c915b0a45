// `isms serve` start-up: first start initializes and prints the one-time password once,
// the listening URL is printed and answered, a bad database refuses to start, and a
// failing migration leaves the database as it was.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, run, expectError, engines, instance, tempDir } from './helpers.mjs';

function freePort() {
  return 20000 + Math.floor(Math.random() * 20000);
}

// Starts `isms serve`, waits for the "listening on" line, returns {child, stdout(), url}.
async function startServe(args) {
  const env = { ...process.env };
  delete env.ISMS_DATA;
  delete env.ISMS_DATABASE_URL;
  const child = spawn(BIN, ['serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 30_000;
  while (!/listening on (\S+)/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start: exit ${child.exitCode}\n${out}\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = out.match(/listening on (\S+)/)[1];
  return { child, exited, url, stdout: () => out, stderr: () => err };
}

async function fetchRetry(url) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await fetch(url);
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

for (const engine of engines) {
  describe(`serve (${engine})`, () => {
    test('first start initializes and prints the password once; the URL answers', async () => {
      const inst = instance(engine);
      try {
        const port = freePort();
        const first = await startServe([...inst.args, '--port', String(port)]);
        try {
          assert.equal(first.url, `http://127.0.0.1:${port}/`);
          assert.match(first.stdout(), /One-time password:\s+\S+/);
          assert.match(first.stdout(), /shown once/i);
          const health = await fetchRetry(`${first.url}healthz`);
          assert.equal(health.status, 200);
        } finally {
          first.child.kill('SIGTERM');
        }
        const end = await first.exited;
        assert.equal(end.code, 0, `serve exit after SIGTERM: ${JSON.stringify(end)}\n${first.stderr()}`);
        assert.equal(fs.statSync(path.join(inst.data, 'ledger-signing.key')).mode & 0o777, 0o600);

        const second = await startServe([...inst.args, '--port', String(port + 1)]);
        try {
          assert.doesNotMatch(second.stdout(), /password/i);
        } finally {
          second.child.kill('SIGTERM');
        }
        await second.exited;
        assert.equal(run(['ledger', 'verify', ...inst.args]).code, 0);
      } finally {
        inst.cleanup();
      }
    });
  });
}

describe('serve refuses to start', () => {
  test('on an unknown database URL scheme', () => {
    const root = tempDir();
    expectError(assert, run(['serve', '--data', path.join(root, 'd'), '--database', 'mysql://x/y',
      '--port', String(freePort())]), /refusing to start/);
    fs.rmSync(root, { recursive: true });
  });

  test('on an unreachable PostgreSQL server', () => {
    const root = tempDir();
    expectError(assert, run(['serve', '--data', path.join(root, 'd'), '--database',
      'postgresql://nobody@127.0.0.1:1/nothing', '--port', String(freePort())]), /refusing to start/);
    fs.rmSync(root, { recursive: true });
  });

  test('on bad option values', () => {
    const root = tempDir();
    const d = ['--data', path.join(root, 'd')];
    expectError(assert, run(['serve', ...d, '--port', '0']), /port/);
    expectError(assert, run(['serve', ...d, '--port', 'http']), /port/);
    expectError(assert, run(['serve', ...d, '--threads', '-1']), /threads/);
    expectError(assert, run(['serve', ...d, '--web-root', path.join(root, 'missing')]), /web-root/);
    fs.rmSync(root, { recursive: true });
  });

  test('on a database file that is not SQLite, leaving it untouched', () => {
    const root = tempDir();
    const data = path.join(root, 'data');
    fs.mkdirSync(data, { mode: 0o700 });
    const db = path.join(data, 'isms.db');
    const garbage = Buffer.from('this is not a database, it is a shopping list\n'.repeat(200));
    fs.writeFileSync(db, garbage);
    for (const cmd of [['serve', '--port', String(freePort())], ['init']]) {
      const r = run([...cmd, '--data', data]);
      expectError(assert, r, /database/);
      assert.deepEqual(fs.readFileSync(db), garbage, `${cmd[0]} changed the file`);
    }
    fs.rmSync(root, { recursive: true });
  });

  test('when a migration fails, and nothing of it is applied', () => {
    // A database someone else already uses, with a table of the same name as one of
    // ours: the first migration cannot create it and must be rolled back entirely.
    const root = tempDir();
    const data = path.join(root, 'data');
    fs.mkdirSync(data, { mode: 0o700 });
    const db = path.join(data, 'isms.db');
    const sqlite = (sql) => {
      const r = spawnSync('sqlite3', ['-bail', db], { input: sql, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    sqlite('CREATE TABLE ledger_entries (note TEXT); INSERT INTO ledger_entries VALUES (\'mine\');');
    const before = sqlite('.schema');
    const r = run(['serve', '--data', data, '--port', String(freePort())]);
    expectError(assert, r, /refusing to start: database migration failed/);
    assert.equal(sqlite('.schema'), before, 'schema changed');
    assert.equal(sqlite('SELECT note FROM ledger_entries;'), 'mine\n');
    assert.equal(fs.existsSync(path.join(data, 'ledger-signing.key')), false, 'no key left behind');
    fs.rmSync(root, { recursive: true });
  });
});
