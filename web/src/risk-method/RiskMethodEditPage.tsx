// /risk-method/edit (risks:method): a new version of the risk method. Scales, levels,
// grid, appetite and acceptance rules in one form; when a scale changes size, a map says
// where each old value goes. "Preview changes" asks the server what the new version
// would do to every risk (nothing stored); saving chooses whether existing risks are
// re-rated now (by the maps) or stay on their old method, flagged.
import '../risks/risks.css'
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import type { Role } from '../api/types'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { ErrorBox } from '../components/ErrorBox'
import { setFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { LevelBadge } from '../risks/bits'
import { HeatMap } from '../risks/HeatMap'
import { levelByRank, textColourOn } from '../risks/method'
import { riskMethodApi } from '../risks/paths'
import type { MethodPreview, RatingChange, RiskMethod, ScaleLevel } from '../risks/types'
import { Link, navigate } from '../router'
import {
  defaultMap,
  formFromMethod,
  LEVELS_MAX,
  LEVELS_MIN,
  mapFor,
  monotoneProblems,
  needsMap,
  previewBody,
  SCALE_MAX,
  SCALE_MIN,
  saveBody,
  setLevelCount,
  setScaleSize,
  type Axis,
  type MethodForm,
  type Maps,
  type ScaleMap,
} from './methodForm'
import { noProblems, problemsFrom, type Problems } from './problems'

function Messages({ problems, path }: { problems: Problems; path: string }) {
  const m = problems.byPath.get(path)
  if (!m) return null
  return (
    <div className="field-error" data-testid={`error-${path}`}>
      {m.join(' ')}
    </div>
  )
}

function ScaleEditor({ axis, scale, onSize, onChange, problems }: { axis: Axis; scale: ScaleLevel[]; onSize: (n: number) => void; onChange: (s: ScaleLevel[]) => void; problems: Problems }) {
  const title = axis === 'likelihood' ? 'Likelihood scale' : 'Impact scale'
  const set = (i: number, key: 'name' | 'description', v: string) => onChange(scale.map((s, j) => (j === i ? { ...s, [key]: v } : s)))
  return (
    <section className="panel" aria-labelledby={`scale-${axis}`}>
      <h2 id={`scale-${axis}`}>{title}</h2>
      <table className="method-table" data-testid={`scale-${axis}`}>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {scale.map((s, i) => (
            <tr key={i}>
              <td className="num">{s.value}</td>
              <td aria-invalid={problems.byPath.has(`${axis}[${i}].name`) || undefined}>
                <input type="text" aria-label={`${title}: name of value ${s.value}`} value={s.name} onChange={(e) => set(i, 'name', e.target.value)} />
                <Messages problems={problems} path={`${axis}[${i}].name`} />
              </td>
              <td aria-invalid={problems.byPath.has(`${axis}[${i}].description`) || undefined}>
                <input type="text" aria-label={`${title}: description of value ${s.value}`} value={s.description} onChange={(e) => set(i, 'description', e.target.value)} />
                <Messages problems={problems} path={`${axis}[${i}].description`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="review-actions">
        <button type="button" onClick={() => onSize(scale.length + 1)} disabled={scale.length >= SCALE_MAX} data-testid={`${axis}-add`}>
          Add a value
        </button>
        <button type="button" onClick={() => onSize(scale.length - 1)} disabled={scale.length <= SCALE_MIN} data-testid={`${axis}-remove`}>
          Remove the highest value
        </button>
      </p>
      <Messages problems={problems} path={axis} />
    </section>
  )
}

function MapEditor({ axis, current, form, map, onChange, problems }: { axis: Axis; current: RiskMethod; form: MethodForm; map: ScaleMap | undefined; onChange: (m: ScaleMap) => void; problems: Problems }) {
  const effective = mapFor(current, form, axis, map) ?? defaultMap(current[axis].length, form[axis].length)
  const key = `${axis}_map`
  return (
    <fieldset className="multi" data-testid={`map-${axis}`}>
      <legend>
        {axis === 'likelihood' ? 'Likelihood' : 'Impact'}: where each old value goes ({current[axis].length} → {form[axis].length} values)
      </legend>
      <div className="map-row">
        {current[axis].map((old) => (
          <div className="field" key={old.value}>
            <label htmlFor={`map-${axis}-${old.value}`}>
              {old.value} · {old.name} →
            </label>
            <select id={`map-${axis}-${old.value}`} value={effective[String(old.value)]} onChange={(e) => onChange({ ...effective, [String(old.value)]: Number(e.target.value) })}>
              {form[axis].map((n) => (
                <option key={n.value} value={n.value}>
                  {n.value} · {n.name}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <Messages problems={problems} path={key} />
    </fieldset>
  )
}

function ChangeCell({ c, current, proposed }: { c: RatingChange; current: RiskMethod; proposed: RiskMethod }) {
  return (
    <span className="nowrap">
      <LevelBadge level={levelByRank(current, c.level_before)} /> {c.likelihood_before}×{c.impact_before} → <LevelBadge level={levelByRank(proposed, c.level_after)} />{' '}
      {c.likelihood_after}×{c.impact_after}
    </span>
  )
}

function PreviewResult({ preview }: { preview: MethodPreview }) {
  return (
    <section className="panel" aria-labelledby="preview-heading" data-testid="method-preview-result">
      <h2 id="preview-heading">What the new version would change</h2>
      <p data-testid="preview-counts">
        <strong>{preview.changed_count}</strong> {preview.changed_count === 1 ? 'risk changes' : 'risks change'}, {preview.unchanged_count} unchanged.
      </p>
      {preview.changed.length > 0 && (
        <div className="table-wrap">
          <table className="grid" data-testid="preview-changed">
            <thead>
              <tr>
                <th scope="col">Risk</th>
                <th scope="col">Inherent (likelihood×impact)</th>
                <th scope="col">Residual (likelihood×impact)</th>
              </tr>
            </thead>
            <tbody>
              {preview.changed.map((c) => (
                <tr key={c.risk_id}>
                  <td>
                    <Link to={`/risks/${encodeURIComponent(c.risk_id)}`}>{c.ref}</Link> {c.title}
                  </td>
                  <td>
                    <ChangeCell c={c.inherent} current={preview.current} proposed={preview.proposed} />
                  </td>
                  <td>
                    <ChangeCell c={c.residual} current={preview.current} proposed={preview.proposed} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function Editor({ current }: { current: RiskMethod }) {
  const [form, setForm] = useState<MethodForm>(() => formFromMethod(current))
  const [maps, setMaps] = useState<Maps>({})
  const [rerate, setRerate] = useState(true)
  const [problems, setProblems] = useState<Problems>(noProblems)
  const [failure, setFailure] = useState<unknown>()
  const [preview, setPreview] = useState<MethodPreview>()
  const [busy, setBusy] = useState<'preview' | 'save'>()
  const { can } = useAuth()
  const roles = useApi<{ items: Role[] }>(can('roles:read') || can('roles:manage') ? '/api/v1/roles' : null)
  const update = (f: MethodForm) => {
    setForm(f)
    setPreview(undefined)
  }
  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 422) {
      setProblems(problemsFrom(e.details.length > 0 ? e.details : [{ field: e.field, message: e.message }]))
      setFailure(undefined)
    } else {
      setProblems(noProblems)
      setFailure(e)
    }
  }
  const run = async (kind: 'preview' | 'save') => {
    setBusy(kind)
    setFailure(undefined)
    setProblems(noProblems)
    try {
      if (kind === 'preview') {
        setPreview(await api<MethodPreview>('/api/v1/risk-method/preview', { method: 'POST', body: previewBody(current, form, maps) }))
      } else {
        const saved = await api<RiskMethod>(riskMethodApi, { method: 'POST', body: saveBody(current, form, maps, rerate) })
        setFlash(`Risk method version ${saved.number} saved${rerate ? '; risks re-rated' : ''}.`)
        navigate('/risk-method')
      }
    } catch (e) {
      fail(e)
    } finally {
      setBusy(undefined)
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run('save')
  }

  const badCells = new Set(monotoneProblems(form.grid).map((p) => `${p.likelihood}:${p.impact}`))
  const levels = [...form.levels].sort((a, b) => a.rank - b.rank)
  const setLevel = (rank: number, key: 'key' | 'name' | 'colour', v: string) => update({ ...form, levels: form.levels.map((l) => (l.rank === rank ? { ...l, [key]: v } : l)) })
  const setCell = (l: number, i: number, rank: number) => update({ ...form, grid: form.grid.map((row, li) => (li === l ? row.map((v, ii) => (ii === i ? rank : v)) : row)) })
  const conflict = failure instanceof ApiError && failure.status === 409
  const proposed: RiskMethod = { ...current, ...form, number: current.number + 1 }

  return (
    <form onSubmit={submit} noValidate className="risk-form" data-testid="method-form">
      {problems.summary.length > 0 && (
        <div className="error-box" role="alert" data-testid="error-summary">
          <strong>The method was not accepted: {problems.summary.length === 1 ? 'one problem' : `${problems.summary.length} problems`}</strong>
          <ul>
            {problems.summary.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </div>
      )}
      {failure !== undefined && (
        <ErrorBox title={conflict ? 'Someone saved a newer method version meanwhile: reload to start from it' : undefined} error={failure} />
      )}
      <section className="panel" aria-labelledby="method-general">
        <h2 id="method-general">Method</h2>
        <div className="form-row">
          <div className="field">
            <label htmlFor="field-name">Name</label>
            <input id="field-name" type="text" value={form.name} onChange={(e) => update({ ...form, name: e.target.value })} aria-invalid={problems.byPath.has('name') || undefined} />
            <Messages problems={problems} path="name" />
          </div>
          <div className="field">
            <label htmlFor="field-appetite_rank">Risk appetite (highest level accepted without top management)</label>
            <select id="field-appetite_rank" value={form.appetite_rank} onChange={(e) => update({ ...form, appetite_rank: Number(e.target.value) })} data-testid="field-appetite_rank">
              {levels.map((l) => (
                <option key={l.rank} value={l.rank}>
                  {l.name}
                </option>
              ))}
            </select>
            <Messages problems={problems} path="appetite_rank" />
          </div>
          <div className="field">
            <label htmlFor="field-acceptance_role_key">Role that accepts above the appetite</label>
            <input
              id="field-acceptance_role_key"
              type="text"
              list="method-roles"
              value={form.acceptance_role_key}
              onChange={(e) => update({ ...form, acceptance_role_key: e.target.value })}
              aria-invalid={problems.byPath.has('acceptance_role_key') || undefined}
            />
            <datalist id="method-roles">
              {(roles.data?.items ?? []).map((r) => (
                <option key={r.id} value={r.key}>
                  {r.name}
                </option>
              ))}
            </datalist>
            <Messages problems={problems} path="acceptance_role_key" />
          </div>
          <div className="field">
            <label htmlFor="field-acceptance_validity_months">Acceptance valid for (months)</label>
            <input
              id="field-acceptance_validity_months"
              type="number"
              value={form.acceptance_validity_months}
              onChange={(e) => update({ ...form, acceptance_validity_months: Number(e.target.value) })}
              aria-invalid={problems.byPath.has('acceptance_validity_months') || undefined}
            />
            <Messages problems={problems} path="acceptance_validity_months" />
          </div>
        </div>
      </section>

      <div className="grid-2">
        <ScaleEditor axis="likelihood" scale={form.likelihood} onSize={(n) => update(setScaleSize(form, 'likelihood', n))} onChange={(s) => update({ ...form, likelihood: s })} problems={problems} />
        <ScaleEditor axis="impact" scale={form.impact} onSize={(n) => update(setScaleSize(form, 'impact', n))} onChange={(s) => update({ ...form, impact: s })} problems={problems} />
      </div>

      <section className="panel" aria-labelledby="method-levels">
        <h2 id="method-levels">Risk levels (lowest first)</h2>
        <table className="method-table" data-testid="method-levels">
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Key</th>
              <th scope="col">Name</th>
              <th scope="col">Colour</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l.rank}>
                <td className="num">{l.rank}</td>
                <td aria-invalid={problems.byPath.has(`levels[${l.rank}].key`) || undefined}>
                  <input type="text" aria-label={`Key of level ${l.rank}`} value={l.key} onChange={(e) => setLevel(l.rank, 'key', e.target.value)} />
                  <Messages problems={problems} path={`levels[${l.rank}].key`} />
                </td>
                <td aria-invalid={problems.byPath.has(`levels[${l.rank}].name`) || undefined}>
                  <input type="text" aria-label={`Name of level ${l.rank}`} value={l.name} onChange={(e) => setLevel(l.rank, 'name', e.target.value)} />
                  <Messages problems={problems} path={`levels[${l.rank}].name`} />
                </td>
                <td aria-invalid={problems.byPath.has(`levels[${l.rank}].colour`) || undefined}>
                  <input type="color" aria-label={`Colour of level ${l.rank}`} value={/^#[0-9a-f]{6}$/i.test(l.colour) ? l.colour : '#888888'} onChange={(e) => setLevel(l.rank, 'colour', e.target.value)} />{' '}
                  <code>{l.colour}</code>
                  <Messages problems={problems} path={`levels[${l.rank}].colour`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="review-actions">
          <button type="button" onClick={() => update(setLevelCount(form, form.levels.length + 1))} disabled={form.levels.length >= LEVELS_MAX}>
            Add a level
          </button>
          <button type="button" onClick={() => update(setLevelCount(form, form.levels.length - 1))} disabled={form.levels.length <= LEVELS_MIN}>
            Remove the highest level
          </button>
        </p>
        <Messages problems={problems} path="levels" />
      </section>

      <section className="panel" aria-labelledby="method-grid-edit">
        <h2 id="method-grid-edit">Grid: the level of each likelihood and impact</h2>
        <p className="help">A cell may never be lower than the cell below it (less likely) or to its left (lower impact).</p>
        <table className="method-grid" data-testid="method-grid">
          <thead>
            <tr>
              <th scope="col">Likelihood ↓ / Impact →</th>
              {form.impact.map((i) => (
                <th key={i.value} scope="col">
                  {i.value} · {i.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...form.likelihood].reverse().map((l) => {
              const li = l.value - 1
              return (
                <tr key={l.value}>
                  <th scope="row">
                    {l.value} · {l.name}
                  </th>
                  {form.impact.map((i) => {
                    const ii = i.value - 1
                    const rank = form.grid[li]?.[ii] ?? 0
                    const colour = levelByRank(proposed, rank)?.colour ?? '#eeeeee'
                    const path = `grid[${li}][${ii}]`
                    const bad = problems.byPath.has(path) || badCells.has(`${l.value}:${i.value}`)
                    return (
                      <td key={i.value} style={{ background: colour }} aria-invalid={bad || undefined} title={problems.byPath.get(path)?.join(' ')}>
                        <select
                          aria-label={`Level for likelihood ${l.name}, impact ${i.name}`}
                          value={rank}
                          onChange={(e) => setCell(li, ii, Number(e.target.value))}
                          style={{ background: colour, color: textColourOn(colour) }}
                          data-testid={`grid-cell-${l.value}-${i.value}`}
                        >
                          {levels.map((lv) => (
                            <option key={lv.rank} value={lv.rank}>
                              {lv.name}
                            </option>
                          ))}
                        </select>
                      </td>
                    )
                  })}
                </tr>
              )
            })}
          </tbody>
        </table>
        {badCells.size > 0 && (
          <p className="field-error" data-testid="grid-monotone">
            {badCells.size === 1 ? 'One cell is' : `${badCells.size} cells are`} lower than a neighbour with less likelihood or impact (outlined).
          </p>
        )}
        <Messages problems={problems} path="grid" />
      </section>

      {(needsMap(current, form, 'likelihood') || needsMap(current, form, 'impact')) && (
        <section className="panel" aria-labelledby="method-maps">
          <h2 id="method-maps">Existing ratings on the new scales</h2>
          <p className="help">A scale changed its size: say where each old value goes, for the preview and for re-rating.</p>
          {needsMap(current, form, 'likelihood') && (
            <MapEditor axis="likelihood" current={current} form={form} map={maps.likelihood} onChange={(m) => setMaps({ ...maps, likelihood: m })} problems={problems} />
          )}
          {needsMap(current, form, 'impact') && (
            <MapEditor axis="impact" current={current} form={form} map={maps.impact} onChange={(m) => setMaps({ ...maps, impact: m })} problems={problems} />
          )}
        </section>
      )}

      <section className="panel" aria-labelledby="method-save">
        <h2 id="method-save">Save as version {current.number + 1}</h2>
        <div className="field">
          <label htmlFor="field-change_note">Why this change (change note)</label>
          <textarea
            id="field-change_note"
            rows={2}
            value={form.change_note}
            onChange={(e) => update({ ...form, change_note: e.target.value })}
            aria-invalid={problems.byPath.has('change_note') || undefined}
            data-testid="field-change_note"
          />
          <Messages problems={problems} path="change_note" />
        </div>
        <fieldset className="multi" style={{ marginTop: '0.75rem' }}>
          <legend>Existing risks</legend>
          <label className="check">
            <input type="radio" name="rerate" checked={rerate} onChange={() => setRerate(true)} data-testid="rerate-yes" /> Re-rate them now with the new
            version (by the maps when a scale changed size)
          </label>
          <label className="check">
            <input type="radio" name="rerate" checked={!rerate} onChange={() => setRerate(false)} data-testid="rerate-no" /> Keep them on their old
            version (flagged “old method” until reviewed)
          </label>
        </fieldset>
        <div className="form-actions" style={{ marginTop: '0.75rem' }}>
          <button type="button" onClick={() => void run('preview')} disabled={busy !== undefined} data-testid="method-preview">
            {busy === 'preview' ? 'Previewing…' : 'Preview changes'}
          </button>
          <button type="submit" className="primary" disabled={busy !== undefined} data-testid="method-save">
            {busy === 'save' ? 'Saving…' : 'Save new version'}
          </button>
          <Link to="/risk-method" className="button">
            Cancel
          </Link>
        </div>
      </section>
      {preview && <PreviewResult preview={preview} />}
      <section className="panel" aria-label="New grid">
        <h2>New grid</h2>
        <HeatMap method={proposed} basis="residual" links={false} id="proposed" />
      </section>
    </form>
  )
}

export function RiskMethodEditPage() {
  const method = useApi<RiskMethod>(riskMethodApi)
  return (
    <>
      <PageHeader title="Change the risk method" back={<Link to="/risk-method">← Risk method</Link>} subtitle="Saving makes a new version; earlier ratings are never silently rescaled." />
      {method.error !== undefined && <ErrorBox error={method.error} onRetry={method.reload} />}
      {!method.data && method.error === undefined && <Loading />}
      {method.data && <Editor key={method.data.number} current={method.data} />}
    </>
  )
}
