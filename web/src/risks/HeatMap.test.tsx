import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { testMethod } from './fixtures'
import { HeatMap } from './HeatMap'
import { cellHref, cellParam, countAt } from './heatmapCells'

const m = testMethod()
// counts[l-1][i-1]
const counts = [
  [0, 1, 0, 0],
  [0, 0, 0, 2],
  [3, 0, 0, 0],
]

function cell(html: string, id: string): string {
  const m = new RegExp(`<td[^>]*data-testid="${id}"[^>]*>.*?</td>`).exec(html)
  if (!m) throw new Error(`no cell ${id}`)
  return m[0]
}

describe('HeatMap', () => {
  const html = renderToStaticMarkup(<HeatMap method={m} basis="residual" counts={counts} />)

  it('renders one cell per likelihood and impact with its count', () => {
    expect(html).toContain('data-testid="heatmap-residual"')
    expect(html.match(/data-testid="heat-cell-residual-/g)).toHaveLength(12)
    expect(cell(html, 'heat-cell-residual-2-4')).toContain('data-count="2"')
    expect(cell(html, 'heat-cell-residual-2-4')).toMatch(/>2<\/a>/)
    expect(cell(html, 'heat-cell-residual-3-1')).toMatch(/>3<\/a>/)
    expect(cell(html, 'heat-cell-residual-1-1')).toMatch(/>0<\/a>/)
  })

  it('colours each cell by its grid level and frames cells above the appetite', () => {
    const high = cell(html, 'heat-cell-residual-2-4')
    expect(high).toContain('background:#c62828')
    expect(high).toContain('data-level="high"')
    expect(high).toContain('above-appetite')
    const low = cell(html, 'heat-cell-residual-1-1')
    expect(low).toContain('background:#2e7d32')
    expect(low).not.toContain('above-appetite')
    expect(cell(html, 'heat-cell-residual-1-3')).toContain('data-level="medium"')
  })

  it('puts the highest likelihood in the first row and the lowest impact in the first column', () => {
    const rows = html.split('<tr>').slice(2) // after the head row
    expect(rows[0]).toContain('3 · Likely')
    expect(rows[2]).toContain('1 · Rare')
    expect(rows[0].indexOf('heat-cell-residual-3-1')).toBeLessThan(rows[0].indexOf('heat-cell-residual-3-4'))
  })

  it('links a cell to the list filtered to it', () => {
    expect(cellParam('residual', 3, 4)).toBe('residual:3:4')
    expect(cellHref('inherent', 2, 1)).toBe('/risks?cell=inherent%3A2%3A1')
    expect(cell(html, 'heat-cell-residual-2-4')).toContain('href="/risks?cell=residual%3A2%3A4"')
    expect(cell(html, 'heat-cell-residual-2-4')).toContain('aria-label="Likelihood Possible, impact Severe: 2 risks, level High, above appetite"')
  })

  it('shows level names instead of counts without links', () => {
    const plain = renderToStaticMarkup(<HeatMap method={m} basis="residual" links={false} id="method" />)
    expect(plain).toContain('data-testid="heatmap-method"')
    expect(plain).not.toContain('<a ')
    expect(cell(plain, 'heat-cell-method-3-4')).toContain('>High</span>')
  })

  it('counts missing cells as zero', () => {
    expect(countAt(undefined, 1, 1)).toBe(0)
    expect(countAt([[5]], 1, 2)).toBe(0)
    expect(countAt([[5]], 1, 1)).toBe(5)
  })
})
