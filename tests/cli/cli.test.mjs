// Black-box tests of the isms command line: init, assets, people, demo, ledger, errors.
// Run: ISMS_BIN=build/cli/isms [ISMS_TEST_PG_URL=postgresql://...] node --test tests/cli/
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, runJson, expectError, engines, instance, initialized, tempDir } from './helpers.mjs';

const ME = `cli:${os.userInfo().username}`;

describe('help and usage', () => {
  test('--help works at every level and exits 0', () => {
    for (const args of [[], ['asset'], ['asset', 'list'], ['asset', 'update'], ['ledger', 'verify'],
      ['init'], ['serve'], ['person', 'list'], ['role', 'list'], ['demo', 'load'], ['version']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, `isms ${args.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage|Options|Subcommands/i);
      if (args.length === 2) assert.match(r.stdout, /--data/, 'global options shown on leaves');
    }
    assert.match(run(['asset', 'update', '--help']).stdout, /current version/);
  });

  test('usage errors exit 2', () => {
    assert.equal(run([]).code, 2);
    assert.equal(run(['asset']).code, 2);
    assert.equal(run(['asset', 'list', '--no-such-flag']).code, 2);
    assert.equal(run(['frobnicate']).code, 2);
    assert.equal(run(['asset', 'show']).code, 2, 'missing id');
    assert.equal(run(['asset', 'archive', 'abcd']).code, 2, 'missing --reason');
  });

  test('version', () => {
    const r = run(['version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^isms \d+\.\d+\.\d+/);
    const j = runJson(['version']);
    assert.match(j.version, /^\d+\.\d+\.\d+$/);
    assert.ok(Number.isInteger(j.schema_version));
    assert.match(run(['--version']).stdout, /isms \d+\.\d+\.\d+/);
  });
});

describe('data directory', () => {
  test('commands other than init refuse an uninitialized directory and create nothing', () => {
    const root = tempDir();
    const data = path.join(root, 'nothing-here');
    for (const args of [['asset', 'list'], ['ledger', 'verify'], ['demo', 'load']]) {
      expectError(assert, run([...args, '--data', data]), /isms init/);
    }
    assert.equal(fs.existsSync(data), false);
    fs.rmSync(root, { recursive: true });
  });

  test('ISMS_DATA selects the data directory; --data wins over it', () => {
    const root = tempDir();
    const a = path.join(root, 'a');
    const b = path.join(root, 'b');
    assert.equal(run(['init'], { env: { ISMS_DATA: a } }).code, 0);
    assert.ok(fs.existsSync(path.join(a, 'isms.db')));
    assert.equal(run(['init', '--data', b], { env: { ISMS_DATA: a } }).code, 0);
    assert.ok(fs.existsSync(path.join(b, 'isms.db')));
    // Also accepted before the noun.
    assert.equal(run(['--data', b, 'asset', 'list']).code, 0);
    fs.rmSync(root, { recursive: true });
  });

  test('ISMS_DATABASE_URL selects the database; --database wins over it', () => {
    const root = tempDir();
    const data = path.join(root, 'data');
    const envDb = path.join(root, 'env.db');
    const flagDb = path.join(root, 'flag.db');
    const env = { ISMS_DATABASE_URL: `sqlite:${envDb}` };
    assert.equal(run(['init', '--data', data], { env }).code, 0);
    assert.ok(fs.existsSync(envDb));
    assert.ok(!fs.existsSync(path.join(data, 'isms.db')));
    assert.ok(fs.existsSync(path.join(data, 'ledger-signing.key')), 'the key stays in --data');
    assert.equal(run(['init', '--data', data, '--database', `sqlite:${flagDb}`], { env }).code, 0);
    assert.ok(fs.existsSync(flagDb));
    fs.rmSync(root, { recursive: true });
  });

  test('a path that is a file is refused', () => {
    const root = tempDir();
    const file = path.join(root, 'file');
    fs.writeFileSync(file, 'x');
    expectError(assert, run(['init', '--data', file]), /not a directory/);
    fs.rmSync(root, { recursive: true });
  });
});

for (const engine of engines) {
  describe(`init (${engine})`, () => {
    let inst;
    before(() => { inst = instance(engine); });
    after(() => inst.cleanup());

    test('prints the one-time password once; second run prints none', () => {
      const first = run(['init', ...inst.args, '--organization', 'Acme AG']);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /username:\s+admin/);
      const password = first.stdout.match(/One-time password:\s+(\S+)/)?.[1];
      assert.ok(password && password.length >= 12, first.stdout);
      assert.match(first.stdout, /shown once/i);
      assert.match(first.stdout, /change it at first login/i);
      assert.equal(first.stderr, '');

      const second = run(['init', ...inst.args, '--organization', 'Other']);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /already initialized/);
      assert.match(second.stdout, /Acme AG/);
      assert.ok(!second.stdout.includes(password));
      assert.doesNotMatch(second.stdout, /password:/i);

      const json = runJson(['init', ...inst.args]);
      assert.equal(json.created, false);
      assert.equal(json.admin_one_time_password, undefined);
      assert.equal(json.organization.name, 'Acme AG');
    });

    test('data directory is 0700 and the signing key 0600', () => {
      assert.equal(run(['init', ...inst.args]).code, 0);  // idempotent; makes the test standalone
      assert.equal(fs.statSync(inst.data).mode & 0o777, 0o700);
      const key = fs.statSync(path.join(inst.data, 'ledger-signing.key'));
      assert.equal(key.mode & 0o777, 0o600);
    });

    test('the password is stored only hashed', () => {
      const j = initialized(engine);
      try {
        const pw = j.init.admin_one_time_password;
        assert.ok(pw);
        const dump = j.sql('SELECT * FROM users;');
        assert.ok(!dump.includes(pw), 'password in clear in users table');
      } finally {
        j.cleanup();
      }
    });

    test('an over-permissive key file is refused', () => {
      assert.equal(run(['init', ...inst.args]).code, 0);
      fs.chmodSync(path.join(inst.data, 'ledger-signing.key'), 0o644);
      expectError(assert, run(['asset', 'list', ...inst.args]), /ledger-signing\.key/);
      fs.chmodSync(path.join(inst.data, 'ledger-signing.key'), 0o600);
      assert.equal(run(['asset', 'list', ...inst.args]).code, 0);
    });
  });

  describe(`assets (${engine})`, () => {
    let inst;
    const a = (...args) => [...args, ...inst.args];
    before(() => { inst = initialized(engine); });
    after(() => inst.cleanup());

    test('create, list, show, update, archive round-trip', () => {
      const created = runJson(a('asset', 'create', '--name', 'Customer database', '--type', 'system',
        '--classification', 'confidential', '--confidentiality', '4', '--integrity', '3',
        '--business-function', 'Support', '--description', 'Line one\nLine two'));
      assert.match(created.id, /^[0-9a-f-]{36}$/);
      assert.equal(created.name, 'Customer database');
      assert.equal(created.classification, 'confidential');
      assert.equal(created.confidentiality, 4);
      assert.equal(created.integrity, 3);
      assert.equal(created.availability, 2);
      assert.equal(created.lifecycle_status, 'active');
      assert.equal(created.version, 1);
      assert.equal(created.archived, false);

      const listed = runJson(a('asset', 'list'));
      assert.ok(listed.items.some((x) => x.id === created.id));
      assert.ok('next_cursor' in listed);

      assert.deepEqual(runJson(a('asset', 'show', created.id)), created);
      // The table shows 8-character id prefixes; they are accepted back.
      assert.equal(runJson(a('asset', 'show', created.id.slice(0, 8))).id, created.id);
      assert.equal(runJson(a('asset', 'show', created.id.toUpperCase())).id, created.id);

      const table = run(a('asset', 'list'));
      assert.equal(table.code, 0);
      assert.match(table.stdout, /^ID\s+NAME\s+TYPE\s+CLASSIFICATION\s+STATUS\s+OWNER/m);
      assert.ok(table.stdout.includes(created.id.slice(0, 8)));
      assert.match(table.stdout, /Customer database\s+system\s+confidential\s+active/);

      const human = run(a('asset', 'show', created.id));
      assert.equal(human.code, 0);
      assert.match(human.stdout, /confidentiality\s+4 \(Very high\)/);
      assert.match(human.stdout, /Line two/);

      const updated = runJson(a('asset', 'update', created.id, '--name', 'Customer DB',
        '--status', 'retiring'));
      assert.equal(updated.name, 'Customer DB');
      assert.equal(updated.lifecycle_status, 'retiring');
      assert.equal(updated.version, 2);

      const withVersion = runJson(a('asset', 'update', created.id, '--version', '2',
        '--availability', '3'));
      assert.equal(withVersion.version, 3);
      assert.equal(withVersion.availability, 3);

      const archived = runJson(a('asset', 'archive', created.id, '--reason', 'decommissioned'));
      assert.equal(archived.archived, true);
      assert.equal(archived.archive_reason, 'decommissioned');
      assert.ok(!runJson(a('asset', 'list')).items.some((x) => x.id === created.id));
      assert.ok(runJson(a('asset', 'list', '--archived', 'true')).items.some((x) => x.id === created.id));
      assert.ok(runJson(a('asset', 'list', '--archived', 'all')).items.some((x) => x.id === created.id));
      expectError(assert, run(a('asset', 'archive', created.id, '--reason', 'again')), /archived/);
    });

    test('update with a stale --version is a conflict', () => {
      const x = runJson(a('asset', 'create', '--name', 'Stale test'));
      runJson(a('asset', 'update', x.id, '--name', 'Stale test 2'));
      const r = run(a('asset', 'update', x.id, '--version', '1', '--name', 'Lost update'));
      expectError(assert, r, /changed by someone else|conflict|version/i);
      assert.equal(runJson(a('asset', 'show', x.id)).name, 'Stale test 2');
      expectError(assert, run(a('asset', 'archive', x.id, '--reason', 'r', '--version', '1')));
    });

    test('--from-json reads an API body from a file or stdin; flags override', () => {
      const file = path.join(inst.root, 'asset.json');
      fs.writeFileSync(file, JSON.stringify({ name: 'From file', type: 'cloud_service',
        classification: 'public', depends_on: [] }));
      const fromFile = runJson(a('asset', 'create', '--from-json', file));
      assert.equal(fromFile.type, 'cloud_service');
      const fromStdin = runJson(a('asset', 'create', '--from-json', '-', '--classification',
        'internal'), { input: JSON.stringify({ name: 'From stdin', depends_on: [fromFile.id] }) });
      assert.equal(fromStdin.name, 'From stdin');
      assert.equal(fromStdin.classification, 'internal');
      assert.deepEqual(fromStdin.depends_on, [fromFile.id]);
      expectError(assert, run(a('asset', 'create', '--from-json', '-'), { input: '{"name":' }),
        /from-json/);
      expectError(assert, run(a('asset', 'create', '--from-json', '-'),
        { input: '{"name":"x","colour":"red"}' }), /colour: unknown field/);
      expectError(assert, run(a('asset', 'create', '--from-json', '-'),
        { input: '{"name":"x","id":"abc"}' }), /id: is read-only/);
      expectError(assert, run(a('asset', 'create', '--from-json', path.join(inst.root, 'missing'))),
        /cannot read/);
    });

    test('owner and dependencies', () => {
      const persons = runJson(a('person', 'list')).items;
      assert.ok(persons.length >= 1);
      const owner = persons[0];
      const base = runJson(a('asset', 'create', '--name', 'Base system'));
      const x = runJson(a('asset', 'create', '--name', 'Owned app', '--type', 'application',
        '--owner', owner.id, '--depends-on', base.id));
      assert.equal(x.owner_id, owner.id);
      assert.equal(x.owner_name, owner.name);
      assert.deepEqual(x.depends_on, [base.id]);
      const filtered = runJson(a('asset', 'list', '--owner', owner.id)).items;
      assert.deepEqual(filtered.map((i) => i.id), [x.id]);
      const cleared = runJson(a('asset', 'update', x.id, '--owner', '', '--depends-on', ''));
      assert.equal(cleared.owner_id, null);
      assert.deepEqual(cleared.depends_on, []);
      expectError(assert, run(a('asset', 'create', '--name', 'y', '--owner',
        '00000000-0000-4000-8000-000000000000')), /owner_id/);
      expectError(assert, run(a('asset', 'update', x.id, '--depends-on', x.id)), /depends_on/);
    });

    test('bad values exit 1 with a one-line reason naming the field', () => {
      const x = runJson(a('asset', 'create', '--name', 'Validation target'));
      const cases = [
        [['asset', 'create', '--name', ''], /^isms: error: name: must not be empty/],
        [['asset', 'create', '--name', 'x', '--confidentiality', '7'], /confidentiality/],
        [['asset', 'create', '--name', 'x', '--integrity', 'high'], /integrity/],
        [['asset', 'create', '--name', 'x', '--type', 'spaceship'], /type/],
        [['asset', 'create', '--name', 'x', '--classification', 'secret'], /classification/],
        [['asset', 'create', '--name', 'x', '--status', 'dead'], /lifecycle_status/],
        [['asset', 'create', '--name', 'a\u0001b'], /name/],
        [['asset', 'create', '--name', 'x'.repeat(201)], /name/],
        [['asset', 'list', '--classification', 'secret'], /classification/],
        [['asset', 'list', '--type', 'system,spaceship'], /type/],
        [['asset', 'list', '--status', 'dead'], /status/],
        [['asset', 'list', '--limit', '0'], /limit/],
        [['asset', 'list', '--limit', '501'], /limit/],
        [['asset', 'list', '--limit', 'ten'], /limit/],
        [['asset', 'list', '--archived', 'maybe'], /archived/],
        [['asset', 'list', '--sort', 'colour'], /sort/],
        [['asset', 'list', '--cursor', 'garbage'], /cursor/],
        [['asset', 'show', '00000000-0000-4000-8000-000000000000'], /not found|no asset/i],
        [['asset', 'show', 'zz'], /id/],
        [['asset', 'update', x.id], /nothing to update/],
        [['asset', 'update', x.id, '--version', '0', '--name', 'y'], /version/],
        [['asset', 'archive', x.id, '--reason', ''], /reason/],
        [['ledger', 'list', '--limit', '0'], /limit/],
        [['ledger', 'list', '--after', '-1'], /after/],
      ];
      for (const [args, pattern] of cases) expectError(assert, run(a(...args)), pattern);
      assert.equal(runJson(a('asset', 'show', x.id)).version, 1, 'nothing was written');
    });

    test('classification rules: customer_data is never lowered; lowering needs a justification', () => {
      const cd = runJson(a('asset', 'create', '--name', 'CRM data', '--classification', 'customer_data'));
      expectError(assert, run(a('asset', 'update', cd.id, '--classification', 'confidential',
        '--justification', 'please')), /customer_data_never_downgraded/);
      assert.equal(runJson(a('asset', 'show', cd.id)).classification, 'customer_data');

      const c = runJson(a('asset', 'create', '--name', 'Wiki', '--classification', 'confidential'));
      expectError(assert, run(a('asset', 'update', c.id, '--classification', 'internal')),
        /justification/);
      const lowered = runJson(a('asset', 'update', c.id, '--classification', 'internal',
        '--justification', 'no secrets left'));
      assert.equal(lowered.classification, 'internal');
      const raised = runJson(a('asset', 'update', c.id, '--classification', 'confidential'));
      assert.equal(raised.classification, 'confidential');
    });
  });

  describe(`asset list filters, sort and paging (${engine})`, () => {
    let inst;
    const a = (...args) => [...args, ...inst.args];
    before(() => {
      inst = initialized(engine);
      const rows = [
        ['Alpha mail', 'service', 'internal', 'active', 'Email for staff'],
        ['Bravo CRM', 'application', 'customer_data', 'active', 'Customer records'],
        ['Charlie laptop fleet', 'device', 'confidential', 'planned', 'Laptops'],
        ['Delta website', 'application', 'public', 'retired', 'Marketing site'],
        ['Echo backups', 'cloud_service', 'customer_data', 'active', 'Offsite copies'],
      ];
      for (const [name, type, classification, status, description] of rows) {
        runJson(a('asset', 'create', '--name', name, '--type', type, '--classification',
          classification, '--status', status, '--description', description));
      }
    });
    after(() => inst.cleanup());
    const names = (args) => runJson(a('asset', 'list', ...args)).items.map((x) => x.name);

    test('filters combine', () => {
      assert.deepEqual(names(['--type', 'application']), ['Bravo CRM', 'Delta website']);
      assert.deepEqual(names(['--classification', 'customer_data']), ['Bravo CRM', 'Echo backups']);
      assert.deepEqual(names(['--type', 'application', '--classification', 'public']), ['Delta website']);
      assert.deepEqual(names(['--type', 'device,service']), ['Alpha mail', 'Charlie laptop fleet']);
      assert.deepEqual(names(['--status', 'planned']), ['Charlie laptop fleet']);
      assert.deepEqual(names(['--search', 'STAFF']), ['Alpha mail']);
      assert.deepEqual(names(['--search', 'marketing']), ['Delta website']);
      assert.deepEqual(names(['--search', 'nothing matches this']), []);
      // Names of confidential and customer_data assets are searched, their descriptions
      // are not: those are stored sealed (docs/api.md "Classification-aware reads").
      assert.deepEqual(names(['--search', 'BACKUPS']), ['Echo backups']);
      assert.deepEqual(names(['--search', 'customer']), []);
      assert.deepEqual(names(['--search', 'offsite']), []);
      assert.deepEqual(names(['--search', 'laptops']), []);  // "Laptops": the description only
    });

    test('sort ascending and descending', () => {
      assert.deepEqual(names(['--sort', 'name']),
        ['Alpha mail', 'Bravo CRM', 'Charlie laptop fleet', 'Delta website', 'Echo backups']);
      assert.deepEqual(names(['--sort=-name']),
        ['Echo backups', 'Delta website', 'Charlie laptop fleet', 'Bravo CRM', 'Alpha mail']);
      assert.deepEqual(names(['--sort', '-name']), names(['--sort=-name']));
      const byClass = runJson(a('asset', 'list', '--sort', '-classification')).items;
      assert.equal(byClass[0].classification, 'customer_data');
      assert.equal(byClass.at(-1).classification, 'public');
    });

    test('cursor paging visits every asset once; --total counts them', () => {
      const seen = [];
      let cursor = null;
      let pages = 0;
      do {
        const page = runJson(a('asset', 'list', '--limit', '2', '--total',
          ...(cursor ? ['--cursor', cursor] : [])));
        assert.equal(page.total, 5);
        assert.ok(page.items.length <= 2);
        seen.push(...page.items.map((x) => x.name));
        cursor = page.next_cursor;
        pages++;
      } while (cursor && pages < 10);
      assert.equal(pages, 3);
      assert.deepEqual(seen, names([]));

      const table = run(a('asset', 'list', '--limit', '2', '--total'));
      assert.match(table.stdout, /5 matching assets/);
      assert.match(table.stdout, /--cursor \S+/);
    });
  });

  describe(`people, roles, demo (${engine})`, () => {
    let inst;
    const a = (...args) => [...args, ...inst.args];
    before(() => { inst = initialized(engine); });
    after(() => inst.cleanup());

    test('roles are seeded', () => {
      const keys = runJson(a('role', 'list')).items.map((r) => r.key);
      for (const k of ['ceo', 'ciso', 'employee', 'contractor', 'auditor', 'administrator']) {
        assert.ok(keys.includes(k), k);
      }
      assert.match(run(a('role', 'list')).stdout, /^KEY\s+NAME/m);
    });

    test('demo load, then list shows dozens; a second load is refused', () => {
      const demo = runJson(a('demo', 'load'));
      assert.ok(demo.assets >= 24, `assets: ${demo.assets}`);
      assert.ok(demo.persons >= 5, `persons: ${demo.persons}`);
      const list = runJson(a('asset', 'list', '--limit', '500', '--total'));
      assert.equal(list.items.length, demo.assets);
      assert.equal(list.total, demo.assets);
      const persons = runJson(a('person', 'list')).items;
      assert.ok(persons.length > demo.persons, 'demo persons plus the administrator');
      const table = run(a('person', 'list'));
      assert.match(table.stdout, /^ID\s+NAME\s+EMAIL/m);
      assert.match(table.stdout, /ciso/);
      expectError(assert, run(a('demo', 'load')), /holds assets|already|conflict/i);
      assert.equal(run(a('ledger', 'verify')).code, 0);
    });
  });

  describe(`ledger (${engine})`, () => {
    let inst;
    const a = (...args) => [...args, ...inst.args];
    before(() => { inst = initialized(engine); });
    after(() => inst.cleanup());

    test('verify passes and list shows the CLI actor', () => {
      const x = runJson(a('asset', 'create', '--name', 'Ledgered'));
      runJson(a('asset', 'update', x.id, '--name', 'Ledgered 2'));
      const r = run(a('ledger', 'verify'));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^ledger verified: \d+ entries, \d+ checkpoints?, head [0-9a-f]{64}\n$/);
      const report = runJson(a('ledger', 'verify'));
      assert.equal(report.ok, true);
      assert.ok(report.entries >= 10);
      assert.ok(report.checkpoints >= 1);

      const entries = runJson(a('ledger', 'list', '--object', x.id)).items;
      assert.deepEqual(entries.map((e) => e.action), ['asset.create', 'asset.update']);
      for (const e of entries) assert.equal(e.actor, ME);
      assert.equal(entries[1].change.name.to, 'Ledgered 2');

      const page = runJson(a('ledger', 'list', '--limit', '3'));
      assert.deepEqual(page.items.map((e) => e.seq), [1, 2, 3]);
      assert.equal(page.next_after, 3);
      const next = runJson(a('ledger', 'list', '--after', '3', '--limit', '2'));
      assert.deepEqual(next.items.map((e) => e.seq), [4, 5]);
      assert.match(run(a('ledger', 'list')).stdout, /^SEQ\s+AT\s+ACTOR\s+ACTION/m);
    });
  });
}
