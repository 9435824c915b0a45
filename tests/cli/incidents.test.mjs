// Black-box tests of `isms event` and `isms incident` (local mode) on every engine under
// test: report an event for a person, triage it into an incident, assess it significant,
// read the clocks, file the early warning, list the reports; bad input exits non-zero.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { run, runJson, engines, initialized } from './helpers.mjs';

describe('help (incident commands)', () => {
  test('--help works for every incident command', () => {
    for (const args of [['event'], ['event', 'report'], ['event', 'list'], ['event', 'triage'],
      ['incident'], ['incident', 'list'], ['incident', 'show'], ['incident', 'update'], ['incident', 'assess'],
      ['incident', 'clocks'], ['incident', 'report'], ['incident', 'reports'], ['incident', 'note'],
      ['incident', 'review']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, `isms ${args.join(' ')} --help: ${r.stderr}`);
      assert.match(r.stdout, /Usage|OPTIONS|Options/i);
    }
  });
});

for (const engine of engines) {
  describe(`incidents on ${engine}`, () => {
    let inst;
    let emp;
    const a = (...args) => [...args, ...inst.args];

    before(() => {
      inst = initialized(engine);
      emp = runJson(a('user', 'create', 'erik', '--person-name', 'Erik Employee',
        '--email', 'erik@example.test', '--role', 'employee')).user;
    });
    after(() => inst.cleanup());

    test('event -> incident -> significant -> early warning filed', () => {
      const ev = runJson(a('event', 'report', '--summary', 'USB stick found in the car park',
        '--reporter', emp.person_id));
      assert.match(ev.ref, /^EV-\d{4}$/);
      assert.equal(ev.reporter_id, emp.person_id);
      const listed = runJson(a('event', 'list')).items;
      assert.ok(listed.some((e) => e.id === ev.id));

      const triaged = runJson(a('event', 'triage', ev.id, '--action', 'incident', '--severity', 'high'));
      assert.equal(triaged.status, 'triaged');
      const id = triaged.incident_id;

      const text = run(a('incident', 'show', id));
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /significant\s+no/);

      const assessed = runJson(a('incident', 'assess', id, '--fact', 'trade_secrets_exfiltrated=true',
        '--fact', 'entity_types=cloud_computing_service_provider'));
      assert.equal(assessed.significant, true);
      assert.deepEqual(assessed.assessment.result.criteria_met.map((c) => c.code), ['art3_1_b']);

      const clocks = runJson(a('incident', 'clocks', id)).items;
      assert.equal(clocks.find((c) => c.type === 'early_warning').state, 'pending');

      const rep = runJson(a('incident', 'report', id, '--type', 'early_warning', '--recipient', 'CERT-SE',
        '--field', 'suspected_malicious=true'));
      assert.equal(rep.type, 'early_warning');
      assert.equal(rep.on_time, true);
      assert.match(rep.pdf_sha256, /^[0-9a-f]{64}$/);
      const reports = runJson(a('incident', 'reports', id)).items;
      assert.deepEqual(reports.map((r) => r.type), ['early_warning']);

      const listText = run(a('incident', 'list'));
      assert.equal(listText.code, 0, listText.stderr);
      assert.match(listText.stdout, /INC-0001/);
    });

    test('bad input exits non-zero and names the problem', () => {
      let r = run(a('event', 'report', '--summary', 'no reporter'));
      assert.notEqual(r.code, 0);
      assert.match(r.stderr + r.stdout, /reporter/);
      r = run(a('incident', 'assess', 'nope', '--fact', 'death=true'));
      assert.notEqual(r.code, 0);
      assert.match(r.stderr + r.stdout, /not found/);
      r = run(a('incident', 'assess', 'nope', '--fact', 'oops'));
      assert.notEqual(r.code, 0);
      assert.match(r.stderr + r.stdout, /key=value/);
    });
  });
}
