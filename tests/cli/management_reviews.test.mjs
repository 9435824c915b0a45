// Black-box tests of `isms management-review` (docs/api.md "Management reviews"): create
// with inputs assembled from the registers, update the record, refresh, hold, approve (the
// operator names the approving person), mark an action done and write the minutes PDF, on
// every engine; then the same commands remotely (--server) against a private server, where
// the CISO's token may not approve.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run, runJson, expectError, engines, initialized } from './helpers.mjs';
import { startOwnServer } from '../api/own_server.mjs';

function pdfText(file) {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\s+/g, '');
}

describe('help (management reviews)', () => {
  test('--help works for every management-review command', () => {
    for (const sub of ['', 'list', 'create', 'show', 'update', 'refresh', 'hold', 'approve', 'action', 'minutes']) {
      const args = ['management-review', ...(sub ? [sub] : []), '--help'];
      const r = run(args);
      assert.equal(r.code, 0, `isms ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /Usage|OPTIONS|Options/i);
    }
  });
});

for (const engine of engines) {
  describe(`management reviews on ${engine}`, () => {
    let inst;
    let ceo;
    const a = (...args) => [...args, ...inst.args];

    before(() => {
      inst = initialized(engine);
      ceo = runJson(a('user', 'create', 'carla', '--person-name', 'Carla Chief', '--email', 'ceo@example.test', '--role', 'ceo')).user;
      runJson(a('user', 'create', 'otto', '--person-name', 'Otto Owner', '--email', 'otto@example.test', '--role', 'employee'));
      // A finding of the audits module, by the op_records contract (store/README.md).
      const id = crypto.randomUUID();
      const body = JSON.stringify({ source: 'self_assessment', grade: 'minor_nonconformity', title: 'Backups untested' }).replace(/'/g, "''");
      inst.sql(`INSERT INTO op_records (id, kind, ref, parent_id, status, owner_id, due_at, archived, body, version, created_at, updated_at)
                VALUES ('${id}', 'finding', 'F-0901', '', 'open', '', '', 0, '${body}', 1, '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')`);
    });
    after(() => inst.cleanup());

    test('create, update, hold, approve, action, minutes', () => {
      let r = runJson(a('management-review', 'create', '--title', 'Review 2026', '--planned-on', '2026-12-01', '--chair', 'ceo@example.test',
        '--comment', 'b=New customer contracts'));
      assert.equal(r.ref, 'MR-0001');
      assert.equal(r.status, 'planned');
      assert.equal(r.chair_id, ceo.person_id);
      const d1 = r.inputs.find((i) => i.key === 'd1');
      assert.ok(d1.tables.some((t) => t.rows.some((row) => row[0] === 'F-0901')), JSON.stringify(d1));
      assert.equal(r.inputs.find((i) => i.key === 'b').comment, 'New customer contracts');

      const listed = run(a('management-review', 'list'));
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /MR-0001\s+\S+\s+Review 2026\s+2026-12-01/);

      r = runJson(a('management-review', 'update', r.id, '--version', String(r.version), '--attendee', 'ceo@example.test', '--guest', 'External auditor',
        '--decision', 'isms_change:Extend MFA to contractors', '--action', 'Quarterly restore test|otto@example.test|2027-03-31',
        '--minutes', 'The ISMS remains suitable.'));
      assert.deepEqual(r.attendee_ids, [ceo.person_id]);
      assert.equal(r.actions[0].title, 'Quarterly restore test');
      expectError(assert, run(a('management-review', 'update', r.id, '--version', String(r.version), '--decision', 'nonsense')), /decision/);
      expectError(assert, run(a('management-review', 'update', r.id, '--version', '1', '--minutes', 'x')), /version/);

      r = runJson(a('management-review', 'refresh', r.id, '--version', String(r.version)));
      r = runJson(a('management-review', 'hold', r.id, '--version', String(r.version), '--held-on', '2026-12-02'));
      assert.equal(r.status, 'held');
      expectError(assert, run(a('management-review', 'refresh', r.id, '--version', String(r.version))), /frozen/);
      expectError(assert, run(a('management-review', 'approve', r.id, '--version', String(r.version))), /approver/);
      r = runJson(a('management-review', 'approve', r.id, '--version', String(r.version), '--approver', 'ceo@example.test'));
      assert.equal(r.status, 'approved');
      assert.equal(r.approved_by_name, 'Carla Chief');
      r = runJson(a('management-review', 'action', r.id, '0', 'done'));
      assert.equal(r.actions[0].status, 'done');

      const shown = run(a('management-review', 'show', r.id));
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, /approved by Carla Chief/);
      assert.match(shown.stdout, /9\.3\.2 d\) 1\) Nonconformities and corrective actions/);

      const out = path.join(inst.root, 'minutes.pdf');
      const m = run(a('management-review', 'minutes', r.id, '--out', out));
      assert.equal(m.code, 0, m.stderr);
      const text = pdfText(out);
      assert.ok(text.includes('ApprovedbyCarlaChiefon'), text.slice(0, 400));
      assert.ok(text.includes('ExtendMFAtocontractors'));
      assert.ok(text.includes('F-0901'));
      expectError(assert, run(a('management-review', 'show', crypto.randomUUID())), /not found/);
    });
  });
}

describe('remote mode: management reviews through the API', () => {
  let srv;
  let tokenFile;
  const remote = (args) => run(['--server', srv.base, '--token-file', tokenFile, ...args], { env: { ISMS_SERVER: '', ISMS_TOKEN_FILE: '', ISMS_CA_FILE: '' } });
  before(async () => {
    srv = await startOwnServer({ now: '2026-12-01T09:00:00Z' });
    tokenFile = path.join(srv.dir, 'ciso-token');
    fs.writeFileSync(tokenFile, `${srv.token}\n`, { mode: 0o600 });
  });
  after(async () => srv && srv.stop());

  test('create, hold; the CISO cannot approve, the CEO can', () => {
    let r = remote(['management-review', 'create', '--title', 'Remote review', '--json']);
    assert.equal(r.code, 0, r.stderr);
    let review = JSON.parse(r.stdout);
    assert.equal(review.planned_on, '2026-12-01', 'today by the fake clock');
    r = remote(['management-review', 'hold', review.id, '--version', String(review.version), '--json']);
    assert.equal(r.code, 0, r.stderr);
    review = JSON.parse(r.stdout);
    assert.equal(review.held_on, '2026-12-01');
    expectError(assert, remote(['management-review', 'approve', review.id, '--version', String(review.version)]), /reviews:approve/);
    expectError(assert, remote(['management-review', 'approve', review.id, '--version', String(review.version), '--approver', 'x']), /operator/);
    srv.cliOk(['user', 'create', 'boss', '--person-name', 'Bea Boss', '--email', 'boss@own.test', '--role', 'ceo']);
    const ceoToken = path.join(srv.dir, 'ceo-token');
    fs.writeFileSync(ceoToken, `${srv.tokenFor('boss')}\n`, { mode: 0o600 });
    r = run(['--server', srv.base, '--token-file', ceoToken, 'management-review', 'approve', review.id, '--version', String(review.version), '--json'],
      { env: { ISMS_SERVER: '', ISMS_TOKEN_FILE: '', ISMS_CA_FILE: '' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).approved_by_name, 'Bea Boss');
    const out = path.join(srv.dir, 'remote-minutes.pdf');
    r = remote(['management-review', 'minutes', review.id, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(pdfText(out).includes('ApprovedbyBeaBosson2026-12-01'));
    const local = srv.cliOk(['management-review', 'show', review.id]);
    assert.equal(remote(['management-review', 'show', review.id]).stdout, local);
  });
});
