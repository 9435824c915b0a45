// Import of a requirement library (catalogue:manage): a CISO Assistant YAML library or an
// OSCAL catalog JSON, posted as the raw file; shows what changed and the importer's
// warnings. Importing the same library twice changes nothing the second time.
import { useId, useState, type FormEvent } from 'react'
import { withQuery } from '../api/client'
import type { CatalogueImportResult } from '../api/types'
import { ErrorBox } from '../components/ErrorBox'
import { Link } from '../router'
import { formatForFile, libraryFormatLabels, type LibraryFormat } from './importFormat'
import { frameworkHref } from './keys'
import { postRaw } from './upload'

const MAX_BYTES = 16 * 1024 * 1024

export function ImportPanel({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | undefined>()
  const [chosenFormat, setChosenFormat] = useState<LibraryFormat | ''>('')
  const [frameworkId, setFrameworkId] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [result, setResult] = useState<CatalogueImportResult>()
  const [inputKey, setInputKey] = useState(0)
  const fileId = useId()

  const detected = file ? formatForFile(file.name) : undefined
  const format = detected ?? (chosenFormat === '' ? undefined : chosenFormat)
  const tooLarge = file !== undefined && file.size > MAX_BYTES

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!file || !format) return
    setBusy(true)
    setError(undefined)
    setResult(undefined)
    try {
      const path = withQuery('/api/v1/catalogue/import', {
        format,
        framework: format === 'oscal' && frameworkId.trim() !== '' ? frameworkId.trim() : undefined,
      })
      const r = await postRaw<CatalogueImportResult>(path, file)
      setResult(r)
      setFile(undefined)
      setInputKey((k) => k + 1)
      onImported()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel spaced" aria-labelledby="catalogue-import-heading">
      <h2 id="catalogue-import-heading">Import a library</h2>
      <form onSubmit={submit} noValidate data-testid="catalogue-import-form">
        <div className="form-row">
          <div className="field">
            <label htmlFor={fileId}>Library file</label>
            <input
              key={inputKey}
              id={fileId}
              type="file"
              accept=".yaml,.yml,.json"
              onChange={(e) => {
                setFile(e.target.files?.[0])
                setResult(undefined)
                setError(undefined)
              }}
              data-testid="catalogue-import-file"
            />
            <p className="help">CISO Assistant library (.yaml, .yml) or OSCAL catalog (.json), up to 16 MiB.</p>
          </div>
          {file && !detected && (
            <div className="field">
              <label htmlFor="catalogue-import-format">Format</label>
              <select
                id="catalogue-import-format"
                value={chosenFormat}
                onChange={(e) => setChosenFormat(e.target.value as LibraryFormat | '')}
              >
                <option value="">— choose —</option>
                <option value="ciso-assistant">{libraryFormatLabels['ciso-assistant']}</option>
                <option value="oscal">{libraryFormatLabels.oscal}</option>
              </select>
            </div>
          )}
          {format === 'oscal' && (
            <div className="field">
              <label htmlFor="catalogue-import-framework">Framework id (optional)</label>
              <input
                id="catalogue-import-framework"
                type="text"
                value={frameworkId}
                onChange={(e) => setFrameworkId(e.target.value)}
                placeholder="from the catalog title"
              />
            </div>
          )}
        </div>
        {file && detected && <p className="muted small">Read as {libraryFormatLabels[detected]}.</p>}
        {tooLarge && <p className="field-error">The file is larger than 16 MiB; the server will refuse it.</p>}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !file || !format} data-testid="catalogue-import-submit">
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {error !== undefined && <ErrorBox title="The library was not imported" error={error} />}
      {result && <ImportResult result={result} />}
    </section>
  )
}

function ImportResult({ result }: { result: CatalogueImportResult }) {
  const counts: [string, number][] = [
    ['Frameworks created', result.frameworks_created],
    ['Frameworks updated', result.frameworks_updated],
    ['Requirements added', result.requirements_added],
    ['Requirements changed', result.requirements_changed],
    ['Requirements removed', result.requirements_removed],
    ['Mappings', result.mappings],
  ]
  const nothing = counts.every(([, n]) => n === 0)
  return (
    <div className="success spaced import-result" role="status" data-testid="catalogue-import-result">
      <strong>{nothing ? 'Imported: the catalogue already held this library, nothing changed.' : 'Imported.'}</strong>
      <dl className="fields">
        {counts.map(([label, n]) => (
          <div className="field-row" key={label}>
            <dt>{label}</dt>
            <dd className="num" style={{ textAlign: 'left' }}>
              {n}
            </dd>
          </div>
        ))}
        {result.framework_ids.length > 0 && (
          <div className="field-row">
            <dt>Frameworks</dt>
            <dd>
              <ul className="inline-list">
                {result.framework_ids.map((id) => (
                  <li key={id}>
                    <Link to={frameworkHref(id)}>{id}</Link>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      {result.warnings.length > 0 && (
        <>
          <h3>Warnings ({result.warnings.length})</h3>
          <ul data-testid="catalogue-import-warnings">
            {result.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
