import { openBrowser } from './lib/browser.mjs'
import { adminCredentials, signIn, writeState } from './lib/session.mjs'
const b = await openBrowser()
const { page, problems } = b
const creds = adminCredentials()
await signIn(page, creds)
writeState(creds)
const pages = ['/', '/me', '/tokens', '/admin/users', '/admin/users/u-admin', '/admin/users/new', '/admin/roles', '/admin/roles/r-custom', '/admin/roles/r-admin', '/admin/roles/new', '/people', '/people/p-anna', '/people/new', '/groups', '/groups/g1', '/admin/auth-events', '/admin/settings', '/assets', '/assets/a1']
for (const p of pages) {
  await page.goto(`http://127.0.0.1:18099${p}`)
  await page.waitForTimeout(700)
  const name = p.replace(/\//g, '_') || '_root'
  await page.screenshot({ path: `/tmp/mock/shots/${name}.png`, fullPage: true })
  const err = await page.locator('[data-testid=error-box]').allTextContents()
  console.log(p, err.length ? 'ERRORBOX: ' + err.join(' | ') : 'ok')
}
console.log('problems', problems)
await b.close()
