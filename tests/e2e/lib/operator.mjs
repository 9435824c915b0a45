// The operator CLI for the journeys that need no administrator (audit_chain, calendar):
// `isms ... --data ISMS_DATA_DIR --json` with ISMS_BIN creates the people who then sign in
// in browsers of their own. Plus small helpers those journeys share.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../../..')

function ismsBin() {
  if (process.env.ISMS_BIN) return process.env.ISMS_BIN
  const guess = path.join(root, 'build/debug/isms')
  return fs.existsSync(guess) ? guess : undefined
}

/** Runs `isms <args> --data ISMS_DATA_DIR --json` and returns the parsed output. */
export function cli(args) {
  const bin = ismsBin()
  const data = process.env.ISMS_DATA_DIR
  assert.ok(bin && data, 'this journey creates its users with the operator CLI: set ISMS_DATA_DIR and ISMS_BIN')
  const full = [...args, '--data', data, '--json']
  if (process.env.ISMS_DATABASE_URL) full.push('--database', process.env.ISMS_DATABASE_URL)
  const r = spawnSync(bin, full, { encoding: 'utf8', timeout: 60_000 })
  if (r.error) throw r.error
  assert.equal(r.status, 0, `isms ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`)
  return JSON.parse(r.stdout)
}

/**
 * Creates a person with `role` and a login for them; returns { username, password (one-time),
 * name, personId? }. `extra` are further options of `isms user create`.
 */
export function createUser(prefix, role, unique, name, extra = []) {
  const username = `e2e-${prefix}-${role}-${unique}`.toLowerCase()
  const fullName = `${name} ${unique}`
  const out = cli(['user', 'create', username, '--person-name', fullName, '--email', `${username}@example.org`, '--role', role, ...extra])
  assert.ok(out.one_time_password, `isms user create printed a one-time password: ${JSON.stringify(out)}`)
  return { username, password: out.one_time_password, name: fullName, personId: out.user?.person_id }
}

/** A suffix that keeps names unique when a journey runs twice against the same server. */
export function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
}

/** The response's JSON after checking its status (one or a list). */
export async function body(response, statuses, what) {
  const text = await response.text()
  assert.ok([statuses].flat().includes(response.status()), `${what}: HTTP ${response.status()} ${text.slice(0, 500)}`)
  return text === '' ? undefined : JSON.parse(text)
}

export const isApi = (p) => (u) => u.pathname === p

/** "YYYY-MM-DD" of a UTC day, `days` after today. */
export function utcDay(days = 0) {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
