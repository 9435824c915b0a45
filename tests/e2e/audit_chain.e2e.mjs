// Browser journey "audit to verified fix" (issue 6; ISO 27001 9.2 internal audit, 10.2
// nonconformity and corrective action), against a running `isms serve` that serves the
// built web UI. See README.md.
//
//   BASE_URL=http://127.0.0.1:18080 ISMS_DATA_DIR=<the server's --data> \
//     ISMS_BIN=build/debug/isms node --test audit_chain.e2e.mjs
//
// Three people created with the operator CLI: a CISO (audits:write), the CEO (audits:read
// only; owns the corrective action) and an internal auditor (lead auditor, never signs in).
// The CISO and the CEO each act in a browser of their own.
// 1. The CISO opens Audits from the navigation, creates the audit programme of the year
//    (the first year from this one without a programme, so a second run works) and
//    approves it.
// 2. The CISO plans an audit in that programme: criteria iso27001-2022:A.5.15 (access
//    control), the auditor as lead auditor; the audit opens planned with one checklist
//    item for A.5.15, and is started.
// 3. The CISO records checklist item 1 as nonconforming and raises a minor nonconformity
//    from it in the same save; the audit lists the finding as open.
// 4. From the audit, the CISO opens the finding (its chain names the audit and checklist
//    item 1, "No corrective action yet") and adds a corrective action: root cause, owner =
//    the CEO, due in 30 days.
// 5. The CEO, in their own browser: Findings -> Corrective actions -> "mine" lists the
//    action; on the finding they record its implementation (allowed as its owner without
//    audits:write). Access rule shown: no verify button, the page says someone else
//    verifies an action its owner implemented.
// 6. The CISO reloads the finding and verifies the action effective; the finding closes by
//    itself ("Closed by the effective verification of CA-…") and can no longer be closed or
//    given actions.
// 7. From the chain the CISO goes back to the audit and completes it with a conclusion; the
//    audit page shows the finding closed and its action verified.
// 8. The audit report PDF (the page's "Report (PDF)" link) downloads and names the audit,
//    the finding, the action and the totals (pdftotext).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { apiCall, openBrowser, screenshotOnFailure, step, uncaught } from './lib/browser.mjs'
import { body, createUser, isApi, uniqueSuffix, utcDay } from './lib/operator.mjs'
import { signIn } from './lib/session.mjs'

let ciso
let owner
let active

before(async () => {
  ciso = await openBrowser()
  owner = await openBrowser()
})

after(async () => {
  await ciso?.close()
  await owner?.close()
})

const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true })
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

test('audit chain: an audit finding is fixed by its owner and verified by the CISO', async () => {
  const unique = uniqueSuffix()
  const auditTitle = `Access control audit ${unique}`
  const actionTitle = `Leaver checklist removes VPN access ${unique}`
  const rootCause = 'The leaver checklist did not name the VPN group, so HR never asked IT to remove it.'
  const dueOn = utcDay(30)
  let cisoCreds
  let ownerCreds
  let auditor
  let year
  let programmeRef
  let auditId
  let auditRef
  let finding
  let action
  try {
    await step('the operator creates a CISO, the CEO and an internal auditor with the CLI', async () => {
      cisoCreds = createUser('aud', 'ciso', unique, 'E2E Audit CISO')
      ownerCreds = createUser('aud', 'ceo', unique, 'E2E Audit CEO')
      const expires = new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
      auditor = createUser('aud', 'auditor', unique, 'E2E Internal Auditor', ['--access-expires-at', expires])
    })
    active = ciso.page
    await step('the CISO signs in', () => signIn(ciso.page, cisoCreds))
    active = owner.page
    await step('the CEO signs in in a second browser', () => signIn(owner.page, ownerCreds))

    await step("the CISO creates the year's audit programme and approves it", async () => {
      const page = ciso.page
      active = page
      const listed = await apiCall(page, 'GET', isApi('/api/v1/audit-programmes'), () => nav(page, 'Audits').click())
      await page.waitForURL((u) => new URL(u).pathname === '/audits')
      const taken = new Set((await body(listed, 200, 'list programmes')).items.map((p) => p.year))
      year = new Date().getUTCFullYear()
      while (taken.has(year)) year += 1
      const rows = page.getByTestId('programme-row')
      programmeRef = `AP-${year}`
      const form = page.getByTestId('programme-form')
      await form.getByLabel('Year').fill(String(year))
      await form.getByLabel('Title').fill(`Audit programme ${year} ${unique}`)
      const res = await apiCall(page, 'POST', isApi('/api/v1/audit-programmes'), () => form.getByRole('button', { name: 'Create programme' }).click())
      const created = await body(res, 201, 'create programme')
      assert.equal(created.ref, programmeRef)
      const row = rows.filter({ hasText: programmeRef })
      await row.getByText('draft', { exact: true }).waitFor()
      const approved = await apiCall(page, 'POST', isApi(`/api/v1/audit-programmes/${created.id}/approve`), () =>
        row.getByRole('button', { name: 'Approve' }).click(),
      )
      await body(approved, 200, 'approve programme')
      await row.getByText('approved', { exact: true }).waitFor()
    })

    await step('the CISO plans an audit of A.5.15 in the programme and starts it', async () => {
      const page = ciso.page
      const form = page.getByTestId('audit-form')
      const thisYear = year === new Date().getUTCFullYear()
      const start = thisYear ? utcDay(0) : `${year}-01-15`
      const end = thisYear && utcDay(2).startsWith(String(year)) ? utcDay(2) : start
      await form.getByLabel('Title').fill(auditTitle)
      await form.getByLabel('Type').selectOption({ label: 'Internal' })
      await form.getByLabel('Scope').fill('Joiner, mover and leaver process; VPN and e-mail accounts.')
      await form.getByLabel('Criteria (requirement keys)').fill('iso27001-2022:A.5.15')
      await form.getByLabel('Lead auditor').selectOption({ label: auditor.name })
      await form.getByLabel('Start').fill(start)
      await form.getByLabel('End').fill(end)
      await form.getByLabel('Programme').selectOption({ label: `${programmeRef} Audit programme ${year} ${unique}` })
      const res = await apiCall(page, 'POST', isApi('/api/v1/audits'), () => form.getByRole('button', { name: 'Plan audit' }).click())
      const audit = await body(res, 201, 'plan audit')
      auditId = audit.id
      auditRef = audit.ref
      assert.match(auditRef, /^AUD-\d{4,}$/)
      assert.deepEqual(audit.criteria, ['iso27001-2022:A.5.15'])
      await page.waitForURL((u) => new URL(u).pathname === `/audits/${auditId}`)
      await page.getByRole('heading', { name: `${auditRef} ${auditTitle}` }).waitFor()
      await page.getByText('Planned', { exact: true }).waitFor()
      const items = page.getByTestId('checklist-row')
      await items.filter({ hasText: 'iso27001-2022:A.5.15' }).waitFor()
      assert.equal(await items.count(), 1, 'one checklist item per criterion')
      const started = await apiCall(page, 'POST', isApi(`/api/v1/audits/${auditId}/start`), () => page.getByRole('button', { name: 'Start', exact: true }).click())
      await body(started, 200, 'start audit')
      await page.getByText('In progress', { exact: true }).waitFor()
    })

    await step('the CISO records item 1 as nonconforming and raises a minor nonconformity from it', async () => {
      const page = ciso.page
      const row = page.getByTestId('checklist-row').filter({ hasText: 'iso27001-2022:A.5.15' })
      await row.getByLabel('Result of item 1').selectOption({ label: 'Nonconform' })
      await row.getByLabel('Notes of item 1').fill('Two of five leavers sampled still had VPN access 3 weeks after leaving.')
      await row.getByRole('checkbox', { name: 'raise a finding' }).check()
      await row.getByLabel('Grade').selectOption({ label: 'Minor nonconformity' })
      const res = await apiCall(page, 'PATCH', isApi(`/api/v1/audits/${auditId}/checklist/0`), () => row.getByRole('button', { name: 'Save' }).click())
      const out = await body(res, 200, 'checklist item')
      finding = out.raised_finding
      assert.ok(finding, 'the save raised a finding')
      assert.equal(finding.grade, 'minor_nonconformity')
      assert.equal(finding.checklist_index, 0)
      assert.match(finding.ref, /^F-\d{4,}$/)
      const listed = page.getByTestId('audit-findings').getByRole('listitem').filter({ hasText: finding.ref })
      await listed.getByText('Minor nonconformity, open').waitFor()
      assert.equal(out.checklist_totals.nonconform, 1)
    })

    await step('the CISO opens the finding from the audit and adds a corrective action owned by the CEO', async () => {
      const page = ciso.page
      await page.getByTestId('audit-findings').getByRole('link', { name: `${finding.ref} ${finding.title}` }).click()
      await page.waitForURL((u) => new URL(u).pathname === `/findings/${finding.id}`)
      const chain = page.getByTestId('finding-chain')
      await chain.locator('[data-step="source"]').filter({ hasText: `${auditRef}: ${auditTitle} (checklist item 1)` }).waitFor()
      await chain.locator('[data-step="missing"]').getByText('No corrective action yet').waitFor()
      const form = page.getByTestId('action-form')
      await form.getByLabel('Title').fill(actionTitle)
      await form.getByLabel('Root cause').fill(rootCause)
      await form.getByLabel('Owner').selectOption({ label: ownerCreds.name })
      await form.getByLabel('Due on').fill(dueOn)
      const res = await apiCall(page, 'POST', isApi(`/api/v1/findings/${finding.id}/actions`), () => form.getByRole('button', { name: 'Add action' }).click())
      action = await body(res, 201, 'add corrective action')
      assert.equal(action.owner_id, ownerCreds.personId ?? action.owner_id)
      assert.equal(action.due_on, dueOn)
      const card = page.getByTestId('action-card').filter({ hasText: action.ref })
      await card.getByText('open', { exact: true }).waitFor()
      await card.getByText(`Root cause: ${rootCause}`).waitFor()
      await card.getByText(`Due ${dueOn}`).waitFor()
      await chain.locator('[data-step="missing"]').waitFor({ state: 'detached' })
    })

    await step('the CEO finds the action among theirs and records its implementation; they get no verify button', async () => {
      const page = owner.page
      active = page
      await nav(page, 'Findings').click()
      await page.waitForURL((u) => new URL(u).pathname === '/findings')
      await page.getByRole('link', { name: 'Corrective actions', exact: true }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/corrective-actions')
      await apiCall(page, 'GET', (u) => u.pathname === '/api/v1/corrective-actions' && u.searchParams.get('owner') === 'me', () =>
        page.getByRole('checkbox', { name: 'mine' }).check(),
      )
      const row = page.getByTestId('action-row').filter({ hasText: action.ref })
      await row.getByText(rootCause).waitFor()
      await row.getByRole('link', { name: `${action.ref} ${actionTitle}` }).click()
      await page.waitForURL((u) => new URL(u).pathname === `/findings/${finding.id}`)
      const card = page.getByTestId('action-card').filter({ hasText: action.ref })
      await card.getByRole('button', { name: 'Record implementation' }).waitFor()
      assert.equal(await card.getByRole('button', { name: 'Verified effective' }).count(), 0, 'the owner is offered no verification')
      assert.equal(await page.getByTestId('action-form').count(), 0, 'the CEO (audits:read) cannot add actions')
      await card.getByLabel(`Note for ${action.ref}`).fill('Leaver checklist v3 names the VPN group; both accounts removed.')
      const res = await apiCall(page, 'POST', isApi(`/api/v1/corrective-actions/${action.id}/implement`), () =>
        card.getByRole('button', { name: 'Record implementation' }).click(),
      )
      const implemented = await body(res, 200, 'record implementation as the owner')
      assert.equal(implemented.status, 'implemented')
      await card.getByText('implemented', { exact: true }).waitFor()
      await card.getByTestId('action-owner-note').filter({ hasText: `You own ${action.ref}: someone else verifies its effectiveness.` }).waitFor()
      assert.equal(await card.getByRole('button', { name: /effective/ }).count(), 0, 'still no verify button for the owner')
    })

    await step('the CISO verifies the action effective and the finding closes by itself', async () => {
      const page = ciso.page
      active = page
      await apiCall(page, 'GET', isApi(`/api/v1/findings/${finding.id}`), () => page.reload())
      const card = page.getByTestId('action-card').filter({ hasText: action.ref })
      await card.getByText('implemented', { exact: true }).waitFor()
      await card.getByLabel(`Note for ${action.ref}`).fill('Sampled the three leavers since: no VPN access left.')
      const res = await apiCall(page, 'POST', isApi(`/api/v1/corrective-actions/${action.id}/verify`), () =>
        card.getByRole('button', { name: 'Verified effective' }).click(),
      )
      const verified = await body(res, 200, 'verify effective')
      assert.equal(verified.status, 'verified')
      assert.equal(verified.effective, true)
      await card.getByText('verified', { exact: true }).waitFor()
      const chain = page.getByTestId('finding-chain')
      await chain.locator('[data-step="closed"]').filter({ hasText: `Closed by the effective verification of ${action.ref}` }).waitFor()
      await chain.locator(`[data-step="${action.id}"]`).filter({ hasText: 'verified effective' }).waitFor()
      assert.equal(await page.getByTestId('finding-close').count(), 0, 'a closed finding offers no close')
      assert.equal(await page.getByTestId('action-form').count(), 0, 'a closed finding takes no new action')
    })

    await step("the CISO completes the audit; its page shows the finding closed and the action verified", async () => {
      const page = ciso.page
      await page.getByTestId('finding-chain').getByRole('link', { name: 'open the audit' }).click()
      await page.waitForURL((u) => new URL(u).pathname === `/audits/${auditId}`)
      await page.getByLabel('Conclusion').fill('Access control is effective after the leaver process fix; one minor nonconformity closed.')
      const res = await apiCall(page, 'POST', isApi(`/api/v1/audits/${auditId}/complete`), () => page.getByRole('button', { name: 'Complete audit' }).click())
      await body(res, 200, 'complete audit')
      await page.getByText('Completed', { exact: true }).waitFor()
      await page.getByTestId('audit-conclusion').filter({ hasText: 'one minor nonconformity closed' }).waitFor()
      const listed = page.getByTestId('audit-findings').getByRole('listitem').filter({ hasText: finding.ref }).first()
      await listed.getByText('Minor nonconformity, closed').waitFor()
      const actionLine = listed.getByTestId('audit-finding-actions').getByRole('listitem').filter({ hasText: `${action.ref} ${actionTitle}` })
      await actionLine.getByText('verified', { exact: true }).waitFor()
    })

    await step('the audit report PDF downloads and names the finding, its action and the totals', async () => {
      const page = ciso.page
      const link = page.getByRole('link', { name: 'Report (PDF)' })
      const href = await link.getAttribute('href')
      assert.equal(href, `/api/v1/audits/${auditId}/report.pdf`)
      const pdf = await page.evaluate(async (url) => {
        const r = await fetch(url)
        const bytes = new Uint8Array(await r.arrayBuffer())
        return { status: r.status, type: r.headers.get('content-type'), data: Array.from(bytes) }
      }, href)
      assert.equal(pdf.status, 200)
      assert.match(pdf.type, /application\/pdf/)
      const file = path.join(os.tmpdir(), `isms-e2e-audit-${unique}.pdf`)
      fs.writeFileSync(file, Buffer.from(pdf.data))
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' })
      fs.rmSync(file, { force: true })
      assert.equal(text.status, 0, text.stderr)
      const flat = text.stdout.replace(/\s+/g, ' ')
      assert.match(flat, new RegExp(escape(`Audit report ${auditRef}`)))
      assert.match(flat, new RegExp(escape(programmeRef)))
      assert.match(flat, new RegExp(escape(finding.ref)))
      assert.match(flat, new RegExp(escape(action.ref)))
      assert.match(flat, /1 finding\(s\): 0 open, 1 closed/)
      assert.match(flat, /1 verified effective/)
      assert.match(flat, new RegExp(escape(`Closed by the effective verification of ${action.ref}`)))
    })

    assert.deepEqual(uncaught(ciso.problems), [], "no uncaught errors in the CISO's page")
    assert.deepEqual(uncaught(owner.problems), [], "no uncaught errors in the CEO's page")
  } catch (error) {
    await screenshotOnFailure(active ?? ciso.page, [...ciso.problems, ...owner.problems], error)
  }
})
