// Runs the journeys one after another in a fixed order (node --test would sort them):
// auth.e2e.mjs first — it needs the first administrator's one-time password unused and
// hands the new credentials on (lib/session.mjs stateFile()) — then every other
// *.e2e.mjs in name order: assets.e2e.mjs (signs in as the administrator, creates a CISO
// through the UI), documents.e2e.mjs (needs no administrator: creates a CISO and a CEO
// with the operator CLI, ISMS_DATA_DIR + ISMS_BIN). Every file runs even when an earlier
// one failed; the exit status is non-zero when any failed.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const first = ['auth.e2e.mjs']
const rest = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.e2e.mjs') && !first.includes(f))
  .sort()
const only = process.argv.slice(2)
const files = only.length > 0 ? only : [...first, ...rest]

const failed = []
for (const file of files) {
  process.stdout.write(`\n# ${file}\n`)
  const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', path.join(here, file)], { stdio: 'inherit' })
  if (r.status !== 0) failed.push(file)
}
if (failed.length > 0) {
  console.error(`\ne2e: FAILED: ${failed.join(', ')}`)
  process.exit(1)
}
console.log(`\ne2e: all ${files.length} journeys passed`)
