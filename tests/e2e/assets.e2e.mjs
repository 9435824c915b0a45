// Browser journey through the IT Systems Registry, against a running `isms serve` that
// serves the built web UI (web/dist). See README.md in this folder for how to run it.
//
//   BASE_URL=http://127.0.0.1:18080 node --test assets.e2e.mjs
//
// Signs in first. The administrator may manage accounts but not write assets or read the
// ledger (policy: no implicit access to content), so unless E2E_USERNAME/E2E_PASSWORD name
// a user who may, the journey signs in as the administrator (lib/session.mjs
// adminCredentials(): the hand-over file of auth.e2e.mjs, or ADMIN_USERNAME/ADMIN_PASSWORD
// [+ ADMIN_TOTP_SECRET], or the one-time password in ISMS_SERVER_LOG), adds a person with
// the CISO role and a user for them through the UI, and continues as that user.
//
// Deterministic by construction: every step waits for an element or for the API response
// it caused, never for a fixed time (except for a fresh TOTP step, see lib/totp.mjs). On
// failure a screenshot is written to a temp dir and its path printed.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { apiCall, BASE_URL, openBrowser, screenshotOnFailure, step, uncaught } from './lib/browser.mjs'
import { adminCredentials, logOut, signIn, stateFile, writeState } from './lib/session.mjs'

let browser
let page

before(async () => {
  browser = await openBrowser()
  page = browser.page
})

after(async () => {
  await browser?.close()
})

const apiCallOn = (method, pathTest, action) => apiCall(page, method, pathTest, action)

/** Signs in as a user who may write assets and read the ledger; returns their username. */
async function signInAsRegistryUser(unique) {
  if (process.env.E2E_USERNAME && process.env.E2E_PASSWORD) {
    const creds = { username: process.env.E2E_USERNAME, password: process.env.E2E_PASSWORD, totpSecret: process.env.E2E_TOTP_SECRET || undefined }
    await step(`sign in as ${creds.username}`, () => signIn(page, creds))
    return creds.username
  }
  const admin = adminCredentials()
  await step(`sign in as the administrator (${admin.username})`, async () => {
    await signIn(page, admin)
    // Keep the hand-over file current (new password, last TOTP step) for later journeys.
    if (stateFile()) writeState(admin)
  })
  const nav = page.getByRole('navigation', { name: 'Main' })
  const personName = `E2E CISO ${unique}`
  const username = `e2e-ciso-${unique}`.toLowerCase()
  await step('the administrator adds a person with the CISO role', async () => {
    await nav.getByRole('link', { name: 'People' }).click()
    await page.waitForURL(/\/people$/)
    await page.getByTestId('new-person').click()
    await page.waitForURL(/\/people\/new$/)
    const form = page.getByTestId('person-form')
    await form.getByLabel('Name', { exact: true }).fill(personName)
    await form.getByLabel('Email', { exact: true }).fill(`${username}@example.org`)
    await form.getByLabel('Job title').fill('Chief information security officer')
    await form.getByRole('checkbox', { name: 'CISO', exact: true }).check()
    const created = await apiCallOn('POST', (u) => u.pathname === '/api/v1/persons', () => page.getByTestId('save').click())
    assert.equal(created.status(), 201, `create person: ${await created.text()}`)
    await page.getByRole('heading', { level: 1, name: personName }).waitFor()
  })
  let oneTime
  await step('... and a user for them: the one-time password is shown once', async () => {
    await nav.getByRole('link', { name: 'Users' }).click()
    await page.waitForURL(/\/admin\/users$/)
    await page.getByTestId('new-user').click()
    const form = page.getByTestId('user-form')
    await form.getByLabel('Username', { exact: true }).fill(username)
    await form.getByLabel('Person', { exact: true }).selectOption({ label: personName })
    const created = await apiCallOn('POST', (u) => u.pathname === '/api/v1/users', () => page.getByTestId('save').click())
    assert.equal(created.status(), 201, `create user: ${await created.text()}`)
    oneTime = (await created.json()).one_time_password
    const shown = page.getByTestId('one-time-password')
    await shown.waitFor()
    assert.equal((await shown.textContent()).trim(), oneTime)
  })
  await step('log out, sign in as the new CISO and choose a password', async () => {
    await logOut(page)
    await signIn(page, { username, password: oneTime })
  })
  return username
}

test('IT Systems Registry: create, search, open, edit with API validation, archive', async () => {
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
  const name = `E2E asset ${unique}`
  const renamed = `${name} renamed`
  const nav = page.getByRole('navigation', { name: 'Main' })

  try {
    await signInAsRegistryUser(unique)

    await step('open the dashboard', async () => {
      await page.goto(`${BASE_URL}/`)
      await page.getByRole('heading', { level: 1, name: 'ISMS Dashboard' }).waitFor()
      await page.getByTestId('stat-assets').waitFor()
      await nav.getByText('Risks').waitFor() // a register to come, shown disabled
      // An empty registry offers the demo organization: take it (covers the call to action).
      if (await page.getByTestId('demo-offer').isVisible()) {
        const demo = await apiCallOn('POST', (u) => u.pathname === '/api/v1/demo', () => page.getByTestId('load-demo').click())
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
      const created = await apiCallOn('POST', (u) => u.pathname === '/api/v1/assets', () => page.getByTestId('save').click())
      assert.equal(created.status(), 201, `create: ${await created.text()}`)
      assetId = (await created.json()).id
      await page.waitForURL(new RegExp(`/assets/${assetId}$`))
      await page.getByRole('heading', { level: 1, name }).waitFor()
    })

    await step('find it in the list with the search box', async () => {
      await page.getByRole('link', { name: '← IT Systems Registry' }).click()
      await page.waitForURL(/\/assets$/)
      const searched = await apiCallOn(
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

    await step('grant a person access in the Access panel', async () => {
      const panel = page.getByTestId('access-panel')
      await panel.waitFor()
      const select = panel.getByLabel('Grant access to')
      // Anyone but the creator (granted automatically when needed): the first other option.
      const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent })))
      const choice = options.find((o) => o.value !== '')
      assert.ok(choice, 'the person picker offers persons')
      await select.selectOption(choice.value)
      const granted = await apiCallOn(
        'POST',
        (u) => u.pathname === `/api/v1/assets/${assetId}/grants`,
        () => panel.getByTestId('add-grant').click(),
      )
      assert.equal(granted.status(), 201, `grant: ${await granted.text()}`)
      await panel.getByTestId('grants').getByRole('link', { name: choice.label }).waitFor()
    })

    const nameInput = () => page.getByLabel('Name', { exact: true })
    const patch = (u) => u.pathname === `/api/v1/assets/${assetId}`
    await step('edit: an empty name is refused, the API error appears next to the name field', async () => {
      await page.getByTestId('edit').click()
      await page.waitForURL(new RegExp(`/assets/${assetId}/edit$`))
      await nameInput().fill('')
      const refused = await apiCallOn('PATCH', patch, () => page.getByTestId('save').click())
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
      const refused = await apiCallOn('PATCH', patch, () => page.getByTestId('save').click())
      assert.equal(refused.status(), 422)
      const detail = (await refused.json()).error.details.find((d) => d.field === 'name')
      assert.ok(detail)
      await page.getByTestId('error-name').filter({ hasText: detail.message }).waitFor()
    })

    await step('save a valid change', async () => {
      await nameInput().fill(renamed)
      await page.getByLabel('Lifecycle status').selectOption('retiring')
      const saved = await apiCallOn('PATCH', patch, () => page.getByTestId('save').click())
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
      const archived = await apiCallOn(
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

    assert.deepEqual(uncaught(browser.problems), [], 'no uncaught errors in the page')
  } catch (error) {
    await screenshotOnFailure(page, browser.problems, error)
  }
})
