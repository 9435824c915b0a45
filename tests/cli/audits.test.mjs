// Black-box tests of the audit commands (issue 6): audit-programme, audit, finding and
// action, locally on every engine under test — the full chain from a nonconform checklist
// item to a verified corrective action and the report PDF — and in remote mode (--server)
// against a private server.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run, runJson, expectError, engines, initialized, tempDir } from './helpers.mjs';
import { startOwnServer } from '../api/own_server.mjs';

describe('help (audit commands)', () => {
  test('--help works for every audit command', () => {
    for (const args of [['audit-programme'], ['audit-programme', 'create'], ['audit-programme', 'approve'],
      ['audit'], ['audit', 'create'], ['audit', 'check'], ['audit', 'complete'], ['audit', 'report'],
      ['finding', 'create'], ['finding', 'close'], ['action', 'add'], ['action', 'implement'],
      ['action', 'verify'], ['action', 'list']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, `isms ${args.join(' ')} --help: ${r.stderr}`);
    }
  });
});

for (const engine of engines) {
  describe(`audits on ${engine}`, () => {
    let inst;
    let lead;
    let owner;
    const a = (...args) => [...args, ...inst.args];

    before(() => {
      inst = initialized(engine);
      lead = runJson(a('user', 'create', 'alice', '--person-name', 'Alice Auditor',
        '--email', 'alice@example.test', '--role', 'ciso')).user;
      owner = runJson(a('user', 'create', 'olle', '--person-name', 'Olle Owner',
        '--email', 'olle@example.test', '--role', 'employee')).user;
    });
    after(() => inst.cleanup());

    test('programme, audit, checklist, finding, action, verification, report', () => {
      const prog = runJson(a('audit-programme', 'create', '--year', '2026', '--title', 'Audit programme 2026',
        '--owner', 'alice@example.test'));
      assert.equal(prog.ref, 'AP-2026');
      expectError(assert, run(a('audit-programme', 'create', '--year', '2026', '--title', 'Again')), /exists already/);
      const approved = runJson(a('audit-programme', 'approve', 'AP-2026', '--version', String(prog.version)));
      assert.equal(approved.status, 'approved');

      let audit = runJson(a('audit', 'create', '--title', 'Access control audit', '--scope', 'IAM',
        '--criterion', 'iso27001-2022:A.5.15', '--criterion', 'iso27001-2022:A.5.18',
        '--lead', 'alice@example.test', '--start', '2026-03-02', '--end', '2026-03-06', '--programme', 'AP-2026'));
      assert.equal(audit.ref, 'AUD-0001');
      assert.equal(audit.checklist.length, 2);
      expectError(assert, run(a('audit', 'create', '--title', 'x', '--scope', 'y', '--criterion', 'iso27001-2022:Q.1',
        '--lead', 'alice@example.test', '--start', '2026-03-02', '--end', '2026-03-06')), /criteria\[0\]/);

      audit = runJson(a('audit', 'start', 'AUD-0001', '--version', String(audit.version)));
      assert.equal(audit.status, 'in_progress');
      runJson(a('audit', 'check', 'AUD-0001', '0', '--version', '1', '--result', 'conform'));
      expectError(assert, run(a('audit', 'check', 'AUD-0001', '0', '--version', '1', '--result', 'observation')), /changed by someone else/);
      audit = runJson(a('audit', 'check', 'AUD-0001', '1', '--version', '1', '--result', 'nonconform',
        '--notes', 'Leavers kept access', '--finding-grade', 'minor_nonconformity', '--finding-owner', 'olle@example.test',
        '--action-title', 'Automate deprovisioning', '--action-owner', 'olle@example.test', '--action-due', '2026-04-30',
        '--root-cause', 'Manual leaver checklist'));
      const finding = audit.raised_finding;
      assert.equal(finding.ref, 'F-0001');
      const action = finding.actions[0];
      assert.equal(action.ref, 'CA-0001');

      const human = run(a('finding', 'show', 'F-0001'));
      assert.equal(human.code, 0, human.stderr);
      assert.match(human.stdout, /minor_nonconformity/);
      assert.match(human.stdout, /CA-0001/);

      const implemented = runJson(a('action', 'implement', 'CA-0001', '--version', String(action.version), '--note', 'Script deployed'));
      assert.equal(implemented.status, 'implemented');
      expectError(assert, run(a('action', 'verify', 'CA-0001', '--version', String(implemented.version), '--effective')), /verified_by|--by/);
      expectError(assert, run(a('action', 'verify', 'CA-0001', '--version', String(implemented.version), '--effective',
        '--by', 'olle@example.test')), /owner/);
      const verified = runJson(a('action', 'verify', 'CA-0001', '--version', String(implemented.version), '--effective',
        '--by', 'alice@example.test', '--note', 'Sampled leavers'));
      assert.equal(verified.status, 'verified');
      assert.equal(verified.verified_by, lead.person_id);
      assert.equal(runJson(a('finding', 'show', 'F-0001')).status, 'closed');

      const current = runJson(a('audit', 'show', 'AUD-0001'));
      expectError(assert, run(a('audit', 'complete', 'AUD-0001', '--version', String(current.version))), /conclusion/);
      const done = runJson(a('audit', 'complete', 'AUD-0001', '--version', String(current.version), '--conclusion', 'Effective'));
      assert.equal(done.status, 'completed');

      const report = runJson(a('audit', 'report', 'AUD-0001'));
      assert.equal(report.totals.by_grade.minor_nonconformity, 1);
      const dir = tempDir('isms-audit-pdf-');
      const file = path.join(dir, 'report.pdf');
      const wrote = run(a('audit', 'report', 'AUD-0001', '--pdf', file));
      assert.equal(wrote.code, 0, wrote.stderr);
      assert.match(wrote.stdout, /Wrote \d+ bytes/);
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      fs.rmSync(dir, { recursive: true, force: true });
      for (const s of ['AUD-0001', 'F-0001', 'CA-0001', 'Olle Owner', 'Manual']) assert.ok(text.includes(s), s);

      const obs = runJson(a('finding', 'create', '--grade', 'observation', '--title', 'Clean desk'));
      expectError(assert, run(a('finding', 'close', obs.ref, '--version', String(obs.version))), /note/);
      assert.equal(runJson(a('finding', 'close', obs.ref, '--version', String(obs.version), '--note', 'Accepted')).status, 'closed');
      const added = runJson(a('finding', 'create', '--grade', 'major_nonconformity', '--title', 'No restore tests',
        '--requirement', 'iso27001-2022:A.8.13'));
      const act = runJson(a('action', 'add', added.ref, '--title', 'Restore drill', '--owner', 'olle@example.test', '--due', '2026-01-31'));
      assert.equal(act.status, 'open');
      const listed = runJson(a('action', 'list', '--overdue'));
      assert.ok(listed.items.some((x) => x.id === act.id), 'a past due date is overdue');
      const table = run(a('finding', 'list', '--status', 'open'));
      assert.equal(table.code, 0, table.stderr);
      assert.match(table.stdout, /No restore tests/);
    });
  });
}

describe('remote mode: audit commands through the API', () => {
  let srv;
  let dir;
  let remote;
  before(async () => {
    srv = await startOwnServer({ now: '2026-05-04T08:00:00Z' });
    dir = tempDir('isms-audit-remote-');
    const tokenFile = path.join(dir, 'token');
    fs.writeFileSync(tokenFile, srv.token + '\n', { mode: 0o600 });
    remote = (args) => run(['--server', srv.base, '--token-file', tokenFile, ...args]);
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (srv) await srv.stop();
  });

  test('create, check, raise, implement, verify by reference over the API', () => {
    const ok = (r) => {
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    srv.cliOk(['user', 'create', 'olle', '--person-name', 'Olle Owner', '--email', 'olle@own.test', '--role', 'employee']);
    let audit = ok(remote(['audit', 'create', '--title', 'Supplier audit', '--type', 'supplier', '--scope', 'Hosting',
      '--criterion', 'iso27001-2022:A.5.19', '--lead', 'ciso@own.test', '--start', '2026-05-04', '--end', '2026-05-05', '--json']));
    audit = ok(remote(['audit', 'start', audit.ref, '--version', String(audit.version), '--json']));
    audit = ok(remote(['audit', 'check', audit.ref, '0', '--version', '1', '--result', 'nonconform', '--finding-grade', 'major_nonconformity',
      '--action-title', 'New contract clause', '--action-owner', 'olle@own.test', '--action-due', '2026-06-30',
      '--root-cause', 'Template lacked security terms', '--json']));
    const action = audit.raised_finding.actions[0];
    const implemented = ok(remote(['action', 'implement', action.ref, '--version', String(action.version), '--json']));
    const verified = ok(remote(['action', 'verify', action.ref, '--version', String(implemented.version), '--effective', '--json']));
    assert.equal(verified.status, 'verified');
    const shown = ok(remote(['finding', 'show', audit.raised_finding.ref, '--json']));
    assert.equal(shown.status, 'closed');
    const local = srv.cli(['finding', 'show', shown.id], { json: true });
    assert.equal(local.code, 0, local.stderr);
    assert.deepEqual(local.json, shown);
    expectError(assert, remote(['action', 'verify', action.ref, '--version', '1', '--effective', '--by', 'olle@own.test']), /local operator/);
  });
});
