// Black-box tests of the risk commands (issue 5): the register (create, list, show, update,
// heat map, acceptance, export), the risk method (show, preview, save), the threat and
// vulnerability catalogues and the quarterly risk cycles, on every engine under test; then
// the remote mode (--server) against a server started here.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BIN, run, runJson, expectError, engines, initialized, tempDir } from './helpers.mjs';

const items = (out) => out.items;

describe('help (issue 5 risk commands)', () => {
  test('--help works for every risk command', () => {
    for (const args of [['risk'], ['risk', 'list'], ['risk', 'create'], ['risk', 'update'], ['risk', 'accept'],
      ['risk', 'revoke-acceptance'], ['risk', 'archive'], ['risk', 'heat-map'], ['risk', 'export'],
      ['risk-method'], ['risk-method', 'show'], ['risk-method', 'preview'], ['risk-method', 'save'],
      ['threat', 'list'], ['threat', 'add'], ['vulnerability', 'update'], ['vulnerability', 'archive'],
      ['risk-cycle'], ['risk-cycle', 'open'], ['risk-cycle', 'review'], ['risk-cycle', 'close'],
      ['risk-cycle', 'compare']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, `isms ${args.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage|OPTIONS|Options/i);
    }
  });
});

for (const engine of engines) {
  describe(`risks on ${engine}`, () => {
    let inst;
    let asset;
    let ceo;
    let ciso;
    const a = (...args) => [...args, ...inst.args];

    before(() => {
      inst = initialized(engine);
      asset = runJson(a('asset', 'create', '--name', 'File server', '--type', 'system'));
      ceo = runJson(a('user', 'create', 'carla', '--person-name', 'Carla Chief',
        '--email', 'ceo@example.test', '--role', 'ceo')).user;
      ciso = runJson(a('user', 'create', 'cleo', '--person-name', 'Cleo Ciso',
        '--email', 'cleo@example.test', '--role', 'ciso')).user;
    });
    after(() => inst.cleanup());

    test('create, list, show a risk; names and refs resolve', () => {
      const r1 = runJson(a('risk', 'create', '--title', 'Ransomware encrypts the file server',
        '--asset', asset.id, '--threat', 'ransomware', '--vulnerability', 'Unpatched software',
        '--inherent', '4:4/3/0/0', '--residual', '4:4/2/0/0', '--treatment', 'accept',
        '--owner', 'ceo@example.test', '--plan', 'Accept for now', '--next-review', '2099-01-31'));
      assert.equal(r1.ref, 'R-0001');
      assert.equal(r1.threat_name, 'Ransomware');
      assert.equal(r1.vulnerability_name, 'Unpatched software');
      assert.equal(r1.owner_id, ceo.person_id);
      assert.deepEqual(r1.inherent.impact, { confidentiality: 4, integrity: 3, availability: 0, authenticity: 0 });
      assert.equal(r1.inherent.level.key, 'high');
      assert.equal(r1.residual.level.key, 'high');
      assert.equal(r1.flags.above_appetite, true);
      assert.equal(r1.flags.needs_acceptance, true);

      const text = run(a('risk', 'create', '--title', 'Laptop stolen', '--asset', asset.id,
        '--threat', 'Malware', '--vulnerability', 'unpatched_software', '--inherent', '2:2/0/0/0',
        '--residual', '2:2/0/0/0'));
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /Risk R-0002 "Laptop stolen" .*version 1.*residual 2:2\/0\/0\/0 Low/);

      const all = items(runJson(a('risk', 'list')));
      assert.deepEqual(all.map((r) => r.ref), ['R-0001', 'R-0002']);
      const above = items(runJson(a('risk', 'list', '--above-appetite')));
      assert.deepEqual(above.map((r) => r.ref), ['R-0001']);
      const byOwner = items(runJson(a('risk', 'list', '--owner', 'CEO@example.test')));
      assert.deepEqual(byOwner.map((r) => r.ref), ['R-0001']);
      const sorted = items(runJson(a('risk', 'list', '--sort', '-residual_level', '--limit', '1', '--all-pages')));
      assert.deepEqual(sorted.map((r) => r.ref), ['R-0001', 'R-0002'], 'every page read');
      const one = runJson(a('risk', 'list', '--limit', '1'));
      assert.equal(one.items.length, 1);
      assert.ok(one.next_cursor);

      const table = run(a('risk', 'list'));
      assert.equal(table.code, 0);
      assert.match(table.stdout, /^REF\s+TITLE/m);
      assert.match(table.stdout, /R-0001\s+Ransomware encrypts the file server\s+Carla Chief\s+4:4\/3\/0\/0 High/);
      assert.match(table.stdout, /above appetite/);

      const shown = runJson(a('risk', 'show', 'R-0001'));
      assert.equal(shown.id, r1.id);
      assert.equal(runJson(a('risk', 'show', r1.id)).ref, 'R-0001');
      const details = run(a('risk', 'show', 'r-0001'));
      assert.equal(details.code, 0, details.stderr);
      assert.match(details.stdout, /threat\s+Ransomware/);
      assert.match(details.stdout, /residual\s+4:4\/2\/0\/0 High/);

      const updated = runJson(a('risk', 'update', 'R-0002', '--version', '1', '--plan', 'Disk encryption',
        '--treatment', 'mitigate'));
      assert.equal(updated.version, 2);
      assert.equal(updated.treatment_plan, 'Disk encryption');
      assert.equal(updated.flags.mitigation_without_controls, true);
      expectError(assert, run(a('risk', 'update', 'R-0002', '--version', '1', '--plan', 'x')), /version|changed|stale/i);
    });

    test('heat map: the grid as text with counts, likelihood rows high to low', () => {
      const map = runJson(a('risk', 'heat-map'));
      assert.equal(map.basis, 'residual');
      assert.equal(map.total, 2);
      assert.equal(map.counts[3][3], 1, 'R-0001 at likelihood 4, impact 4');
      assert.equal(map.counts[1][1], 1, 'R-0002 at likelihood 2, impact 2');
      const r = run(a('risk', 'heat-map'));
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n');
      const rows = lines.filter((l) => /^[1-5] (Rare|Unlikely|Possible|Likely|Almost certain)/.test(l));
      assert.deepEqual(rows.map((l) => l[0]), ['5', '4', '3', '2', '1'], 'likelihood rows from high to low');
      assert.match(r.stdout, /Residual risk heat map.*2 risk\(s\)/);
      assert.match(rows[1], /^4 Likely\s+0 Medium\s+0 Medium\s+0 High\s+1 High\s+0 Critical/);
      assert.match(rows[3], /^2 Unlikely\s+0 Low\s+1 Low\s+0 Medium/);
      assert.match(r.stdout, /Appetite: up to Medium/);
      const inherent = runJson(a('risk', 'heat-map', '--inherent'));
      assert.equal(inherent.basis, 'inherent');
      assert.equal(inherent.counts[3][3], 1);
    });

    test('acceptance above the appetite: the operator is refused, a CEO person accepts', () => {
      const r1 = runJson(a('risk', 'show', 'R-0001'));
      const refused = expectError(assert, run(a('risk', 'accept', 'R-0001', '--version', String(r1.version),
        '--justification', 'Cheaper than the fix')));
      assert.match(refused, /appetite/);
      assert.match(refused, /ceo/);
      assert.match(refused, /--as-person/);
      // A person with risks:write but without the role is refused by the same service rule.
      expectError(assert, run(a('risk', 'accept', 'R-0001', '--version', String(r1.version),
        '--justification', 'x', '--as-person', 'cleo@example.test')), /ceo/);
      expectError(assert, run(a('risk', 'accept', 'R-0001', '--version', String(r1.version),
        '--justification', 'x', '--as-person', 'nobody@example.test')), /no person/);
      const accepted = runJson(a('risk', 'accept', 'R-0001', '--version', String(r1.version),
        '--justification', 'Cheaper than the fix', '--as-person', 'ceo@example.test'));
      assert.equal(accepted.acceptance.accepted_by_person_id, ceo.person_id);
      assert.equal(accepted.acceptance.accepted_by_role, 'ceo');
      assert.equal(accepted.flags.needs_acceptance, false);
      assert.ok(ciso.person_id);
      const revoked = runJson(a('risk', 'revoke-acceptance', 'R-0001', '--version', String(accepted.version),
        '--reason', 'New facts'));
      assert.equal(revoked.acceptance, null);
    });

    test('bad input: unknown option, bad rating, unknown risk', () => {
      const unknown = run(a('risk', 'list', '--colour', 'red'));
      assert.equal(unknown.code, 2, unknown.stderr);
      assert.match(unknown.stderr, /--colour/);
      const bad = expectError(assert, run(a('risk', 'create', '--title', 'x', '--asset', asset.id, '--threat', 'malware',
        '--vulnerability', 'unpatched_software', '--inherent', '9:x', '--residual', '1:1/0/0/0')));
      assert.match(bad, /inherent: must be L:C\/I\/A\/AU/);
      assert.match(bad, /'9:x'/);
      expectError(assert, run(a('risk', 'show', 'R-9999')), /no risk R-9999/);
      expectError(assert, run(a('risk', 'show', '00000000-0000-4000-8000-000000000000')), /not found|no risk/i);
      expectError(assert, run(a('risk', 'create', '--title', 'x', '--asset', asset.id, '--threat', 'Meteor strike',
        '--vulnerability', 'unpatched_software', '--inherent', '1:1/0/0/0', '--residual', '1:1/0/0/0')), /threat.*Meteor strike/);
      expectError(assert, run(a('risk', 'list', '--sort', 'colour')), /sort/);
      expectError(assert, run(a('risk', 'list', '--treatment', 'ignore')), /treatment/);
      expectError(assert, run(a('risk', 'update', 'R-0002', '--version', '2')), /nothing to change/);
    });

    test('export: XLSX and PDF', () => {
      const xlsx = path.join(inst.root, 'register.xlsx');
      let r = run(a('risk', 'export', '--format', 'xlsx', '--output', xlsx));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Wrote \d+ bytes/);
      assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
      const pdf = path.join(inst.root, 'register.pdf');
      r = run(a('risk', 'export', '--format', 'pdf', '-o', pdf));
      assert.equal(r.code, 0, r.stderr);
      const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /R-0001/);
      expectError(assert, run(a('risk', 'export', '--format', 'docx', '-o', pdf)), /format/);
    });

    test('threats and vulnerabilities: list, add, update, archive by name', () => {
      const threats = items(runJson(a('threat', 'list')));
      assert.ok(threats.length >= 20);
      assert.ok(threats.some((t) => t.key === 'malware'));
      const added = runJson(a('threat', 'add', '--name', 'Drone surveillance', '--category', 'human_deliberate',
        '--properties', 'confidentiality'));
      assert.equal(added.kind, 'threat');
      assert.deepEqual(added.properties, ['confidentiality']);
      expectError(assert, run(a('threat', 'add', '--name', 'drone SURVEILLANCE')), /exists|taken|duplicate|already/i);
      const updated = runJson(a('threat', 'update', 'Drone surveillance', '--version', '1', '--description', 'Cameras on drones'));
      assert.equal(updated.version, 2);
      assert.equal(updated.description, 'Cameras on drones');
      const archived = runJson(a('threat', 'archive', added.id, '--version', '2'));
      assert.equal(archived.archived, true);
      assert.ok(!items(runJson(a('threat', 'list'))).some((t) => t.id === added.id));
      assert.ok(items(runJson(a('threat', 'list', '--archived', 'all'))).some((t) => t.id === added.id));
      const text = run(a('threat', 'list'));
      assert.match(text.stdout, /Ransomware\s+human_deliberate/);
      const v = runJson(a('vulnerability', 'add', '--name', 'Shared admin account', '--category', 'organizational'));
      assert.equal(v.kind, 'vulnerability');
      assert.ok(items(runJson(a('vulnerability', 'list'))).some((x) => x.id === v.id));
      expectError(assert, run(a('vulnerability', 'update', 'Drone surveillance', '--version', '2', '--name', 'x')), /no vulnerability/);
    });

    test('risk cycle: open, review (confirmed and changed), close, compare', () => {
      const opened = runJson(a('risk-cycle', 'open', '--title', 'Forum Q1', '--opened-on', '2026-01-15'));
      const id = opened.cycle.id;
      assert.equal(opened.cycle.status, 'open');
      assert.equal(opened.cycle.title, 'Forum Q1');
      expectError(assert, run(a('risk-cycle', 'open')), /open/i);
      expectError(assert, run(a('risk-cycle', 'review', id, '--risk', 'R-0002', '--confirmed')), /reviewer|person/i);
      expectError(assert, run(a('risk-cycle', 'review', id, '--risk', 'R-0002')), /--confirmed or --changed/);
      let view = runJson(a('risk-cycle', 'review', id, '--risk', 'R-0002', '--confirmed', '--note', 'Still fine',
        '--reviewer', 'ceo@example.test'));
      assert.equal(view.reviews.length, 1);
      assert.equal(view.reviews[0].outcome, 'confirmed');
      assert.equal(view.reviews[0].reviewed_by, ceo.person_id);
      view = runJson(a('risk-cycle', 'review', id, '--risk', 'R-0001', '--changed', '--residual', '2:2/2/0/0',
        '--reviewer', ceo.person_id, '--note', 'Patched'));
      const changed = view.reviews.find((r) => r.risk_ref === 'R-0001');
      assert.equal(changed.outcome, 'changed');
      assert.ok(changed.residual_level_after < changed.residual_level_before);
      assert.equal(runJson(a('risk', 'show', 'R-0001')).residual.likelihood, 2);
      const shown = run(a('risk-cycle', 'show', id));
      assert.match(shown.stdout, /R-0001\s+Ransomware/);
      const list = runJson(a('risk-cycle', 'list'));
      assert.equal(list.schedule.state, 'open');
      const closed = runJson(a('risk-cycle', 'close', id, '--version', String(view.cycle.version)));
      assert.equal(closed.cycle.status, 'closed');
      expectError(assert, run(a('risk-cycle', 'close', id, '--version', String(closed.cycle.version))), /closed/i);
      runJson(a('risk', 'create', '--title', 'Flood in the basement', '--asset', asset.id, '--threat', 'malware',
        '--vulnerability', 'unpatched_software', '--inherent', '1:1/0/0/0', '--residual', '1:1/0/0/0'));
      const cmp = runJson(a('risk-cycle', 'compare', id, 'live'));
      assert.deepEqual(cmp.added.map((e) => e.ref), ['R-0003']);
      const text = run(a('risk-cycle', 'compare', id, 'live'));
      assert.match(text.stdout, /added\s+R-0003 Flood in the basement/);
      assert.match(text.stdout, /1 added, 0 removed/);
    });

    test('risk method: show, preview a change, save it, a stale number is refused', () => {
      const current = runJson(a('risk-method', 'show'));
      assert.equal(current.number, 1);
      const text = run(a('risk-method', 'show'));
      assert.match(text.stdout, /Risk method 1/);
      assert.match(text.stdout, /Appetite: up to Medium/);
      const method = structuredClone(current);
      method.grid[3][3] = 3; // likelihood 4, impact 4: high -> critical
      method.change_note = 'Likely and major is critical';
      const file = path.join(inst.root, 'method.json');
      fs.writeFileSync(file, JSON.stringify(method));
      assert.equal(runJson(a('risk', 'show', 'R-0001')).inherent.level.key, 'high');
      const preview = runJson(a('risk-method', 'preview', '--file', file));
      assert.equal(preview.changed_count, 1);
      assert.equal(preview.changed[0].ref, 'R-0001');
      assert.equal(preview.changed[0].inherent.level_after, 3);
      const previewText = run(a('risk-method', 'preview', '--file', file));
      assert.match(previewText.stdout, /would change 1 risk\(s\).*Nothing was stored/);
      assert.match(previewText.stdout, /R-0001.*4x4 high -> 4x4 critical/);
      assert.equal(runJson(a('risk-method', 'show')).number, 1, 'a preview stores nothing');
      expectError(assert, run(a('risk-method', 'preview', '--file', file, '--likelihood-map', '5=four')), /likelihood-map/);
      const saved = runJson(a('risk-method', 'save', '--file', file, '--expected-number', '1', '--rerate'));
      assert.equal(saved.number, 2);
      assert.equal(runJson(a('risk', 'show', 'R-0001')).inherent.level.key, 'critical');
      expectError(assert, run(a('risk-method', 'save', '--file', file, '--expected-number', '1')), /number|conflict|changed|current/i);
      assert.deepEqual(items(runJson(a('risk-method', 'versions'))).map((m) => m.number).sort(), [1, 2]);
    });
  });
}

// ---- remote mode: the same commands against a server's API ----

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

function totp(secret) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const mac = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// A cookie session against the API, for the setup the CLI does not do itself.
class Session {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }

  async call(method, p, body, status) {
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
    for (const c of res.headers.getSetCookie()) {
      const m = /^isms_session=([^;]*)/.exec(c);
      if (m) this.cookie = m[1] ? `isms_session=${m[1]}` : '';
    }
    const text = await res.text();
    assert.equal(res.status, status, `${method} ${p}: ${text.slice(0, 300)}`);
    const json = text ? JSON.parse(text) : null;
    if (json && typeof json.csrf_token === 'string') this.csrf = json.csrf_token;
    if (json && json.session && typeof json.session.csrf_token === 'string') this.csrf = json.session.csrf_token;
    return json;
  }

  async login(username, password) {
    let session = await this.call('POST', '/api/v1/auth/login', { username, password }, 200);
    let current = password;
    for (let i = 0; i < 5 && session.state !== 'active'; i++) {
      if (session.state === 'password_change_required') {
        const next = `Risk-Cli-${crypto.randomBytes(8).toString('hex')}`;
        session = await this.call('POST', '/api/v1/auth/password', { current_password: current, new_password: next }, 200);
        current = next;
      } else if (session.state === 'mfa_enrolment_required') {
        const enrolment = await this.call('POST', '/api/v1/auth/mfa/enrolment', {}, 200);
        session = (await this.call('POST', '/api/v1/auth/mfa/enrolment/confirm', { code: totp(enrolment.secret) }, 200)).session;
      } else {
        throw new Error(`cannot finish login from state ${session.state}`);
      }
    }
    assert.equal(session.state, 'active');
  }
}

// `isms serve` on a fresh data directory; a CISO person, user and API token made through the
// API; returns {remote(args), local(args), cleanup()}.
async function startRemote() {
  const root = tempDir('isms-risk-remote-');
  const data = path.join(root, 'data');
  const port = await freePort();
  const env = { ...process.env };
  for (const k of ['ISMS_DATA', 'ISMS_DATABASE_URL', 'ISMS_SERVER', 'ISMS_TOKEN_FILE', 'ISMS_CA_FILE']) delete env[k];
  const child = spawn(BIN, ['serve', '--data', data, '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', () => {});
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 30_000;
  while (!/listening on (\S+)/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = out.match(/listening on (\S+)/)[1].replace(/\/$/, '');
  const admin = new Session(url);
  await admin.login(/Administrator username:\s+(\S+)/.exec(out)[1], /One-time password:\s+(\S+)/.exec(out)[1]);
  const roles = await admin.call('GET', '/api/v1/roles', undefined, 200);
  const ciso = roles.items.find((r) => r.key === 'ciso');
  const person = await admin.call('POST', '/api/v1/persons', {
    name: 'Remote Ciso', email: 'ciso@example.test', job_title: 'CISO', role_ids: [ciso.id],
  }, 201);
  const user = await admin.call('POST', '/api/v1/users', { username: 'remote.ciso', person_id: person.id }, 201);
  const cisoSession = new Session(url);
  await cisoSession.login('remote.ciso', user.one_time_password);
  const token = await cisoSession.call('POST', '/api/v1/tokens', { name: 'risk-cli', scope: 'read_write', expires_in_days: 1 }, 201);
  const tokenFile = path.join(root, 'token');
  fs.writeFileSync(tokenFile, `${token.secret}\n`, { mode: 0o600 });
  fs.chmodSync(tokenFile, 0o600);
  const clean = { ISMS_SERVER: '', ISMS_TOKEN_FILE: '', ISMS_CA_FILE: '' };
  return {
    person,
    remote: (args) => run(['--server', url, '--token-file', tokenFile, ...args], { env: clean }),
    local: (args) => run([...args, '--data', data], { env: clean }),
    cleanup: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

describe('remote mode: risk and SoA commands through the API', () => {
  let srv;
  before(async () => { srv = await startRemote(); });
  after(async () => { if (srv) await srv.cleanup(); });

  const ok = (r) => {
    assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    return r.stdout;
  };

  test('risk create, list, show; local and remote print the same', () => {
    const asset = JSON.parse(ok(srv.remote(['asset', 'create', '--name', 'Mail server', '--type', 'system', '--json'])));
    const created = JSON.parse(ok(srv.remote(['risk', 'create', '--title', 'Phishing steals mail passwords',
      '--asset', asset.id, '--threat', 'Phishing', '--vulnerability', 'unpatched_software',
      '--inherent', '4:3/0/0/2', '--residual', '2:3/0/0/2', '--owner', 'ciso@example.test', '--json'])));
    assert.equal(created.ref, 'R-0001');
    assert.equal(created.owner_id, srv.person.id);
    assert.equal(created.threat_name, 'Phishing');
    const list = JSON.parse(ok(srv.remote(['risk', 'list', '--json'])));
    assert.deepEqual(list.items.map((r) => r.ref), ['R-0001']);
    const shown = JSON.parse(ok(srv.remote(['risk', 'show', 'R-0001', '--json'])));
    assert.equal(shown.id, created.id);
    assert.equal(ok(srv.remote(['risk', 'show', 'R-0001'])), ok(srv.local(['risk', 'show', 'R-0001'])));
    assert.equal(ok(srv.remote(['risk', 'list'])), ok(srv.local(['risk', 'list'])));
    assert.equal(ok(srv.remote(['risk', 'heat-map'])), ok(srv.local(['risk', 'heat-map'])));
    expectError(assert, srv.remote(['risk', 'show', 'R-0042']), /no risk R-0042/);
    expectError(assert, srv.remote(['risk', 'create', '--title', 'x', '--asset', asset.id, '--threat', 'malware',
      '--vulnerability', 'unpatched_software', '--inherent', '9:x', '--residual', '1:1/0/0/0']), /L:C\/I\/A\/AU/);
    expectError(assert, srv.remote(['risk', 'accept', 'R-0001', '--version', '1', '--justification', 'x',
      '--as-person', 'ciso@example.test']), /as-person.*local operator/);
  });

  test('soa show and set through the API', () => {
    const soa = JSON.parse(ok(srv.remote(['soa', 'show', '--json'])));
    assert.equal(soa.lines.length, 93);
    assert.equal(soa.totals.undecided, 93);
    const line = JSON.parse(ok(srv.remote(['soa', 'set', 'A.5.15', '--applicable', 'yes', '--reason', 'risk_treatment',
      '--implementation', 'partial', '--json'])));
    assert.equal(line.applicable, 'yes');
    assert.equal(line.version, 1);
    const undecided = JSON.parse(ok(srv.remote(['soa', 'show', '--undecided', '--json'])));
    assert.equal(undecided.lines.length, 92);
    assert.equal(ok(srv.remote(['soa', 'show'])), ok(srv.local(['soa', 'show'])));
  });
});
