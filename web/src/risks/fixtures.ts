// Fixtures for the risk unit tests: a 3x4 method and a risk rated under it.
import type { Risk, RiskMethod } from './types'

export function testMethod(): RiskMethod {
  return {
    number: 2,
    name: 'Test method',
    likelihood: [
      { value: 1, name: 'Rare', description: '' },
      { value: 2, name: 'Possible', description: '' },
      { value: 3, name: 'Likely', description: '' },
    ],
    impact: [
      { value: 1, name: 'Minor', description: '' },
      { value: 2, name: 'Moderate', description: '' },
      { value: 3, name: 'Major', description: '' },
      { value: 4, name: 'Severe', description: '' },
    ],
    levels: [
      { rank: 0, key: 'low', name: 'Low', colour: '#2e7d32' },
      { rank: 1, key: 'medium', name: 'Medium', colour: '#f9a825' },
      { rank: 2, key: 'high', name: 'High', colour: '#c62828' },
    ],
    // grid[l-1][i-1]
    grid: [
      [0, 0, 1, 1],
      [0, 1, 1, 2],
      [1, 1, 2, 2],
    ],
    appetite_rank: 1,
    acceptance_role_key: 'ceo',
    acceptance_validity_months: 12,
    change_note: 'test',
  }
}

export function testRisk(overrides: Partial<Risk> = {}): Risk {
  const m = testMethod()
  return {
    id: 'r1',
    ref: 'R-0001',
    title: 'Customer data leaks',
    description: '',
    asset_ids: ['a1'],
    threat_id: 't1',
    threat_name: 'Theft',
    vulnerability_id: 'v1',
    vulnerability_name: 'Weak passwords',
    owner_id: 'p2',
    owner_name: 'Bo Ek',
    method_number: 2,
    inherent: { likelihood: 3, impact: { confidentiality: 4, integrity: 0, availability: 1, authenticity: 0 }, impact_level: 4, level: m.levels[2] },
    residual: { likelihood: 2, impact: { confidentiality: 4, integrity: 0, availability: 1, authenticity: 0 }, impact_level: 4, level: m.levels[2] },
    treatment: 'mitigate',
    treatment_plan: '',
    control_ids: [],
    acceptance: null,
    next_review_on: null,
    flags: { above_appetite: true, needs_acceptance: true },
    version: 3,
    ...overrides,
  }
}
