// Password guessing — docs/api.md "Authentication and access": account lock-out and the
// per-address throttle under a flood of concurrent wrong logins, a server that keeps
// answering meanwhile, locks that always end, and authentication events that record it.
//
// Runs its own `isms serve` (ISMS_BIN) on a fresh data directory (and, on the PostgreSQL
// run, a fresh database), with `--login-lockout-seconds 2 --address-max-failures 20`, so
// its throttling cannot disturb the other files. Requests that must not count as the
// flooding address come from 127.0.0.2 (all of 127/8 is loopback on Linux).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { strongPassword, sleep, parseSetCookie } from './helpers.mjs';

const BIN = process.env.ISMS_BIN;
const PG_URL = process.env.ISMS_TEST_PG_URL || '';
const ENGINE = process.env.ISMS_EXPECT_DATABASE === 'postgresql' && PG_URL ? 'postgresql' : 'sqlite';
const SANITIZER_RE = /ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|SUMMARY: UndefinedBehaviorSanitizer/;
const LOGIN = '/api/v1/auth/login';
const OTHER_ADDRESS = '127.0.0.2';

let dir;
let dbName = '';
let dbArgs = [];
let server;
let serverLog = '';
let port;
let adminPassword;
let adminCookie = null;
let adminCsrf = null;

function env() {
  const e = { ...process.env };
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

// One request on its own connection (so `local` picks the source address).
function req(method, p, { body, headers = {}, local } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const h = { ...headers };
    if (data) {
      h['Content-Type'] = 'application/json';
      h['Content-Length'] = data.length;
    }
    const t0 = performance.now();
    const r = http.request({ host: '127.0.0.1', port, method, path: p, headers: h, agent: false, localAddress: local }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {}
        const out = { status: res.statusCode, headers: res.headers, text, json, ms: performance.now() - t0 };
        if (out.status >= 500) reject(new Error(`server error: ${method} ${p} -> ${out.status}: ${text.slice(0, 300)}`));
        else resolve(out);
      });
    });
    r.on('error', reject);
    r.setTimeout(60_000, () => r.destroy(new Error(`timeout: ${method} ${p}`)));
    if (data) r.write(data);
    r.end();
  });
}

function retryAfter(res) {
  const v = res.headers['retry-after'];
  const n = Number(v);
  assert.ok(Number.isInteger(n) && n >= 1 && n <= 900, `Retry-After ${JSON.stringify(v)} on 429`);
  return n;
}

function expect429(res) {
  assert.equal(res.status, 429, res.text);
  assert.equal(res.json?.error?.code, 'rate_limited', res.text);
  return retryAfter(res);
}

function absorbCookie(res) {
  for (const line of [].concat(res.headers['set-cookie'] || [])) {
    const c = parseSetCookie(line);
    if (c.name === 'isms_session') adminCookie = c.value ? `isms_session=${c.value}` : null;
  }
  if (res.json?.csrf_token) adminCsrf = res.json.csrf_token;
}

before(async () => {
  assert.ok(BIN, 'ISMS_BIN must be set (scripts/test.sh sets it)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-bf-'));
  if (ENGINE === 'postgresql') {
    dbName = `isms_bf_${randomBytes(6).toString('hex')}`;
    psql(PG_URL, `CREATE DATABASE ${dbName}`);
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    dbArgs = ['--database', u.toString()];
  }
  const init = spawnSync(BIN, ['init', '--data', dir, ...dbArgs, '--json'], { encoding: 'utf8', env: env(), timeout: 120_000 });
  assert.equal(init.status, 0, `isms init: ${init.stderr}`);
  adminPassword = JSON.parse(init.stdout).admin_one_time_password;
  assert.equal(typeof adminPassword, 'string');
  port = await freePort();
  server = spawn(BIN, ['serve', '--data', dir, ...dbArgs, '--port', String(port), '--bind', '127.0.0.1',
    '--login-lockout-seconds', '2', '--address-max-failures', '20'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  for (let i = 0; ; i++) {
    assert.ok(server.exitCode === null, `server exited early:\n${serverLog.slice(-3000)}`);
    const ok = await req('GET', '/readyz').then((r) => r.status === 200, () => false);
    if (ok) break;
    assert.ok(i < 300, `server not ready after 60 s:\n${serverLog.slice(-3000)}`);
    await sleep(200);
  }
});

after(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.on('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, sleep(30_000)]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (dbName) {
    try {
      psql(PG_URL, `DROP DATABASE IF EXISTS ${dbName}`);
    } catch {}
  }
  if (!server) return;
  assert.ok(!SANITIZER_RE.test(serverLog), `sanitizer report in the private server's log:\n${serverLog.match(new RegExp(`[^]{0,200}${SANITIZER_RE.source}[^]{0,3000}`))?.[0]}`);
  assert.equal(server.exitCode, 0, `server exit ${server.exitCode} (signal ${server.signalCode}):\n${serverLog.slice(-2000)}`);
});

test('100 concurrent wrong logins for admin: refused with 429 soon, while /healthz stays fast', async () => {
  let flooding = true;
  const health = [];
  const poll = (async () => {
    while (flooding) {
      const r = await req('GET', '/healthz');
      health.push({ status: r.status, ms: r.ms });
      await sleep(20);
    }
  })();
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) => req('POST', LOGIN, { body: { username: 'admin', password: `wrong-password-${i}!` } })),
  );
  flooding = false;
  await poll;
  const counts = {};
  for (const r of results) counts[r.status] = (counts[r.status] || 0) + 1;
  assert.deepEqual(Object.keys(counts).filter((s) => !['401', '429'].includes(s)), [], `statuses ${JSON.stringify(counts)}`);
  assert.ok((counts[429] || 0) >= 1, `no 429 among 100 wrong logins: ${JSON.stringify(counts)}`);
  for (const r of results) {
    if (r.status === 429) expect429(r);
    else assert.equal(r.json?.error?.code, 'unauthenticated');
    assert.ok(!r.headers['set-cookie'], 'no session for a failed login');
  }
  // Lock-out after 5 failures and the address limit of 20 leave few real password checks,
  // even when the guesses arrive all at once.
  assert.ok((counts[401] || 0) <= 25, `${counts[401]} of 100 concurrent guesses were checked (expected the lock to stop them): ${JSON.stringify(counts)}`);
  assert.ok(health.length >= 1, 'no /healthz answered during the flood');
  for (const h of health) assert.equal(h.status, 200);
  const slowest = Math.max(...health.map((h) => h.ms));
  assert.ok(slowest < 1000, `/healthz took ${Math.round(slowest)} ms during the flood (${health.length} polls; login statuses ${JSON.stringify(counts)})`);
});

test('an address with more than 20 failures is throttled for every username; other addresses are not', async () => {
  let throttled = null;
  for (let i = 0; i < 25 && !throttled; i++) {
    const r = await req('POST', LOGIN, { body: { username: `nobody${i}`, password: 'wrong-password!' } });
    if (r.status === 429) throttled = r;
    else assert.equal(r.status, 401, r.text);
  }
  assert.ok(throttled, 'no 429 for unknown usernames after 100 + 25 failures from one address');
  expect429(throttled);
  // Another source address is judged on its own record.
  const other = await req('POST', LOGIN, { body: { username: 'nobody-else', password: 'wrong-password!' }, local: OTHER_ADDRESS });
  assert.equal(other.status, 401, `from ${OTHER_ADDRESS}: ${other.status} ${other.text}`);
});

test('the lock-out ends: the administrator logs in with the right password afterwards', async () => {
  const deadline = Date.now() + 150_000;
  let res;
  for (;;) {
    res = await req('POST', LOGIN, { body: { username: 'admin', password: adminPassword }, local: OTHER_ADDRESS });
    if (res.status !== 429) break;
    const wait = expect429(res);
    assert.ok(Date.now() + wait * 1000 < deadline, `admin still locked; Retry-After ${wait} s (lock-out should be ~2 s here)`);
    await sleep(wait * 1000 + 300);
  }
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.state, 'password_change_required');
  absorbCookie(res);
  const password = strongPassword();
  const ch = await req('POST', '/api/v1/auth/password', {
    body: { current_password: adminPassword, new_password: password },
    headers: { Cookie: adminCookie, 'X-CSRF-Token': adminCsrf },
    local: OTHER_ADDRESS,
  });
  assert.equal(ch.status, 200, ch.text);
  assert.equal(ch.json.state, 'active');
  absorbCookie(ch);
});

test('authentication events record the failures, the lock-out or throttling and the source address', async () => {
  assert.ok(adminCookie, 'needs the administrator session of the previous test');
  const events = [];
  let cursor;
  for (let page = 0; page < 20; page++) {
    const q = cursor === undefined ? '?limit=100' : `?limit=100&before=${cursor}`;
    const res = await req('GET', `/api/v1/auth/events${q}`, { headers: { Cookie: adminCookie }, local: OTHER_ADDRESS });
    assert.equal(res.status, 200, res.text);
    events.push(...res.json.items);
    if (res.json.next_before === null || res.json.next_before === undefined) break;
    cursor = res.json.next_before;
  }
  const kinds = new Set(events.map((e) => e.kind));
  assert.ok(kinds.has('login_failed'), `kinds: ${[...kinds]}`);
  assert.ok(kinds.has('locked_out') || kinds.has('throttled'), `neither locked_out nor throttled: ${[...kinds]}`);
  assert.ok(kinds.has('login_succeeded'));
  const failed = events.filter((e) => e.kind === 'login_failed');
  assert.ok(failed.some((e) => e.remote_address === '127.0.0.1'), JSON.stringify(failed.slice(0, 3)));
  const adminFailed = failed.filter((e) => e.username === 'admin');
  assert.ok(adminFailed.length >= 1);
  for (const e of adminFailed) assert.equal(typeof e.user_id, 'string');
  const unknown = failed.find((e) => e.username.startsWith('nobody'));
  assert.ok(unknown, 'failures for unknown usernames are recorded too');
  assert.equal(unknown.user_id, null);
  const blocked = events.filter((e) => e.kind === 'locked_out' || e.kind === 'throttled');
  assert.ok(blocked.every((e) => typeof e.remote_address === 'string' && e.remote_address.length > 0));
  assert.ok(events.some((e) => e.kind === 'login_succeeded' && e.remote_address === OTHER_ADDRESS));
  // No password, right or wrong, is ever recorded.
  const text = JSON.stringify(events);
  assert.ok(!text.includes('wrong-password') && !text.includes(adminPassword), 'a password in the events');
});
