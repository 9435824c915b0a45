// Shared helpers for the black-box API tests. They talk to a running `isms serve` at
// $BASE_URL (fresh, initialized database) using only Node's built-in fetch and net.
//
// Every request goes through api()/raw(), which fail the test on any 5xx: the contract
// says bad input gets a clear 4xx error and never a crash.
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomBytes } from 'node:crypto';

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
export const API = '/api/v1';
// A second server on the same database (scripts/test.sh sets it on PostgreSQL, where
// several `isms serve` processes may share one database); falls back to BASE_URL.
export const BASE_URL_2 = (process.env.BASE_URL_2 || BASE_URL).replace(/\/$/, '');

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

// Sends one request. `body`: an object/array/primitive is JSON-encoded with
// Content-Type application/json; a string or Buffer is sent as-is (set headers yourself).
// Returns {status, headers, text, json} where json is null when the body is not JSON.
export async function api(method, path, { body, headers = {}, json = true, base = BASE_URL } = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array) {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      if (json && !Object.keys(init.headers).some((h) => h.toLowerCase() === 'content-type')) {
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
  return { status: res.status, headers: res.headers, text, json: parsed };
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
export function raw(method, path, { headers = {}, body = Buffer.alloc(0), chunked = false } = {}) {
  const url = new URL(BASE_URL);
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
      const res = { status, headers: h, text, json };
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
