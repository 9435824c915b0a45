// Quarterly risk cycles — docs/api.md "Risk cycles": one open cycle at a time, reviews that
// confirm or change a risk (the change lands on the risk in the same transaction), close
// into an immutable snapshot, compare two cycles or a cycle with the live register, and
// the schedule (next cycle a quarter after the last opened).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, API, uniq, expectStatus, expectError, createAsset, ledgerAll } from './helpers.mjs';

const tag = uniq('cyc');
const rating = (likelihood, c) => ({ likelihood, impact: { confidentiality: c, integrity: 0, availability: 0, authenticity: 0 } });

async function risk(asset, threat, vuln, title, residual) {
  const res = await api('POST', `${API}/risks`, {
    body: { title: `${tag} ${title}`, asset_ids: [asset.id], threat_id: threat.id, vulnerability_id: vuln.id, inherent: rating(5, 5), residual },
  });
  expectStatus(res, 201, `risk ${title}`);
  return res.json;
}

async function closeOpenCycles() {
  const res = await api('GET', `${API}/risk-cycles`);
  expectStatus(res, 200);
  for (const c of res.json.items.filter((x) => x.status === 'open')) {
    const r = await api('POST', `${API}/risk-cycles/${c.id}/close`, { body: { version: c.version } });
    expectStatus(r, 200, 'close a cycle left open');
  }
}

test('a forum sitting: open, review, decide, close, compare', async () => {
  const asset = await createAsset({ name: `${tag} ERP` });
  const threat = (await api('GET', `${API}/threats`)).json.items[0];
  const vuln = (await api('GET', `${API}/vulnerabilities`)).json.items[0];
  const steady = await risk(asset, threat, vuln, 'steady', rating(2, 2));
  const rising = await risk(asset, threat, vuln, 'rising', rating(2, 2));
  const falling = await risk(asset, threat, vuln, 'falling', rating(4, 4));
  await closeOpenCycles();

  let res = await api('POST', `${API}/risk-cycles`, { body: { title: `${tag} Q1`, opened_on: '2026-01-15' } });
  expectStatus(res, 201, 'open Q1');
  let q1 = res.json.cycle;
  assert.equal(q1.status, 'open');
  assert.equal(q1.opened_on, '2026-01-15');
  assert.equal(q1.interval_months, 3);
  assert.equal(q1.next_due, '2026-04-15');
  assert.equal(q1.schedule_state, 'open');

  res = await api('POST', `${API}/risk-cycles`, { body: { title: `${tag} other` } });
  expectError(res, 409, 'conflict', undefined, 'a second open cycle');

  res = await api('POST', `${API}/risk-cycles/${q1.id}/reviews`, { body: { risk_id: steady.id, outcome: 'confirmed', note: 'No change' } });
  expectStatus(res, 200, 'confirm');
  res = await api('POST', `${API}/risk-cycles/${q1.id}/reviews`, { body: { risk_id: rising.id, outcome: 'changed' } });
  expectError(res, 422, 'invalid', 'change', 'changed without the change');
  res = await api('POST', `${API}/risk-cycles/${q1.id}/reviews`, { body: { risk_id: steady.id, outcome: 'maybe' } });
  assert.ok([400, 422].includes(res.status));
  res = await api('POST', `${API}/risk-cycles/${q1.id}/reviews`, { body: { risk_id: '00000000-0000-4000-8000-000000000000', outcome: 'confirmed' } });
  assert.ok([404, 422].includes(res.status), res.text);

  res = await api('PATCH', `${API}/risk-cycles/${q1.id}`, {
    body: { version: q1.version, minutes: 'Forum met in room 2', decisions: [{ text: 'Patch the ERP monthly', owner_id: '', due_on: '2026-02-28' }] },
  });
  expectStatus(res, 200, 'minutes and decisions');
  q1 = res.json.cycle;
  assert.equal(q1.decisions.length, 1);
  res = await api('POST', `${API}/risk-cycles/${q1.id}/close`, { body: { version: q1.version } });
  expectStatus(res, 200, 'close Q1');
  q1 = res.json.cycle;
  assert.equal(q1.status, 'closed');
  assert.ok(q1.closed_at);
  res = await api('PATCH', `${API}/risk-cycles/${q1.id}`, { body: { version: q1.version, minutes: 'rewrite history' } });
  expectError(res, 409, 'conflict', undefined, 'closed cycles are frozen');

  // Q2: one risk raised, one lowered (through reviews), one new.
  res = await api('POST', `${API}/risk-cycles`, { body: { title: `${tag} Q2`, opened_on: '2026-04-10' } });
  expectStatus(res, 201, 'open Q2');
  let q2 = res.json.cycle;
  res = await api('POST', `${API}/risk-cycles/${q2.id}/reviews`, {
    body: { risk_id: rising.id, outcome: 'changed', note: 'New exploit', change: { residual: rating(5, 5), version: rising.version } },
  });
  expectStatus(res, 200, 'change rising');
  const rev = res.json.reviews.find((r) => r.risk_id === rising.id);
  assert.equal(rev.outcome, 'changed');
  assert.ok(rev.residual_level_after > rev.residual_level_before);
  assert.equal(rev.risk_ref, rising.ref);
  let r = await api('GET', `${API}/risks/${rising.id}`);
  assert.equal(r.json.residual.likelihood, 5, 'the change landed on the risk');
  res = await api('POST', `${API}/risk-cycles/${q2.id}/reviews`, {
    body: { risk_id: falling.id, outcome: 'changed', change: { residual: rating(1, 1), version: falling.version } },
  });
  expectStatus(res, 200, 'change falling');
  res = await api('POST', `${API}/risk-cycles/${q2.id}/reviews`, {
    body: { risk_id: steady.id, outcome: 'changed', change: { residual: rating(3, 3), version: steady.version + 99 } },
  });
  expectError(res, 409, 'conflict', undefined, 'stale risk version in a review');
  r = await api('GET', `${API}/risks/${steady.id}`);
  assert.equal(r.json.residual.likelihood, 2, 'a failed review changes nothing');
  const added = await risk(asset, threat, vuln, 'new', rating(3, 3));
  q2 = (await api('GET', `${API}/risk-cycles/${q2.id}`)).json.cycle;
  res = await api('POST', `${API}/risk-cycles/${q2.id}/close`, { body: { version: q2.version } });
  expectStatus(res, 200, 'close Q2');

  res = await api('GET', `${API}/risk-cycles/compare?a=${q1.id}&b=${q2.id}`);
  expectStatus(res, 200, 'compare');
  const cmp = res.json;
  assert.ok(cmp.added.some((e) => e.risk_id === added.id), 'new risk added');
  assert.ok(cmp.raised.some((p) => p.after.risk_id === rising.id), 'raised');
  assert.ok(cmp.lowered.some((p) => p.after.risk_id === falling.id), 'lowered');
  assert.ok(!cmp.raised.concat(cmp.lowered).some((p) => p.after.risk_id === steady.id));

  // The snapshot is frozen: a later change shows against "live", not in Q2.
  const cur = (await api('GET', `${API}/risks/${steady.id}`)).json;
  res = await api('POST', `${API}/risks/${steady.id}/archive`, { body: { version: cur.version, reason: 'gone' } });
  expectStatus(res, 200);
  res = await api('GET', `${API}/risk-cycles/compare?a=${q2.id}&b=live`);
  expectStatus(res, 200, 'compare with live');
  assert.ok(res.json.removed.some((e) => e.risk_id === steady.id), 'archived since Q2');
  res = await api('GET', `${API}/risk-cycles/compare?a=${q1.id}&b=${q2.id}`);
  assert.ok(!res.json.removed.some((e) => e.risk_id === steady.id), 'Q2 snapshot unchanged');
  res = await api('GET', `${API}/risk-cycles/compare?a=${q1.id}`);
  assert.ok([400, 422].includes(res.status));

  // Schedule: due a quarter after the newest cycle opened (other files may have opened
  // cycles since; the authorization matrix opens one today), overdue once that has passed.
  res = await api('GET', `${API}/risk-cycles`);
  expectStatus(res, 200);
  const newest = [...res.json.items].sort((x, y) => (x.opened_on < y.opened_on ? 1 : -1))[0];
  assert.equal(res.json.schedule.next_due, newest.next_due);
  assert.equal(q2.next_due, '2026-07-10', 'Q2 opened 2026-04-10 is followed a quarter later');
  const today = new Date().toISOString().slice(0, 10);
  const due = newest.next_due;
  const twoWeeksBefore = new Date(Date.parse(`${due}T00:00:00Z`) - 14 * 86400e3).toISOString().slice(0, 10);
  const expected = newest.status === 'open' ? 'open' : today > due ? 'overdue' : today >= twoWeeksBefore ? 'due' : 'scheduled';
  assert.equal(res.json.schedule.state, expected);
  const entries = await ledgerAll(q2.id);
  assert.deepEqual([...new Set(entries.map((e) => e.action))].filter((a) => a.startsWith('risk_cycle.')).sort(),
    ['risk_cycle.close', 'risk_cycle.open', 'risk_cycle.review']);
});

test('end of month: a cycle opened on 30 November is next due on 28 February', async () => {
  await closeOpenCycles();
  let res = await api('POST', `${API}/risk-cycles`, { body: { title: `${tag} Q4`, opened_on: '2026-11-30' } });
  expectStatus(res, 201);
  assert.equal(res.json.cycle.next_due, '2027-02-28');
  res = await api('POST', `${API}/risk-cycles/${res.json.cycle.id}/close`, { body: { version: res.json.cycle.version } });
  expectStatus(res, 200);
  res = await api('POST', `${API}/risk-cycles`, { body: { opened_on: '2026-02-30' } });
  assert.ok([400, 422].includes(res.status), 'no 30 February');
});
