// Browser journey through the IT Systems Registry, against a running `isms serve` that
// serves the built web UI (web/dist). See README.md in this folder for how to run it.
//
//   BASE_URL=http://127.0.0.1:18080 node --test assets.e2e.mjs
//
// Deterministic by construction: every step waits for an element or for the API response
// it caused, never for a fixed time. On failure a screenshot is written to a temp dir and
// its path printed.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { chromium } from 'playwright-core'

const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const STEP_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 15000)

let context
let page
let userDataDir
const browserProblems = []

before(async () => {
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-e2e-profile-'))
  // launchPersistentContext is how Playwright takes a --user-data-dir: a fresh profile per run.
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1360, height: 900 },
  })
  context.setDefaultTimeout(STEP_TIMEOUT_MS)
  page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (e) => browserProblems.push(`page error: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') browserProblems.push(`console error: ${m.text()}`)
  })
})

after(async () => {
  await context?.close()
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true })
})

/** Runs `action` and returns the first API response matching method + path test. */
async function apiCall(method, pathTest, action) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => {
      const u = new URL(r.url())
      return r.request().method() === method && u.pathname.startsWith('/api/') && pathTest(u)
    }),
    action(),
  ])
  return response
}

async function step(name, fn) {
  process.stdout.write(`  - ${name}\n`)
  await fn()
}

async function screenshotOnFailure(error) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-e2e-failure-'))
  const file = path.join(dir, 'failure.png')
  try {
    await page.screenshot({ path: file, fullPage: true })
    fs.writeFileSync(path.join(dir, 'page.html'), await page.content())
    console.error(`\nE2E FAILED at ${page.url()}\nscreenshot: ${file}\nhtml: ${path.join(dir, 'page.html')}`)
  } catch (shotError) {
    console.error(`E2E FAILED; screenshot not possible: ${shotError.message}`)
  }
  if (browserProblems.length > 0) console.error(`browser said:\n  ${browserProblems.join('\n  ')}`)
  throw error
}

test('IT Systems Registry: create, search, open, edit with API validation, archive', async () => {
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
  const name = `E2E asset ${unique}`
  const renamed = `${name} renamed`
  const nav = page.getByRole('navigation', { name: 'Main' })

  try {
    await step('open the dashboard', async () => {
      await page.goto(`${BASE_URL}/`)
      await page.getByRole('heading', { level: 1, name: 'ISMS Dashboard' }).waitFor()
      await page.getByTestId('stat-assets').waitFor()
      await nav.getByText('Risks').waitFor() // a register to come, shown disabled
      // An empty registry offers the demo organization: take it (covers the call to action).
      if (await page.getByTestId('demo-offer').isVisible()) {
        const demo = await apiCall('POST', (u) => u.pathname === '/api/v1/demo', () => page.getByTestId('load-demo').click())
        assert.equal(demo.status(), 201, 'POST /api/v1/demo')
        await page.getByTestId('demo-offer').waitFor({ state: 'detached' })
      }
    })

    await step('go to the IT Systems Registry', async () => {
      await nav.getByRole('link', { name: 'IT Systems Registry' }).click()
      await page.waitForURL(/\/assets$/)
      await page.getByRole('heading', { level: 1, name: 'IT Systems Registry' }).waitFor()
      await page.getByTestId('result-count').filter({ hasText: /\d+ results?/ }).waitFor()
    })

    let assetId
    await step('create an asset through the form', async () => {
      await page.getByTestId('new-object').click()
      await page.waitForURL(/\/assets\/new$/)
      await page.getByLabel('Name', { exact: true }).fill(name)
      await page.getByLabel('Type').selectOption('application')
      await page.getByLabel('Classification').selectOption('confidential')
      await page.getByLabel('Business function').fill('End-to-end testing')
      await page.getByLabel('Description').fill('Created by tests/e2e/assets.e2e.mjs')
      const created = await apiCall('POST', (u) => u.pathname === '/api/v1/assets', () => page.getByTestId('save').click())
      assert.equal(created.status(), 201, `create: ${await created.text()}`)
      assetId = (await created.json()).id
      await page.waitForURL(new RegExp(`/assets/${assetId}$`))
      await page.getByRole('heading', { level: 1, name }).waitFor()
    })

    await step('find it in the list with the search box', async () => {
      await page.getByRole('link', { name: '← IT Systems Registry' }).click()
      await page.waitForURL(/\/assets$/)
      const searched = await apiCall(
        'GET',
        (u) => u.pathname === '/api/v1/assets' && u.searchParams.get('q') === unique,
        () => page.getByLabel('Search').fill(unique),
      )
      assert.equal(searched.status(), 200)
      await page.waitForURL((u) => new URL(u).searchParams.get('q') === unique)
      await page.getByTestId('result-count').filter({ hasText: /^1 result/ }).waitFor()
      await page.getByTestId('register-table').getByRole('link', { name }).waitFor()
    })

    await step('open it', async () => {
      await page.getByTestId('register-table').getByRole('link', { name }).click()
      await page.waitForURL(new RegExp(`/assets/${assetId}$`))
      await page.getByRole('heading', { level: 1, name }).waitFor()
      await page.getByTestId('history-action').filter({ hasText: /^Created$/ }).waitFor()
    })

    const nameInput = () => page.getByLabel('Name', { exact: true })
    const patch = (u) => u.pathname === `/api/v1/assets/${assetId}`
    await step('edit: an empty name is refused, the API error appears next to the name field', async () => {
      await page.getByTestId('edit').click()
      await page.waitForURL(new RegExp(`/assets/${assetId}/edit$`))
      await nameInput().fill('')
      const refused = await apiCall('PATCH', patch, () => page.getByTestId('save').click())
      assert.equal(refused.status(), 422)
      const body = await refused.json()
      const detail = body.error.details.find((d) => d.field === 'name')
      assert.ok(detail, `422 names the field "name": ${JSON.stringify(body)}`)
      const shown = page.getByTestId('error-name')
      await shown.waitFor()
      assert.equal((await shown.textContent()).trim(), detail.message)
      assert.equal(await nameInput().getAttribute('aria-invalid'), 'true')
      await page.getByTestId('error-summary').waitFor()
    })

    await step('edit: a 300-character name is refused by the API as well', async () => {
      await nameInput().fill('x'.repeat(300))
      const refused = await apiCall('PATCH', patch, () => page.getByTestId('save').click())
      assert.equal(refused.status(), 422)
      const detail = (await refused.json()).error.details.find((d) => d.field === 'name')
      assert.ok(detail)
      await page.getByTestId('error-name').filter({ hasText: detail.message }).waitFor()
    })

    await step('save a valid change', async () => {
      await nameInput().fill(renamed)
      await page.getByLabel('Lifecycle status').selectOption('retiring')
      const saved = await apiCall('PATCH', patch, () => page.getByTestId('save').click())
      assert.equal(saved.status(), 200, `save: ${await saved.text()}`)
      await page.waitForURL(new RegExp(`/assets/${assetId}$`))
      await page.getByRole('heading', { level: 1, name: renamed }).waitFor()
      await page.getByTestId('flash').filter({ hasText: 'saved' }).waitFor()
      await page.getByTestId('history-action').filter({ hasText: /^Updated$/ }).first().waitFor()
    })

    await step('archive it with a reason', async () => {
      await page.getByTestId('archive').click()
      const dialog = page.getByRole('dialog', { name: 'Archive asset' })
      await dialog.waitFor()
      await dialog.getByLabel('Reason').fill('Retired after the end-to-end test')
      const archived = await apiCall(
        'POST',
        (u) => u.pathname === `/api/v1/assets/${assetId}/archive`,
        () => dialog.getByTestId('confirm-archive').click(),
      )
      assert.equal(archived.status(), 200, `archive: ${await archived.text()}`)
      await page.getByTestId('archived-badge').waitFor()
      await page.getByTestId('archived-notice').filter({ hasText: 'Retired after the end-to-end test' }).waitFor()
      assert.equal(await page.getByTestId('edit').count(), 0, 'an archived asset offers no Edit')
    })

    await step('the ledger verifies', async () => {
      await nav.getByRole('link', { name: 'Ledger' }).click()
      await page.waitForURL(/\/ledger$/)
      await page.getByTestId('verify-status').filter({ hasText: 'Verified' }).waitFor()
    })

    const uncaught = browserProblems.filter((p) => p.startsWith('page error'))
    assert.deepEqual(uncaught, [], 'no uncaught errors in the page')
  } catch (error) {
    await screenshotOnFailure(error)
  }
})
