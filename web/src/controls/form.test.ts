import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import { controlCreateBody, controlFormErrors, controlPatchBody, emptyControlForm, formFromControl } from './form'
import { controlListApiPath, controlQueryKey, nextControlSort } from './query'
import type { Control } from './types'
import { checkEvidenceFile, evidenceUploadPath, uploadContentType, uploadProblem } from './upload'

const control: Control = {
  id: 'c1',
  ref: 'C-0001',
  title: 'Access reviews',
  description: 'Quarterly',
  owner_id: 'p1',
  owner_name: 'Anna',
  status: 'in_progress',
  classification: 'internal',
  requirement_keys: ['iso27001-2022:A.5.15', 'iso27001-2022:A.5.18'],
  risk_ids: [],
  next_check_on: '2026-09-01',
  last_checked_on: null,
  check_interval_months: 12,
  evidence_count: 0,
  valid_evidence_count: 0,
  version: 4,
}

describe('control form', () => {
  it('creates with every field, nulls for empty owner and date', () => {
    const body = controlCreateBody({ ...emptyControlForm('iso27001-2022:A.5.1'), title: 'MFA' })
    expect(body).toEqual({
      title: 'MFA',
      description: '',
      owner_id: null,
      status: 'planned',
      classification: 'internal',
      requirement_keys: ['iso27001-2022:A.5.1'],
      next_check_on: null,
      check_interval_months: 12,
    })
  })

  it('patches only what changed, with the version; reordered keys are no change', () => {
    const initial = formFromControl(control)
    expect(controlPatchBody(initial, { ...initial, requirement_keys: [...initial.requirement_keys].reverse() }, 4)).toBeUndefined()
    expect(controlPatchBody(initial, { ...initial, status: 'implemented', next_check_on: '' }, 4)).toEqual({
      status: 'implemented',
      next_check_on: null,
      version: 4,
    })
    // a non-number interval goes as typed so the server names the field
    expect(controlPatchBody(initial, { ...initial, check_interval_months: 'x' }, 4)).toEqual({ check_interval_months: 'x', version: 4 })
  })

  it('puts requirement_keys[i] messages on the picker, naming the key', () => {
    const keys = ['iso27001-2022:A.5.1', 'iso27001-2022:A.99.9']
    const errs = controlFormErrors(
      [
        { field: 'requirement_keys[1]', message: 'not in the catalogue' },
        { field: 'title', message: 'must not be empty' },
        { field: 'version', message: 'stale' },
      ],
      keys,
    )
    expect(errs.byField.requirement_keys).toEqual(['iso27001-2022:A.99.9: not in the catalogue'])
    expect(errs.byField.title).toEqual(['must not be empty'])
    expect(errs.summary.map((s) => s.message)).toContain('version: stale')
    expect(errs.summary.find((s) => s.message.startsWith('version'))?.field).toBeUndefined()
  })
})

describe('control list query', () => {
  it('passes declared parameters only and completes a bare requirement ref', () => {
    const path = controlListApiPath('?status=implemented&check_due=true&requirement=A.5.15&bogus=1&cursor=abc')
    const url = new URL(path, 'http://x')
    expect(url.pathname).toBe('/api/v1/controls')
    expect(url.searchParams.get('status')).toBe('implemented')
    expect(url.searchParams.get('check_due')).toBe('true')
    expect(url.searchParams.get('requirement')).toBe('iso27001-2022:A.5.15')
    expect(url.searchParams.get('cursor')).toBe('abc')
    expect(url.searchParams.get('bogus')).toBeNull()
    expect(url.searchParams.get('include_total')).toBe('true')
  })

  it('starts paging over when a filter changes, and flips sort', () => {
    expect(controlQueryKey('?status=planned&cursor=x')).toBe(controlQueryKey('?status=planned'))
    expect(controlQueryKey('?status=planned')).not.toBe(controlQueryKey('?status=implemented'))
    expect(nextControlSort('ref', 'ref')).toBe('-ref')
    expect(nextControlSort('-ref', 'ref')).toBe('ref')
    expect(nextControlSort('ref', 'title')).toBe('title')
  })
})

describe('evidence upload', () => {
  it('never sends a file as application/json', () => {
    expect(uploadContentType('application/json')).toBe('application/octet-stream')
    expect(uploadContentType('')).toBe('application/octet-stream')
    expect(uploadContentType('application/pdf')).toBe('application/pdf')
  })

  it('puts the description of the file into the query', () => {
    const path = evidenceUploadPath('/api/v1/controls/c1', { title: ' Report ', file_name: 'r 1.pdf', valid_from: '2026-01-01', valid_until: '', description: '' })
    const url = new URL(path, 'http://x')
    expect(url.pathname).toBe('/api/v1/controls/c1/evidence')
    expect(url.searchParams.get('title')).toBe('Report')
    expect(url.searchParams.get('file_name')).toBe('r 1.pdf')
    expect(url.searchParams.has('valid_until')).toBe(false)
  })

  it('explains 413 and 415 and refuses oversized files before sending', () => {
    const tooLarge = new ApiError({ status: 413, code: 'too_large', message: 'request body larger than 26214400 bytes' })
    const type = new ApiError({ status: 415, code: 'unsupported_media_type', message: 'setup.pdf: an executable' })
    expect(uploadProblem(tooLarge, 'big.pdf')).toMatch(/big\.pdf.*too large.*25 MiB/)
    expect(uploadProblem(type, 'setup.pdf')).toMatch(/setup\.pdf.*an executable/)
    expect(uploadProblem(new ApiError({ status: 422, code: 'invalid', message: 'x' }), 'a')).toBeUndefined()
    expect(checkEvidenceFile({ name: 'a.pdf', size: 26 * 1024 * 1024 })).toMatch(/too large/)
    expect(checkEvidenceFile({ name: 'a.pdf', size: 0 })).toMatch(/empty/)
    expect(checkEvidenceFile({ name: 'a.pdf', size: 100 })).toBeUndefined()
  })
})
