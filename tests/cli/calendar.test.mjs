// Black-box tests of the calendar commands (issue 6): isms activity list|show|create|update|
// archive|complete|skip|occurrences, isms calendar agenda|settings, locally on every engine
// under test, and remotely (--server) against a private server.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, runJson, expectError, engines, initialized } from './helpers.mjs';
import { startOwnServer } from '../api/own_server.mjs';

describe('help (calendar commands)', () => {
  test('--help works for every calendar command', () => {
    for (const args of [['activity'], ['activity', 'list'], ['activity', 'show'], ['activity', 'create'],
      ['activity', 'update'], ['activity', 'archive'], ['activity', 'complete'], ['activity', 'skip'],
      ['activity', 'occurrences'], ['calendar'], ['calendar', 'agenda'], ['calendar', 'settings']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, `isms ${args.join(' ')} --help: ${r.stderr}`);
    }
  });
});

for (const engine of engines) {
  describe(`calendar on ${engine}`, () => {
    let inst;
    let owner;
    const a = (...args) => [...args, ...inst.args];

    before(() => {
      inst = initialized(engine);
      owner = runJson(a('user', 'create', 'olga', '--person-name', 'Olga Owner',
        '--email', 'olga@example.test', '--role', 'employee')).user;
    });
    after(() => inst.cleanup());

    test('the default calendar is listed', () => {
      const list = runJson(a('activity', 'list')).items;
      assert.ok(list.length >= 12, JSON.stringify(list.map((x) => x.title)));
      assert.ok(list.some((x) => x.default_key === 'log_review' && x.cadence.kind === 'monthly'));
      const text = run(a('activity', 'list'));
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /Quarterly risk assessment/);
    });

    test('create, complete with --as-person, skip, occurrences, update, archive', () => {
      const act = runJson(a('activity', 'create', '--title', 'Restore test of the ERP backup',
        '--cadence', 'custom', '--every', '2', '--unit', 'weeks', '--anchor-on', '2026-01-05',
        '--owner', 'olga@example.test', '--subject', 'backups', '--requires', 'notes,evidence',
        '--window', '3', '--policy', 'Policy 8.13'));
      assert.match(act.ref, /^ACT-\d{4}$/);
      assert.equal(act.owner_id, owner.person_id);
      assert.deepEqual(act.requires, ['notes', 'evidence']);
      assert.equal(act.cadence_text, 'Every 2 weeks from 2026-01-05');

      // Required fields and the operator's person.
      expectError(assert, run(a('activity', 'complete', act.ref, '2026-01-05', '--notes', 'ok',
        '--as-person', 'olga@example.test')), /evidence/);
      expectError(assert, run(a('activity', 'complete', act.ref, '2026-01-05', '--notes', 'ok',
        '--evidence', 'https://backup.example/report-1')), /as-person/);
      const done = runJson(a('activity', 'complete', act.ref, '2026-01-05', '--notes', 'Restored 12 GB',
        '--evidence', 'https://backup.example/report-1', '--as-person', 'olga@example.test'));
      assert.equal(done.state, 'done');
      assert.equal(done.completed_by, owner.person_id);
      expectError(assert, run(a('activity', 'complete', act.ref, '2026-01-05', '--notes', 'x',
        '--evidence', 'https://e.example/x', '--as-person', 'olga@example.test')), /already/);
      expectError(assert, run(a('activity', 'complete', act.ref, '2026-01-06', '--notes', 'x',
        '--evidence', 'https://e.example/x', '--as-person', 'olga@example.test')), /not an occurrence/);
      const skipped = runJson(a('activity', 'skip', act.ref, '2026-01-19', '--reason', 'Holiday',
        '--as-person', 'olga@example.test'));
      assert.equal(skipped.state, 'skipped');

      const occ = runJson(a('activity', 'occurrences', act.ref, '--from', '2026-01-01', '--to', '2026-02-10')).items;
      assert.deepEqual(occ.map((o) => [o.due_on, o.state === 'done' || o.state === 'skipped' ? o.state : 'open']),
        [['2026-01-05', 'done'], ['2026-01-19', 'skipped'], ['2026-02-02', 'open']]);
      const table = run(a('activity', 'occurrences', act.ref, '--from', '2026-01-01', '--to', '2026-02-10'));
      assert.match(table.stdout, /2026-01-05\s+done\s+Olga Owner\s+Restored 12 GB/);

      const shown = runJson(a('activity', 'show', act.ref));
      assert.equal(shown.id, act.id);
      const updated = runJson(a('activity', 'update', act.ref, '--version', String(shown.version),
        '--title', 'ERP restore test', '--pause'));
      assert.equal(updated.title, 'ERP restore test');
      assert.equal(updated.status, 'paused');
      expectError(assert, run(a('activity', 'update', act.ref, '--version', String(shown.version),
        '--title', 'stale')), /version/);
      const archived = runJson(a('activity', 'archive', act.ref));
      assert.equal(archived.archived, true);
      assert.ok(runJson(a('activity', 'list', '--status', 'archived')).items.some((x) => x.id === act.id));
    });

    test('agenda and settings', () => {
      const act = runJson(a('activity', 'create', '--title', 'Weekly patch window',
        '--cadence', 'weekly', '--weekday', 'tuesday', '--anchor-on', '2030-01-01',
        '--owner', owner.person_id));
      const agenda = runJson(a('calendar', 'agenda', '--from', '2030-01-01', '--to', '2030-01-14',
        '--owner', owner.person_id)).items;
      assert.deepEqual(agenda.map((i) => i.due_on), ['2030-01-01', '2030-01-08']);
      assert.ok(agenda.every((i) => i.object_id === act.id && i.owner_name === 'Olga Owner'));
      const text = run(a('calendar', 'agenda', '--from', '2030-01-01', '--to', '2030-01-14'));
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /2030-01-08\s+upcoming\s+occurrence\s+ACT-\d+\s+Weekly patch window/);
      expectError(assert, run(a('calendar', 'agenda', '--from', '2030-01-01', '--to', '2031-12-31')), /400 days/);
      expectError(assert, run(a('activity', 'create', '--title', 'x', '--cadence', 'hourly')), /cadence.kind/);
      assert.equal(runJson(a('calendar', 'settings')).time_zone, 'UTC');
      assert.equal(runJson(a('calendar', 'settings', '--time-zone', 'Europe/Berlin')).time_zone, 'Europe/Berlin');
      expectError(assert, run(a('calendar', 'settings', '--time-zone', 'Nowhere/Town')), /time_zone/);
      assert.match(run(a('calendar', 'settings')).stdout, /Time zone: Europe\/Berlin/);
    });
  });
}

describe('calendar remotely (--server)', () => {
  let srv;
  before(async () => {
    srv = await startOwnServer({ now: '2026-03-01T12:00:00Z' });
  });
  after(async () => {
    await srv?.stop();
  });

  test('create, complete, agenda and settings over the API', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const tokenFile = path.join(srv.dir, 'cli-token');
    fs.writeFileSync(tokenFile, srv.token, { mode: 0o600 });
    const r = (...args) => run([...args, '--server', srv.base, '--token-file', tokenFile]);
    const rj = (...args) => runJson([...args, '--server', srv.base, '--token-file', tokenFile]);
    const persons = (await srv.api('GET', '/api/v1/persons')).json.items;
    const me = persons.find((p) => p.email === 'ciso@own.test');
    const act = rj('activity', 'create', '--title', 'Remote duty', '--cadence', 'monthly',
      '--day-of-month', '15', '--anchor-on', '2026-03-01', '--owner', 'ciso@own.test');
    assert.equal(act.owner_id, me.id);
    assert.equal(act.next_due, '2026-03-15');
    const done = rj('activity', 'complete', act.ref, '2026-03-15');
    assert.equal(done.completed_by, me.id);
    expectError(assert, r('activity', 'complete', act.ref, '2026-03-15', '--as-person', 'x@y.z'), /as-person/);
    const agenda = rj('calendar', 'agenda', '--from', '2026-03-01', '--to', '2026-04-30', '--include-done');
    assert.deepEqual(agenda.items.filter((i) => i.object_id === act.id).map((i) => [i.due_on, i.state]),
      [['2026-03-15', 'done'], ['2026-04-15', 'upcoming']]);
    assert.equal(rj('calendar', 'settings', '--time-zone', 'Europe/Helsinki').time_zone, 'Europe/Helsinki');
    assert.equal(rj('calendar', 'settings').time_zone, 'Europe/Helsinki');
    const archived = rj('activity', 'archive', act.ref);
    assert.equal(archived.archived, true);
  });
});
