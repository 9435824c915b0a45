// HTTPS (`isms serve --tls-cert/--tls-key`) and the CLI's remote mode (`--server URL
// --token-file FILE`): the same commands against the JSON API print what they print on
// the local data files.
//
// Needs: ISMS_BIN, openssl (test certificates).
// Server-side authentication (POST /api/v1/auth/login, /auth/password, /tokens, /me):
// the tests that need it are marked "[needs auth API]" and skipped while the server
// answers 404 on POST /api/v1/auth/login. Until then the remote commands are exercised
// with a well-formed dummy token, which a server without authentication ignores. Set
// ISMS_TEST_REQUIRE_AUTH=1 to fail instead of skipping when the auth API is missing.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { BIN, run as runIsms, expectError, tempDir } from './helpers.mjs';

const REQUIRE_AUTH = process.env.ISMS_TEST_REQUIRE_AUTH === '1';

// Runs isms with none of the caller's remote settings leaking in.
function run(args, { env = {}, input } = {}) {
  return runIsms(args, {
    input,
    env: { ISMS_SERVER: '', ISMS_TOKEN_FILE: '', ISMS_CA_FILE: '', ...env },
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Starts `isms serve`, waits for "listening on URL"; returns {child, url, stdout(), stderr(), stop()}.
async function startServe(args) {
  const env = { ...process.env };
  for (const k of ['ISMS_DATA', 'ISMS_DATABASE_URL', 'ISMS_SERVER', 'ISMS_TOKEN_FILE', 'ISMS_CA_FILE']) delete env[k];
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
  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

// A self-signed certificate for localhost and 127.0.0.1; the key file has mode 0600.
function makeCert(dir) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
    '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert],
  { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  fs.chmodSync(key, 0o600);
  return { cert, key, ca: fs.readFileSync(cert) };
}

// One HTTPS GET; resolves {status, headers, text}.
function httpsGet(url, options = {}) {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { timeout: 10_000, ...options }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

// One plain-HTTP GET; resolves like httpsGet, rejects on a connection error.
function httpGet(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 10_000 }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout: the server neither answered nor closed')));
    req.on('error', reject);
  });
}

function writeTokenFile(dir, token, mode = 0o600) {
  const file = path.join(dir, `token-${crypto.randomBytes(4).toString('hex')}`);
  fs.writeFileSync(file, `${token}\n`, { mode });
  fs.chmodSync(file, mode); // the umask may have narrowed it
  return file;
}

// ---- the auth API (docs/api.md "Authentication and access") ----

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function totp(secret, at = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

// A cookie-carrying API session for the setup steps the CLI does not do itself.
class Browser {
  constructor(base) {
    this.base = base.replace(/\/$/, '');
    this.cookie = '';
    this.csrf = '';
  }

  async call(method, p, body) {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.cookie) headers.Cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    // The CLI runs synchronously (spawnSync) between calls, long enough for the server to
    // close an idle keep-alive connection: let the event loop see that close first, and
    // retry once when the request still met a connection the server had closed.
    await new Promise((r) => setImmediate(r));
    const send = () => fetch(this.base + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const res = await send().catch((e) => {
      if (e?.cause?.code === 'UND_ERR_SOCKET') return send();
      throw e;
    });
    const setCookies = typeof res.headers.getSetCookie === 'function'
      ? res.headers.getSetCookie() : [res.headers.get('set-cookie')].filter(Boolean);
    for (const c of setCookies) {
      const m = /^isms_session=([^;]*)/.exec(c);
      if (m) this.cookie = m[1] ? `isms_session=${m[1]}` : '';
    }
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    if (json && typeof json.csrf_token === 'string') this.csrf = json.csrf_token;
    if (json && json.session && typeof json.session.csrf_token === 'string') this.csrf = json.session.csrf_token;
    return { status: res.status, json, text };
  }

  async expect(method, p, body, status) {
    const r = await this.call(method, p, body);
    assert.equal(r.status, status, `${method} ${p}: ${r.text.slice(0, 400)}`);
    return r.json;
  }

  // Logs in and completes every step the session asks for (password change, MFA
  // enrolment) until it is active; returns the new password.
  async loginActive(username, password) {
    let session = await this.expect('POST', '/api/v1/auth/login', { username, password }, 200);
    let current = password;
    for (let i = 0; i < 5 && session.state !== 'active'; i++) {
      if (session.state === 'password_change_required') {
        const next = `Remote-Cli-${crypto.randomBytes(8).toString('hex')}`;
        session = await this.expect('POST', '/api/v1/auth/password',
          { current_password: current, new_password: next }, 200);
        current = next;
      } else if (session.state === 'mfa_enrolment_required') {
        const enrolment = await this.expect('POST', '/api/v1/auth/mfa/enrolment', {}, 200);
        const confirmed = await this.expect('POST', '/api/v1/auth/mfa/enrolment/confirm',
          { code: totp(enrolment.secret) }, 200);
        session = confirmed.session;
      } else {
        throw new Error(`cannot finish login from state ${session.state}`);
      }
    }
    assert.equal(session.state, 'active');
    return current;
  }

  // POST /tokens; returns {token (ApiToken), secret}.
  async createToken(name, scope = 'read_write') {
    const created = await this.expect('POST', '/api/v1/tokens', { name, scope, expires_in_days: 1 }, 201);
    assert.match(created.secret, /^isms_[0-9a-f]+_\S+$/);
    return created;
  }
}

async function authApiReady(base) {
  const r = await fetch(`${base.replace(/\/$/, '')}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}',
  });
  await r.text();
  return r.status !== 404 && r.status !== 405;
}

// A running server on a fresh data directory plus a token file for the CLI. With the auth
// API: the administrator logs in with the one-time password `isms serve` printed (and
// finishes the password change / MFA enrolment), creates a CISO person and user (the
// administrator has no assets:write), the CISO logs in the same way and creates a
// read_write token with POST /tokens. Without it: a dummy token.
async function remoteServer(extraServeArgs = []) {
  const root = tempDir('isms-remote-');
  const data = path.join(root, 'data');
  const port = await freePort();
  const server = await startServe(['--data', data, '--port', String(port), ...extraServeArgs]);
  const out = server.stdout();
  const username = (/Administrator username:\s+(\S+)/.exec(out) || [])[1];
  const password = (/One-time password:\s+(\S+)/.exec(out) || [])[1];
  const ctx = { root, data, server, url: server.url.replace(/\/$/, ''), username, password, auth: false };
  if (!extraServeArgs.includes('--tls-cert') && await authApiReady(server.url)) {
    ctx.auth = true;
    const admin = new Browser(server.url);
    await admin.loginActive(username, password);
    const roles = await admin.expect('GET', '/api/v1/roles', undefined, 200);
    const ciso = roles.items.find((r) => r.key === 'ciso');
    assert.ok(ciso, 'built-in role ciso');
    const person = await admin.expect('POST', '/api/v1/persons', {
      name: 'Remote Ciso', email: 'remote.ciso@example.test', job_title: 'CISO', role_ids: [ciso.id],
    }, 201);
    ctx.username = 'remote.ciso';
    const user = await admin.expect('POST', '/api/v1/users', { username: ctx.username, person_id: person.id }, 201);
    ctx.browser = new Browser(server.url);
    await ctx.browser.loginActive(ctx.username, user.one_time_password);
    ctx.created = await ctx.browser.createToken('remote-cli-test');
    ctx.tokenFile = writeTokenFile(root, ctx.created.secret);
  } else {
    if (REQUIRE_AUTH) throw new Error('ISMS_TEST_REQUIRE_AUTH=1 but POST /api/v1/auth/login is 404');
    ctx.tokenFile = writeTokenFile(root, 'isms_0123456789abcdef_dummy-token-for-a-server-without-auth');
  }
  ctx.remote = (args, opts) => run(['--server', ctx.url, '--token-file', ctx.tokenFile, ...args], opts);
  ctx.local = (args, opts) => run([...args, '--data', data], opts);
  ctx.cleanup = async () => {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
  return ctx;
}

function ok(r, what = '') {
  assert.equal(r.code, 0, `${what} exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r.stdout;
}

function json(r, what = '') {
  return JSON.parse(ok(r, what));
}

// ---------------------------------------------------------------------------------------

describe('HTTPS: isms serve --tls-cert --tls-key', () => {
  let root;
  let certs;
  let server;
  let port;

  before(async () => {
    root = tempDir('isms-tls-');
    certs = makeCert(root);
    port = await freePort();
    server = await startServe(['--data', path.join(root, 'data'), '--port', String(port),
      '--tls-cert', certs.cert, '--tls-key', certs.key]);
  });

  after(async () => {
    if (server) {
      const end = await server.stop();
      assert.equal(end.code, 0, `serve exit after SIGTERM: ${JSON.stringify(end)}\n${server.stderr()}`);
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('prints an https:// URL and answers /healthz over TLS with HSTS', async () => {
    assert.equal(server.url, `https://127.0.0.1:${port}/`);
    const r = await httpsGet(`https://127.0.0.1:${port}/healthz`, { ca: certs.ca });
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.text), { status: 'ok' });
    assert.equal(r.headers['strict-transport-security'], 'max-age=31536000');
    // The certificate is checked by name too (subjectAltName DNS:localhost).
    const byName = await httpsGet(`https://localhost:${port}/healthz`, { ca: certs.ca, lookup: (h, o, cb) => cb(null, o.all ? [{ address: '127.0.0.1', family: 4 }] : '127.0.0.1', 4) });
    assert.equal(byName.status, 200);
  });

  test('TLS 1.2 is accepted; TLS 1.1 is not', async () => {
    const r = await httpsGet(`https://127.0.0.1:${port}/healthz`, { ca: certs.ca, maxVersion: 'TLSv1.2' });
    assert.equal(r.status, 200);
    // A client offering only TLS 1.1 (security level 0, so the client itself allows it):
    // the server answers with a protocol_version alert.
    const s = spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-tls1_1',
      '-cipher', 'DEFAULT:@SECLEVEL=0'], { input: '', encoding: 'utf8', timeout: 10_000 });
    assert.notEqual(s.status, 0, `TLS 1.1 handshake should fail: ${s.stdout}${s.stderr}`);
    assert.match(s.stdout + s.stderr, /alert protocol version/);
  });

  test('plain HTTP to the HTTPS port is closed cleanly, and the server keeps serving', async () => {
    await assert.rejects(httpGet(`http://127.0.0.1:${port}/healthz`), (e) => {
      assert.doesNotMatch(String(e.message), /timeout/, 'the server must close, not hang');
      return true;
    });
    // Garbage that is neither TLS nor HTTP, then an abrupt close.
    await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.write(Buffer.from('\x16\x03\x01\x00\x05hello')); s.destroy(); resolve(); });
      s.on('error', resolve);
    });
    const r = await httpsGet(`https://127.0.0.1:${port}/healthz`, { ca: certs.ca });
    assert.equal(r.status, 200);
  });

  test('API errors over TLS keep the body limits (413) and keep-alive works', async () => {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: certs.ca });
    try {
      for (let i = 0; i < 3; i++) {
        const r = await httpsGet(`https://127.0.0.1:${port}/readyz`, { agent });
        assert.equal(r.status, 200);
        assert.equal(r.headers['strict-transport-security'], 'max-age=31536000');
      }
    } finally {
      agent.destroy();
    }
    const big = await new Promise((resolve, reject) => {
      const req = https.request(`https://127.0.0.1:${port}/api/v1/assets`, {
        method: 'POST', ca: certs.ca, headers: { 'Content-Type': 'application/json', 'Content-Length': 2 << 20 },
      }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
      req.on('error', reject);
      req.end(Buffer.alloc(2 << 20, 0x20));
    });
    assert.equal(big, 413);
  });
});

describe('HTTPS: refusals', () => {
  test('a key file readable by group or others is refused before anything is created', async () => {
    const root = tempDir('isms-tls-');
    try {
      const certs = makeCert(root);
      fs.chmodSync(certs.key, 0o640);
      const data = path.join(root, 'data');
      const r = run(['serve', '--data', data, '--port', String(await freePort()), '--tls-cert', certs.cert, '--tls-key', certs.key]);
      expectError(assert, r, /TLS private key .*key\.pem has mode 0640.*chmod 600/);
      assert.equal(fs.existsSync(data), false, 'no data directory created');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('--tls-cert without --tls-key (and the reverse) is a usage error', () => {
    assert.equal(run(['serve', '--tls-cert', '/nonexistent.pem']).code, 2);
    assert.equal(run(['serve', '--tls-key', '/nonexistent.pem']).code, 2);
  });

  test('unusable files are named', async () => {
    const root = tempDir('isms-tls-');
    try {
      const certs = makeCert(root);
      const other = makeCert(fs.mkdtempSync(path.join(root, 'o-')));
      const port = String(await freePort());
      const data = path.join(root, 'data');
      expectError(assert, run(['serve', '--data', data, '--port', port, '--tls-cert', path.join(root, 'missing.pem'), '--tls-key', certs.key]),
        /missing\.pem/);
      expectError(assert, run(['serve', '--data', data, '--port', port, '--tls-cert', certs.cert, '--tls-key', other.key]),
        /does not belong to the certificate/);
      const notPem = path.join(root, 'not.pem');
      fs.writeFileSync(notPem, 'hello\n', { mode: 0o600 });
      expectError(assert, run(['serve', '--data', data, '--port', port, '--tls-cert', notPem, '--tls-key', certs.key]),
        /no PEM certificate/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('remote mode: options and local checks (no server needed)', () => {
  let root;
  before(() => { root = tempDir('isms-remote-'); });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('a token file readable by group or others is refused, like ssh', () => {
    for (const mode of [0o640, 0o604, 0o644]) {
      const file = writeTokenFile(root, 'isms_0123456789abcdef_secret', mode);
      const r = run(['--server', 'http://127.0.0.1:9', '--token-file', file, 'asset', 'list']);
      const line = expectError(assert, r, /token file .* has mode 06[04]4?.*which lets group or others read it; run: chmod 600 /);
      assert.doesNotMatch(line, /secret/, 'the token is never echoed');
    }
    // Also through the environment.
    const file = writeTokenFile(root, 'isms_0123456789abcdef_secret', 0o640);
    expectError(assert, run(['asset', 'list'], { env: { ISMS_SERVER: 'http://127.0.0.1:9', ISMS_TOKEN_FILE: file } }), /chmod 600/);
  });

  test('missing, empty and malformed token files are named, never echoed', () => {
    const srv = ['--server', 'http://127.0.0.1:9'];
    expectError(assert, run([...srv, 'asset', 'list']), /no API token .*--token-file/);
    expectError(assert, run([...srv, '--token-file', path.join(root, 'nope'), 'asset', 'list']), /cannot open token file .*nope/);
    expectError(assert, run([...srv, '--token-file', writeTokenFile(root, '  '), 'asset', 'list']), /is empty/);
    const line = expectError(assert, run([...srv, '--token-file', writeTokenFile(root, 'hunter2 with spaces'), 'asset', 'list']),
      /does not hold .*isms API token/);
    assert.doesNotMatch(line, /hunter2/);
  });

  test('--server must be an http(s) URL', () => {
    const token = writeTokenFile(root, 'isms_0123456789abcdef_secret');
    for (const url of ['ftp://example.com', 'example.com', 'https://user:pw@example.com', 'https://x.example/?a=b']) {
      expectError(assert, run(['--server', url, '--token-file', token, 'role', 'list']), /--server/);
    }
  });

  test('connection errors name the URL and the curl error', async () => {
    const port = await freePort(); // nothing listens there
    const token = writeTokenFile(root, 'isms_0123456789abcdef_secret');
    const r = run(['--server', `http://127.0.0.1:${port}/`, '--token-file', token, 'asset', 'list']);
    expectError(assert, r, new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}/api/v1/assets: .*(connect|refused)`, 'i'));
  });

  test('commands without a remote mode are usage errors with --server or ISMS_SERVER', () => {
    const token = writeTokenFile(root, 'isms_0123456789abcdef_secret');
    for (const args of [['init'], ['serve'], ['demo', 'load'], ['ledger', 'verify'], ['ledger', 'list']]) {
      const r = run(['--server', 'http://127.0.0.1:9', '--token-file', token, ...args]);
      assert.equal(r.code, 2, `isms ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`isms ${args.join(' ')}.* only on local data files`));
    }
    const viaEnv = run(['ledger', 'verify'], { env: { ISMS_SERVER: 'http://127.0.0.1:9' } });
    assert.equal(viaEnv.code, 2);
    assert.match(viaEnv.stderr, /ISMS_SERVER is set/);
    // --data/--database with a server: which data is meant?
    const both = run(['--server', 'http://127.0.0.1:9', '--token-file', token, 'asset', 'list', '--data', root]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--data and --database/);
    // version runs anywhere.
    assert.equal(run(['--server', 'http://127.0.0.1:9', 'version']).code, 0);
  });

  test('whoami locally is the operator', () => {
    assert.equal(ok(run(['whoami'])), 'operator (local data files)\n');
    const j = json(run(['whoami', '--json']));
    assert.equal(j.mode, 'local');
    assert.match(j.actor, /^cli:/);
  });

  test('the remote options are documented in --help', () => {
    const help = ok(run(['asset', 'list', '--help']));
    for (const flag of ['--server', '--token-file', '--ca-file']) assert.match(help, new RegExp(flag));
  });
});

describe('remote mode against a running server', () => {
  let ctx;
  before(async () => { ctx = await remoteServer(); });
  after(async () => { if (ctx) await ctx.cleanup(); });

  test('asset create / show / update / archive print as they do locally', () => {
    const created = json(ctx.remote(['asset', 'create', '--name', 'Remote CRM', '--type', 'application',
      '--classification', 'internal', '--business-function', 'Sales', '--confidentiality', '3', '--json']), 'create');
    assert.equal(created.name, 'Remote CRM');
    assert.equal(created.type, 'application');
    assert.equal(created.confidentiality, 3);
    assert.equal(created.version, 1);
    const prefix = created.id.slice(0, 8);

    // show: by prefix, table and JSON, the same as the local command prints.
    const shownRemote = ok(ctx.remote(['asset', 'show', prefix]));
    assert.match(shownRemote, /^id\s+/m);
    assert.match(shownRemote, /name\s+Remote CRM/);
    assert.equal(shownRemote, ok(ctx.local(['asset', 'show', prefix])));
    assert.deepEqual(json(ctx.remote(['asset', 'show', created.id, '--json'])), json(ctx.local(['asset', 'show', created.id, '--json'])));

    // update without --version: the current one is read first.
    const updated = ok(ctx.remote(['asset', 'update', prefix, '--name', 'Remote CRM 2']));
    assert.equal(updated, `Updated asset ${created.id} "Remote CRM 2" (now version 2).\n`);
    // a stale --version is the API's 409, in the one-line form.
    expectError(assert, ctx.remote(['asset', 'update', prefix, '--version', '1', '--name', 'Stale']), /\(HTTP 409\)$/);
    // the API's validation errors: message, status and field.
    expectError(assert, ctx.remote(['asset', 'update', prefix, '--owner', '00000000-0000-4000-8000-000000000000']),
      /\(HTTP 422, field owner_id\)$/);
    // local checks come first (no request): the same message as locally.
    const localBad = ctx.local(['asset', 'create', '--name', 'x', '--type', 'spaceship']);
    const remoteBad = ctx.remote(['asset', 'create', '--name', 'x', '--type', 'spaceship']);
    assert.equal(remoteBad.stderr, localBad.stderr);
    assert.equal(remoteBad.code, 1);

    const archived = ok(ctx.remote(['asset', 'archive', prefix, '--reason', 'replaced']));
    assert.equal(archived, `Archived asset ${created.id} "Remote CRM 2".\n`);
    expectError(assert, ctx.remote(['asset', 'archive', prefix, '--reason', 'again']), /\(HTTP 409\)$/);
    expectError(assert, ctx.remote(['asset', 'show', '00000000-0000-4000-8000-000000000000']), /\(HTTP 404\)$/);
  });

  test('asset list: filters, sort, limit, cursor and --total match the local command', () => {
    for (const name of ['Alpha remote', 'Beta remote', 'Gamma remote']) {
      ok(ctx.remote(['asset', 'create', '--name', name, '--type', 'service', '--classification', 'public']));
    }
    const queries = [
      [],
      ['--type', 'service,application', '--sort', '-name', '--total'],
      ['--search', 'remote', '--classification', 'public', '--limit', '2'],
      ['--archived', 'all', '--sort', 'created_at'],
      ['--status', 'active', '--sort', 'status'],
    ];
    for (const q of queries) {
      assert.equal(ok(ctx.remote(['asset', 'list', ...q])), ok(ctx.local(['asset', 'list', ...q])), `table ${q.join(' ')}`);
      assert.deepEqual(json(ctx.remote(['asset', 'list', ...q, '--json'])), json(ctx.local(['asset', 'list', ...q, '--json'])),
        `json ${q.join(' ')}`);
    }
    // Paging with the printed cursor.
    const first = json(ctx.remote(['asset', 'list', '--search', 'remote', '--limit', '1', '--json']));
    assert.equal(first.items.length, 1);
    assert.ok(first.next_cursor);
    assert.match(ok(ctx.remote(['asset', 'list', '--search', 'remote', '--limit', '1'])), /--cursor \S+/);
    const second = json(ctx.remote(['asset', 'list', '--search', 'remote', '--limit', '1', '--cursor', first.next_cursor, '--json']));
    assert.equal(second.items.length, 1);
    assert.notEqual(second.items[0].id, first.items[0].id);
    // Bad values are refused locally, exactly as the local command refuses them.
    assert.equal(ctx.remote(['asset', 'list', '--sort', 'colour']).stderr, ctx.local(['asset', 'list', '--sort', 'colour']).stderr);
  });

  test('person list and role list match the local command', () => {
    for (const noun of ['person', 'role']) {
      assert.equal(ok(ctx.remote([noun, 'list'])), ok(ctx.local([noun, 'list'])), noun);
      assert.deepEqual(json(ctx.remote([noun, 'list', '--json'])), json(ctx.local([noun, 'list', '--json'])), noun);
    }
  });

  test('ISMS_SERVER and ISMS_TOKEN_FILE select the server like the flags', () => {
    const r = run(['role', 'list'], { env: { ISMS_SERVER: ctx.url, ISMS_TOKEN_FILE: ctx.tokenFile } });
    assert.equal(ok(r), ok(ctx.local(['role', 'list'])));
  });

  test('[needs auth API] whoami, unknown and revoked tokens', async (t) => {
    if (!ctx.auth) {
      t.skip('server-side authentication not available yet (POST /api/v1/auth/login is 404)');
      return;
    }
    const me = ok(ctx.remote(['whoami']));
    assert.match(me, new RegExp(`^user\\s+${ctx.username}$`, 'm'));
    assert.match(me, /^person\s+Remote Ciso$/m);
    assert.match(me, /^roles\s+ciso$/m);
    assert.match(me, /^permissions\s+.*assets:write/m);
    assert.match(me, new RegExp(`^server\\s+${ctx.url.replace(/[.]/g, '\\.')}$`, 'm'));
    const meJson = json(ctx.remote(['whoami', '--json']));
    assert.equal(meJson.user.username, ctx.username);

    // A well-formed token the server does not know: 401 in the one-line form.
    const unknown = writeTokenFile(ctx.root, 'isms_0123456789abcdef_unknownsecretunknownsecret');
    expectError(assert, run(['--server', ctx.url, '--token-file', unknown, 'asset', 'list']), /\(HTTP 401\)$/);

    // Revoked: the same token that worked a moment ago.
    const extra = await ctx.browser.createToken('to-revoke');
    const file = writeTokenFile(ctx.root, extra.secret);
    ok(run(['--server', ctx.url, '--token-file', file, 'asset', 'list']));
    await ctx.browser.expect('POST', `/api/v1/tokens/${extra.token.id}/revoke`, undefined, 200);
    expectError(assert, run(['--server', ctx.url, '--token-file', file, 'asset', 'list']), /\(HTTP 401\)$/);

    // A read-only token cannot write: 403 from the API.
    const reader = await ctx.browser.createToken('reader', 'read');
    const readerFile = writeTokenFile(ctx.root, reader.secret);
    ok(run(['--server', ctx.url, '--token-file', readerFile, 'asset', 'list']));
    expectError(assert, run(['--server', ctx.url, '--token-file', readerFile, 'asset', 'create', '--name', 'nope']), /\(HTTP 403\)$/);
  });

  test('[needs auth API] without a token the API refuses with 401 (not a dummy token)', async (t) => {
    if (!ctx.auth) {
      t.skip('server-side authentication not available yet (POST /api/v1/auth/login is 404)');
      return;
    }
    const dummy = writeTokenFile(ctx.root, 'isms_0123456789abcdef_dummy-token-for-a-server-without-auth');
    expectError(assert, run(['--server', ctx.url, '--token-file', dummy, 'role', 'list']), /\(HTTP 401\)$/);
  });
});

describe('remote mode over HTTPS', () => {
  let root;
  let certs;
  let ctx;
  before(async () => {
    root = tempDir('isms-remote-tls-');
    certs = makeCert(root);
    ctx = await remoteServer(['--tls-cert', certs.cert, '--tls-key', certs.key]);
  });
  after(async () => {
    if (ctx) await ctx.cleanup();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the certificate is verified: refused without --ca-file, accepted with it', async (t) => {
    assert.match(ctx.url, /^https:\/\//);
    const r = ctx.remote(['role', 'list']);
    expectError(assert, r, /cannot reach https:\/\/127\.0\.0\.1:\d+\/api\/v1\/roles: .*certificate.*--ca-file/i);
    // With the CA: TLS works end to end. Before the auth API exists the dummy token is
    // accepted; afterwards it must be refused with 401 (the token came from no login).
    const withCa = run(['--server', ctx.url, '--token-file', ctx.tokenFile, '--ca-file', certs.cert, 'role', 'list']);
    const viaEnv = run(['role', 'list'], { env: { ISMS_SERVER: ctx.url, ISMS_TOKEN_FILE: ctx.tokenFile, ISMS_CA_FILE: certs.cert } });
    if (await authApiReadyTls(ctx.url, certs.ca)) {
      expectError(assert, withCa, /\(HTTP 401\)$/);
      expectError(assert, viaEnv, /\(HTTP 401\)$/);
      t.diagnostic('auth API present: checked the 401 over TLS');
    } else {
      assert.equal(ok(withCa), ok(ctx.local(['role', 'list'])));
      assert.equal(ok(viaEnv), ok(ctx.local(['role', 'list'])));
    }
    expectError(assert, run(['--server', ctx.url, '--token-file', ctx.tokenFile, '--ca-file', path.join(root, 'none.pem'), 'role', 'list']),
      /CA file .*none\.pem/);
  });
});

async function authApiReadyTls(base, ca) {
  return new Promise((resolve, reject) => {
    const req = https.request(`${base}/api/v1/auth/login`, {
      method: 'POST', ca, headers: { 'Content-Type': 'application/json' },
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode !== 404 && res.statusCode !== 405)); });
    req.on('error', reject);
    req.end('{}');
  });
}
