import { describe, expect, it } from 'vitest'
import { fieldKey, formOf, parseOffsets, settingsBody } from './form'
import type { NotificationSettings } from './types'

const settings: NotificationSettings = {
  smtp: { url: 'smtp://mail:25', from: 'isms@example.com', username: 'isms', password_set: true, starttls: 'required' },
  offsets: [30, 7, 1],
  overdue_notice: true,
  digest: { enabled: true, weekday: 1, hour: 7 },
  channels: { email: true, webhook: false },
  version: 4,
}

describe('parseOffsets', () => {
  it('reads comma-separated days', () => {
    expect(parseOffsets('30, 7,1')).toEqual({ offsets: [30, 7, 1] })
    expect(parseOffsets('')).toEqual({ offsets: [] })
  })
  it('names what is not a number', () => {
    expect(parseOffsets('30, x')).toEqual({ error: '"x" is not a whole number of days' })
    expect(parseOffsets('-1')).toHaveProperty('error')
  })
})

describe('settingsBody', () => {
  it('leaves the password out unless typed, and sends the version', () => {
    const f = formOf(settings)
    const body = settingsBody(f, [30, 7, 1], settings.version)
    expect(body.smtp).toEqual({ url: 'smtp://mail:25', from: 'isms@example.com', username: 'isms', starttls: 'required' })
    expect(body.version).toBe(4)
    expect(body.channels).toEqual({ email: true, webhook: false })
    expect(settingsBody({ ...f, password: 'pw' }, [], 4).smtp).toHaveProperty('password', 'pw')
    expect(settingsBody({ ...f, clearPassword: true }, [], 4).smtp).toHaveProperty('password', null)
    expect(settingsBody(f, [], 0)).not.toHaveProperty('version')
  })
  it('maps indexed field errors to the input', () => {
    expect(fieldKey('offsets[2]')).toBe('offsets')
    expect(fieldKey('smtp.url')).toBe('smtp.url')
  })
})
