// Recovery codes, shown once: each logs in once without the authenticator app.
import { CopyButton } from '../components/CopyButton'

interface Props {
  codes: string[]
  intro?: string
  onSaved: () => void
}

export function RecoveryCodes({ codes, intro, onSaved }: Props) {
  return (
    <section className="panel once" aria-labelledby="recovery-title" data-testid="recovery-codes-panel">
      <h2 id="recovery-title">Your recovery codes</h2>
      {intro && <p>{intro}</p>}
      <p className="warning">
        <strong>Shown only now.</strong> Save these {codes.length} codes somewhere safe (a password manager, or printed).
        Each code signs you in once if you lose your authenticator app.
      </p>
      <ol className="codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <CopyButton text={codes.join('\n')} label="Copy all" />
        <button type="button" className="primary" onClick={onSaved} data-testid="codes-saved">
          I have saved them
        </button>
      </div>
    </section>
  )
}
