// Black-box tests of the control, evidence and SoA commands (issue 5) on every engine under
// test: controls with requirements, evidence files that come back byte for byte (and an
// executable refused), links, effectiveness checks; the SoA's lines, an import from a CSV
// written the way spreadsheets write them (BOM, CRLF, a quoted comma, an ISO 27001:2013 id)
// as a dry run and applied, approval by a person, versions, comparison and exports.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { run, runJson, expectError, engines, initialized } from './helpers.mjs';

const items = (out) => out.items;

describe('help (issue 5 control and SoA commands)', () => {
  test('--help works for every control, evidence and soa command', () => {
    for (const args of [['control'], ['control', 'list'], ['control', 'create'], ['control', 'update'],
      ['control', 'archive'], ['control', 'check'], ['evidence'], ['evidence', 'add'], ['evidence', 'list'],
      ['evidence', 'get'], ['evidence', 'archive'], ['soa'], ['soa', 'show'], ['soa', 'set'], ['soa', 'approve'],
      ['soa', 'versions'], ['soa', 'compare'], ['soa', 'export'], ['soa', 'import']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, `isms ${args.join(' ')} --help: ${r.stderr}`);
    }
  });
});

for (const engine of engines) {
  describe(`controls, evidence and SoA on ${engine}`, () => {
    let inst;
    let control;
    const a = (...args) => [...args, ...inst.args];
    const line = (soa, ref) => soa.lines.find((l) => l.ref_id === ref);

    before(() => {
      inst = initialized(engine);
      runJson(a('user', 'create', 'carla', '--person-name', 'Carla Chief',
        '--email', 'ceo@example.test', '--role', 'ceo'));
    });
    after(() => inst.cleanup());

    test('controls: create, list, show, update, check, bad input', () => {
      const created = runJson(a('control', 'create', '--title', 'Nightly backups', '--status', 'implemented',
        '--requirement', 'iso27001-2022:A.8.13', '--requirement', 'iso27001-2022:A.8.14',
        '--owner', 'ceo@example.test', '--description', 'Backups every night, tested monthly',
        '--check-interval-months', '6'));
      control = created.control;
      assert.equal(control.ref, 'C-0001');
      assert.deepEqual(control.requirement_keys, ['iso27001-2022:A.8.13', 'iso27001-2022:A.8.14']);
      assert.equal(control.check_interval_months, 6);
      assert.deepEqual(created.evidence, []);
      const list = items(runJson(a('control', 'list', '--requirement', 'iso27001-2022:A.8.13')));
      assert.deepEqual(list.map((c) => c.ref), ['C-0001']);
      assert.equal(items(runJson(a('control', 'list', '--status', 'planned'))).length, 0);
      const table = run(a('control', 'list'));
      assert.match(table.stdout, /C-0001\s+Nightly backups\s+implemented\s+Carla Chief/);
      const shown = run(a('control', 'show', 'C-0001'));
      assert.match(shown.stdout, /requirements\s+iso27001-2022:A\.8\.13, iso27001-2022:A\.8\.14/);
      assert.match(shown.stdout, /Backups every night/);
      const updated = runJson(a('control', 'update', 'c-0001', '--version', '1', '--title', 'Nightly backups (offsite)'));
      assert.equal(updated.control.version, 2);
      const checked = runJson(a('control', 'check', 'C-0001', '--version', '2', '--note', 'Restore test ok',
        '--checked-on', '2026-01-10'));
      assert.equal(checked.control.last_checked_on, '2026-01-10');
      assert.equal(checked.control.next_check_on, '2026-07-10');
      control = checked.control;
      expectError(assert, run(a('control', 'create', '--title', 'x', '--requirement', 'iso27001-2022:A.99.1')),
        /requirement_keys/);
      expectError(assert, run(a('control', 'show', 'C-0999')), /no control C-0999/);
      expectError(assert, run(a('control', 'list', '--status', 'done')), /status/);
      const unknown = run(a('control', 'create', '--title', 'x', '--colour', 'red'));
      assert.equal(unknown.code, 2);
    });

    test('evidence: a file round trip (bytes equal), a link, an executable refused, archive', () => {
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), crypto.randomBytes(4096),
        Buffer.from('\n%%EOF\n')]);
      const file = path.join(inst.root, 'restore-test.pdf');
      fs.writeFileSync(file, pdf);
      const added = runJson(a('evidence', 'add', 'C-0001', '--file', file, '--valid-until', '2099-12-31'));
      assert.equal(added.kind, 'file');
      assert.equal(added.media_type, 'application/pdf');
      assert.equal(added.size, pdf.length);
      assert.equal(added.title, 'restore-test.pdf');
      assert.equal(added.sha256, crypto.createHash('sha256').update(pdf).digest('hex'));
      const out = path.join(inst.root, 'back.pdf');
      const got = run(a('evidence', 'get', added.id, '--output', out));
      assert.equal(got.code, 0, got.stderr);
      assert.ok(fs.readFileSync(out).equals(pdf), 'the same bytes come back');

      const link = runJson(a('evidence', 'add', 'C-0001', '--url', 'https://example.test/audit', '--title', 'Audit report'));
      assert.equal(link.kind, 'link');
      expectError(assert, run(a('evidence', 'add', 'C-0001', '--url', 'https://example.test/x')), /title/);
      expectError(assert, run(a('evidence', 'get', link.id, '-o', out)), /link/);

      const elf = path.join(inst.root, 'tool.bin');
      fs.writeFileSync(elf, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), crypto.randomBytes(256)]));
      expectError(assert, run(a('evidence', 'add', 'C-0001', '--file', elf)), /tool\.bin/);
      expectError(assert, run(a('evidence', 'add', 'C-0001', '--file', path.join(inst.root, 'missing.pdf'))), /missing\.pdf/);

      const list = items(runJson(a('evidence', 'list', 'C-0001')));
      assert.deepEqual(list.map((e) => e.kind).sort(), ['file', 'link']);
      const text = run(a('evidence', 'list', 'C-0001'));
      assert.match(text.stdout, /restore-test\.pdf \(application\/pdf, \d+ bytes\)/);
      const archived = runJson(a('evidence', 'archive', link.id, '--version', String(link.version)));
      assert.equal(archived.archived, true);
      assert.equal(items(runJson(a('evidence', 'list', 'C-0001'))).length, 1);
      assert.equal(items(runJson(a('evidence', 'list', 'C-0001', '--archived'))).length, 2);
    });

    test('SoA: show, set a line, bad input', () => {
      const soa = runJson(a('soa', 'show'));
      assert.equal(soa.lines.length, 93);
      assert.equal(soa.totals.undecided, 93);
      assert.equal(soa.last_approved, null);
      assert.ok(line(soa, 'A.8.13').control_refs.includes('C-0001'), 'derived from the control');
      const set = runJson(a('soa', 'set', 'A.8.13', '--applicable', 'yes', '--reason', 'risk_treatment,legal',
        '--implementation', 'implemented'));
      assert.equal(set.applicable, 'yes');
      assert.deepEqual([...set.reasons].sort(), ['legal', 'risk_treatment']);
      assert.equal(set.version, 1);
      const again = runJson(a('soa', 'set', 'iso27001-2022:A.8.13', '--implementation', 'partial', '--version', '1'));
      assert.equal(again.version, 2);
      expectError(assert, run(a('soa', 'set', 'A.8.13', '--implementation', 'partial', '--version', '1')), /version|changed/i);
      expectError(assert, run(a('soa', 'set', 'A.8.14', '--applicable', 'no')), /justification/);
      expectError(assert, run(a('soa', 'set', 'A.99.1', '--applicable', 'yes', '--reason', 'legal')), /A\.99\.1|not found|no /i);
      expectError(assert, run(a('soa', 'set', 'A.8.14')), /nothing to change/);
      const text = run(a('soa', 'show'));
      assert.match(text.stdout, /93 lines, 1 applicable, 0 not applicable, 92 undecided/);
      assert.match(text.stdout, /A\.8\.13\s+.*\s+yes\s+(legal,risk_treatment|risk_treatment,legal)\s+partial\s+C-0001/);
      assert.match(text.stdout, /Never approved/);
      assert.equal(runJson(a('soa', 'show', '--undecided')).lines.length, 92);
    });

    test('SoA import: dry run prints the outcome and stores nothing; --apply applies', () => {
      const csv = '\ufeffControl,Title,Applicable,Reasons,Justification,Implementation\r\n'
        + 'A.5.1,"Policies for information security, all of them",Yes,"risk, legal",,implemented\r\n'
        + 'A.9.2.1,User registration,yes,business,,partial\r\n'
        + 'A.5.30,ICT readiness,No,,"We run no own ICT, all SaaS",\r\n'
        + 'A.99.9,Unknown,Yes,risk,,\r\n';
      const file = path.join(inst.root, 'old-soa.csv');
      fs.writeFileSync(file, csv);
      const before = runJson(a('soa', 'show'));
      const dry = run(a('soa', 'import', file));
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /Mapping: .*ref=A/);
      assert.match(dry.stdout, /row 2\s+A\.5\.1\s+ok/);
      assert.match(dry.stdout, /row 3\s+A\.5\.16 \(A\.9\.2\.1\)\s+ok; warning: /);
      assert.match(dry.stdout, /row 5\s+A\.99\.9\s+rejected: /);
      assert.match(dry.stdout, /A\.5\.30 .*applicable undecided -> no/);
      assert.match(dry.stdout, /3 row\(s\) ok, 1 rejected.*Dry run: nothing was stored/s);
      const dryJson = runJson(a('soa', 'import', file));
      assert.equal(dryJson.applied, false);
      assert.equal(dryJson.rows_ok, 3);
      assert.equal(dryJson.rows_rejected, 1);
      assert.deepEqual(runJson(a('soa', 'show')).lines, before.lines, 'the dry run stored nothing');

      const applied = runJson(a('soa', 'import', file, '--apply'));
      assert.equal(applied.applied, true);
      const soa = runJson(a('soa', 'show'));
      assert.equal(line(soa, 'A.5.1').applicable, 'yes');
      assert.deepEqual([...line(soa, 'A.5.1').reasons].sort(), ['legal', 'risk_treatment']);
      assert.equal(line(soa, 'A.5.16').implementation, 'partial');
      assert.equal(line(soa, 'A.5.30').applicable, 'no');
      assert.match(line(soa, 'A.5.30').justification, /no own ICT, all SaaS/);

      // An explicit mapping by letter; a column past the table is refused; a bad --map too.
      const mapped = runJson(a('soa', 'import', file, '--map', 'ref=A,applicable=C,justification=E'));
      assert.equal(mapped.mapping.ref, 'A');
      expectError(assert, run(a('soa', 'import', file, '--map', 'ref=A,applicable=C,justification=Z')), /justification|column|Z/);
      expectError(assert, run(a('soa', 'import', file, '--map', 'ref')), /map/);
      expectError(assert, run(a('soa', 'import', file, '--map', 'colour=A')), /colour/);
    });

    test('SoA approval by a person, versions, compare, exports', () => {
      expectError(assert, run(a('soa', 'approve', '--note', 'x')), /person|undecided/i);
      // Decide every remaining line through an import.
      const open = runJson(a('soa', 'show', '--undecided')).lines;
      const csv = ['Control,Applicable,Reasons,Justification,Implementation',
        ...open.map((l) => `${l.ref_id},yes,risk,,planned`)].join('\r\n') + '\r\n';
      const file = path.join(inst.root, 'rest.csv');
      fs.writeFileSync(file, csv);
      const applied = runJson(a('soa', 'import', file, '--apply', '--map',
        'ref=A,applicable=B,reasons=C,justification=D,implementation=E'));
      assert.equal(applied.rows_rejected, 0, JSON.stringify(applied.rows.filter((r) => r.error)));
      assert.equal(runJson(a('soa', 'show')).totals.undecided, 0);

      const refused = expectError(assert, run(a('soa', 'approve', '--note', 'First approval')));
      assert.match(refused, /person/);
      assert.match(refused, /--as-person/);
      const v1 = runJson(a('soa', 'approve', '--note', 'First approval', '--as-person', 'ceo@example.test'));
      assert.equal(v1.number, 1);
      assert.equal(v1.lines.length, 93);
      assert.equal(v1.approved_by_name, 'Carla Chief');
      const versions = items(runJson(a('soa', 'versions')));
      assert.deepEqual(versions.map((v) => v.number), [1]);

      const a813 = line(runJson(a('soa', 'show')), 'A.8.13');
      runJson(a('soa', 'set', 'A.8.13', '--implementation', 'implemented', '--version', String(a813.version)));
      const cmp = runJson(a('soa', 'compare', '1', 'working'));
      const change = cmp.items.find((c) => c.ref_id === 'A.8.13');
      assert.ok(change && change.changed_fields.includes('implementation'));
      const cmpText = run(a('soa', 'compare', v1.id, 'working'));
      assert.match(cmpText.stdout, /A\.8\.13 .*implementation partial -> implemented/);
      assert.match(run(a('soa', 'show')).stdout, /Last approved: version 1 .* by Carla Chief; 1 line\(s\) changed since/);

      const csvOut = path.join(inst.root, 'soa.csv');
      let r = run(a('soa', 'export', '--format', 'csv', '--output', csvOut));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.readFileSync(csvOut, 'utf8').trim().split('\r\n').length, 94, 'header + 93 lines');
      const xlsx = path.join(inst.root, 'soa.xlsx');
      r = run(a('soa', 'export', '--format', 'xlsx', '--version', '1', '-o', xlsx));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
      const pdf = path.join(inst.root, 'soa.pdf');
      r = run(a('soa', 'export', '--format', 'pdf', '--version', v1.id, '-o', pdf));
      assert.equal(r.code, 0, r.stderr);
      const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /Statement of Applicability/);
      assert.match(text.stdout, /A\.8\.34/);
      expectError(assert, run(a('soa', 'export', '--format', 'csv', '--version', '7', '-o', csvOut)), /no SoA version '7'/);
      expectError(assert, run(a('soa', 'export', '--format', 'odt', '-o', csvOut)), /format/);
    });
  });
}
