// Browser journey through risk management (issue 5), against a running `isms serve` that
// serves the built web UI. See README.md.
//
//   BASE_URL=http://127.0.0.1:18080 ISMS_DATA_DIR=<the server's --data> \
//     ISMS_BIN=build/debug/isms node --test risks.e2e.mjs
//
// Two people, each in a browser of their own: a CISO (risks:write, controls:write) and a CEO
// (risks:accept, the default method's acceptance role). Both are created with the operator
// CLI, as is the asset the risk concerns.
//
// 1. CISO: Controls -> New control "access reviews" satisfying A.5.15 (picked from the
//    catalogue search), implemented.
// 2. Heat map before: the counts of the residual cell (4, 4) and the inherent cell (5, 5).
// 3. Risks -> New risk on the asset: threat, vulnerability, inherent 5/5 and residual 4/4
//    (levels shown live, residual above the appetite), treatment mitigate with the control.
// 4. The CISO tries to accept the residual risk: refused, the message names the CEO. The CEO
//    accepts it in their browser with a justification; the risk shows who accepted.
// 5. The heat map changed: residual (4, 4) and inherent (5, 5) each gained one; the cell
//    links to the filtered list that holds the risk. The CISO lowers the residual rating to
//    2/2 after the control: the acceptance is kept (the level fell), the heat map moves the
//    risk from (4, 4) to (2, 2).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { apiCall, BASE_URL, openBrowser, screenshotOnFailure, step } from './lib/browser.mjs'
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
  assert.ok(bin && data, 'risks.e2e.mjs creates its users with the operator CLI: set ISMS_DATA_DIR and ISMS_BIN')
  const full = [...args, '--data', data, '--json']
  if (process.env.ISMS_DATABASE_URL) full.push('--database', process.env.ISMS_DATABASE_URL)
  const r = spawnSync(bin, full, { encoding: 'utf8', timeout: 60_000 })
  if (r.error) throw r.error
  assert.equal(r.status, 0, `isms ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`)
  return JSON.parse(r.stdout)
}

function createUser(role, unique, name) {
  const username = `e2e-risk-${role}-${unique}`.toLowerCase()
  const out = cli(['user', 'create', username, '--person-name', `${name} ${unique}`, '--email', `${username}@example.org`, '--role', role])
  assert.ok(out.one_time_password, JSON.stringify(out))
  return { username, password: out.one_time_password, name: `${name} ${unique}` }
}

let ciso
let ceo
let active

before(async () => {
  ciso = await openBrowser()
  ceo = await openBrowser()
})

after(async () => {
  await ciso?.close()
  await ceo?.close()
})

async function expectStatus(response, statuses, what) {
  const text = await response.text()
  assert.ok([statuses].flat().includes(response.status()), `${what}: HTTP ${response.status()} ${text.slice(0, 500)}`)
  return text === '' ? undefined : JSON.parse(text)
}

/** The count shown in a heat-map cell (data-count), after the map has loaded. */
async function cellCount(page, basis, l, i) {
  const cell = page.getByTestId(`heat-cell-${basis}-${l}-${i}`)
  await cell.waitFor()
  return Number(await cell.getAttribute('data-count'))
}

async function openHeatMap(page) {
  await page.goto(`${BASE_URL}/risks/heat-map`)
  await page.getByTestId('heatmap-residual').waitFor()
}

async function showInherent(page) {
  const toggle = page.getByRole('button', { name: /inherent/i }).or(page.getByRole('radio', { name: /inherent/i })).or(page.getByRole('tab', { name: /inherent/i }))
  if (await page.getByTestId('heatmap-inherent').count() === 0) await toggle.first().click()
  await page.getByTestId('heatmap-inherent').waitFor()
}

test('risks: control, risk on an asset, acceptance by the CEO, the heat map changes', async () => {
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
  const page = ciso.page
  active = page
  const nav = page.getByRole('navigation', { name: 'Main' })
  try {
    let cisoCreds
    let ceoCreds
    let asset
    await step('the operator creates a CISO, a CEO and an asset with the CLI', async () => {
      cisoCreds = createUser('ciso', unique, 'E2E Risk CISO')
      ceoCreds = createUser('ceo', unique, 'E2E Risk CEO')
      asset = cli(['asset', 'create', '--name', `Payroll system ${unique}`, '--classification', 'confidential'])
      assert.ok(asset.id)
    })
    await step('the CISO signs in', () => signIn(page, cisoCreds))

    // ---- 1. a control ------------------------------------------------------------------------
    let control
    const controlTitle = `Quarterly access reviews ${unique}`
    await step('Controls -> New control satisfying A.5.15, implemented', async () => {
      await nav.getByRole('link', { name: 'Controls', exact: true }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/controls')
      await page.goto(`${BASE_URL}/controls/new`)
      const form = page.getByTestId('control-form')
      await form.waitFor()
      await page.getByTestId('field-title').fill(controlTitle)
      await page.getByTestId('field-status').selectOption('implemented')
      const search = await apiCall(page, 'GET', (u) => u.pathname.startsWith('/api/v1/catalogue'), () => page.getByTestId('requirement-search').fill('Access control'))
      assert.equal(search.status(), 200)
      await page.getByTestId('add-requirement-iso27001-2022:A.5.15').click()
      await page.getByTestId('chosen-iso27001-2022:A.5.15').waitFor()
      const created = await apiCall(page, 'POST', (u) => u.pathname === '/api/v1/controls', () => page.getByTestId('control-save').click())
      control = (await expectStatus(created, 201, 'create control')).control
      assert.deepEqual(control.requirement_keys, ['iso27001-2022:A.5.15'])
      await page.getByRole('heading', { level: 1, name: new RegExp(controlTitle) }).waitFor()
    })

    // ---- 2. the heat map before ---------------------------------------------------------------
    let residual44
    let inherent55
    await step('the heat map before: residual (4, 4) and inherent (5, 5)', async () => {
      await nav.getByRole('link', { name: 'Risks', exact: true }).click()
      await page.waitForURL((u) => new URL(u).pathname === '/risks')
      await openHeatMap(page)
      residual44 = await cellCount(page, 'residual', 4, 4)
      await showInherent(page)
      inherent55 = await cellCount(page, 'inherent', 5, 5)
    })

    // ---- 3. a risk on the asset ---------------------------------------------------------------
    let risk
    const riskTitle = `Payroll data leaks ${unique}`
    await step('Risks -> New risk on the asset, treated with the control', async () => {
      await page.goto(`${BASE_URL}/risks/new`)
      await page.getByTestId('risk-form').waitFor()
      await page.getByTestId('field-title').fill(riskTitle)
      await page.getByLabel('Filter assets choices').fill(`Payroll system ${unique}`)
      await page.getByRole('checkbox', { name: new RegExp(`Payroll system ${unique}`) }).check()
      for (const kind of ['threat_id', 'vulnerability_id']) {
        const select = page.getByTestId(`field-${kind}`)
        const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v))
        assert.ok(values.length > 0, `${kind} options`)
        await select.selectOption(values[0])
      }
      await page.getByTestId('inherent-likelihood').selectOption('5')
      await page.getByTestId('inherent-impact-confidentiality').selectOption('5')
      await page.getByTestId('residual-likelihood').selectOption('4')
      await page.getByTestId('residual-impact-confidentiality').selectOption('4')
      const residualLevel = await page.getByTestId('level-residual').textContent()
      assert.ok(residualLevel && residualLevel.trim().length > 0, 'the residual level shows live')
      await page.getByTestId('field-treatment').selectOption('mitigate')
      await page.getByTestId(`choice-control_ids-${control.id}`).check()
      const created = await apiCall(page, 'POST', (u) => u.pathname === '/api/v1/risks', () => page.getByTestId('risk-save').click())
      risk = await expectStatus(created, 201, 'create risk')
      assert.deepEqual(risk.asset_ids, [asset.id])
      assert.deepEqual(risk.control_ids, [control.id])
      assert.equal(risk.flags.above_appetite, true, 'residual 4/4 is above the default appetite')
      await page.getByRole('heading', { level: 1, name: new RegExp(riskTitle) }).waitFor()
    })

    // ---- 4. acceptance ------------------------------------------------------------------------
    await step('the CISO may not accept a residual risk above the appetite: the refusal names the CEO', async () => {
      await page.getByTestId('accept-justification').fill('We accept it')
      const refused = await apiCall(page, 'POST', (u) => u.pathname === `/api/v1/risks/${risk.id}/accept`, () => page.getByTestId('risk-accept').click())
      assert.equal(refused.status(), 403)
      await page.getByTestId('accept-error').filter({ hasText: /CEO|ceo|top management/ }).waitFor()
    })
    await step('the CEO signs in and accepts it', async () => {
      active = ceo.page
      await signIn(ceo.page, ceoCreds)
      await ceo.page.goto(`${BASE_URL}/risks/${risk.id}`)
      await ceo.page.getByTestId('acceptance-panel').waitFor()
      await ceo.page.getByTestId('accept-justification').fill('Board decision: compensated by the quarterly reviews')
      const accepted = await apiCall(ceo.page, 'POST', (u) => u.pathname === `/api/v1/risks/${risk.id}/accept`, () => ceo.page.getByTestId('risk-accept').click())
      risk = await expectStatus(accepted, 200, 'CEO accepts')
      assert.equal(risk.acceptance.accepted_by_role, 'ceo')
      await ceo.page.getByTestId('accepted-by').filter({ hasText: ceoCreds.name }).waitFor()
      active = page
    })

    // ---- 5. the heat map changed --------------------------------------------------------------
    await step('the heat map gained the risk in residual (4, 4) and inherent (5, 5); the cell lists it', async () => {
      await openHeatMap(page)
      assert.equal(await cellCount(page, 'residual', 4, 4), residual44 + 1)
      await page.getByTestId('heat-cell-residual-4-4').getByRole('link').click()
      await page.waitForURL((u) => new URL(u).pathname === '/risks' && new URL(u).searchParams.get('cell') === 'residual:4:4')
      await page.getByRole('link', { name: new RegExp(riskTitle) }).first().waitFor()
      await openHeatMap(page)
      await showInherent(page)
      assert.equal(await cellCount(page, 'inherent', 5, 5), inherent55 + 1)
    })
    await step('the CISO lowers the residual rating to 2/2: the risk moves on the map', async () => {
      const residual22 = await (async () => {
        await openHeatMap(page)
        return cellCount(page, 'residual', 2, 2)
      })()
      await page.goto(`${BASE_URL}/risks/${risk.id}/edit`)
      await page.getByTestId('risk-form').waitFor()
      await page.getByTestId('residual-likelihood').selectOption('2')
      await page.getByTestId('residual-impact-confidentiality').selectOption('2')
      const saved = await apiCall(page, 'PATCH', (u) => u.pathname === `/api/v1/risks/${risk.id}`, () => page.getByTestId('risk-save').click())
      risk = await expectStatus(saved, 200, 'lower the residual rating')
      assert.ok(risk.acceptance, 'a lower residual level keeps the acceptance')
      await openHeatMap(page)
      assert.equal(await cellCount(page, 'residual', 4, 4), residual44)
      assert.equal(await cellCount(page, 'residual', 2, 2), residual22 + 1)
    })
  } catch (error) {
    await screenshotOnFailure(active, [...ciso.problems, ...ceo.problems], error)
  }
})
