// Browser journey through policy documents, the requirements catalogue and the gap report,
// against a running `isms serve` (SQLite) that serves the built web UI. See README.md.
//
//   BASE_URL=http://127.0.0.1:18080 ISMS_DATA_DIR=<the server's --data> \
//     ISMS_BIN=build/debug/isms node --test documents.e2e.mjs
//
// Two people, each in a browser of their own (no logging out and in again, so no wait for
// a fresh TOTP step): a CISO (documents:write) and a CEO (policies:approve; the imported
// policy names "Information owner: CEO"). Both are created with the operator CLI
// (`isms user create ... --role`), which prints the one-time password; each signs in
// through the UI (one-time password -> new password -> MFA enrolment when the role needs
// it).
//
// 1. CISO: Documents -> Import tests/fixtures/information-security-policy.txt -> the
//    outcome (created, citations, the one warning "ISO27001 5.4" with its suggestion) ->
//    the document: title, draft, A.5.19 cited in section 8.4, the warning -> A.5.4.
// 2. Editor: append "## 9 Exceptions [ISO27002 A5.37]": the live preview links the new
//    citation and the reference count grows; "[ISO27001 5.9]" adds a warning, deleting it
//    removes it; readers must acknowledge; save.
// 3. Workflow: submit; the CISO is offered no Approve and the API refuses it (403 naming
//    the information owner); the CEO approves in their browser (and is offered no Publish); the CISO
//    publishes; the PDF download holds the title and the classification (pdftotext); the
//    CEO acknowledges, the CISO sees it and reminds the others.
// 4. Catalogue: a citation link in the rendered body -> the requirement page A.5.19 with
//    its title and "Cited by" naming section 8.4; searching "cryptography" finds A.8.24,
//    shown in the framework's tree.
// 5. Gaps: ISO 27001 Annex A total 93, at least 21 covered (20 controls of the policy +
//    A.5.37), the percentage, the gap rows, the CSV export; the dashboard's coverage
//    panel shows the same figures.
//
// Every step waits for an element or for the API response it caused. On failure a
// screenshot + HTML of the browser that acted last go to a temp dir (lib/browser.mjs).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { apiCall, BASE_URL, openBrowser, screenshotOnFailure, step, uncaught } from './lib/browser.mjs'
import { signIn } from './lib/session.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const FIXTURE = path.join(root, 'tests/fixtures/information-security-policy.txt')
const TITLE = 'Information Security Policy'

// --- the operator CLI (creates the two users; scripts/test.sh runs build/debug/isms) --------

function ismsBin() {
  if (process.env.ISMS_BIN) return process.env.ISMS_BIN
  const guess = path.join(root, 'build/debug/isms')
  return fs.existsSync(guess) ? guess : undefined
}

function cli(args) {
  const bin = ismsBin()
  const data = process.env.ISMS_DATA_DIR
  assert.ok(bin && data, 'documents.e2e.mjs creates its users with the operator CLI: set ISMS_DATA_DIR (the server\'s --data) and ISMS_BIN')
  const full = [...args, '--data', data, '--json']
  if (process.env.ISMS_DATABASE_URL) full.push('--database', process.env.ISMS_DATABASE_URL)
  const r = spawnSync(bin, full, { encoding: 'utf8', timeout: 60_000 })
  if (r.error) throw r.error
  assert.equal(r.status, 0, `isms ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`)
  return JSON.parse(r.stdout)
}

/** A new person with `role` and a login for them; returns { username, password (one-time) }. */
function createUser(role, unique, name) {
  const username = `e2e-doc-${role}-${unique}`.toLowerCase()
  const out = cli(['user', 'create', username, '--person-name', `${name} ${unique}`, '--email', `${username}@example.org`, '--role', role])
  assert.ok(out.one_time_password, `isms user create printed a one-time password: ${JSON.stringify(out)}`)
  return { username, password: out.one_time_password }
}

// --- the two browsers -------------------------------------------------------------------------

let ciso // { page, problems, close }
let ceo
let active // the page that acted last: screenshot on failure

before(async () => {
  ciso = await openBrowser()
  ceo = await openBrowser()
})

after(async () => {
  await ciso?.close()
  await ceo?.close()
})

const isApi = (p) => (u) => u.pathname === p
const docApi = (id, rest = '') => isApi(`/api/v1/documents/${id}${rest}`)
/** An exact text (whitespace trimmed) for locator.filter({ hasText }). */
const exactly = (text) => new RegExp(`^\\s*${String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)

async function expectStatus(response, statuses, what) {
  const text = await response.text()
  const ok = [statuses].flat().includes(response.status())
  assert.ok(ok, `${what}: HTTP ${response.status()} ${text.slice(0, 500)}`)
  return text === '' ? undefined : JSON.parse(text)
}

/** Clicks `link` (an <a download>) and saves the file; returns { file, name }. */
async function download(page, link, dir) {
  const [dl] = await Promise.all([page.waitForEvent('download'), link.click()])
  const failure = await dl.failure()
  assert.equal(failure, null, `download failed: ${failure}`)
  const file = path.join(dir, dl.suggestedFilename())
  await dl.saveAs(file)
  return { file, name: dl.suggestedFilename() }
}

test('documents: import, edit with live preview, approve/publish, PDF, catalogue, gaps', async () => {
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-e2e-documents-'))
  const page = ciso.page
  active = page
  const nav = page.getByRole('navigation', { name: 'Main' })

  try {
    let cisoCreds
    let ceoCreds
    await step('the operator creates a CISO and a CEO with the CLI', async () => {
      cisoCreds = createUser('ciso', unique, 'E2E Docs CISO')
      ceoCreds = createUser('ceo', unique, 'E2E Docs CEO')
    })
    await step(`the CISO signs in (${cisoCreds.username}): new password, MFA if required`, () => signIn(page, cisoCreds))

    // ---- 1. import ---------------------------------------------------------------------------
    let documentId
    let importedCitations
    await step('Documents -> Import the sample policy: created, citations, the one warning', async () => {
      await nav.getByRole('link', { name: 'Documents', exact: true }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/documents')
      await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor()
      await page.getByTestId('import-documents').click()
      const dialog = page.getByRole('dialog', { name: 'Import documents' })
      await dialog.waitFor()
      await dialog.getByTestId('document-import-files').setInputFiles(FIXTURE)
      await dialog.getByText('1 file: information-security-policy.txt').waitFor()
      const res = await apiCall(page, 'POST', isApi('/api/v1/documents/import'), () => dialog.getByTestId('document-import-submit').click())
      const body = await expectStatus(res, [200, 201], 'import')
      assert.equal(body.items.length, 1)
      const outcome = body.items[0]
      assert.equal(outcome.action, 'created', 'a plain-text file without an id is a new document')
      documentId = outcome.document_id
      importedCitations = outcome.citations
      assert.ok(importedCitations >= 40, `citations found: ${importedCitations}`)

      const rows = dialog.getByTestId('document-import-outcome')
      await rows.first().waitFor()
      assert.equal(await rows.count(), 1, 'one outcome row')
      await dialog.getByText('Imported 1 file.').waitFor()
      await rows.getByRole('cell', { name: 'Created', exact: true }).waitFor()
      await rows.getByTestId('import-citations').filter({ hasText: exactly(importedCitations) }).waitFor()
      const warnings = rows.getByTestId('import-warning')
      assert.equal(await warnings.count(), 1, 'exactly one warning')
      await warnings.filter({ hasText: 'ISO27001 5.4' }).waitFor()
      const suggestion = warnings.getByRole('link', { name: /did you mean iso27001-2022:A\.5\.4\?/ })
      assert.equal(await suggestion.getAttribute('href'), '/catalogue/iso27001-2022/A.5.4')
    })

    await step('open the document: title, draft, A.5.19 cited in section 8.4, the warning suggests A.5.4', async () => {
      const dialog = page.getByRole('dialog', { name: 'Import documents' })
      await dialog.getByRole('link', { name: 'information-security-policy.txt' }).click()
      await page.waitForURL((u) => new URL(u).pathname === `/documents/${documentId}`)
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor()
      await page.getByTestId('document-title').filter({ hasText: exactly(TITLE) }).waitFor()
      await page.getByTestId('document-status').filter({ hasText: exactly('Draft') }).waitFor()
      await page.getByTestId('latest-status').filter({ hasText: exactly('Draft') }).waitFor()
      await page.getByTestId('document-classification').filter({ hasText: exactly('Public') }).waitFor()
      await page.getByTestId('citation-count').filter({ hasText: exactly(importedCitations) }).waitFor()

      const section84 = page
        .getByTestId('citations-by-section')
        .locator(':scope > li')
        .filter({ has: page.getByRole('link', { name: '8.4 Information Security in Supplier Relationships', exact: true }) })
      await section84.getByTestId('citation-item').filter({ hasText: exactly('ISO 27001 A.5.19') }).waitFor()
      await section84.getByTestId('citation-item').filter({ hasText: exactly('ISO 27001 A.5.20') }).waitFor()

      const warning = page.getByTestId('warnings').getByTestId('warning-item')
      assert.equal(await warning.count(), 1, 'one citation warning')
      await warning.filter({ hasText: 'ISO27001 5.4' }).waitFor()
      const suggestion = warning.getByRole('link', { name: 'ISO 27001 A.5.4', exact: true })
      assert.equal(await suggestion.getAttribute('href'), '/catalogue/iso27001-2022/A.5.4')
      // The body is rendered with citations as links to the catalogue.
      await page.getByTestId('document-body').locator('a.citation[href$="/A.5.19"]').first().waitFor()
    })

    // ---- 2. edit -------------------------------------------------------------------------------
    await step('edit: a new section with a citation shows in the live preview and the count grows', async () => {
      await page.getByTestId('workflow-edit').click()
      await page.waitForURL((u) => new URL(u).pathname === `/documents/${documentId}/edit`)
      const body = page.getByLabel('Body (Markdown)')
      await body.waitFor()
      const preview = page.getByRole('region', { name: 'Preview' })
      const count = page.getByTestId('citation-count')
      // The first preview of the stored body finds what the import found.
      await preview.getByTestId('preview-html').waitFor()
      await count.filter({ hasText: exactly(importedCitations) }).waitFor()
      assert.equal(await preview.locator('a.citation[href$="/A.5.37"]').count(), 0, 'A.5.37 is not cited yet')

      await body.focus()
      await page.keyboard.press('Control+End')
      await page.keyboard.type('\n\n## 9 Exceptions [ISO27002 A5.37]\n\nExceptions to this policy are approved by the CISO.')
      await preview.locator('a.citation[href$="/A.5.37"]').first().waitFor()
      await preview.getByRole('heading', { name: /9 Exceptions/ }).waitFor()
      await count.filter({ hasText: exactly(importedCitations + 1) }).waitFor()
      await page.getByTestId('editor-citation').filter({ hasText: 'ISO 27001 A.5.37' }).waitFor()
    })

    await step('edit: "[ISO27001 5.9]" adds a warning, deleting it removes the warning', async () => {
      const warnings = page.getByTestId('warning-item')
      await page.getByTestId('warning-count').filter({ hasText: exactly(1) }).waitFor()
      const typo = ' [ISO27001 5.9]'
      await page.keyboard.type(typo)
      await warnings.filter({ hasText: 'ISO27001 5.9' }).waitFor()
      await page.getByTestId('warning-count').filter({ hasText: exactly(2) }).waitFor()
      for (let i = 0; i < typo.length; i++) await page.keyboard.press('Backspace')
      await page.getByTestId('warning-count').filter({ hasText: exactly(1) }).waitFor()
      await warnings.filter({ hasText: 'ISO27001 5.9' }).waitFor({ state: 'detached' })
      await page.getByTestId('citation-count').filter({ hasText: exactly(importedCitations + 1) }).waitFor()
    })

    await step('edit: readers must acknowledge; save the draft', async () => {
      const ack = page.getByTestId('field-requires_acknowledgement')
      if (!(await ack.isChecked())) await ack.check()
      const res = await apiCall(page, 'PATCH', docApi(documentId), () => page.getByTestId('save').click())
      const saved = await expectStatus(res, 200, 'save draft')
      assert.ok(saved.latest.body.includes('## 9 Exceptions [ISO27002 A5.37]'), 'the saved body has the new section')
      assert.ok(!saved.latest.body.includes('5.9]'), 'the removed citation is gone')
      assert.equal(saved.latest.requires_acknowledgement, true)
      assert.equal(saved.latest.citations.length, importedCitations + 1)
      await page.getByTestId('flash').filter({ hasText: 'Saved.' }).waitFor()
      await page.getByTestId('cancel').filter({ hasText: 'Done' }).click()
      await page.waitForURL((u) => new URL(u).pathname === `/documents/${documentId}`)
      await page.getByTestId('document-toc').getByRole('link', { name: '9 Exceptions', exact: true }).waitFor()
      await page.getByTestId('citation-count').filter({ hasText: exactly(importedCitations + 1) }).waitFor()
    })

    // ---- 3. workflow -----------------------------------------------------------------------------
    let inReview
    await step('submit for review', async () => {
      const res = await apiCall(page, 'POST', docApi(documentId, '/submit'), () => page.getByTestId('workflow-submit').click())
      inReview = (await expectStatus(res, 200, 'submit')).latest
      assert.equal(inReview.status, 'in_review')
      await page.getByTestId('latest-status').filter({ hasText: exactly('In review') }).waitFor()
      await page.getByTestId('flash').filter({ hasText: 'Submitted for review.' }).waitFor()
    })

    await step('the CISO is offered no Approve, and the API refuses it (403 naming the owner)', async () => {
      await page.getByTestId('workflow-return').waitFor() // the bar is there, with what the CISO may do
      assert.equal(await page.getByTestId('workflow-approve').count(), 0, 'no Approve button for the CISO')
      const refused = await page.evaluate(
        async ({ id, version }) => {
          const session = await (await fetch('/api/v1/auth/session')).json()
          const r = await fetch(`/api/v1/documents/${encodeURIComponent(id)}/approve`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
            body: JSON.stringify({ version }),
          })
          return { status: r.status, text: await r.text() }
        },
        { id: documentId, version: inReview.version },
      )
      assert.equal(refused.status, 403, `approve as the CISO: ${refused.status} ${refused.text}`)
      assert.match(refused.text, /information owner/, 'the refusal names the information owner')
      assert.match(refused.text, /CEO|ceo/, 'the refusal names the information owner')
    })

    await step(`the CEO signs in in a browser of their own (${ceoCreds.username}) and approves`, async () => {
      active = ceo.page
      const p = ceo.page
      await signIn(p, ceoCreds)
      await p.goto(`${BASE_URL}/documents/${documentId}`)
      await p.getByRole('heading', { level: 1, name: TITLE }).waitFor()
      await p.getByTestId('latest-status').filter({ hasText: exactly('In review') }).waitFor()
      assert.equal(await p.getByTestId('workflow-edit').count(), 0, 'the CEO may not edit')
      const res = await apiCall(p, 'POST', docApi(documentId, '/approve'), () => p.getByTestId('workflow-approve').click())
      const approved = (await expectStatus(res, 200, 'approve as the CEO')).latest
      assert.equal(approved.status, 'approved')
      await p.getByTestId('latest-status').filter({ hasText: exactly('Approved') }).waitFor()
      await p.getByTestId('flash').filter({ hasText: 'Approved.' }).waitFor()
      assert.equal(await p.getByTestId('workflow-publish').count(), 0, 'the CEO may not publish (no documents:write)')
      active = page
    })

    await step('the CISO publishes', async () => {
      await page.reload()
      await page.getByTestId('latest-status').filter({ hasText: exactly('Approved') }).waitFor()
      const res = await apiCall(page, 'POST', docApi(documentId, '/publish'), () => page.getByTestId('workflow-publish').click())
      const published = await expectStatus(res, 200, 'publish')
      assert.equal(published.latest.status, 'published')
      assert.equal(published.document.published_label, '3.1')
      await page.getByTestId('latest-status').filter({ hasText: exactly('Published') }).waitFor()
      await page.getByTestId('document-status').filter({ hasText: exactly('Published') }).waitFor()
      await page.getByTestId('document-published-label').filter({ hasText: exactly('3.1') }).waitFor()
      await page.getByTestId('flash').filter({ hasText: 'Published.' }).waitFor()
      await page.getByTestId('workflow-new_version').waitFor()
    })

    await step('download the PDF: pdftotext finds the title and the classification', async () => {
      const { file, name } = await download(page, page.getByTestId('download-pdf'), artifacts)
      assert.match(name, /\.pdf$/, `file name ${name}`)
      assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-')
      const out = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      assert.equal(out.status, 0, `pdftotext: ${out.stderr}`)
      const text = out.stdout.replace(/\s+/g, ' ')
      for (const s of [TITLE, 'PUBLIC', 'Exceptions']) assert.ok(text.includes(s), `"${s}" in the PDF (${file})`)
    })

    await step('the CEO acknowledges the published policy; the CISO sees it and reminds the others', async () => {
      active = ceo.page
      const p = ceo.page
      await p.reload()
      await p.getByTestId('latest-status').filter({ hasText: exactly('Published') }).waitFor()
      const res = await apiCall(p, 'POST', docApi(documentId, '/acknowledge'), () => p.getByTestId('acknowledge').click())
      const acks = await expectStatus(res, 200, 'acknowledge as the CEO')
      assert.ok(acks.acknowledged >= 1)
      await p.getByTestId('acknowledgement-message').waitFor()
      await p.getByTestId('acknowledge').waitFor({ state: 'detached' })
      active = page

      await page.reload()
      await page.getByTestId('latest-status').filter({ hasText: exactly('Published') }).waitFor()
      const panel = page.getByTestId('acknowledgements')
      await panel.getByTestId('ack-acknowledged').filter({ hasText: exactly(acks.acknowledged) }).waitFor()
      await panel.getByTestId('ack-completion').filter({ hasText: /^[1-9]\d*%$/ }).waitFor()
      await panel.getByTestId('ack-row').filter({ hasText: `E2E Docs CEO ${unique}` }).filter({ hasText: 'accepted' }).waitFor()
      const reminded = await apiCall(page, 'POST', docApi(documentId, '/remind'), () => panel.getByTestId('remind-pending').click())
      const who = await expectStatus(reminded, 200, 'remind')
      assert.ok(who.items.length >= 1, 'someone was reminded (the CISO has not acknowledged)')
      await panel.getByTestId('acknowledgement-message').filter({ hasText: /^Reminded \d+ persons?\.$/ }).waitFor()
    })

    // ---- 4. catalogue ---------------------------------------------------------------------------
    await step('a citation link in the body opens the requirement: A.5.19, cited by section 8.4', async () => {
      const link = page.getByTestId('document-body').locator('a.citation[href$="/A.5.19"]').first()
      await link.click()
      await page.waitForURL((u) => new URL(u).pathname === '/catalogue/iso27001-2022/A.5.19')
      await page.getByRole('heading', { level: 1, name: 'A.5.19 Information security in supplier relationships' }).waitFor()
      // This document (a rerun against the same server imports another one of the same title).
      const citedBy = page.getByTestId('cited-by').locator(':scope > li').filter({ has: page.locator(`a[href="/documents/${documentId}"]`) })
      await citedBy.getByRole('link', { name: TITLE, exact: true }).waitFor()
      await citedBy.getByText('version 3.1').waitFor()
      const section = citedBy.getByRole('link', { name: '8.4 Information Security in Supplier Relationships', exact: true })
      assert.equal(await section.getAttribute('href'), `/documents/${documentId}#${await sectionAnchor(page, documentId, '8.4')}`)
    })

    await step('search the catalogue for "cryptography": A.8.24, located in the framework tree', async () => {
      await nav.getByRole('link', { name: 'Catalogue', exact: true }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/catalogue')
      const search = page.getByLabel('Search requirements')
      const res = await apiCall(
        page,
        'GET',
        (u) => u.pathname === '/api/v1/catalogue/search' && u.searchParams.get('q') === 'cryptography',
        () => search.fill('cryptography'),
      )
      const found = await expectStatus(res, 200, 'catalogue search')
      assert.ok(found.items.some((r) => r.key === 'iso27001-2022:A.8.24'), 'the API finds A.8.24')
      const hit = page.getByTestId('search-result-iso27001-2022:A.8.24')
      await hit.getByText('Use of cryptography').waitFor()
      await hit.getByRole('link', { name: 'A.8.24' }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/catalogue/iso27001-2022/A.8.24')
      await page.getByRole('heading', { level: 1, name: 'A.8.24 Use of cryptography' }).waitFor()
      await page.getByTestId('cited-by').getByRole('link', { name: '8.15 Use of Cryptography', exact: true }).first().waitFor()
      // The framework's tree, with the search result located in it.
      await page.getByTestId('breadcrumb').locator('a[href="/catalogue/iso27001-2022"]').click()
      await page.waitForURL((u) => new URL(u).pathname === '/catalogue/iso27001-2022')
      await page.getByTestId('requirement-tree').waitFor()
      await page.getByLabel('Search requirements').fill('cryptography')
      await page.getByTestId('search-result-iso27001-2022:A.8.24').getByRole('button', { name: 'Show in tree' }).click()
      await page.getByTestId('tree-node-A.8.24').getByRole('link', { name: 'A.8.24', exact: true }).waitFor()
    })

    // ---- 5. gaps and the dashboard ----------------------------------------------------------------
    let figures
    await step('Gaps: ISO 27001 Annex A, 93 controls, at least 21 cited, the percentage, CSV export', async () => {
      const res = await apiCall(
        page,
        'GET',
        (u) => u.pathname === '/api/v1/traceability/gaps',
        () => nav.getByRole('link', { name: 'Gaps', exact: true }).click(),
      )
      const report = await expectStatus(res, 200, 'gaps')
      figures = report.figures
      await page.waitForURL((u) => new URL(u).pathname === '/traceability')
      assert.equal(await page.getByTestId('gap-scope').inputValue(), 'iso27001-2022|', 'Annex A is the default scope')
      assert.equal(figures.total, 93)
      assert.ok(figures.covered >= 21, `covered ${figures.covered} >= 21 (20 controls of the policy + A.5.37)`)
      await page.getByTestId('gap-total').filter({ hasText: exactly(93) }).waitFor()
      await page.getByTestId('gap-covered').filter({ hasText: exactly(figures.covered) }).waitFor()
      const percent = percentText(figures.percent)
      assert.equal(percentText((figures.covered / figures.total) * 100), percent, 'percent = covered / total')
      await page.getByTestId('gap-percent').filter({ hasText: exactly(percent) }).waitFor()
      const gapRows = page.getByTestId('gap-row')
      await gapRows.first().waitFor()
      assert.equal(await gapRows.count(), figures.total - figures.covered, 'one gap row per requirement no document cites')
      for (const ref of ['A.5.19', 'A.5.37', 'A.8.24']) {
        assert.equal(await gapRows.getByRole('link', { name: ref, exact: true }).count(), 0, `${ref} is not a gap`)
      }
      await gapRows.getByRole('link', { name: 'A.5.3', exact: true }).waitFor() // not cited by the policy

      const { file, name } = await download(page, page.getByTestId('export-csv'), artifacts)
      assert.equal(name, 'gaps-iso27001-2022.csv')
      const csv = fs.readFileSync(file, 'utf8')
      for (const ref of ['A.5.19', 'A.5.37', 'A.8.34']) assert.ok(csv.includes(ref), `${ref} in the CSV`)
    })

    await step('the dashboard shows the same coverage', async () => {
      await nav.getByRole('link', { name: 'Dashboard', exact: true }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/')
      const row = page.getByTestId('coverage-panel').getByTestId('coverage-iso27001-2022')
      await row.waitFor()
      await row.getByRole('cell', { name: `${figures.covered} / ${figures.total}`, exact: true }).waitFor()
      await row.getByTestId('coverage-percent').filter({ hasText: exactly(percentText(figures.percent)) }).waitFor()
    })

    assert.deepEqual(uncaught(ciso.problems), [], 'no uncaught errors in the CISO\'s page')
    assert.deepEqual(uncaught(ceo.problems), [], 'no uncaught errors in the CEO\'s page')
    fs.rmSync(artifacts, { recursive: true, force: true })
  } catch (error) {
    const other = active === ceo?.page ? ciso : ceo
    if (other?.page && !other.page.isClosed()) {
      try {
        const file = path.join(artifacts, 'other-browser.png')
        await other.page.screenshot({ path: file, fullPage: true })
        console.error(`the other browser (${other.page.url()}): ${file}`)
      } catch {
        // best effort
      }
    }
    console.error(`downloads and screenshots: ${artifacts}`)
    await screenshotOnFailure(active, [...ciso.problems, ...ceo.problems], error)
  }
})

/** The anchor of a section of the document's published version, from the API. */
async function sectionAnchor(page, id, number) {
  const view = await page.evaluate(async (docId) => (await fetch(`/api/v1/documents/${encodeURIComponent(docId)}`)).json(), id)
  const s = (view.published ?? view.latest).sections.find((x) => x.number === number)
  assert.ok(s, `section ${number}`)
  return encodeURIComponent(s.anchor)
}

/** As web/src/traceability/scopes.ts shows a percentage: "22.6 %", "25 %". */
function percentText(percent) {
  const rounded = Math.round(percent * 10) / 10
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} %`
}
