// One rating (inherent or residual): likelihood and the impact on each security property
// (0 = not affected), with the resulting level computed live from the method's grid.
import { LevelBadge } from './bits'
import { impactLevel, propertyLabels, ratingLevel, scaleLabel } from './method'
import { ratingHint } from './form'
import type { RatingInput, RiskMethod, SecurityProperty } from './types'
import { securityProperties } from './types'

interface Props {
  name: 'inherent' | 'residual'
  label: string
  method: RiskMethod
  value: RatingInput
  onChange: (value: RatingInput) => void
  errors?: readonly string[]
  /** exact invalid paths ("inherent.likelihood") */
  invalid?: ReadonlySet<string>
  help?: string
}

export function RatingFieldset({ name, label, method, value, onChange, errors = [], invalid = new Set(), help }: Props) {
  const level = ratingLevel(method, value)
  const hint = ratingHint(value)
  const impact = impactLevel(value.impact)
  const setImpact = (p: SecurityProperty, v: number) => onChange({ ...value, impact: { ...value.impact, [p]: v } })
  const bad = (path: string) => invalid.has(`${name}.${path}`) || undefined
  return (
    <fieldset className="rating" id={`field-${name}`} data-testid={`rating-${name}`} aria-describedby={errors.length > 0 ? `error-${name}` : undefined}>
      <legend>{label}</legend>
      {help && <p className="help">{help}</p>}
      <div className="rating-grid">
        <div className="field">
          <label htmlFor={`field-${name}-likelihood`}>Likelihood</label>
          <select
            id={`field-${name}-likelihood`}
            value={value.likelihood}
            onChange={(e) => onChange({ ...value, likelihood: Number(e.target.value) })}
            aria-invalid={bad('likelihood')}
            data-testid={`${name}-likelihood`}
          >
            <option value={0}>— choose —</option>
            {method.likelihood.map((s) => (
              <option key={s.value} value={s.value} title={s.description}>
                {s.value} · {s.name}
              </option>
            ))}
          </select>
        </div>
        {securityProperties.map((p) => (
          <div className="field" key={p}>
            <label htmlFor={`field-${name}-impact-${p}`}>Impact on {propertyLabels[p].toLowerCase()}</label>
            <select
              id={`field-${name}-impact-${p}`}
              value={value.impact[p] ?? 0}
              onChange={(e) => setImpact(p, Number(e.target.value))}
              aria-invalid={bad(`impact.${p}`)}
              data-testid={`${name}-impact-${p}`}
            >
              <option value={0}>0 · Not affected</option>
              {method.impact.map((s) => (
                <option key={s.value} value={s.value} title={s.description}>
                  {s.value} · {s.name}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <p className="rating-result" aria-live="polite">
        Level: <LevelBadge level={level} testId={`level-${name}`} fallback="not rated yet" />
        {level && (
          <span className="muted small">
            {' '}
            (likelihood {scaleLabel(method.likelihood, value.likelihood)}, impact {scaleLabel(method.impact, impact)}
            {level.rank > method.appetite_rank ? ', above the appetite' : ''})
          </span>
        )}
        {!level && hint && <span className="muted small"> — {hint}</span>}
      </p>
      {errors.length > 0 && (
        <div className="field-error" id={`error-${name}`} data-testid={`error-${name}`}>
          {errors.join(' ')}
        </div>
      )}
    </fieldset>
  )
}
