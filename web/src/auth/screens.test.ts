import { describe, expect, it } from 'vitest'
import { sessionIn } from '../test/session'
import { loginHref, nextAfterLogin, screenFor } from './screens'

describe('auth state machine', () => {
  it('shows the step the session is in', () => {
    expect(screenFor({ kind: 'loading' })).toBe('loading')
    expect(screenFor({ kind: 'error', error: new Error('down') })).toBe('error')
    expect(screenFor({ kind: 'signed_out' })).toBe('login')
    expect(screenFor({ kind: 'signed_out', reason: 'expired' })).toBe('login')
    expect(screenFor({ kind: 'session', session: sessionIn('mfa_required') })).toBe('mfa')
    expect(screenFor({ kind: 'session', session: sessionIn('password_change_required') })).toBe('change_password')
    expect(screenFor({ kind: 'session', session: sessionIn('mfa_enrolment_required') })).toBe('enrol_mfa')
    expect(screenFor({ kind: 'session', session: sessionIn('active') })).toBe('app')
  })

  it('never shows the app for a state it does not know', () => {
    expect(screenFor({ kind: 'session', session: sessionIn('something_new') })).toBe('login')
  })

  it('remembers where the user was in the login URL', () => {
    expect(loginHref('/assets?q=db')).toBe('/login?next=%2Fassets%3Fq%3Ddb')
    expect(loginHref('/')).toBe('/login')
    expect(loginHref('/login?next=%2Fme')).toBe('/login')
    expect(nextAfterLogin('?next=%2Fassets%3Fq%3Ddb')).toBe('/assets?q=db')
    expect(nextAfterLogin(new URL(`http://x${loginHref('/admin/users/u1')}`).search)).toBe('/admin/users/u1')
  })

  it('returns only to paths of this site after login', () => {
    expect(nextAfterLogin('')).toBe('/')
    expect(nextAfterLogin('?next=https%3A%2F%2Fevil.example')).toBe('/')
    expect(nextAfterLogin('?next=%2F%2Fevil.example')).toBe('/')
    expect(nextAfterLogin('?next=%2F%5Cevil.example')).toBe('/')
    expect(nextAfterLogin('?next=%2Flogin')).toBe('/')
    expect(nextAfterLogin('?next=%2Fa%0Ab')).toBe('/')
  })
})
