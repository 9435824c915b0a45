// A private `isms serve` for one test file, on its own data directory (and, when the suite
// runs on PostgreSQL, its own database), driven by a fake clock: ISMS_FAKE_CLOCK_FILE names
// a file holding the current time, which the server re-reads on every call, so a test can
// move time (deadlines, reminders, review dates) while the server runs.
//
//   const srv = await startOwnServer({ now: '2026-03-28T12:00:00Z' });
//   await srv.api('GET', '/api/v1/calendar/agenda?...')   // as a CISO user, token valid 365 d
//   srv.setNow('2026-04-02T09:00:00Z'); srv.advance({ hours: 25 });
//   srv.cli(['incident', 'list'], { json: true })          // operator CLI on the same data
//   await srv.stop()                                        // asserts a clean exit, no sanitizer report
//
// The CISO's token lives 365 days (the longest the CLI grants) and is made anew when the clock
// moves further; tokens made with tokenFor() are not. Sessions time out as configured.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { api as sharedApi, sleep } from './helpers.mjs';

const BIN = process.env.ISMS_BIN || '';
const PG_URL = process.env.ISMS_TEST_PG_URL || '';
const ENGINE = process.env.ISMS_EXPECT_DATABASE === 'postgresql' && PG_URL ? 'postgresql' : 'sqlite';
const SANITIZER_RE = /ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|SUMMARY: UndefinedBehaviorSanitizer/;

function childEnv(extra) {
  const e = { ...process.env, ...extra };
  delete e.ISMS_DATA;
  delete e.ISMS_DATABASE_URL;
  return e;
}

function psql(url, sql) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtX', '-c', sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, `psql: ${r.stderr}`);
  return r.stdout;
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

function ready(port) {
  return new Promise((resolve) => {
    const r = http.get({ host: '127.0.0.1', port, path: '/readyz', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    r.on('error', () => resolve(false));
    r.setTimeout(5000, () => r.destroy());
  });
}

function iso(ms) {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Starts the server. Options: now (ISO instant, default the real time), args (extra
 * `isms serve` arguments), env (extra environment), organization (name for init).
 */
export async function startOwnServer({ now, args = [], env = {} } = {}) {
  assert.ok(BIN, 'ISMS_BIN must be set (scripts/test.sh sets it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-own-'));
  const clockFile = path.join(dir, 'fake-now');
  let nowMs = now ? Date.parse(now) : Date.now();
  assert.ok(Number.isFinite(nowMs), `startOwnServer: bad now ${now}`);
  fs.writeFileSync(clockFile, iso(nowMs));
  const fullEnv = childEnv({ ISMS_FAKE_CLOCK_FILE: clockFile, ...env });

  let dbName = null;
  let dbArgs = [];
  if (ENGINE === 'postgresql') {
    dbName = `isms_own_${randomBytes(6).toString('hex')}`;
    psql(PG_URL, `CREATE DATABASE ${dbName}`);
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    dbArgs = ['--database', u.toString()];
  }
  const runCli = (cliArgs, { json = false, input } = {}) => {
    const full = [...cliArgs, '--data', dir, ...dbArgs];
    if (json) full.push('--json');
    const r = spawnSync(BIN, full, { encoding: 'utf8', env: fullEnv, timeout: 120_000, input });
    if (r.error) throw r.error;
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: json && r.status === 0 ? JSON.parse(r.stdout) : null };
  };
  const cliOk = (cliArgs, opts = {}) => {
    const r = runCli(cliArgs, opts);
    assert.equal(r.code, 0, `isms ${cliArgs.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
    return opts.json ? r.json : r.stdout;
  };

  const init = runCli(['init'], { json: true });
  assert.equal(init.code, 0, `isms init: ${init.stderr}`);
  const adminPassword = init.json.admin_one_time_password;

  const port = await freePort();
  let log = '';
  const server = spawn(BIN, ['serve', '--data', dir, ...dbArgs, '--port', String(port), '--bind', '127.0.0.1', ...args], {
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  for (let i = 0; ; i++) {
    assert.ok(server.exitCode === null, `own server exited early:\n${log.slice(-3000)}`);
    if (await ready(port)) break;
    assert.ok(i < 300, `own server not ready after 60 s:\n${log.slice(-3000)}`);
    await sleep(200);
  }
  const base = `http://127.0.0.1:${port}`;

  // A CISO user with a long-lived token, like scripts/test.sh's "tester".
  cliOk(['user', 'create', 'tester', '--person-name', 'Own Server CISO', '--email', 'ciso@own.test', '--role', 'ciso']);
  // The CLI grants at most 365 days; when a test moves the clock further (or back before the
  // token was made) the CISO's token is made anew at the new time (see moved()).
  const mint = () => cliOk(['token', 'create', '--user', 'tester', '--name', `own-server-${randomBytes(4).toString('hex')}`, '--scope', 'read_write', '--expires-in', '365d']).trim();
  let token = mint();
  let tokenMadeMs = nowMs;
  const moved = () => {
    fs.writeFileSync(clockFile, iso(nowMs));
    if (nowMs - tokenMadeMs > 300 * 86400e3 || nowMs < tokenMadeMs) {
      token = mint();
      tokenMadeMs = nowMs;
    }
  };
  // scope 'read' for roles without any write permission (the CLI refuses read_write for them).
  const tokenFor = (username, { scope = 'read_write' } = {}) =>
    cliOk(['token', 'create', '--user', username, '--name', `own-${randomBytes(4).toString('hex')}`, '--scope', scope, '--expires-in', '365d']).trim();

  return {
    base,
    dir,
    get token() {
      return token;
    },
    adminPassword,
    engine: ENGINE,
    log: () => log,
    /** api() of helpers.mjs against this server, as the CISO unless `token`/`auth` say otherwise */
    api: (method, p, opts = {}) => sharedApi(method, p, { base, ...opts, token: opts.token ?? token }),
    cli: runCli,
    cliOk,
    tokenFor,
    now: () => iso(nowMs),
    setNow(instant) {
      const ms = Date.parse(instant);
      assert.ok(Number.isFinite(ms), `setNow: bad instant ${instant}`);
      nowMs = ms;
      moved();
    },
    advance({ days = 0, hours = 0, minutes = 0, seconds = 0 } = {}) {
      nowMs += ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000;
      moved();
    },
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.on('exit', r));
        server.kill('SIGTERM');
        await Promise.race([exited, sleep(30_000)]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
      if (dbName) {
        try {
          psql(PG_URL, `DROP DATABASE IF EXISTS ${dbName}`);
        } catch {}
      }
      if (SANITIZER_RE.test(log) || server.exitCode !== 0) {
        // The whole log, for the report's stack (the message below shows only its start).
        const kept = path.join(os.tmpdir(), `isms-own-server-${process.pid}-${port}.log`);
        fs.writeFileSync(kept, log);
        log += `\n(full log kept in ${kept})`;
      }
      const report = log.search(SANITIZER_RE);
      assert.ok(report < 0, `sanitizer report in the own server's log:\n${log.slice(Math.max(0, report - 200), report + 6000)}`);
      assert.equal(server.exitCode, 0, `own server exit ${server.exitCode} (signal ${server.signalCode}):\n${log.slice(-2000)}`);
    },
  };
}
