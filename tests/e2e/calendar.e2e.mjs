// Browser journey "a recurring duty done on time" (issue 6, the ISMS calendar), against a
// running `isms serve` that serves the built web UI. See README.md.
//
//   BASE_URL=http://127.0.0.1:18080 ISMS_DATA_DIR=<the server's --data> \
//     ISMS_BIN=build/debug/isms node --test calendar.e2e.mjs
//
// Two people, each in a browser of their own, created with the operator CLI: a CISO
// (calendar:write) and an employee (calendar:read; completes what they own).
// 1. The CISO opens Calendar from the navigation, then its Activities: the defaults created
//    with the organization are there (the quarterly risk assessment of the Risk Management
//    Forum, policy 5; the yearly ISMS review).
// 2. The CISO creates a monthly activity (day of month = today, first occurrence today, due
//    window 7 days) owned by the employee that requires notes and evidence; its page shows
//    the owner, the requirements, next due today and today's occurrence as Due.
// 3. The employee opens Calendar, shows "Mine": the activity is on their agenda, due today,
//    with them as owner. They download the iCalendar export of their agenda; it holds a
//    VEVENT whose SUMMARY is the activity's ref and title.
// 4. The employee opens the activity from the agenda (no Edit, Archive or Skip: those need
//    calendar:write) and tries to complete today's occurrence with evidence but without
//    notes: the API refuses naming `notes`, shown at the Notes field; evidence has no error.
// 5. The employee completes it with notes: the occurrence shows Done, by them, with the notes
//    and the evidence; the activity's next due moves to next month's occurrence, Upcoming.
// 6. The CISO's activity list shows the activity's next occurrence moved on.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, test } from 'node:test'
import { apiCall, openBrowser, screenshotOnFailure, step, uncaught } from './lib/browser.mjs'
import { body, createUser, isApi, uniqueSuffix, utcDay } from './lib/operator.mjs'
import { signIn } from './lib/session.mjs'

let ciso
let employee
let active

before(async () => {
  ciso = await openBrowser()
  employee = await openBrowser()
})

after(async () => {
  await ciso?.close()
  await employee?.close()
})

const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true })

/** The monthly occurrence after `day` ("YYYY-MM-DD") on day `dom`, clamped to the month's end. */
function nextMonthly(day, dom) {
  const [y, m] = day.split('-').map(Number)
  const ny = m === 12 ? y + 1 : y
  const nm = m === 12 ? 1 : m + 1
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate()
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(dom, last)).padStart(2, '0')}`
}

/** RFC 5545 3.1: a CRLF followed by one space or tab continues the previous line. */
function unfold(ics) {
  return ics.replace(/\r\n[ \t]/g, '')
}

test('calendar: a monthly duty owned by an employee is completed with what it requires', async () => {
  const unique = uniqueSuffix()
  const title = `Monthly backup restore test ${unique}`
  const today = utcDay(0)
  const dom = Number(today.slice(8, 10))
  const next = nextMonthly(today, dom)
  const evidenceUrl = `https://intranet.example.org/restore-tests/${today}-${unique}.pdf`
  let cisoCreds
  let employeeCreds
  let activity
  try {
    await step('the operator creates a CISO and an employee with the CLI', async () => {
      cisoCreds = createUser('cal', 'ciso', unique, 'E2E Calendar CISO')
      employeeCreds = createUser('cal', 'employee', unique, 'E2E Calendar Employee')
    })
    active = ciso.page
    await step('the CISO signs in', () => signIn(ciso.page, cisoCreds))
    active = employee.page
    await step('the employee signs in in a second browser', () => signIn(employee.page, employeeCreds))

    await step('the CISO opens the calendar and sees the default activities', async () => {
      const page = ciso.page
      active = page
      await nav(page, 'Calendar').click()
      await page.waitForURL((u) => new URL(u).pathname === '/calendar')
      await page.getByRole('heading', { name: 'Calendar', exact: true }).waitFor()
      await page.getByRole('main').getByRole('link', { name: 'Activities', exact: true }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/calendar/activities')
      const rows = page.getByTestId('activity-row')
      const risk = rows.filter({ hasText: 'Quarterly risk assessment (Risk Management Forum)' })
      await risk.waitFor()
      await risk.getByText(/^Every quarter/).waitFor()
      await risk.getByText('Policy 5', { exact: true }).waitFor()
      await rows.filter({ hasText: 'Yearly ISMS review' }).waitFor()
    })

    await step('the CISO creates a monthly activity owned by the employee that requires notes and evidence', async () => {
      const page = ciso.page
      await page.getByRole('link', { name: 'New activity' }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/calendar/activities/new')
      const form = page.getByTestId('activity-form')
      await form.getByLabel('Title').fill(title)
      await form.getByLabel('Description').fill('Restore one production backup to the test host and compare checksums.')
      await form.getByLabel('Cadence').selectOption('monthly')
      await form.getByLabel('Day of month').fill(String(dom))
      await form.getByText(`Every month on day ${dom}`).waitFor()
      await form.getByLabel('First occurrence').fill(today)
      await form.getByLabel('Owner').selectOption({ label: employeeCreds.name })
      await form.getByLabel('Concerns').selectOption('backups')
      await form.getByRole('checkbox', { name: 'notes' }).check()
      await form.getByRole('checkbox', { name: 'evidence' }).check()
      await form.getByLabel('Due window (days before the date)').fill('7')
      await form.getByLabel('Policy reference').fill('Policy 8.13')
      const res = await apiCall(page, 'POST', isApi('/api/v1/activities'), () => form.getByRole('button', { name: 'Save' }).click())
      activity = await body(res, 201, 'create activity')
      assert.match(activity.ref, /^ACT-\d{4,}$/)
      assert.deepEqual(activity.cadence, { kind: 'monthly', day_of_month: dom })
      assert.deepEqual(activity.requires, ['notes', 'evidence'])
      assert.equal(activity.next_due, today)
      await page.waitForURL((u) => new URL(u).pathname === `/calendar/activities/${activity.id}`)
      await page.getByRole('heading', { name: `${activity.ref} ${title}` }).waitFor()
      const details = page.getByTestId('activity-details')
      await details.getByText(employeeCreds.name, { exact: true }).waitFor()
      await details.getByText('notes, evidence', { exact: true }).waitFor()
      await details.getByText(today, { exact: true }).waitFor()
      const row = page.getByTestId('occurrence-row').filter({ hasText: today })
      await row.getByText('Due', { exact: true }).waitFor()
    })

    await step('the employee sees it on their agenda and downloads the iCalendar export', async () => {
      const page = employee.page
      active = page
      await nav(page, 'Calendar').click()
      await page.waitForURL((u) => new URL(u).pathname === '/calendar')
      await apiCall(page, 'GET', (u) => u.pathname === '/api/v1/calendar/agenda' && u.searchParams.has('owner'), () =>
        page.getByLabel('Show').selectOption({ label: 'Mine' }),
      )
      const row = page.getByTestId('agenda-row').filter({ hasText: `${activity.ref} ${title}` })
      await row.waitFor()
      assert.equal(await row.getAttribute('data-state'), 'due')
      await row.getByText(today, { exact: true }).waitFor()
      await row.getByText('Activity', { exact: true }).waitFor()
      await row.getByText(employeeCreds.name, { exact: true }).waitFor()
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'iCalendar' }).click()])
      assert.equal(download.suggestedFilename(), 'isms-calendar.ics')
      const ics = unfold(fs.readFileSync(await download.path(), 'utf8'))
      assert.match(ics, /^BEGIN:VCALENDAR\r\n/)
      assert.ok(ics.includes(`\r\nSUMMARY:${activity.ref} ${title}\r\n`), `the export has the activity's SUMMARY:\n${ics.slice(0, 2000)}`)
      assert.ok(ics.includes(`DTSTART;VALUE=DATE:${today.replaceAll('-', '')}`), 'an all-day event on the occurrence date')
    })

    await step('completing without the required notes is refused, naming the field', async () => {
      const page = employee.page
      await page.getByTestId('agenda-row').filter({ hasText: title }).getByRole('link', { name: `${activity.ref} ${title}` }).click()
      await page.waitForURL((u) => new URL(u).pathname === `/calendar/activities/${activity.id}`)
      await page.getByRole('heading', { name: `${activity.ref} ${title}` }).waitFor()
      const row = page.getByTestId('occurrence-row').filter({ hasText: today })
      await row.getByRole('button', { name: 'Complete' }).waitFor()
      assert.equal(await row.getByRole('button', { name: 'Skip' }).count(), 0, 'skipping needs calendar:write')
      assert.equal(await page.getByTestId('edit-activity').count(), 0, 'editing needs calendar:write')
      assert.equal(await page.getByTestId('archive-activity').count(), 0, 'archiving needs calendar:write')
      await row.getByRole('button', { name: 'Complete' }).click()
      const dialog = page.getByRole('dialog', { name: `Complete ${title} of ${today}` })
      await dialog.waitFor()
      await dialog.getByLabel('Evidence (required)').fill(evidenceUrl)
      const path = `/api/v1/activities/${activity.id}/occurrences/${today}/complete`
      const res = await apiCall(page, 'POST', isApi(path), () => dialog.getByRole('button', { name: 'Complete', exact: true }).click())
      const refused = await body(res, 422, 'complete without notes')
      const fields = [refused.error.field, ...(refused.error.details ?? []).map((d) => d.field)].filter(Boolean)
      assert.ok(fields.includes('notes'), `the API names notes: ${JSON.stringify(refused)}`)
      assert.ok(!fields.includes('evidence'), 'the evidence given is accepted')
      const notesField = dialog.locator('.field').filter({ has: page.getByLabel('Notes (required)') })
      await notesField.getByTestId('error-notes').filter({ hasText: `is required to complete "${title}"` }).waitFor()
      assert.equal(await dialog.getByTestId('error-evidence').count(), 0)
    })

    await step('the employee completes it with notes: done by them, the next occurrence moves on', async () => {
      const page = employee.page
      const dialog = page.getByRole('dialog', { name: `Complete ${title} of ${today}` })
      await dialog.getByLabel('Notes (required)').fill('Restored the 02:00 backup of the file server; checksums match.')
      const path = `/api/v1/activities/${activity.id}/occurrences/${today}/complete`
      const res = await apiCall(page, 'POST', isApi(path), () => dialog.getByRole('button', { name: 'Complete', exact: true }).click())
      const done = await body(res, 200, 'complete')
      assert.equal(done.state, 'done')
      assert.equal(done.completed_by_name, employeeCreds.name)
      assert.deepEqual(done.evidence, [evidenceUrl])
      await dialog.waitFor({ state: 'hidden' })
      const row = page.getByTestId('occurrence-row').filter({ hasText: today })
      await row.getByText('Done', { exact: true }).waitFor()
      await row.getByText(employeeCreds.name, { exact: true }).waitFor()
      await row.getByText('checksums match').waitFor()
      await row.getByText(`Evidence: ${evidenceUrl}`).waitFor()
      assert.equal(await row.getByRole('button', { name: 'Complete' }).count(), 0, 'a done occurrence cannot be completed again')
      await page.getByTestId('activity-details').getByText(next, { exact: true }).waitFor()
      const nextRow = page.getByTestId('occurrence-row').filter({ hasText: next })
      await nextRow.getByText('Upcoming', { exact: true }).waitFor()
    })

    await step("the CISO's activity list shows the next occurrence", async () => {
      const page = ciso.page
      active = page
      await page.getByRole('link', { name: 'Activities', exact: true }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/calendar/activities')
      const row = page.getByTestId('activity-row').filter({ hasText: title })
      await row.getByText(`Every month on day ${dom}`, { exact: false }).waitFor()
      await row.getByText(employeeCreds.name, { exact: true }).waitFor()
      await row.getByText(next).waitFor()
      await row.getByText('Upcoming', { exact: true }).waitFor()
    })

    assert.deepEqual(uncaught(ciso.problems), [], "no uncaught errors in the CISO's page")
    assert.deepEqual(uncaught(employee.problems), [], "no uncaught errors in the employee's page")
  } catch (error) {
    await screenshotOnFailure(active ?? ciso.page, [...ciso.problems, ...employee.problems], error)
  }
})
