import { describe, expect, it } from 'vitest'
import { highlightSegments, searchTerms, snippet } from './highlight'

const marked = (text: string, q: string) =>
  highlightSegments(text, q)
    .map((s) => (s.match ? `[${s.text}]` : s.text))
    .join('')

describe('search highlighting', () => {
  it('marks every term, case-insensitively, keeping the original case', () => {
    expect(marked('Access control and ACCESS rights', 'access')).toBe('[Access] control and [ACCESS] rights')
    expect(marked('Policies for information security', 'security policies')).toBe('[Policies] for information [security]')
  })

  it('prefers the longest term where terms overlap', () => {
    expect(searchTerms('acc access')).toEqual(['access', 'acc'])
    expect(marked('access', 'acc access')).toBe('[access]')
  })

  it('treats regular expression characters literally and drops quotes', () => {
    expect(marked('AC-2(1) and A.5.1', 'AC-2(1)')).toBe('[AC-2(1)] and A.5.1')
    expect(marked('A.5.1 and A55', 'a.5')).toBe('[A.5].1 and A55')
    expect(searchTerms('"risk"  ')).toEqual(['risk'])
  })

  it('handles empty text and queries', () => {
    expect(highlightSegments('', 'x')).toEqual([])
    expect(highlightSegments('text', '   ')).toEqual([{ text: 'text', match: false }])
    expect(marked('Ärende åtkomst', 'ÅTKOMST')).toBe('Ärende [åtkomst]')
  })

  it('cuts long descriptions around the first match', () => {
    const long = `${'word '.repeat(60)}the backup policy ${'more '.repeat(60)}`
    const s = snippet(long, 'backup', 30)
    expect(s.startsWith('… ')).toBe(true)
    expect(s.endsWith(' …')).toBe(true)
    expect(s).toContain('backup policy')
    expect(s.length).toBeLessThan(80)
    expect(snippet('short text', 'x')).toBe('short text')
  })
})
