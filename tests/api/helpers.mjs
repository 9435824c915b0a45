// Shared helpers for the black-box API tests. They talk to a running `isms serve` at
// $BASE_URL (fresh, initialized database) using only Node's built-in fetch and net.
//
// Every request goes through api()/raw(), which fail the test on any 5xx: the contract
// says bad input gets a clear 4xx error and never a crash.
//
// Credentials: every non-public route needs them. api()/raw() send
// `Authorization: Bearer $TEST_TOKEN` (a read_write token of the CISO user "tester" that
// scripts/test.sh creates) unless told otherwise: `{auth: false}` sends none,
// `{token}` another token, `{session}` a Session's cookie (and its CSRF token on
// state-changing methods), `{cookie}` a raw Cookie header value.
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { randomBytes, createHmac } from 'node:crypto';

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
export const API = '/api/v1';
// A second server on the same database (scripts/test.sh sets it on PostgreSQL, where
// several `isms serve` processes may share one database); falls back to BASE_URL.
export const BASE_URL_2 = (process.env.BASE_URL_2 || BASE_URL).replace(/\/$/, '');

// Set by scripts/test.sh (see tests/api/README.md).
export const TEST_TOKEN = process.env.TEST_TOKEN || '';
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || '';
export const ISMS_BIN = process.env.ISMS_BIN || '';
export const DATA_DIR = process.env.ISMS_DATA_DIR || '';
export const DATABASE_URL = process.env.ISMS_DATABASE_URL || '';
export const ENGINE = DATABASE_URL.startsWith('postgres') ? 'postgresql' : 'sqlite';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

// A tag unique to one test run and call, safe inside names and `q` searches (letters and
// digits only, so it never contains LIKE wildcards itself).
export function uniq(prefix = 't') {
  return `${prefix}${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

function describeReq(method, path, status, text) {
  return `${method} ${path} -> ${status}: ${String(text).slice(0, 400)}`;
}

const STATE_CHANGING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const hasHeader = (headers, name) => Object.keys(headers).some((h) => h.toLowerCase() === name);

// The credential headers for one request (see the top of this file).
function credentialHeaders(method, headers, { auth = true, token, session, cookie, csrf } = {}) {
  const out = {};
  if (auth === false || hasHeader(headers, 'authorization') || hasHeader(headers, 'cookie')) return out;
  if (session) {
    if (session.cookie) out.Cookie = session.cookie;
    if (STATE_CHANGING.has(method) && session.csrf && csrf !== false && !hasHeader(headers, 'x-csrf-token')) {
      out['X-CSRF-Token'] = session.csrf;
    }
    return out;
  }
  if (cookie) {
    out.Cookie = cookie;
    if (csrf) out['X-CSRF-Token'] = csrf;
    return out;
  }
  const t = token ?? TEST_TOKEN;
  if (t) out.Authorization = `Bearer ${t}`;
  return out;
}

// Sends one request. `body`: an object/array/primitive is JSON-encoded with
// Content-Type application/json; a string or Buffer is sent as-is (set headers yourself).
// Credentials: see the top of this file (`auth`, `token`, `session`, `cookie`, `csrf`).
// Returns {status, headers, text, json} where json is null when the body is not JSON.
// A `session` given here picks up a new cookie or CSRF token from the response.
export async function api(method, path, { body, headers = {}, json = true, base = BASE_URL, ...cred } = {}) {
  const init = { method, headers: { ...credentialHeaders(method, headers, cred), ...headers } };
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array) {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      if (json && !hasHeader(init.headers, 'content-type')) {
        init.headers['Content-Type'] = 'application/json';
      }
    }
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  let parsed = null;
  try {
    parsed = text.length ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  assert.ok(res.status < 500, `server error: ${describeReq(method, path, res.status, text)}`);
  const out = { status: res.status, headers: res.headers, text, json: parsed, setCookies: res.headers.getSetCookie() };
  if (cred.session) cred.session.absorb(out);
  return out;
}

// Asserts an exact status; the message carries the request and response for diagnosis.
export function expectStatus(res, status, what = '') {
  assert.equal(res.status, status, `${what} expected ${status}, got ${res.status}: ${res.text.slice(0, 500)}`);
}

// Asserts the one error body shape: {"error":{"code","message","request_id",...}} with the
// given status/code and, when `field` is given, that field (null = no field expected).
export function expectError(res, status, code, field, what = '') {
  expectStatus(res, status, what);
  assert.ok(res.json && typeof res.json === 'object', `${what} error body is not JSON: ${res.text}`);
  const e = res.json.error;
  assert.ok(e && typeof e === 'object', `${what} no "error" object: ${res.text}`);
  assert.equal(e.code, code, `${what} error.code: ${res.text}`);
  assert.equal(typeof e.message, 'string', `${what} error.message missing: ${res.text}`);
  assert.ok(e.message.length > 0, `${what} error.message empty`);
  assert.equal(typeof e.request_id, 'string', `${what} error.request_id missing: ${res.text}`);
  assert.ok(e.request_id.length > 0);
  const hdr = res.headers.get('x-request-id');
  assert.ok(hdr, `${what} X-Request-Id header missing on error`);
  assert.equal(e.request_id, hdr, `${what} request_id in body and header differ`);
  if (field === null) {
    assert.ok(!('field' in e) || e.field === null || e.field === '', `${what} unexpected field ${e.field}`);
  } else if (field !== undefined) {
    assert.equal(e.field, field, `${what} error.field: ${res.text}`);
  }
  if (code === 'invalid') {
    assert.ok(Array.isArray(e.details) && e.details.length > 0, `${what} invalid without details: ${res.text}`);
    for (const d of e.details) {
      assert.equal(typeof d.field, 'string');
      assert.equal(typeof d.message, 'string');
    }
    if (field) assert.ok(e.details.some((d) => d.field === field), `${what} details lack ${field}`);
  }
  return e;
}

// POSTs an asset and asserts 201; returns the created asset.
export async function createAsset(fields) {
  const body = { type: 'system', ...fields };
  const res = await api('POST', `${API}/assets`, { body });
  expectStatus(res, 201, `create ${JSON.stringify(body).slice(0, 200)}`);
  return res.json;
}

export async function getAsset(id) {
  const res = await api('GET', `${API}/assets/${id}`);
  expectStatus(res, 200, `get ${id}`);
  return res.json;
}

export async function patchAsset(id, version, fields, extraHeaders = {}, base = BASE_URL) {
  return api('PATCH', `${API}/assets/${id}`, {
    body: fields,
    headers: { 'If-Match': `"${version}"`, ...extraHeaders },
    base,
  });
}

// Builds a query string from an object (skipping undefined values).
export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.append(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

// Lists assets following next_cursor to the end; asserts every page is well-formed.
export async function listAll(params, { maxPages = 1000 } = {}) {
  const pages = [];
  let cursor;
  for (let i = 0; i < maxPages; i++) {
    const res = await api('GET', `${API}/assets${qs({ ...params, cursor })}`);
    expectStatus(res, 200, `list page ${i}`);
    assert.ok(Array.isArray(res.json.items), 'items is an array');
    assert.ok('next_cursor' in res.json, 'next_cursor present (null on the last page)');
    pages.push(res.json);
    cursor = res.json.next_cursor;
    if (cursor === null) return pages;
    assert.equal(typeof cursor, 'string');
    assert.ok(cursor.length > 0, 'next_cursor is a non-empty string or null');
  }
  assert.fail('pagination did not end');
}

// All ledger entries (optionally for one object), following next_after.
export async function ledgerAll(objectId) {
  const out = [];
  let after;
  for (let i = 0; i < 100000; i++) {
    const res = await api('GET', `${API}/ledger${qs({ after, limit: 100, object_id: objectId })}`);
    expectStatus(res, 200, 'ledger page');
    out.push(...res.json.items);
    if (res.json.next_after === null || res.json.next_after === undefined) return out;
    after = res.json.next_after;
  }
  assert.fail('ledger pagination did not end');
}

export async function persons() {
  const res = await api('GET', `${API}/persons`);
  expectStatus(res, 200, 'persons');
  return res.json.items;
}

// A raw HTTP/1.1 exchange over a socket, for requests fetch cannot express (huge bodies the
// server may refuse mid-upload, chunked uploads, lying Content-Length). Resolves with
// {status, headers (lower-case object), text, json} once the response is complete or the
// server closes the connection. Write errors after the server answered are ignored.
export function raw(method, path, { headers = {}, body = Buffer.alloc(0), chunked = false, base = BASE_URL, ...cred } = {}) {
  const url = new URL(base);
  headers = { ...credentialHeaders(method, headers, cred), ...headers };
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(url.port || 80), url.hostname);
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = () => {
      if (done) return;
      const sep = buf.indexOf('\r\n\r\n');
      if (sep < 0) {
        done = true;
        reject(new Error(`no HTTP response to ${method} ${path} (${buf.length} bytes)`));
        return;
      }
      const head = buf.subarray(0, sep).toString('latin1').split('\r\n');
      const status = Number(head[0].split(' ')[1]);
      const hdrs = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        hdrs[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      let bodyBuf = buf.subarray(sep + 4);
      if (hdrs['content-length']) bodyBuf = bodyBuf.subarray(0, Number(hdrs['content-length']));
      const text = bodyBuf.toString('utf8');
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {}
      done = true;
      sock.destroy();
      const h = { get: (n) => hdrs[n.toLowerCase()] ?? null };
      const res = { status, headers: h, text, json, bytes: bodyBuf };
      try {
        assert.ok(status < 500, `server error: ${describeReq(method, path, status, text)}`);
      } catch (e) {
        reject(e);
        return;
      }
      resolve(res);
    };
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      // Complete once headers plus Content-Length bytes arrived.
      const sep = buf.indexOf('\r\n\r\n');
      if (sep >= 0) {
        const m = /\r\ncontent-length:\s*(\d+)/i.exec(buf.subarray(0, sep).toString('latin1'));
        if (m && buf.length >= sep + 4 + Number(m[1])) finish();
      }
    });
    sock.on('error', () => {}); // EPIPE/ECONNRESET after an early answer are expected
    sock.on('close', finish);
    sock.setTimeout(30000, () => {
      sock.destroy();
    });
    sock.on('connect', () => {
      const lines = [`${method} ${path} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close'];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      if (chunked) lines.push('Transfer-Encoding: chunked');
      else if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-length'))
        lines.push(`Content-Length: ${body.length}`);
      sock.write(lines.join('\r\n') + '\r\n\r\n');
      if (chunked) {
        const step = 64 * 1024;
        for (let i = 0; i < body.length; i += step) {
          const part = body.subarray(i, i + step);
          sock.write(part.length.toString(16) + '\r\n');
          sock.write(part);
          sock.write('\r\n');
        }
        sock.write('0\r\n\r\n');
      } else if (body.length) {
        sock.write(body);
      }
    });
  });
}

// --- authentication helpers ------------------------------------------------------------

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One Set-Cookie line -> {name, value, attrs} (attribute names lower-cased; flags map to true).
export function parseSetCookie(line) {
  const [pair, ...rest] = line.split(';');
  const i = pair.indexOf('=');
  const attrs = {};
  for (const a of rest) {
    const j = a.indexOf('=');
    const k = (j < 0 ? a : a.slice(0, j)).trim().toLowerCase();
    if (k) attrs[k] = j < 0 ? true : a.slice(j + 1).trim();
  }
  return { name: pair.slice(0, i).trim(), value: pair.slice(i + 1).trim(), attrs };
}

// The isms_session Set-Cookie of a response, parsed, or null.
export function sessionCookieOf(res) {
  const lines = (res.setCookies || []).map(parseSetCookie).filter((c) => c.name === 'isms_session');
  return lines.length ? lines[lines.length - 1] : null;
}

// A browser-like login session: keeps the isms_session cookie and the CSRF token current
// (login, /auth/mfa and password changes issue a new cookie), sends the CSRF token on
// state-changing requests.
export class Session {
  constructor({ base = BASE_URL } = {}) {
    this.base = base;
    this.cookie = null; // "isms_session=<value>"
    this.csrf = null;
    this.info = null; // the last SessionInfo seen
  }

  get value() {
    return this.cookie ? this.cookie.slice('isms_session='.length) : null;
  }

  absorb(res) {
    const c = sessionCookieOf(res);
    if (c) {
      const cleared = c.value === '' || c.attrs['max-age'] === '0' || (c.attrs.expires && Date.parse(c.attrs.expires) < Date.now());
      this.cookie = cleared ? null : `isms_session=${c.value}`;
    }
    const info = res.json && typeof res.json === 'object' ? (res.json.csrf_token ? res.json : res.json.session) : null;
    if (info && typeof info.csrf_token === 'string') {
      this.csrf = info.csrf_token;
      this.info = info;
    }
  }

  req(method, path, opts = {}) {
    return api(method, path, { base: this.base, ...opts, session: this });
  }

  // POST /auth/login. With sendCookie the current cookie goes along (session fixation test).
  async login(username, password, { sendCookie = false, headers = {} } = {}) {
    const h = { ...headers };
    if (sendCookie && this.cookie) h.Cookie = this.cookie;
    const res = await api('POST', `${API}/auth/login`, { base: this.base, body: { username, password }, headers: h, auth: false });
    if (res.status === 200) this.absorb(res);
    return res;
  }
}

// A password that passes the policy and contains no username.
export function strongPassword() {
  return `Kv7!${randomBytes(12).toString('base64url')}#Qz`;
}

// The error body without its request id, for comparing two error answers; `id`, when
// given, is replaced by "<id>" in the text (a 404 may name the id it was asked for).
export function errorBody(res, id) {
  const j = JSON.parse(id ? res.text.split(id).join('<id>') : res.text);
  if (j?.error) delete j.error.request_id;
  return j;
}

// --- TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) -----------------------------------

export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export const totpStep = (ms = Date.now()) => Math.floor(ms / 1000 / 30);

export function totp(secretBase32, step = totpStep()) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', base32Decode(secretBase32)).update(msg).digest();
  const off = h[h.length - 1] & 0x0f;
  const n = ((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

// --- the isms CLI on the server's data (operator commands) ------------------------------

// Runs `isms <args> --data $ISMS_DATA_DIR --database $ISMS_DATABASE_URL`; {code, stdout, stderr}.
export function cli(args, { json = false, env = {} } = {}) {
  assert.ok(ISMS_BIN && DATA_DIR, 'ISMS_BIN and ISMS_DATA_DIR must be set (scripts/test.sh does)');
  const full = [...args, '--data', DATA_DIR];
  if (DATABASE_URL) full.push('--database', DATABASE_URL);
  if (json) full.push('--json');
  const r = spawnSync(ISMS_BIN, full, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Runs a CLI command that must succeed; returns its stdout (parsed when json).
export function cliOk(args, { json = false } = {}) {
  const r = cli(args, { json });
  assert.equal(r.code, 0, `isms ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return json ? JSON.parse(r.stdout) : r.stdout;
}

export const TOKEN_RE = /^isms_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/;

// `isms token create` for a user; returns the token's wire form.
export function cliToken(username, { name = uniq('tok'), scope = 'read_write', registers = [], expiresIn = '1d' } = {}) {
  const args = ['token', 'create', '--user', username, '--name', name, '--scope', scope, '--expires-in', expiresIn];
  for (const r of registers) args.push('--register', r);
  const token = cliOk(args).trim();
  assert.match(token, TOKEN_RE, `isms token create printed ${JSON.stringify(token)}`);
  return token;
}

// A read_write token of the initial administrator (users:manage, roles:manage,
// settings:manage), made once per test file by the operator CLI.
let adminTokenCache = null;
export function adminToken() {
  if (!adminTokenCache) adminTokenCache = cliToken('admin', { name: uniq('api-tests-admin-') });
  return adminTokenCache;
}

// Setup requests (people, groups, grants): as the CISO test user, or as the administrator
// where the CISO lacks the permission. Only for arranging fixtures, never for assertions.
export async function setup(method, path, opts = {}) {
  const res = await api(method, path, opts);
  if (res.status !== 403) return res;
  return api(method, path, { ...opts, token: adminToken() });
}

// Role key -> Role.
export async function rolesByKey() {
  const res = await setup('GET', `${API}/roles`);
  expectStatus(res, 200, 'roles');
  return new Map(res.json.items.map((r) => [r.key, r]));
}

// POST /persons with the given role keys; returns the Person.
export async function createPerson({ name = uniq('Person '), email, roleKeys = ['employee'], jobTitle = 'Tester' } = {}) {
  const roles = await rolesByKey();
  const role_ids = roleKeys.map((k) => {
    assert.ok(roles.has(k), `role ${k} unknown (have ${[...roles.keys()]})`);
    return roles.get(k).id;
  });
  const body = { name, email: email || `${uniq('p')}@example.test`, job_title: jobTitle, role_ids };
  const res = await setup('POST', `${API}/persons`, { body });
  expectStatus(res, 201, 'create person');
  return res.json;
}

// POST /users as the administrator; returns {user, one_time_password}.
export async function createUser(personId, { username = uniq('u'), accessExpiresAt } = {}) {
  const body = { username, person_id: personId };
  if (accessExpiresAt) body.access_expires_at = accessExpiresAt;
  const res = await api('POST', `${API}/users`, { body, token: adminToken() });
  expectStatus(res, 201, 'create user');
  assert.equal(typeof res.json.one_time_password, 'string');
  return res.json;
}

// Logs a fresh user in with the one-time password and changes it; returns the active
// Session and the new password.
export async function activate(username, oneTimePassword, { base = BASE_URL } = {}) {
  const s = new Session({ base });
  const login = await s.login(username, oneTimePassword);
  expectStatus(login, 200, `login ${username}`);
  assert.equal(login.json.state, 'password_change_required', login.text);
  const password = strongPassword();
  const ch = await s.req('POST', `${API}/auth/password`, { body: { current_password: oneTimePassword, new_password: password } });
  expectStatus(ch, 200, `password change ${username}`);
  assert.ok(['active', 'mfa_enrolment_required'].includes(ch.json.state), ch.text);
  return { session: s, password };
}

// A person with the given roles, a user for it and (unless login: false) an active session.
// Returns {person, user, username, password, session}.
export async function newUser({ roleKeys = ['employee'], accessExpiresAt, login = true, name } = {}) {
  const username = uniq('u');
  const person = await createPerson({ roleKeys, name: name || `Person ${username}`, email: `${username}@example.test` });
  const { user, one_time_password: otp } = await createUser(person.id, { username, accessExpiresAt });
  if (!login) return { person, user, username, password: otp, session: null };
  const { session, password } = await activate(username, otp);
  return { person, user, username, password, session };
}

// GET /auth/events (as the administrator) for one user, newest first.
export async function authEvents(params = {}) {
  const res = await api('GET', `${API}/auth/events${qs({ limit: 200, ...params })}`, { token: adminToken() });
  expectStatus(res, 200, 'auth events');
  assert.ok(Array.isArray(res.json.items));
  return res.json.items;
}

// The parts of an XLSX (a zip) read back with python3's zipfile: {sheets: [names in
// order], text: all sheet XML + shared strings concatenated}.
export function readXlsx(bytes) {
  const script = [
    'import sys, zipfile, io, json, re',
    'z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))',
    'wb = z.read("xl/workbook.xml").decode()',
    'sheets = re.findall(r\'<sheet [^>]*name="([^"]*)"\', wb)',
    'text = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml")',
    'print(json.dumps({"sheets": sheets, "text": text}))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script], { input: bytes, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, `not a readable XLSX: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
