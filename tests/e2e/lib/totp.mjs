// RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) for the browser journeys: the tests read
// the secret the enrolment page shows and compute the codes an authenticator app would.
import { createHmac } from 'node:crypto'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
export const STEP_SECONDS = 30

/** RFC 4648 base32 (case, spaces, hyphens and padding ignored) -> bytes. */
export function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '')
  let bits = 0
  let value = 0
  const out = []
  for (const ch of clean) {
    const i = ALPHABET.indexOf(ch)
    if (i < 0) throw new Error(`not base32: ${JSON.stringify(ch)}`)
    value = (value << 5) | i
    bits += 5
    if (bits >= 8) {
      bits -= 8
      out.push((value >>> bits) & 0xff)
    }
  }
  return Buffer.from(out)
}

export function currentStep(nowMs = Date.now()) {
  return Math.floor(nowMs / 1000 / STEP_SECONDS)
}

/** The code for time step `step` (HOTP of the step counter, RFC 4226 dynamic truncation). */
export function totp(secretBase32, step = currentStep(), digits = 6) {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  const binary = mac.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/**
 * A code the server has not seen: a TOTP code is accepted once, so when `lastUsedStep` is
 * the current step, wait for the next one. Returns { code, step }.
 */
export async function freshCode(secretBase32, lastUsedStep = -1) {
  let step = currentStep()
  if (step <= lastUsedStep) {
    const wait = (lastUsedStep + 1) * STEP_SECONDS * 1000 - Date.now() + 250
    process.stdout.write(`    (waiting ${Math.ceil(wait / 1000)} s for the next TOTP step: a code is accepted once)\n`)
    await new Promise((resolve) => setTimeout(resolve, wait))
    step = currentStep()
  }
  return { code: totp(secretBase32, step), step }
}
