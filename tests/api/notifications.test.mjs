// Reminders by e-mail and webhook against REAL receivers: an SMTP server
// (tests/support/smtp_sink.py, python3-aiosmtpd) that saves every message, and a node HTTP
// server that checks each webhook's HMAC signature with node:crypto. Time is driven by the
// fake clock of a private server (own_server.mjs, --reminder-interval 0) and each run is
// started with POST /notifications/run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startOwnServer } from './own_server.mjs';
import { expectError, expectStatus, sleep } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SINK = path.join(here, '..', 'support', 'smtp_sink.py');
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const N = '/api/v1/notifications';

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

// The SMTP sink: start() and stop() it to take the "mail server" up and down.
class Sink {
  constructor(port, dir) {
    this.port = port;
    this.dir = dir;
    this.proc = null;
  }
  async start() {
    this.proc = spawn(PYTHON, [SINK, String(this.port), this.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    this.proc.stdout.on('data', (d) => (out += d));
    this.proc.stderr.on('data', (d) => (out += d));
    for (let i = 0; !out.includes('ready'); i++) {
      assert.ok(i < 100 && this.proc.exitCode === null, `smtp sink did not start: ${out}`);
      await sleep(100);
    }
  }
  async stop() {
    if (!this.proc || this.proc.exitCode !== null) return;
    const exited = new Promise((r) => this.proc.on('exit', r));
    this.proc.kill('SIGTERM');
    await exited;
  }
  messages() {
    return fs
      .readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(fs.readFileSync(path.join(this.dir, f), 'utf8')));
  }
}

let srv;
let sink;
let hookServer;
const hooks = []; // {path, headers, body, json, signatureOk}
let hookPort;
const secrets = new Map(); // url path -> secret

function verifySignature(secret, headers, body) {
  const expected = 'sha256=' + createHmac('sha256', secret).update(`${headers['x-isms-timestamp']}.${body}`).digest('hex');
  const given = String(headers['x-isms-signature'] || '');
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

before(async () => {
  srv = await startOwnServer({ now: '2026-11-02T08:00:00Z', args: ['--reminder-interval', '0'] });
  const sinkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-smtp-'));
  sink = new Sink(await freePort(), sinkDir);
  await sink.start();
  hookServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const secret = secrets.get(req.url) || '';
      hooks.push({
        path: req.url,
        headers: req.headers,
        body,
        json: JSON.parse(body),
        signatureOk: verifySignature(secret, req.headers, body),
      });
      res.writeHead(req.url === '/fail' ? 500 : 204);
      res.end(req.url === '/fail' ? 'receiver broken' : '');
    });
  });
  await new Promise((r) => hookServer.listen(0, '127.0.0.1', r));
  hookPort = hookServer.address().port;
});

after(async () => {
  await sink?.stop();
  await new Promise((r) => (hookServer ? hookServer.close(r) : r()));
  await srv?.stop();
});

async function run() {
  const res = await srv.api('POST', `${N}/run`);
  expectStatus(res, 200, 'run');
  return res.json;
}

async function deliveries(query = '') {
  const res = await srv.api('GET', `${N}/deliveries${query}`);
  expectStatus(res, 200, 'deliveries');
  return res.json.items;
}

test('bad settings are refused naming the field', async () => {
  const cases = [
    [{ smtp: { url: 'http://mail.example.com' } }, 'smtp.url'],
    [{ smtp: { url: 'smtp://mail.example.com:25' } }, 'smtp.from'],
    [{ offsets: [400] }, 'offsets[0]'],
    [{ offsets: [7, 7] }, 'offsets[1]'],
    [{ offsets: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, 'offsets'],
    [{ digest: { weekday: 8 } }, 'digest.weekday'],
    [{ digest: { hour: 24 } }, 'digest.hour'],
    [{ smtp: { starttls: 'maybe' } }, 'smtp.starttls'],
    [{ colour: 'blue' }, 'colour'],
    [{ smtp: { password_set: true } }, 'smtp.password_set'],
  ];
  for (const [body, field] of cases) {
    expectError(await srv.api('PUT', `${N}/settings`, { body }), 422, 'invalid', field, JSON.stringify(body));
  }
  const fresh = await srv.api('GET', `${N}/settings`);
  expectStatus(fresh, 200);
  assert.deepEqual(fresh.json.offsets, [30, 7, 1]);
  assert.equal(fresh.json.smtp.url, '');
  expectError(await srv.api('POST', `${N}/webhooks`, { body: { url: 'ftp://x.example' } }), 422, 'invalid', 'url');
  expectError(await srv.api('POST', `${N}/webhooks`, { body: { url: 'http://x.example', events: ['sms'] } }), 422, 'invalid', 'events[0]');
  expectError(await srv.api('POST', `${N}/test-email`, { body: { to: 'a@example.com' } }), 422, 'invalid', 'smtp.url');
});

test('only notifications:manage may see or change the settings', async () => {
  srv.cliOk(['user', 'create', 'emp', '--person-name', 'Emp Loyee', '--email', 'emp@own.test', '--role', 'employee']);
  const token = srv.tokenFor('emp');
  expectError(await srv.api('GET', `${N}/settings`, { token }), 403, 'forbidden');
  expectError(await srv.api('POST', `${N}/run`, { token }), 403, 'forbidden');
  expectError(await srv.api('GET', `${N}/deliveries`, { token }), 403, 'forbidden');
});

let activityTitle;
let personEmail;
let dueOn;

test('an owned activity gets reminders at 30, 7 and 1 days, a Monday digest and an overdue notice', async () => {
  const saved = await srv.api('PUT', `${N}/settings`, {
    body: {
      smtp: { url: `smtp://127.0.0.1:${sink.port}`, from: 'isms@own.test', username: '', password: 'not-used', starttls: 'none' },
      digest: { enabled: true, weekday: 1, hour: 7 },
    },
  });
  expectStatus(saved, 200, 'settings');
  assert.equal(saved.json.smtp.password_set, true);
  assert.ok(!('password' in saved.json.smtp) && !('password_sealed' in saved.json.smtp));
  assert.equal(saved.json.version, 1);
  // A stale version is refused.
  expectError(await srv.api('PUT', `${N}/settings`, { body: { overdue_notice: true, version: 9 } }), 409, 'conflict');

  secrets.set('/hook', '');
  const hook = await srv.api('POST', `${N}/webhooks`, { body: { url: `http://127.0.0.1:${hookPort}/hook`, description: 'chat' } });
  expectStatus(hook, 201, 'webhook');
  assert.match(hook.json.secret, /^whsec_[0-9a-f]{64}$/);
  secrets.set('/hook', hook.json.secret);
  assert.deepEqual(hook.json.events, ['digest', 'overdue', 'reminder']);
  const listed = await srv.api('GET', `${N}/webhooks`);
  assert.ok(!('secret' in listed.json.items[0]), 'the secret is shown only once');
  // A receiver that always fails, for overdue notices only.
  const broken = await srv.api('POST', `${N}/webhooks`, { body: { url: `http://127.0.0.1:${hookPort}/fail`, events: ['overdue'] } });
  expectStatus(broken, 201);
  secrets.set('/fail', broken.json.secret);

  const roles = await srv.api('GET', '/api/v1/roles');
  const employee = roles.json.items.find((r) => r.key === 'employee');
  personEmail = `owner-${Date.now()}@own.test`;
  const person = await srv.api('POST', '/api/v1/persons', {
    body: { name: 'Olga Owner', email: personEmail, job_title: 'Backup admin', role_ids: [employee.id] },
  });
  expectStatus(person, 201, 'person');
  activityTitle = 'Restore test of the payroll backup';
  const activity = await srv.api('POST', '/api/v1/activities', {
    body: {
      title: activityTitle,
      cadence: { kind: 'yearly' },
      anchor_on: '2026-12-16',
      owner_id: person.json.id,
      subject: { register: 'backups' },
    },
  });
  expectStatus(activity, 201, 'activity');
  const agenda = await srv.api('GET', `/api/v1/calendar/agenda?from=2026-11-02&to=2027-01-31&owner=${person.json.id}`);
  expectStatus(agenda, 200, 'agenda');
  const item = agenda.json.items.find((i) => i.title === activityTitle);
  assert.ok(item, `agenda lacks the activity: ${agenda.text}`);
  dueOn = item.due_on;
  assert.equal(dueOn, '2026-12-16');

  // Nothing is due 44 days ahead.
  assert.equal((await run()).planned, 0);

  const mailsFor = () => sink.messages().filter((m) => m.rcpt_tos.includes(personEmail));
  const hooksOf = (event) => hooks.filter((h) => h.path === '/hook' && h.json.event === event);

  srv.setNow('2026-11-16T08:00:00Z'); // 30 days before
  let report = await run();
  assert.equal(report.planned, 2, JSON.stringify(report)); // e-mail + webhook
  assert.equal(report.sent, 2, JSON.stringify(report));
  assert.equal(mailsFor().length, 1);
  assert.match(mailsFor()[0].subject, /^Reminder: ACT-\d+ Restore test of the payroll backup is due in 30 days \(2026-12-16\)$/);
  assert.equal(mailsFor()[0].mail_from, 'isms@own.test');
  assert.match(mailsFor()[0].text, /Olga Owner/);
  assert.equal(hooksOf('reminder').length, 1);
  const first = hooksOf('reminder')[0];
  assert.ok(first.signatureOk, 'the webhook signature verifies with the secret');
  assert.equal(first.headers['x-isms-event'], 'reminder');
  assert.equal(first.headers['x-isms-delivery'], first.json.delivery_id);
  assert.equal(first.json.items[0].title, activityTitle);
  assert.equal(first.json.items[0].due_on, '2026-12-16');
  assert.equal(first.json.person.email, personEmail);
  assert.equal(first.json.sent_at, '2026-11-16T08:00:00.000000Z');

  // The same day again: nothing twice.
  report = await run();
  assert.equal(report.planned, 0);
  assert.equal(mailsFor().length, 1);

  srv.setNow('2026-12-09T08:00:00Z'); // 7 days before
  report = await run();
  assert.equal(report.sent, 2, JSON.stringify(report));
  assert.match(mailsFor()[1].subject, /is due in 7 days/);

  srv.setNow('2026-12-14T06:30:00Z'); // Monday, before the digest hour
  assert.equal((await run()).planned, 0);
  srv.setNow('2026-12-14T07:05:00Z'); // from 07:00 the weekly digest
  report = await run();
  assert.equal(report.sent, 2, JSON.stringify(report));
  const digest = mailsFor()[2];
  assert.match(digest.subject, /^Your ISMS week 2026-W51: 1 item\(s\)$/);
  assert.match(digest.text, /Restore test of the payroll backup/);
  assert.equal(hooksOf('digest').length, 1);
  assert.ok(hooksOf('digest')[0].signatureOk);
  srv.setNow('2026-12-14T18:00:00Z'); // once per week
  assert.equal((await run()).planned, 0);

  srv.setNow('2026-12-15T08:00:00Z'); // 1 day before
  report = await run();
  assert.equal(report.sent, 2);
  assert.match(mailsFor()[3].subject, /is due tomorrow/);

  srv.setNow('2026-12-17T08:00:00Z'); // the day after: overdue
  report = await run();
  assert.equal(report.planned, 3, JSON.stringify(report)); // e-mail, webhook, broken webhook
  assert.equal(report.sent, 2);
  assert.equal(report.failed, 1);
  assert.match(mailsFor()[4].subject, /^Overdue: ACT-\d+ Restore test of the payroll backup was due on 2026-12-16$/);
  const failed = await deliveries('?status=failed&channel=webhook');
  assert.equal(failed.length, 1);
  assert.match(failed[0].last_error, /HTTP 500/);
  assert.equal(failed[0].attempts, 1);
  assert.equal(failed[0].next_attempt_at, '2026-12-17T08:01:00.000000Z');
  assert.ok(hooks.some((h) => h.path === '/fail' && h.signatureOk));
  // Disabling the broken webhook: its retry fails with the reason, visibly.
  const hooksNow = (await srv.api('GET', `${N}/webhooks`)).json.items;
  const brokenNow = hooksNow.find((w) => w.id === broken.json.id);
  const disabled = await srv.api('PATCH', `${N}/webhooks/${broken.json.id}`, { body: { active: false, version: brokenNow.version } });
  expectStatus(disabled, 200);
  assert.equal(disabled.json.active, false);
  srv.advance({ minutes: 1 });
  await run();
  const after = await srv.api('GET', `${N}/deliveries/${failed[0].id}`);
  assert.equal(after.json.attempts, 2);
  assert.match(after.json.last_error, /disabled/);
  expectStatus(await srv.api('DELETE', `${N}/webhooks/${broken.json.id}`), 204);

  // The ledger records each delivery's changes, without message bodies.
  const ledgerOf = (id) => {
    const out = srv.cliOk(['ledger', 'list', '--object', id, '--limit', '100'], { json: true });
    return out.items || out;
  };
  const sentEntries = ledgerOf(first.json.delivery_id);
  assert.deepEqual(sentEntries.map((e) => e.action), ['delivery.plan', 'delivery.sent']);
  const failedEntries = ledgerOf(failed[0].id);
  assert.deepEqual(failedEntries.map((e) => e.action), ['delivery.plan', 'delivery.failed', 'delivery.failed']);
  assert.ok(!JSON.stringify([...sentEntries, ...failedEntries]).includes('Hello Olga'), 'no message bodies in the ledger');
});

test('SMTP down: failed with the error, retried after the backoff, sent when back', async () => {
  await sink.stop();
  const res = await srv.api('POST', `${N}/test-email`, { body: { to: 'ciso@own.test' } });
  expectStatus(res, 200, 'test-email');
  assert.equal(res.json.status, 'failed');
  assert.equal(res.json.attempts, 1);
  assert.match(res.json.last_error, /connect/i);
  const id = res.json.id;
  const listed = await deliveries('?status=failed&channel=email');
  assert.ok(listed.some((d) => d.id === id && /connect/i.test(d.last_error)));

  srv.advance({ seconds: 30 }); // the first retry waits a minute
  await run();
  assert.equal((await srv.api('GET', `${N}/deliveries/${id}`)).json.attempts, 1);
  srv.advance({ seconds: 31 });
  await run();
  let d = (await srv.api('GET', `${N}/deliveries/${id}`)).json;
  assert.equal(d.attempts, 2);
  assert.equal(d.status, 'failed');

  await sink.start();
  srv.advance({ minutes: 5 });
  const report = await run();
  assert.ok(report.sent >= 1, JSON.stringify(report));
  d = (await srv.api('GET', `${N}/deliveries/${id}`)).json;
  assert.equal(d.status, 'sent');
  assert.equal(d.attempts, 3);
  assert.deepEqual(d.history.map((h) => h.outcome), ['failed', 'failed', 'sent']);
  assert.ok(sink.messages().some((m) => m.subject === 'ISMS test e-mail' && m.rcpt_tos.includes('ciso@own.test')));
});

test('after six failed attempts a delivery is abandoned; retry sends it', async () => {
  await sink.stop();
  const res = await srv.api('POST', `${N}/test-email`, { body: { to: 'ceo@own.test' } });
  expectStatus(res, 200);
  const id = res.json.id;
  for (const minutes of [1, 5, 30, 120, 720]) {
    srv.advance({ minutes, seconds: 1 });
    await run();
  }
  let d = (await srv.api('GET', `${N}/deliveries/${id}`)).json;
  assert.equal(d.status, 'abandoned');
  assert.equal(d.attempts, 6);
  assert.equal(d.next_attempt_at, null);
  // Abandoned deliveries stay abandoned however long one waits.
  srv.advance({ days: 2 });
  await run();
  assert.equal((await srv.api('GET', `${N}/deliveries/${id}`)).json.status, 'abandoned');

  expectError(await srv.api('POST', `${N}/deliveries/nope/retry`), 404, 'not_found');
  await sink.start();
  const retried = await srv.api('POST', `${N}/deliveries/${id}/retry`);
  expectStatus(retried, 200);
  assert.equal(retried.json.status, 'pending');
  expectError(await srv.api('POST', `${N}/deliveries/${id}/retry`), 409, 'conflict');
  await run();
  d = (await srv.api('GET', `${N}/deliveries/${id}`)).json;
  assert.equal(d.status, 'sent');
  assert.ok(sink.messages().some((m) => m.rcpt_tos.includes('ceo@own.test')));

  // Newest first, with a cursor.
  const page = await srv.api('GET', `${N}/deliveries?limit=1`);
  expectStatus(page, 200);
  assert.equal(page.json.items[0].id, id);
  assert.ok(page.json.next_cursor);
  const next = await srv.api('GET', `${N}/deliveries?limit=1&cursor=${encodeURIComponent(page.json.next_cursor)}`);
  assert.notEqual(next.json.items[0].id, id);
  expectError(await srv.api('GET', `${N}/deliveries?status=lost`), 422, 'invalid', 'status');
});
