// Black-box tests of the objective commands (issue 6): isms objective list|show|create|
// update|review, isms indicator add|show|update|retire and isms measurement record|list|
// supersede, on every engine under test; then the remote mode (--server) against a server
// with a fake clock, where local and remote print the same.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, runJson, expectError, engines, initialized, tempDir } from './helpers.mjs';
import { startOwnServer } from '../api/own_server.mjs';

describe('help (objective commands)', () => {
  test('--help works for every objective command', () => {
    for (const args of [['objective'], ['objective', 'list'], ['objective', 'show'], ['objective', 'create'],
      ['objective', 'update'], ['objective', 'review'], ['indicator', 'add'], ['indicator', 'show'],
      ['indicator', 'update'], ['indicator', 'retire'], ['measurement', 'record'], ['measurement', 'list'],
      ['measurement', 'supersede']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, `isms ${args.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage|OPTIONS|Options/i);
    }
  });
});

for (const engine of engines) {
  describe(`objectives on ${engine}`, () => {
    let inst;
    const a = (...args) => [...args, ...inst.args];
    before(() => {
      inst = initialized(engine);
    });
    after(() => inst.cleanup());

    test('the six default objectives, an indicator and its measurements', () => {
      const list = runJson(a('objective', 'list'));
      assert.equal(list.items.length, 6);
      assert.equal(list.items[0].ref, 'OBJ-01');
      assert.equal(list.items[0].title, 'Cyber Resilience Assurance');
      const table = run(a('objective', 'list'));
      assert.equal(table.code, 0);
      assert.match(table.stdout, /OBJ-06 +Confidence and Transparency/);

      const ind = runJson(a('indicator', 'add', 'obj-01', '--name', 'Availability', '--unit', '%',
        '--direction', 'higher_is_better', '--target', '99.9', '--frequency', 'monthly'));
      assert.equal(ind.ref, 'IND-0001');
      assert.equal(ind.target, '99.9');
      const range = runJson(a('indicator', 'add', 'OBJ-03', '--name', 'Training hours', '--unit', 'h',
        '--direction', 'target_range', '--target', '4..8'));
      assert.deepEqual(range.target, ['4', '8']);

      const today = new Date().toISOString().slice(0, 10);
      const r1 = runJson(a('measurement', 'record', 'IND-0001', '--value', '99.95', '--on', '2026-01-31', '--period', '2026-01'));
      assert.equal(r1.measurement.on_target, true);
      const r2 = runJson(a('measurement', 'record', 'IND-0001', '--value', '99.5', '--on', '2025-12-31'));
      assert.equal(r2.measurement.on_target, false);
      const printed = run(a('measurement', 'record', 'IND-0001', '--value', '99.91'));
      assert.equal(printed.code, 0, printed.stderr);
      assert.match(printed.stdout, new RegExp(`Recorded 99\\.91 on ${today} \\(on target\\)`));

      const ms = runJson(a('measurement', 'list', 'IND-0001'));
      assert.deepEqual(ms.items.map((m) => m.value), ['99.5', '99.95', '99.91']);
      const fixed = runJson(a('measurement', 'supersede', r2.measurement.id, '--value', '99.92', '--note', 'typo'));
      assert.equal(fixed.measurement.measured_on, '2025-12-31');
      assert.equal(runJson(a('measurement', 'list', 'IND-0001', '--all')).items.length, 4);

      const shown = run(a('indicator', 'show', 'IND-0001'));
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, />= 99\.9 %/);
      assert.match(shown.stdout, /99\.92/);

      expectError(assert, run(a('measurement', 'record', 'IND-0001', '--value', '1e5')), /value/);
      expectError(assert, run(a('measurement', 'record', 'IND-0001', '--value', '1', '--on', '2999-01-01')), /measured_on.*future/);
      expectError(assert, run(a('measurement', 'record', 'IND-0042', '--value', '1')), /no indicator "IND-0042"/);
      expectError(assert, run(a('indicator', 'add', 'OBJ-01', '--name', 'x', '--target', 'NaN')), /target/);
    });

    test('create, update with the version, review, retire', () => {
      const created = runJson(a('objective', 'create', '--title', 'Fewer unassessed suppliers', '--interval-months', '6'));
      assert.equal(created.ref, 'OBJ-07');
      assert.equal(created.review_interval_months, 6);
      expectError(assert, run(a('objective', 'update', 'OBJ-07', '--title', 'x', '--version', '5')), /version/);
      const updated = runJson(a('objective', 'update', 'OBJ-07', '--status', 'achieved', '--version', String(created.version)));
      assert.equal(updated.status, 'achieved');
      const reviewed = runJson(a('objective', 'review', 'OBJ-07', '--outcome', 'changed', '--note', 'New target'));
      assert.equal(reviewed.reviews.length, 1);
      assert.equal(reviewed.last_reviewed_on, new Date().toISOString().slice(0, 10));
      const show = run(a('objective', 'show', 'OBJ-07'));
      assert.equal(show.code, 0);
      assert.match(show.stdout, /changed by cli:.*: New target/);

      const ind = runJson(a('indicator', 'add', 'OBJ-07', '--name', 'Assessed', '--target', '100', '--unit', '%'));
      const changed = runJson(a('indicator', 'update', ind.ref, '--target', '95', '--version', String(ind.version)));
      assert.equal(changed.target, '95');
      const retired = runJson(a('indicator', 'retire', ind.ref, '--version', String(changed.version)));
      assert.equal(retired.status, 'retired');
      expectError(assert, run(a('measurement', 'record', ind.ref, '--value', '1')), /retired/);
    });
  });
}

describe('remote mode: objective commands through the API', () => {
  let srv;
  let tokenFile;
  const remote = (args) => run(['--server', srv.base, '--token-file', tokenFile, ...args]);
  const local = (args) => srv.cli(args);
  const ok = (r) => {
    assert.equal(r.code, 0, `stderr: ${r.stderr}`);
    return r.stdout;
  };

  before(async () => {
    srv = await startOwnServer({ now: '2026-05-20T10:00:00Z' });
    const dir = tempDir('isms-obj-remote-');
    tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, srv.token, { mode: 0o600 });
  });
  after(async () => {
    await srv?.stop();
  });

  test('the same commands remotely; local and remote print the same', () => {
    const ind = JSON.parse(ok(remote(['indicator', 'add', 'OBJ-02', '--name', 'Open audit findings',
      '--direction', 'lower_is_better', '--target', '3', '--frequency', 'quarterly', '--json'])));
    assert.equal(ind.ref, 'IND-0001');
    const rec = JSON.parse(ok(remote(['measurement', 'record', 'IND-0001', '--value', '4', '--json'])));
    assert.equal(rec.measurement.measured_on, '2026-05-20'); // the server's (fake) today
    assert.equal(rec.measurement.on_target, false);
    assert.equal(rec.measurement.recorded_by_name, 'Own Server CISO');
    assert.equal(rec.indicator.next_due_on, '2026-08-20');
    const reviewed = JSON.parse(ok(remote(['objective', 'review', 'OBJ-02', '--outcome', 'kept', '--json'])));
    assert.equal(reviewed.next_review_on, '2027-05-20');
    const retired = JSON.parse(ok(remote(['indicator', 'retire', 'IND-0001', '--version', String(rec.indicator.version), '--json'])));
    assert.equal(retired.status, 'retired');
    for (const args of [['objective', 'list'], ['objective', 'show', 'OBJ-02'], ['indicator', 'show', 'IND-0001'],
      ['measurement', 'list', 'IND-0001']]) {
      assert.equal(ok(remote(args)), ok(local(args)), args.join(' '));
    }
    expectError(assert, remote(['objective', 'show', 'OBJ-99']), /no objective "OBJ-99"/);
    expectError(assert, remote(['measurement', 'record', 'IND-0001', '--value', '2']), /retired/);
  });
});
