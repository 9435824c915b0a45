// Signing in through the UI, whatever the session asks for on the way: the second factor
// (TOTP computed from the secret, or a recovery code), a new password (first login with a
// one-time password), MFA enrolment (role requires it). Plus where credentials come from
// and the hand-over file between auth.e2e.mjs and the journeys after it.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { apiCall, BASE_URL } from './browser.mjs'
import { currentStep, freshCode, totp } from './totp.mjs'

/** A password the policy accepts (12+ characters, random, no username in it). */
export function newPassword() {
  return `Pw-${randomBytes(12).toString('base64url')}-e2e`
}

// --- credentials ----------------------------------------------------------------------------

/**
 * Where auth.e2e.mjs leaves the administrator's credentials (new password, TOTP secret,
 * the last TOTP step used, unused recovery codes) for the journeys after it:
 * E2E_STATE_FILE, else "<ISMS_DATA_DIR>-e2e-state.json" (scripts/test.sh passes
 * ISMS_DATA_DIR), else none.
 */
export function stateFile() {
  if (process.env.E2E_STATE_FILE) return process.env.E2E_STATE_FILE
  if (process.env.ISMS_DATA_DIR) return `${process.env.ISMS_DATA_DIR.replace(/\/+$/, '')}-e2e-state.json`
  return undefined
}

export function readState() {
  const file = stateFile()
  if (!file || !fs.existsSync(file)) return undefined
  const state = JSON.parse(fs.readFileSync(file, 'utf8'))
  return state.base_url === BASE_URL ? state : undefined
}

export function writeState(creds) {
  const file = stateFile()
  if (!file) return
  const state = {
    base_url: BASE_URL,
    username: creds.username,
    password: creds.password,
    totp_secret: creds.totpSecret ?? null,
    last_totp_step: creds.lastTotpStep ?? null,
    recovery_codes: creds.recoveryCodes ?? [],
  }
  fs.writeFileSync(file, JSON.stringify(state, null, 2), { mode: 0o600 })
}

/** The first administrator's one-time password as `isms init`/`serve` printed it into the server log. */
export function oneTimePasswordFromLog() {
  const log = process.env.ISMS_SERVER_LOG
  if (!log || !fs.existsSync(log)) return undefined
  const text = fs.readFileSync(log, 'utf8')
  const m = /One-time password:\s+(\S+)/.exec(text) ?? /"admin_one_time_password"\s*:\s*"([^"]+)"/.exec(text)
  return m ? m[1] : undefined
}

/**
 * The administrator's credentials: the hand-over file of auth.e2e.mjs, else
 * ADMIN_USERNAME / ADMIN_PASSWORD (+ ADMIN_TOTP_SECRET or ADMIN_RECOVERY_CODE when MFA is
 * on), else username "admin" with the one-time password from ISMS_SERVER_LOG.
 */
export function adminCredentials() {
  const state = readState()
  if (state) {
    return {
      username: state.username,
      password: state.password,
      totpSecret: state.totp_secret ?? undefined,
      lastTotpStep: state.last_totp_step ?? undefined,
      recoveryCodes: state.recovery_codes,
    }
  }
  const username = process.env.ADMIN_USERNAME ?? 'admin'
  const password = process.env.ADMIN_PASSWORD ?? oneTimePasswordFromLog()
  assert.ok(
    password,
    'no administrator password: set ADMIN_PASSWORD (or ISMS_SERVER_LOG holding the init output, or E2E_STATE_FILE from auth.e2e.mjs)',
  )
  return {
    username,
    password,
    totpSecret: process.env.ADMIN_TOTP_SECRET || undefined,
    recoveryCode: process.env.ADMIN_RECOVERY_CODE || undefined,
  }
}

// --- the sign-in steps ----------------------------------------------------------------------

const isAuth = (path) => (u) => u.pathname === `/api/v1/auth/${path}`

async function expectOk(response, what) {
  const text = await response.text()
  assert.equal(response.status(), 200, `${what}: HTTP ${response.status()} ${text}`)
  return JSON.parse(text)
}

/** Types the username and password on the login page; returns the login response. */
export async function submitLogin(page, username, password) {
  const form = page.getByTestId('login-form')
  await form.waitFor()
  await form.getByLabel('Username').fill(username)
  await form.getByLabel('Password', { exact: true }).fill(password)
  return apiCall(page, 'POST', isAuth('login'), () => page.getByTestId('login').click())
}

/** The enrolment screen (forced, or from My access): scan = read the secret, confirm with a code. */
export async function enrolMfa(page) {
  const secretEl = page.getByTestId('mfa-secret')
  await secretEl.waitFor()
  const secret = await secretEl.getAttribute('data-secret')
  assert.match(secret ?? '', /^[A-Z2-7]+=*$/, 'the enrolment shows a base32 secret')
  const qr = await page.getByRole('img', { name: /QR code/ }).getAttribute('src')
  assert.ok(qr?.startsWith('data:image/svg+xml'), 'the QR code is an SVG data URL')
  const step = currentStep()
  await page.getByTestId('mfa-confirm-form').getByLabel('Code shown by the app').fill(totp(secret, step))
  const confirmed = await expectOk(
    await apiCall(page, 'POST', isAuth('mfa/enrolment/confirm'), () => page.getByTestId('mfa-confirm').click()),
    'confirm MFA enrolment',
  )
  const list = page.getByTestId('recovery-codes')
  await list.waitFor()
  const codes = (await list.locator('li').allTextContents()).map((c) => c.trim())
  assert.equal(codes.length, 10, 'ten recovery codes are shown')
  assert.deepEqual(codes, confirmed.recovery_codes, 'the page shows the codes the server made')
  await page.getByTestId('codes-saved').click()
  return { secret, step, codes, session: confirmed.session }
}

/** Answers the step the session is in; returns the next SessionInfo. `creds` is updated. */
async function finishStep(page, session, creds) {
  switch (session.state) {
    case 'mfa_required': {
      const form = page.getByTestId('mfa-form')
      await form.waitFor()
      if (creds.totpSecret) {
        const { code, step } = await freshCode(creds.totpSecret, creds.lastTotpStep ?? -1)
        await form.getByLabel('Code from your authenticator app').fill(code)
        const next = await expectOk(await apiCall(page, 'POST', isAuth('mfa'), () => page.getByTestId('mfa-submit').click()), 'MFA code')
        creds.lastTotpStep = step
        return next
      }
      const recovery = creds.recoveryCode ?? creds.recoveryCodes?.shift()
      assert.ok(recovery, `${creds.username} has MFA on: a TOTP secret or a recovery code is needed`)
      await page.getByTestId('toggle-recovery').click()
      await form.getByLabel('Recovery code').fill(recovery)
      creds.recoveryCode = undefined
      return expectOk(await apiCall(page, 'POST', isAuth('mfa'), () => page.getByTestId('mfa-submit').click()), 'recovery code')
    }
    case 'password_change_required': {
      const form = page.getByTestId('password-form')
      await form.waitFor()
      const next = creds.newPassword ?? newPassword()
      await form.getByLabel('Current password').fill(creds.password)
      await form.getByLabel('New password', { exact: true }).fill(next)
      await form.getByLabel('New password again').fill(next)
      const answer = await expectOk(
        await apiCall(page, 'POST', isAuth('password'), () => page.getByTestId('change-password').click()),
        'change password',
      )
      creds.password = next
      creds.newPassword = undefined
      return answer
    }
    case 'mfa_enrolment_required': {
      const enrolled = await enrolMfa(page)
      creds.totpSecret = enrolled.secret
      creds.lastTotpStep = enrolled.step
      creds.recoveryCodes = enrolled.codes
      return enrolled.session
    }
    default:
      throw new Error(`unexpected session state ${session.state}`)
  }
}

/**
 * Signs in from the login page and goes through every step until the session is active
 * and the app is shown. `creds` ({ username, password, newPassword?, totpSecret?,
 * lastTotpStep?, recoveryCode?, recoveryCodes? }) is updated with what changed on the way
 * (new password, TOTP secret, last TOTP step used) and returned.
 */
export async function signIn(page, creds) {
  await page.goto(`${BASE_URL}/login`)
  let session = await expectOk(await submitLogin(page, creds.username, creds.password), `login as ${creds.username}`)
  for (let i = 0; i < 4 && session.state !== 'active'; i++) session = await finishStep(page, session, creds)
  assert.equal(session.state, 'active', `${creds.username}'s session becomes active`)
  await page.getByTestId('user-name').waitFor()
  return creds
}

/** Logs out with the header's button and waits for the login page. */
export async function logOut(page) {
  const res = await apiCall(page, 'POST', isAuth('logout'), () => page.getByRole('banner').getByTestId('logout').click())
  assert.equal(res.status(), 204, 'logout')
  await page.waitForURL((u) => new URL(u).pathname === '/login')
  await page.getByTestId('login-form').waitFor()
}
