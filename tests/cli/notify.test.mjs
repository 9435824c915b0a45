// Black-box tests of `isms notify` (issue 6, reminders): settings with validation, webhooks,
// a test e-mail through a real SMTP server (tests/support/smtp_sink.py), a failed delivery
// visible in `notify deliveries`, retried by hand and sent by `notify run`; on every engine.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, runJson, engines, initialized, tempDir } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SINK = path.join(here, '..', 'support', 'smtp_sink.py');
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

async function startSink(port, dir) {
  const proc = spawn(PYTHON, [SINK, String(port), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  for (let i = 0; !out.includes('ready'); i++) {
    assert.ok(i < 100 && proc.exitCode === null, `smtp sink did not start: ${out}`);
    await sleep(100);
  }
  return async () => {
    if (proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.on('exit', r));
    proc.kill('SIGTERM');
    await exited;
  };
}

const mails = (dir) =>
  fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));

describe('help (notify)', () => {
  test('--help works for every notify command', () => {
    for (const args of [['notify'], ['notify', 'settings'], ['notify', 'webhook', 'add'], ['notify', 'webhook', 'list'],
      ['notify', 'webhook', 'disable'], ['notify', 'deliveries'], ['notify', 'retry'], ['notify', 'run'],
      ['notify', 'test-email']]) {
      const r = run([...args, '--help']);
      assert.equal(r.code, 0, `isms ${args.join(' ')} --help: ${r.stderr}`);
    }
  });
});

for (const engine of engines) {
  describe(`notify on ${engine}`, () => {
    let inst;
    let port;
    let dir;
    let stopSink = async () => {};
    const a = (...args) => [...args, ...inst.args];

    before(async () => {
      inst = initialized(engine);
      port = await freePort();
      dir = tempDir('isms-smtp-');
    });
    after(async () => {
      await stopSink();
      inst?.cleanup();
    });

    test('settings: defaults, validation naming the option, changes', () => {
      const shown = runJson(a('notify', 'settings', '--json'));
      assert.deepEqual(shown.offsets, [30, 7, 1]);
      assert.equal(shown.smtp.password_set, false);
      const bad = run(a('notify', 'settings', '--offsets', '400'));
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /offsets/);
      const badUrl = run(a('notify', 'settings', '--smtp-url', 'http://mail', '--from', 'isms@cli.test'));
      assert.notEqual(badUrl.code, 0);
      assert.match(badUrl.stderr, /smtp\.url/);
      const saved = runJson(a('notify', 'settings', '--smtp-url', `smtp://127.0.0.1:${port}`, '--from', 'isms@cli.test',
        '--starttls', 'none', '--offsets', '14,3', '--digest-weekday', '5', '--digest-hour', '9', '--password', 'pw', '--json'));
      assert.deepEqual(saved.offsets, [14, 3]);
      assert.equal(saved.digest.weekday, 5);
      assert.equal(saved.digest.hour, 9);
      assert.equal(saved.smtp.password_set, true);
      const text = run(a('notify', 'settings'));
      assert.equal(text.code, 0);
      assert.match(text.stdout, /Friday from 9:00/);
      assert.match(text.stdout, /14, 3 day\(s\) before/);
    });

    test('webhooks: add shows the secret once, list, disable', () => {
      const added = run(a('notify', 'webhook', 'add', '--url', 'https://hooks.cli.test/isms', '--events', 'reminder,digest'));
      assert.equal(added.code, 0, added.stderr);
      assert.match(added.stdout, /whsec_[0-9a-f]{64}/);
      const list = runJson(a('notify', 'webhook', 'list', '--json'));
      assert.equal(list.items.length, 1);
      assert.deepEqual(list.items[0].events, ['digest', 'reminder']);
      assert.ok(!JSON.stringify(list).includes('whsec_'));
      const off = run(a('notify', 'webhook', 'disable', list.items[0].id));
      assert.equal(off.code, 0, off.stderr);
      assert.equal(runJson(a('notify', 'webhook', 'list', '--json')).items[0].active, false);
      const bad = run(a('notify', 'webhook', 'add', '--url', 'ftp://x'));
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /url/);
    });

    test('test e-mail: sent through SMTP; when down it fails visibly, retry + run sends it', async () => {
      stopSink = await startSink(port, dir);
      const sent = runJson(a('notify', 'test-email', '--to', 'ciso@cli.test', '--json'));
      assert.equal(sent.status, 'sent');
      assert.ok(mails(dir).some((m) => m.subject === 'ISMS test e-mail' && m.rcpt_tos.includes('ciso@cli.test')));

      await stopSink();
      const failed = run(a('notify', 'test-email', '--to', 'ceo@cli.test'));
      assert.equal(failed.code, 1);
      assert.match(failed.stdout, /failed/);
      const listed = runJson(a('notify', 'deliveries', '--status', 'failed', '--json'));
      assert.equal(listed.items.length, 1);
      assert.match(listed.items[0].last_error, /connect/i);
      const table = run(a('notify', 'deliveries'));
      assert.match(table.stdout, /ceo@cli\.test/);

      stopSink = await startSink(port, dir);
      const retried = runJson(a('notify', 'retry', listed.items[0].id, '--json'));
      assert.equal(retried.status, 'pending');
      const report = runJson(a('notify', 'run', '--json'));
      assert.equal(report.sent, 1);
      assert.ok(mails(dir).some((m) => m.rcpt_tos.includes('ceo@cli.test')));
      const again = run(a('notify', 'retry', listed.items[0].id));
      assert.notEqual(again.code, 0);
      assert.match(again.stderr, /sent/);
    });
  });
}
