// Black-box tests of `isms exception` and `isms review` (issue 6): request as a named person,
// approve by another (never one's own), list with states under a fake clock, withdraw,
// revoke, renew; reviews due and completing one; on every engine under test, then the
// remote mode against a server started here.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, runJson, expectError, engines, initialized } from './helpers.mjs';
import { startOwnServer } from '../api/own_server.mjs';

describe('help (exception and review commands)', () => {
  test('--help works for every command', () => {
    for (const args of [['exception'], ['exception', 'request'], ['exception', 'list'], ['exception', 'show'],
      ['exception', 'approve'], ['exception', 'reject'], ['exception', 'withdraw'], ['exception', 'revoke'],
      ['exception', 'renew'], ['review'], ['review', 'due'], ['review', 'complete']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, `isms ${args.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage|OPTIONS|Options/i);
    }
  });
});

for (const engine of engines) {
  describe(`exceptions on ${engine}`, () => {
    let inst;
    let clock;
    let asset;
    const env = () => ({ ISMS_FAKE_CLOCK_FILE: clock });
    const a = (...args) => [...args, ...inst.args];
    const json = (...args) => runJson(a(...args), { env: env() });
    const cmd = (...args) => run(a(...args), { env: env() });

    before(() => {
      inst = initialized(engine);
      clock = path.join(inst.root, 'now');
      fs.writeFileSync(clock, '2026-03-01T12:00:00Z');
      asset = json('asset', 'create', '--name', 'VPN appliance', '--type', 'system');
      json('user', 'create', 'emp', '--person-name', 'Emma Ployee', '--email', 'emp@example.test', '--role', 'employee');
      json('user', 'create', 'cleo', '--person-name', 'Cleo Ciso', '--email', 'cleo@example.test', '--role', 'ciso');
    });
    after(() => inst.cleanup());

    test('request, approve, states as time passes, renew, revoke', () => {
      expectError(assert, cmd('exception', 'request', '--title', 'x', '--reason', 'y', '--asset', asset.id), /as-person/);
      const ex = json('exception', 'request', '--title', 'Legacy VPN without MFA', '--reason', 'Vendor cannot do MFA',
        '--asset', asset.id, '--section', '5.2 Remote access', '--compensating', 'IP allow-list',
        '--risk-statement', 'Stolen credentials', '--expires-on', '2026-04-15', '--as-person', 'emp@example.test');
      assert.equal(ex.ref, 'EX-0001');
      assert.equal(ex.status, 'requested');
      assert.equal(ex.requester_name, 'Emma Ployee');
      assert.equal(ex.requested_expires_on, '2026-04-15');

      expectError(assert, cmd('exception', 'approve', 'EX-0001', '--as-person', 'emp@example.test'), /exceptions:approve/);
      const approved = json('exception', 'approve', 'EX-0001', '--note', 'Until replaced', '--as-person', 'cleo@example.test');
      assert.equal(approved.status, 'approved');
      assert.equal(approved.expires_on, '2026-04-15');
      assert.equal(approved.state, 'active');

      fs.writeFileSync(clock, '2026-03-20T12:00:00Z');
      assert.equal(json('exception', 'show', 'EX-0001').state, 'expiring');
      const table = cmd('exception', 'list');
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /^REF\s+TITLE\s+STATE/m);
      assert.match(table.stdout, /EX-0001\s+Legacy VPN without MFA\s+expiring\s+Emma Ployee\s+2026-04-15/);
      assert.deepEqual(json('exception', 'list', '--state', 'expiring').items.map((x) => x.ref), ['EX-0001']);

      const due = json('review', 'due');
      assert.deepEqual(due.items.map((i) => `${i.object_type}:${i.ref}:${i.state}`), ['exception:EX-0001:due']);
      const done = json('review', 'complete', '--type', 'exception', '--id', ex.id, '--as-person', 'emp@example.test');
      assert.equal(done.renewal_ref, 'EX-0002');
      const renewal = json('exception', 'show', 'EX-0002');
      assert.equal(renewal.renews_id, ex.id);
      expectError(assert, cmd('exception', 'renew', 'EX-0001', '--as-person', 'emp@example.test'), /already has a renewal/);

      fs.writeFileSync(clock, '2026-04-16T12:00:00Z');
      assert.equal(json('exception', 'show', ex.id).state, 'expired');
      expectError(assert, cmd('exception', 'revoke', 'EX-0001', '--as-person', 'cleo@example.test'), /note/);
      const revoked = json('exception', 'revoke', 'EX-0001', '--note', 'Appliance replaced', '--as-person', 'cleo@example.test');
      assert.equal(revoked.status, 'revoked');
      fs.writeFileSync(clock, '2026-03-01T12:00:00Z');
    });

    test('nobody decides their own; withdraw; bad input', () => {
      const own = json('exception', 'request', '--title', 'Shared admin', '--reason', 'Legacy', '--asset', asset.id,
        '--as-person', 'cleo@example.test');
      expectError(assert, cmd('exception', 'approve', own.id, '--as-person', 'cleo@example.test'), /requester/);
      expectError(assert, cmd('exception', 'withdraw', own.id, '--as-person', 'emp@example.test'), /not found/);
      assert.equal(json('exception', 'withdraw', own.id, '--as-person', 'cleo@example.test').status, 'withdrawn');
      expectError(assert, cmd('exception', 'request', '--title', 'No scope', '--reason', 'x', '--as-person', 'emp@example.test'), /scope/);
      expectError(assert, cmd('exception', 'request', '--title', 'Too long', '--reason', 'x', '--asset', asset.id,
        '--expires-on', '2027-03-02', '--as-person', 'emp@example.test'), /12 months/);
      expectError(assert, cmd('exception', 'show', 'EX-0099'), /no exception EX-0099/);
      expectError(assert, cmd('review', 'complete', '--type', 'soa', '--id', 'x'), /approv/);
      expectError(assert, cmd('review', 'due', '--until', '2026-13-01'), /until/);
    });
  });
}

describe('remote mode: exception and review commands through the API', () => {
  let srv;
  let tokenFile;
  before(async () => {
    srv = await startOwnServer({ now: '2026-03-01T12:00:00Z' });
    tokenFile = path.join(srv.dir, 'token');
    fs.writeFileSync(tokenFile, srv.token, { mode: 0o600 });
  });
  after(async () => {
    await srv?.stop();
  });
  const remote = (...args) => run(['--server', srv.base, '--token-file', tokenFile, ...args]);

  test('request, list, approve by another, review due', () => {
    const asset = srv.cliOk(['asset', 'create', '--name', 'Laptop', '--type', 'system'], { json: true });
    let r = remote('exception', 'request', '--title', 'Unencrypted laptop', '--reason', 'BIOS lock', '--asset', asset.id, '--json');
    assert.equal(r.code, 0, r.stderr);
    const ex = JSON.parse(r.stdout);
    assert.equal(ex.requester_name, 'Own Server CISO');
    expectError(assert, remote('exception', 'approve', ex.ref), /requester/);
    expectError(assert, remote('exception', 'request', '--title', 'x', '--reason', 'y', '--asset', asset.id,
      '--as-person', 'someone'), /as-person/);
    r = remote('exception', 'list');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /EX-0001\s+Unencrypted laptop\s+requested/);
    r = remote('review', 'due');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Nothing needs review until 2026-03-31/);
  });
});
