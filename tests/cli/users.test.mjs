// Black-box tests of the operator's access administration commands: isms user, person
// update, group, grant. Run: ISMS_BIN=build/cli/isms [ISMS_TEST_PG_URL=...] node --test tests/cli/
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { run, runJson, expectError, engines, initialized } from './helpers.mjs';

const ME = `cli:${os.userInfo().username}`;
const inDays = (n) => new Date(Date.now() + n * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');

describe('help and usage (access administration)', () => {
  test('--help works for every new command', () => {
    for (const args of [['user'], ['user', 'create'], ['user', 'list'], ['user', 'unlock'],
      ['user', 'reset-password'], ['user', 'disable'], ['user', 'enable'], ['person', 'update'],
      ['group'], ['group', 'list'], ['group', 'create'], ['grant'], ['grant', 'list'],
      ['grant', 'add'], ['grant', 'remove']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, `isms ${args.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage|Options|Subcommands/i);
    }
  });

  test('usage errors exit 2', () => {
    assert.equal(run(['user']).code, 2);
    assert.equal(run(['user', 'create']).code, 2, 'missing username');
    assert.equal(run(['user', 'unlock']).code, 2, 'missing username');
    assert.equal(run(['group', 'create']).code, 2, 'missing name');
    assert.equal(run(['grant', 'add', 'asset', 'abcd']).code, 2, 'missing person id');
    assert.equal(run(['grant', 'list', 'widget', 'abcd']).code, 2, 'unknown object type');
    assert.equal(run(['person', 'update']).code, 2, 'missing id');
  });
});

for (const engine of engines) {
  describe(`users (${engine})`, () => {
    let inst;
    const a = (...args) => [...args, ...inst.args];
    before(() => { inst = initialized(engine); });
    after(() => inst.cleanup());

    test('create with a new person prints the one-time password once', () => {
      const r = run(a('user', 'create', 'alice', '--person-name', 'Alice Example',
        '--email', 'alice@example.test', '--role', 'employee'));
      assert.equal(r.code, 0, r.stderr);
      const password = r.stdout.match(/one-time password: (\S+)/)?.[1];
      assert.ok(password && password.length >= 12, r.stdout);
      assert.equal(r.stderr, '');
      const users = runJson(a('user', 'list')).items;
      const alice = users.find((u) => u.username === 'alice');
      assert.ok(alice, JSON.stringify(users));
      assert.equal(alice.person_name, 'Alice Example');
      assert.equal(alice.must_change_password, true);
      assert.equal(alice.disabled, false);
      const text = run(a('user', 'list'));
      assert.equal(text.code, 0);
      assert.match(text.stdout, /USERNAME/);
      assert.match(text.stdout, /alice/);
      for (const out of [text.stdout, JSON.stringify(users)]) {
        assert.ok(!out.includes(password), 'the one-time password is shown once');
        assert.doesNotMatch(out, /argon2|password_hash/);
      }
      const person = runJson(a('person', 'list')).items.find((p) => p.id === alice.person_id);
      assert.equal(person.email, 'alice@example.test');
    });

    test('create for an existing person, --json', () => {
      const admin = runJson(a('person', 'list')).items.find((p) => p.name === 'Administrator');
      const j = runJson(a('user', 'create', 'admin2', '--person-id', admin.id));
      assert.equal(j.user.username, 'admin2');
      assert.equal(j.user.person_id, admin.id);
      assert.equal(typeof j.one_time_password, 'string');
      assert.ok(j.one_time_password.length >= 12);
      const entries = runJson(a('ledger', 'list', '--object', j.user.id)).items;
      assert.ok(entries.some((e) => e.action === 'user.create' && e.actor === ME), JSON.stringify(entries));
      assert.ok(!JSON.stringify(entries).includes('argon2'), 'no hash in the ledger');
    });

    test('bad input is one error line, exit 1', () => {
      expectError(assert, run(a('user', 'create', 'alice', '--person-name', 'Twin', '--email', 'twin@example.test')), /taken/);
      expectError(assert, run(a('user', 'create', 'Bad Name', '--person-name', 'B', '--email', 'b@example.test')), /username/);
      expectError(assert, run(a('user', 'create', 'nobody', '--person-id', '00000000-0000-4000-8000-000000000000')), /person_id/);
      expectError(assert, run(a('user', 'create', 'both', '--person-id', 'x', '--person-name', 'Y', '--email', 'y@example.test')), /person/);
      expectError(assert, run(a('user', 'create', 'neither')), /person/);
      expectError(assert, run(a('user', 'create', 'noemail', '--person-name', 'No Email')), /email/);
      expectError(assert, run(a('user', 'create', 'norole', '--person-name', 'R', '--email', 'r@example.test', '--role', 'wizard')), /wizard/);
      expectError(assert, run(a('user', 'create', 'when', '--person-name', 'W', '--email', 'w@example.test', '--access-expires-at', 'soon')), /access_expires_at/);
      expectError(assert, run(a('user', 'unlock', 'ghost')), /ghost/);
      // A failed create leaves no person behind (one transaction).
      const names = runJson(a('person', 'list')).items.map((p) => p.name);
      for (const n of ['Twin', 'B', 'R', 'W']) assert.ok(!names.includes(n), `${n} was created`);
    });

    test('auditors need an access end date', () => {
      expectError(assert, run(a('user', 'create', 'audrey', '--person-name', 'Audrey Auditor',
        '--email', 'audrey@example.test', '--role', 'auditor')), /access_expires_at/);
      const j = runJson(a('user', 'create', 'audrey', '--person-name', 'Audrey Auditor',
        '--email', 'audrey@example.test', '--role', 'auditor', '--access-expires-at', inDays(30)));
      assert.equal(Date.parse(j.user.access_expires_at) > Date.now(), true);
    });

    test('disable, enable, unlock, reset-password', () => {
      const disabled = runJson(a('user', 'disable', 'alice'));
      assert.equal(disabled.disabled, true);
      assert.match(run(a('user', 'list')).stdout, /alice\s+Alice Example\s+disabled/);
      const enabled = runJson(a('user', 'enable', 'alice'));
      assert.equal(enabled.disabled, false);
      assert.equal(enabled.version, disabled.version + 1);

      // Lock the account as failed logins would.
      inst.sql(`UPDATE users SET failed_logins = 6, locked_until = '2999-01-01T00:00:00.000000Z' WHERE username = 'alice'`);
      assert.match(run(a('user', 'list')).stdout, /alice\s+Alice Example\s+locked/);
      const r = run(a('user', 'unlock', 'alice'));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Unlocked user alice/);
      const unlocked = runJson(a('user', 'list')).items.find((u) => u.username === 'alice');
      assert.equal(unlocked.failed_logins, 0);
      assert.equal(unlocked.locked_until, null);
      const entries = runJson(a('ledger', 'list', '--object', unlocked.id)).items.map((e) => e.action);
      assert.ok(entries.includes('auth.account_unlocked'), entries.join());

      const reset = run(a('user', 'reset-password', 'alice'));
      assert.equal(reset.code, 0, reset.stderr);
      assert.match(reset.stdout, /one-time password: \S{12,}/);
      const j = runJson(a('user', 'reset-password', 'alice'));
      assert.equal(j.user.must_change_password, true);
      assert.ok(j.one_time_password.length >= 12);
      assert.ok(!reset.stdout.includes(j.one_time_password), 'a new password each time');
    });

    test('person update: employment and roles flag an access review', () => {
      const alice = runJson(a('user', 'list')).items.find((u) => u.username === 'alice');
      expectError(assert, run(a('person', 'update', alice.person_id)), /nothing to change/);
      expectError(assert, run(a('person', 'update', alice.person_id, '--employment', 'retired')), /employment/);
      expectError(assert, run(a('person', 'update', alice.person_id, '--role', 'wizard')), /wizard/);
      const roles = runJson(a('person', 'update', alice.person_id, '--role', 'employee', '--role', 'contractor'));
      assert.equal(roles.role_ids.length, 2);
      assert.equal(roles.access_review_required, true);
      const ended = runJson(a('person', 'update', alice.person_id, '--employment', 'ended'));
      assert.equal(ended.employment_status, 'ended');
      assert.equal(ended.version, roles.version + 1);
      const text = run(a('person', 'update', alice.person_id, '--employment', 'active'));
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /Updated person Alice Example/);
      const actions = runJson(a('ledger', 'list', '--object', alice.person_id)).items.map((e) => e.action);
      assert.ok(actions.filter((x) => x === 'person.update').length >= 3, actions.join());
    });

    test('groups: create and list; names are unique regardless of case', () => {
      const alice = runJson(a('user', 'list')).items.find((u) => u.username === 'alice');
      const g = runJson(a('group', 'create', 'Operations', '--member', alice.person_id, '--description', 'ops team'));
      assert.equal(g.name, 'Operations');
      assert.deepEqual(g.member_ids, [alice.person_id]);
      assert.equal(g.version, 1);
      const list = runJson(a('group', 'list')).items;
      assert.ok(list.some((x) => x.id === g.id));
      assert.match(run(a('group', 'list')).stdout, /Operations/);
      expectError(assert, run(a('group', 'create', 'OPERATIONS')), /exists/);
      expectError(assert, run(a('group', 'create', 'Ghosts', '--member', '00000000-0000-4000-8000-000000000000')), /member_ids/);
      const text = run(a('group', 'create', 'Finance'));
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /Created working group "Finance"/);
    });

    test('grants on assets: add, list, remove', () => {
      const alice = runJson(a('user', 'list')).items.find((u) => u.username === 'alice');
      const asset = runJson(a('asset', 'create', '--name', 'Customer DB', '--classification', 'customer_data'));
      const added = runJson(a('grant', 'add', 'asset', asset.id, alice.person_id));
      assert.equal(added.object_type, 'asset');
      assert.equal(added.object_id, asset.id);
      assert.equal(added.person_id, alice.person_id);
      assert.equal(added.person_name, 'Alice Example');
      assert.equal(added.granted_by, ME);
      const listed = runJson(a('grant', 'list', 'asset', asset.id)).items;
      assert.ok(listed.some((g) => g.person_id === alice.person_id));
      // An id prefix works like everywhere else.
      assert.match(run(a('grant', 'list', 'asset', asset.id.slice(0, 8))).stdout, /Alice Example/);
      expectError(assert, run(a('grant', 'add', 'asset', asset.id, alice.person_id)), /already/);
      expectError(assert, run(a('grant', 'add', 'asset', asset.id, '00000000-0000-4000-8000-000000000000')), /person_id/);
      const removed = run(a('grant', 'remove', 'asset', asset.id, alice.person_id));
      assert.equal(removed.code, 0, removed.stderr);
      assert.ok(!runJson(a('grant', 'list', 'asset', asset.id)).items.some((g) => g.person_id === alice.person_id));
      expectError(assert, run(a('grant', 'remove', 'asset', asset.id, alice.person_id)), /no grant/);
      expectError(assert, run(a('grant', 'list', 'asset', '00000000-0000-4000-8000-000000000000')), /not found/);
      const actions = runJson(a('ledger', 'list', '--object', asset.id)).items.map((e) => e.action);
      assert.ok(actions.includes('asset.grant') && actions.includes('asset.revoke_grant'), actions.join());
    });

    test('the ledger still verifies', () => {
      const v = runJson(a('ledger', 'verify'));
      assert.equal(v.ok, true, JSON.stringify(v));
    });
  });
}
