// Browser journey through authentication, against a running `isms serve` (web/dist) whose
// first administrator has not logged in yet. See README.md in this folder.
//
//   BASE_URL=http://127.0.0.1:18080 ADMIN_PASSWORD=<one-time password> node --test auth.e2e.mjs
//
// Login with the one-time password -> forced to choose a new password (a weak one is
// refused with the policy's messages) -> MFA enrolment (forced when the administrator
// role requires MFA, else from My access; the TOTP code is computed here from the secret
// the page shows) -> the 10 recovery codes -> log out -> log in again with password and a
// fresh TOTP code -> the dashboard. Leaves the new credentials in the hand-over file
// (lib/session.mjs stateFile()) for the journeys that run after it.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { apiCall, BASE_URL, openBrowser, screenshotOnFailure, step, uncaught } from './lib/browser.mjs'
import { enrolMfa, logOut, newPassword, oneTimePasswordFromLog, stateFile, submitLogin, writeState } from './lib/session.mjs'
import { freshCode, totp } from './lib/totp.mjs'

let browser

before(async () => {
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
})

test('TOTP as computed by this test matches RFC 6238 (SHA1 test vectors)', () => {
  // RFC 6238 appendix B: secret "12345678901234567890", 8 digits.
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
  assert.equal(totp(secret, Math.floor(59 / 30), 8), '94287082')
  assert.equal(totp(secret, Math.floor(1111111109 / 30), 8), '07081804')
  assert.equal(totp(secret, Math.floor(2000000000 / 30), 8), '69279037')
})

test('first login: new password, MFA enrolment, recovery codes, logout, login with TOTP', async () => {
  const { page, problems } = browser
  const username = process.env.ADMIN_USERNAME ?? 'admin'
  const oneTime = process.env.ADMIN_PASSWORD ?? oneTimePasswordFromLog()
  assert.ok(oneTime, 'set ADMIN_PASSWORD to the one-time password `isms init` printed (or ISMS_SERVER_LOG to its output)')
  const password = newPassword()
  const isAuth = (path) => (u) => u.pathname === `/api/v1/auth/${path}`
  let enrolled

  try {
    await step('without a session the UI shows the login page and remembers where the user was going', async () => {
      await page.goto(`${BASE_URL}/assets`)
      await page.waitForURL((u) => new URL(u).pathname === '/login' && new URL(u).searchParams.get('next') === '/assets')
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
      assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0, 'no navigation before login')
    })

    await step('a wrong password is refused with the API message', async () => {
      const refused = await submitLogin(page, username, 'not-the-password')
      assert.equal(refused.status(), 401)
      const message = (await refused.json()).error.message
      await page.getByTestId('login-error').filter({ hasText: message }).waitFor()
    })

    await step('log in with the one-time password: a new password is required', async () => {
      const res = await submitLogin(page, username, oneTime)
      assert.equal(res.status(), 200, `login: ${await res.text()}`)
      assert.equal((await res.json()).state, 'password_change_required')
      await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor()
      await page.getByTestId('auth-username').filter({ hasText: username }).waitFor()
    })

    const form = page.getByTestId('password-form')
    await step('a weak password is refused; the policy messages appear next to the field', async () => {
      await form.getByLabel('Current password').fill(oneTime)
      await form.getByLabel('New password', { exact: true }).fill('short')
      await form.getByLabel('New password again').fill('short')
      const refused = await apiCall(page, 'POST', isAuth('password'), () => page.getByTestId('change-password').click())
      assert.equal(refused.status(), 422, 'weak password')
      const body = await refused.json()
      const details = body.error.details.filter((d) => d.field === 'new_password')
      assert.ok(details.length > 0, `422 names new_password: ${JSON.stringify(body)}`)
      const shown = page.getByTestId('error-new_password')
      await shown.waitFor()
      for (const d of details) await shown.filter({ hasText: d.message }).waitFor()
      assert.equal(await form.getByLabel('New password', { exact: true }).getAttribute('aria-invalid'), 'true')
    })

    let state
    await step('a good password is accepted', async () => {
      await form.getByLabel('Current password').fill(oneTime)
      await form.getByLabel('New password', { exact: true }).fill(password)
      await form.getByLabel('New password again').fill(password)
      const res = await apiCall(page, 'POST', isAuth('password'), () => page.getByTestId('change-password').click())
      assert.equal(res.status(), 200, `change password: ${await res.text()}`)
      state = (await res.json()).state
      assert.ok(['active', 'mfa_enrolment_required'].includes(state), `state after the password: ${state}`)
    })

    if (state === 'mfa_enrolment_required') {
      await step('MFA enrolment is required: scan, confirm with a TOTP code, see the recovery codes', async () => {
        await page.getByRole('heading', { level: 1, name: 'Set up two-factor authentication' }).waitFor()
        enrolled = await enrolMfa(page)
        assert.equal(enrolled.session.state, 'active')
      })
      await step('the app opens where the user was going', async () => {
        await page.waitForURL((u) => new URL(u).pathname === '/assets')
        await page.getByTestId('user-name').waitFor()
      })
    } else {
      await step('the app opens where the user was going', async () => {
        await page.waitForURL((u) => new URL(u).pathname === '/assets')
        await page.getByTestId('user-name').waitFor()
      })
      await step('turn on MFA from My access: scan, confirm with a TOTP code, see the recovery codes', async () => {
        await page.getByTestId('my-access').click()
        await page.waitForURL(/\/me$/)
        await page.getByRole('heading', { level: 1, name: 'My access' }).waitFor()
        await page.getByTestId('enable-mfa').click()
        enrolled = await enrolMfa(page)
        await page.getByTestId('recovery-codes-left').filter({ hasText: '10' }).waitFor()
      })
    }

    await step('My access shows the user, the current session and the permissions', async () => {
      if (!/\/me$/.test(page.url())) {
        await page.getByTestId('my-access').click()
        await page.waitForURL(/\/me$/)
      }
      await page.getByTestId('me-user').filter({ hasText: username }).waitFor()
      await page.getByTestId('current-session').waitFor()
      await page.getByTestId('permissions').filter({ hasText: 'users:manage' }).waitFor()
    })

    await step('log out', async () => {
      await logOut(page)
      await page.getByTestId('logged-out').waitFor()
      // Nothing is reachable without a session any more.
      await page.goto(`${BASE_URL}/me`)
      await page.waitForURL((u) => new URL(u).pathname === '/login' && new URL(u).searchParams.get('next') === '/me')
      await page.goto(`${BASE_URL}/login`)
    })

    let lastStep = enrolled.step
    await step('log in again: password, then a fresh TOTP code (a code is accepted once)', async () => {
      const res = await submitLogin(page, username, password)
      assert.equal(res.status(), 200, `login: ${await res.text()}`)
      assert.equal((await res.json()).state, 'mfa_required')
      await page.getByRole('heading', { level: 1, name: 'Two-factor authentication' }).waitFor()
      const { code, step: used } = await freshCode(enrolled.secret, lastStep)
      await page.getByTestId('mfa-form').getByLabel('Code from your authenticator app').fill(code)
      const ok = await apiCall(page, 'POST', isAuth('mfa'), () => page.getByTestId('mfa-submit').click())
      assert.equal(ok.status(), 200, `MFA code: ${await ok.text()}`)
      assert.equal((await ok.json()).state, 'active')
      lastStep = used
    })

    await step('the dashboard', async () => {
      await page.waitForURL((u) => new URL(u).pathname === '/')
      await page.getByRole('heading', { level: 1, name: 'ISMS Dashboard' }).waitFor()
      await page.getByTestId('user-name').waitFor()
      const nav = page.getByRole('navigation', { name: 'Main' })
      await nav.getByRole('link', { name: 'Users' }).waitFor()
    })

    writeState({ username, password, totpSecret: enrolled.secret, lastTotpStep: lastStep, recoveryCodes: enrolled.codes })
    if (stateFile()) process.stdout.write(`  (credentials handed over in ${stateFile()})\n`)

    assert.deepEqual(uncaught(problems), [], 'no uncaught errors in the page')
  } catch (error) {
    await screenshotOnFailure(page, problems, error)
  }
})
