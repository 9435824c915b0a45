import { describe, expect, it } from 'vitest'
import type { DocumentView } from '../api/types'
import {
  changedFields,
  createBody,
  editorErrors,
  emptyForm,
  entriesFrom,
  formFromView,
  moveRow,
  newRow,
  patchBody,
  removeRow,
  rowForEdit,
  updateRow,
} from './form'

const view: DocumentView = {
  document: { id: 'd1', kind: 'policy', title: 'ISP', classification: 'public', version: 3, owner_person_id: null, working_group_ids: ['g1', 'g2'] },
  latest: {
    id: 'v2',
    document_id: 'd1',
    number: 2,
    status: 'draft',
    title: 'Information Security Policy',
    classification: 'public',
    label: '3.1',
    last_update: '2025-02-07',
    author: 'CISO',
    information_owner: 'CEO',
    approver: '',
    change_log: [
      { version: '1.0', date: '2022-11-16', author: 'CISO', changes: 'Initial release' },
      { version: '3.1', date: null, author: 'Hans', changes: 'Added ISO-references to headers.' },
    ],
    review_interval_months: 12,
    requires_acknowledgement: true,
    body: '# 1 Purpose [ISO27002 A5.1]\n',
    version: 5,
  },
  published: null,
  can_write: true,
  can_approve: false,
}

describe('document form state', () => {
  it('loads the draft into the inputs', () => {
    const f = formFromView(view)
    expect(f).toMatchObject({ title: 'Information Security Policy', label: '3.1', review_interval_months: '12', owner_person_id: '', requires_acknowledgement: true })
    expect(f.change_log.map((r) => [r.version, r.date])).toEqual([
      ['1.0', '2022-11-16'],
      ['3.1', ''],
    ])
  })

  it('sends nothing when nothing changed, and only what changed with the draft version', () => {
    const initial = formFromView(view)
    const same = formFromView(view) // new row keys, same content
    expect(changedFields(initial, same)).toEqual({})
    expect(patchBody(initial, same, 5)).toBeUndefined()
    const edited = { ...same, body: '# 1 Purpose [ISO27002 A5.1, A5.2]\n', review_interval_months: '24', working_group_ids: ['g2', 'g1'] }
    expect(patchBody(initial, edited, 5)).toEqual({ body: '# 1 Purpose [ISO27002 A5.1, A5.2]\n', review_interval_months: 24, version: 5 })
  })

  it('sends cleared optional values as null and leaves odd numbers to the server', () => {
    const initial = formFromView(view)
    expect(changedFields(initial, { ...initial, last_update: '  ' })).toEqual({ last_update: null })
    expect(changedFields(initial, { ...initial, review_interval_months: 'twelve' })).toEqual({ review_interval_months: 'twelve' })
    expect(changedFields({ ...initial, owner_person_id: 'p1' }, initial)).toEqual({ owner_person_id: null })
  })

  it('sends the whole change log when a row changed, dates empty as null', () => {
    const initial = formFromView(view)
    const rows = updateRow(initial.change_log, initial.change_log[1].key, { changes: 'References added' })
    expect(changedFields(initial, { ...initial, change_log: rows })).toEqual({
      change_log: [
        { version: '1.0', date: '2022-11-16', author: 'CISO', changes: 'Initial release' },
        { version: '3.1', date: null, author: 'Hans', changes: 'References added' },
      ],
    })
  })

  it('builds a create body of the filled-in fields', () => {
    const f = { ...emptyForm(), title: 'Backup procedure', kind: 'procedure', body: 'text', author: '' }
    expect(createBody(f)).toEqual({
      kind: 'procedure',
      title: 'Backup procedure',
      classification: 'internal',
      label: '1.0',
      body: 'text',
      review_interval_months: 12,
    })
    expect(createBody({ ...f, requires_acknowledgement: true, working_group_ids: ['g'], change_log: [newRow({ version: '1.0' })] })).toMatchObject({
      requires_acknowledgement: true,
      working_group_ids: ['g'],
      change_log: [{ version: '1.0', date: null, author: '', changes: '' }],
    })
  })
})

describe('change-log rows', () => {
  const rows = [newRow({ version: '1' }), newRow({ version: '2' }), newRow({ version: '3' })]
  const versions = (rs: typeof rows) => rs.map((r) => r.version)

  it('moves, removes and edits rows by key', () => {
    expect(versions(moveRow(rows, rows[2].key, -1))).toEqual(['1', '3', '2'])
    expect(versions(moveRow(rows, rows[0].key, -1))).toEqual(['1', '2', '3'])
    expect(versions(moveRow(rows, rows[2].key, 1))).toEqual(['1', '2', '3'])
    expect(versions(removeRow(rows, rows[1].key))).toEqual(['1', '3'])
    expect(versions(updateRow(rows, rows[0].key, { version: '1.1' }))).toEqual(['1.1', '2', '3'])
    expect(versions(rows)).toEqual(['1', '2', '3'])
  })

  it('proposes a row for this edit and trims what it sends', () => {
    const r = rowForEdit({ ...emptyForm(), label: '3.2', author: 'CISO' }, '2026-11-28')
    expect(r).toMatchObject({ version: '3.2', date: '2026-11-28', author: 'CISO', changes: '' })
    expect(entriesFrom([newRow({ version: ' 2.0 ', date: ' 2024-03-05 ' })])).toEqual([{ version: '2.0', date: '2024-03-05', author: '', changes: '' }])
  })
})

describe('API errors on the editor', () => {
  it('places field and change-log row errors and keeps the rest for the summary', () => {
    const e = editorErrors([
      { field: 'title', message: 'must not be empty' },
      { field: 'change_log[2].date', message: 'not a date' },
      { field: 'version', message: 'required' },
      { message: 'something else' },
    ])
    expect(e.byField).toEqual({ title: ['must not be empty'], change_log: ['Row 3, date: not a date'] })
    expect(e.summary.map((s) => s.message)).toEqual(['must not be empty', 'Row 3, date: not a date', 'version: required', 'something else'])
  })
})
