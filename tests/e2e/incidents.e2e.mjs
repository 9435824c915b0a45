// Browser journey "report an event -> filed early warning" (issue 6), against a running
// `isms serve` that serves the built web UI. See README.md.
//
//   BASE_URL=http://127.0.0.1:18080 ISMS_DATA_DIR=<the server's --data> \
//     ISMS_BIN=build/debug/isms node --test incidents.e2e.mjs
//
// Two people, each in a browser of their own, created with the operator CLI: an employee
// (events:report) and a CISO (incidents:write).
// 1. The employee opens "Report an event" from the navigation, fills the short form and
//    sends it; the confirmation shows the reference (EV-nnnn) and "My reports" lists it.
// 2. The CISO opens Incidents -> Reported events, finds the event and triages it into a
//    high-severity incident; the incident page opens with no clock running.
// 3. The CISO assesses it significant (Art. 3(1)(e)); the reasoning names the article;
//    the early-warning clock is pending with a 24 h countdown that ticks.
// 4. The CISO files the early warning to CERT-SE; the clock shows Submitted and the report
//    appears among the filed reports with its PDF link, which downloads a PDF naming the
//    report (pdftotext).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { apiCall, openBrowser, screenshotOnFailure, step, uncaught } from './lib/browser.mjs'
import { signIn } from './lib/session.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')

function ismsBin() {
  if (process.env.ISMS_BIN) return process.env.ISMS_BIN
  const guess = path.join(root, 'build/debug/isms')
  return fs.existsSync(guess) ? guess : undefined
}

function cli(args) {
  const bin = ismsBin()
  const data = process.env.ISMS_DATA_DIR
  assert.ok(bin && data, 'incidents.e2e.mjs creates its users with the operator CLI: set ISMS_DATA_DIR and ISMS_BIN')
  const full = [...args, '--data', data, '--json']
  if (process.env.ISMS_DATABASE_URL) full.push('--database', process.env.ISMS_DATABASE_URL)
  const r = spawnSync(bin, full, { encoding: 'utf8', timeout: 60_000 })
  if (r.error) throw r.error
  assert.equal(r.status, 0, `isms ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`)
  return JSON.parse(r.stdout)
}

function createUser(role, unique, name) {
  const username = `e2e-inc-${role}-${unique}`.toLowerCase()
  const out = cli(['user', 'create', username, '--person-name', `${name} ${unique}`, '--email', `${username}@example.org`, '--role', role])
  assert.ok(out.one_time_password, `isms user create printed a one-time password: ${JSON.stringify(out)}`)
  return { username, password: out.one_time_password }
}

let employee
let ciso
let active

before(async () => {
  employee = await openBrowser()
  ciso = await openBrowser()
})

after(async () => {
  await employee?.close()
  await ciso?.close()
})

const isApi = (p) => (u) => u.pathname === p

async function body(response, statuses, what) {
  const text = await response.text()
  assert.ok([statuses].flat().includes(response.status()), `${what}: HTTP ${response.status()} ${text.slice(0, 500)}`)
  return text === '' ? undefined : JSON.parse(text)
}

test('incidents: an employee reports an event, the CISO files the early warning', async () => {
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
  const summary = `Phishing mail with a login page ${unique}`
  let eventRef
  let incidentId
  try {
    let employeeCreds
    let cisoCreds
    await step('the operator creates an employee and a CISO with the CLI', async () => {
      employeeCreds = createUser('employee', unique, 'E2E Incident Employee')
      cisoCreds = createUser('ciso', unique, 'E2E Incident CISO')
    })
    active = employee.page
    await step('the employee signs in', () => signIn(employee.page, employeeCreds))
    active = ciso.page
    await step('the CISO signs in in a second browser', () => signIn(ciso.page, cisoCreds))

    await step('the employee reports an event and sees its reference', async () => {
      const page = employee.page
      active = page
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report an event' }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/events/new')
      await page.getByLabel('What happened, in one line').fill(summary)
      await page.getByLabel('Details').fill('I entered my password on the page before noticing the address.')
      const res = await apiCall(page, 'POST', isApi('/api/v1/events'), () => page.getByTestId('report-event-submit').click())
      const ev = await body(res, 201, 'report event')
      eventRef = ev.ref
      assert.match(eventRef, /^EV-\d{4,}$/)
      await page.getByTestId('event-ref').filter({ hasText: eventRef }).waitFor()
      await page.getByTestId('my-events').getByRole('cell', { name: summary }).waitFor()
    })

    await step('the CISO triages it into an incident', async () => {
      const page = ciso.page
      active = page
      await page.goto(`${new URL(page.url()).origin}/events`)
      const row = page.getByTestId(`event-${eventRef}`)
      await row.getByText(summary).waitFor()
      await row.getByTestId('triage-severity').selectOption('high')
      const res = await apiCall(page, 'POST', (u) => u.pathname.endsWith('/triage'), () => row.getByTestId('triage-incident').click())
      const out = await body(res, 200, 'triage')
      incidentId = out.incident_id
      await page.waitForURL((u) => new URL(u).pathname === `/incidents/${incidentId}`)
      await page.getByTestId('significant-badge').filter({ hasText: 'not significant' }).waitFor()
      await page.getByTestId('clock-state-early_warning').filter({ hasText: 'Not required' }).waitFor()
    })

    await step('the CISO assesses it significant and sees the 24 h countdown tick', async () => {
      const page = ciso.page
      await page.getByTestId('fact-malicious_access_severe_disruption').check()
      const res = await apiCall(page, 'POST', isApi(`/api/v1/incidents/${incidentId}/assessment`), () => page.getByTestId('assess-submit').click())
      const inc = await body(res, 200, 'assess')
      assert.equal(inc.significant, true)
      await page.getByTestId('significant-badge').filter({ hasText: /^significant$/ }).waitFor()
      await page.getByTestId('assessment-reasoning').filter({ hasText: 'Art. 3(1)(e)' }).waitFor()
      await page.getByTestId('clock-state-early_warning').filter({ hasText: 'Pending' }).waitFor()
      const countdown = page.getByTestId('countdown-early_warning')
      await countdown.filter({ hasText: /^2[34] h \d+ min \d+ s$/ }).waitFor()
      const first = await countdown.textContent()
      await page.waitForFunction(
        ([sel, before]) => document.querySelector(sel)?.textContent !== before,
        ['[data-testid="countdown-early_warning"]', first],
        { timeout: 5000 },
      )
    })

    await step('the CISO files the early warning; it appears as filed with its PDF', async () => {
      const page = ciso.page
      await page.getByTestId('file-early_warning').click()
      const dialog = page.getByTestId('file-report-form')
      await dialog.waitFor()
      await dialog.getByTestId('report-suspected_malicious').check()
      await dialog.getByLabel('Summary').fill('Credential phishing; one password entered and reset.')
      const res = await apiCall(page, 'POST', isApi(`/api/v1/incidents/${incidentId}/reports`), () => page.getByTestId('file-report-submit').click())
      const report = await body(res, 201, 'file early warning')
      assert.equal(report.on_time, true)
      await page.getByTestId('clock-state-early_warning').filter({ hasText: 'Submitted' }).waitFor()
      const filed = page.getByTestId('filed-early_warning')
      await filed.getByText('CERT-SE').waitFor()
      const link = filed.getByTestId('pdf-early_warning')
      assert.equal(await link.getAttribute('href'), report.pdf_url)
      // The frozen PDF, fetched with the CISO's session.
      const pdf = await page.evaluate(async (url) => {
        const r = await fetch(url)
        const bytes = new Uint8Array(await r.arrayBuffer())
        return { status: r.status, type: r.headers.get('content-type'), data: Array.from(bytes) }
      }, report.pdf_url)
      assert.equal(pdf.status, 200)
      assert.match(pdf.type, /application\/pdf/)
      const file = path.join(os.tmpdir(), `isms-e2e-inc-${unique}.pdf`)
      fs.writeFileSync(file, Buffer.from(pdf.data))
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' })
      fs.rmSync(file, { force: true })
      assert.equal(text.status, 0, text.stderr)
      assert.match(text.stdout, /NIS2 early warning/)
      assert.match(text.stdout, /CERT-SE/)
    })

    assert.deepEqual(uncaught(employee.problems), [], "no uncaught errors in the employee's page")
    assert.deepEqual(uncaught(ciso.problems), [], "no uncaught errors in the CISO's page")
  } catch (error) {
    await screenshotOnFailure(active ?? ciso.page, [...employee.problems, ...ciso.problems], error)
  }
})
