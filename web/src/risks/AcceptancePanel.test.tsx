import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, describe, expect, it } from 'vitest'
import { setAuthStatus, setSession } from '../auth/store'
import { sessionIn } from '../test/session'
import { acceptanceRule } from './acceptance'
import { AcceptancePanel } from './AcceptancePanel'
import { testMethod, testRisk } from './fixtures'

afterEach(() => setAuthStatus({ kind: 'loading' }))

describe('acceptance', () => {
  const m = testMethod()

  it('says who may accept, by the appetite', () => {
    expect(acceptanceRule(testRisk(), m)).toContain('risks:accept and the role “ceo”')
    const within = acceptanceRule(testRisk({ flags: {} }), m)
    expect(within).toContain('the risk owner (Bo Ek)')
    expect(within).toContain('risks:write')
  })

  it('offers the accept form to a reader when there is no valid acceptance', () => {
    setSession(sessionIn('active', ['risks:read']))
    const html = renderToStaticMarkup(<AcceptancePanel risk={testRisk()} method={m} onChanged={() => {}} />)
    expect(html).toContain('data-testid="risk-accept"')
    expect(html).toContain('data-testid="accept-justification"')
    expect(html).toContain('Empty: 12 months from today')
    expect(html).toContain('data-testid="not-accepted"')
    expect(html).not.toContain('risk-revoke')
  })

  it('shows a valid acceptance without the form, and revoke to risks:write', () => {
    setSession(sessionIn('active', ['risks:read', 'risks:write']))
    const risk = testRisk({
      acceptance: {
        accepted_by_person_id: 'p9',
        accepted_by_name: 'Cleo Eo',
        accepted_by_role: 'ceo',
        accepted_at: '2026-01-02T10:00:00Z',
        expires_on: '2027-01-02',
        justification: 'Budget next year',
        level_rank: 2,
        method_number: 2,
      },
      flags: { above_appetite: true },
    })
    const html = renderToStaticMarkup(<AcceptancePanel risk={risk} method={m} onChanged={() => {}} />)
    expect(html).toMatch(/data-testid="accepted-by"[^>]*>Cleo Eo/)
    expect(html).toContain('2027-01-02')
    expect(html).toContain('data-testid="risk-revoke"')
    expect(html).not.toContain('data-testid="risk-accept"')
  })
})
