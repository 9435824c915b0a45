// Shared plumbing of the browser journeys: a fresh Chromium profile per run, waiting for
// the API response an action causes, named steps, and a screenshot + HTML on failure.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'

export const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const STEP_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 15000)

/** Launches Chromium; returns { context, page, problems, close }. */
export async function openBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-e2e-profile-'))
  // launchPersistentContext is how Playwright takes a --user-data-dir: a fresh profile per run.
  const context = await chromium.launchPersistentContext(userDataDir, {
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
  const page = context.pages()[0] ?? (await context.newPage())
  const problems = []
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`)
  })
  const close = async () => {
    await context.close()
    fs.rmSync(userDataDir, { recursive: true, force: true })
  }
  return { context, page, problems, close }
}

/** Runs `action` and returns the first API response matching method + path test. */
export async function apiCall(page, method, pathTest, action) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => {
      const u = new URL(r.url())
      return r.request().method() === method && u.pathname.startsWith('/api/') && pathTest(u)
    }),
    action(),
  ])
  return response
}

export async function step(name, fn) {
  process.stdout.write(`  - ${name}\n`)
  await fn()
}

export async function screenshotOnFailure(page, problems, error) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isms-e2e-failure-'))
  const file = path.join(dir, 'failure.png')
  try {
    await page.screenshot({ path: file, fullPage: true })
    fs.writeFileSync(path.join(dir, 'page.html'), await page.content())
    console.error(`\nE2E FAILED at ${page.url()}\nscreenshot: ${file}\nhtml: ${path.join(dir, 'page.html')}`)
  } catch (shotError) {
    console.error(`E2E FAILED; screenshot not possible: ${shotError.message}`)
  }
  if (problems.length > 0) console.error(`browser said:\n  ${problems.join('\n  ')}`)
  throw error
}

/** Uncaught page errors (console errors from failed requests, e.g. an expected 401, are fine). */
export function uncaught(problems) {
  return problems.filter((p) => p.startsWith('page error'))
}
