// `isms ledger verify` against a database altered behind isms's back: each way of
// tampering is caught and the first bad entry is named. SQL goes straight to the
// database (sqlite3 / psql), as an attacker with file or database access would.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { run, runJson, engines, initialized } from './helpers.mjs';

// Columns of ledger_entries other than seq: what "swap two rows' contents" exchanges.
const CONTENT = ['at', 'actor', 'action', 'object_type', 'object_id', 'change', 'prev_hash', 'hash'];

// An instance with an intact ledger of a few entries (init writes 30: the organization, six
// built-in roles, the administrator person and user, the built-in requirements catalogue,
// the first risk method and the shipped threats and vulnerabilities, the policy's 12
// calendar activities and 6 objectives; then 3 asset changes).
function withLedger(engine) {
  const inst = initialized(engine);
  const a = (...args) => [...args, ...inst.args];
  const x = runJson(a('asset', 'create', '--name', 'Payroll'));
  runJson(a('asset', 'update', x.id, '--classification', 'confidential'));
  runJson(a('asset', 'create', '--name', 'Intranet'));
  const ok = run(a('ledger', 'verify'));
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  inst.entries = Number(ok.stdout.match(/verified: (\d+) entries/)[1]);
  assert.equal(inst.entries, 33);
  return inst;
}

function expectBroken(inst, seq) {
  const r = run(['ledger', 'verify', ...inst.args]);
  assert.notEqual(r.code, 0, 'verify must fail');
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`^ledger BROKEN at entry ${seq}: \\S`), r.stdout + r.stderr);
  const j = run(['ledger', 'verify', '--json', ...inst.args]);
  assert.equal(j.code, 1);
  const report = JSON.parse(j.stdout);
  assert.equal(report.ok, false);
  assert.equal(report.first_bad_seq, seq);
  assert.ok(report.reason.length > 0);
}

for (const engine of engines) {
  describe(`ledger tampering (${engine})`, () => {
    const scenarios = [
      ['an altered change', 3, (sql) =>
        sql(`UPDATE ledger_entries SET change = '{"name":"forged"}' WHERE seq = 3;`)],
      ['an altered actor', 14, (sql) =>
        sql(`UPDATE ledger_entries SET actor = 'cli:somebody-else' WHERE seq = 14;`)],
      ['a deleted entry', 3, (sql) => sql('DELETE FROM ledger_entries WHERE seq = 3;')],
      ['two swapped entries', 2, (sql) => sql(
        'CREATE TEMP TABLE swap AS SELECT * FROM ledger_entries WHERE seq IN (2, 3);\n' +
        `UPDATE ledger_entries SET ${CONTENT.map((c) =>
          `${c} = (SELECT s.${c} FROM swap s WHERE s.seq = 5 - ledger_entries.seq)`).join(', ')}` +
        ' WHERE seq IN (2, 3);')],
      ['an inserted entry', 34, (sql) => sql(
        `INSERT INTO ledger_entries (seq, ${CONTENT.join(', ')}) SELECT 34, at, actor, action, ` +
        `object_type, object_id, '{"name":"inserted"}', hash, '${'ab'.repeat(32)}' ` +
        'FROM ledger_entries WHERE seq = 33;')],
      // The signed checkpoint at entry 30 (init's last entry) outlives the deleted tail.
      // PostgreSQL enforces the checkpoint's foreign key, so the attacker switches
      // constraint triggers off first, as a superuser can.
      ['a truncated tail (past a signed checkpoint)', 6, (sql, engine) =>
        sql((engine === 'postgresql' ? 'SET session_replication_role = replica;\n' : '') +
          'DELETE FROM ledger_entries WHERE seq >= 6;')],
      ['deleted checkpoints', 1, (sql) => sql('DELETE FROM ledger_checkpoints;')],
    ];
    for (const [name, seq, tamper] of scenarios) {
      test(`${name} is caught at entry ${seq}`, () => {
        const inst = withLedger(engine);
        try {
          tamper(inst.sql, engine);
          expectBroken(inst, seq);
        } finally {
          inst.cleanup();
        }
      });
    }
  });
}
