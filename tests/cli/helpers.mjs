// Shared helpers for the CLI black-box tests: run the isms binary, make throw-away
// instances (a data directory, plus a fresh PostgreSQL database on the pg engine), and
// run SQL directly against an instance's database to tamper with it.
//
// Env: ISMS_BIN (required) the built binary; ISMS_TEST_PG_URL (optional) a libpq URL of
// a PostgreSQL server where the tests may create and drop databases.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

export const BIN = process.env.ISMS_BIN;
if (!BIN) throw new Error('set ISMS_BIN to the isms binary (e.g. build/cli/isms)');
const PG_URL = process.env.ISMS_TEST_PG_URL || '';

// The environment the binary runs in: none of the caller's isms settings leak in.
function cleanEnv(extra = {}) {
  const env = { ...process.env };
  delete env.ISMS_DATA;
  delete env.ISMS_DATABASE_URL;
  delete env.SPDLOG_LEVEL;
  return { ...env, ...extra };
}

// Runs isms with args; returns {code, stdout, stderr}. Never throws on a non-zero exit.
export function run(args, { input, env, cwd } = {}) {
  const r = spawnSync(BIN, args, {
    input,
    cwd,
    env: cleanEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

// Runs isms and parses stdout as JSON; fails with the command's output when it exits non-zero.
export function runJson(args, options) {
  const r = run([...args, '--json'], options);
  if (r.code !== 0) {
    throw new Error(`isms ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return JSON.parse(r.stdout);
}

// Asserts the failure contract: exit 1 and exactly one stderr line "isms: error: ...".
// Returns that line.
export function expectError(assert, r, pattern) {
  assert.equal(r.code, 1, `expected exit 1, got ${r.code}; stdout: ${r.stdout} stderr: ${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l.length > 0);
  assert.equal(lines.length, 1, `expected one stderr line, got: ${JSON.stringify(r.stderr)}`);
  assert.match(lines[0], /^isms: error: /);
  if (pattern) assert.match(lines[0], pattern);
  return lines[0];
}

export function tempDir(prefix = 'isms-cli-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function psql(url, sql) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtX', '-c', sql], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout;
}

function sqlite(file, sql) {
  const r = spawnSync('sqlite3', ['-bail', file], { input: sql, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout;
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

// The engines under test: sqlite always, postgresql when ISMS_TEST_PG_URL is set.
export const engines = ['sqlite', ...(PG_URL ? ['postgresql'] : [])];

// A throw-away instance: `args` select it on every command (--data, and --database on
// pg); `sql(text)` runs SQL in its database and returns the output ('|'-separated rows).
// Call cleanup() when done.
export function instance(engine) {
  const root = tempDir();
  const data = path.join(root, 'data');
  if (engine === 'sqlite') {
    const file = path.join(data, 'isms.db');
    return {
      engine,
      root,
      data,
      args: ['--data', data],
      sql: (text) => sqlite(file, text),
      cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
    };
  }
  const name = 'isms_cli_' + crypto.randomBytes(6).toString('hex');
  psql(PG_URL, `CREATE DATABASE ${name}`);
  const url = withDatabase(PG_URL, name);
  return {
    engine,
    root,
    data,
    url,
    args: ['--data', data, '--database', url],
    sql: (text) => psql(url, text),
    cleanup: () => {
      fs.rmSync(root, { recursive: true, force: true });
      psql(PG_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

// An initialized instance; returns it with `init` holding the parsed `isms init --json`.
export function initialized(engine) {
  const inst = instance(engine);
  inst.init = runJson(['init', ...inst.args, '--organization', 'Test GmbH']);
  return inst;
}
