// Setting up TOTP: the server makes a secret (QR code + text for manual entry), the user
// proves the app has it with one code, and gets 10 recovery codes, shown once. The new
// session (state moves on) is applied only after "I have saved them", so the codes cannot
// vanish under the user.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { ApiError } from '../api/client'
import type { MfaEnrolment as Enrolment, SessionInfo } from '../api/types'
import { CopyButton } from '../components/CopyButton'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { TextField } from '../components/TextField'
import { confirmMfaEnrolment, startMfaEnrolment } from './actions'
import { groupSecret, svgDataUrl } from './enrolment'
import { signInErrorText } from './messages'
import { RecoveryCodes } from './RecoveryCodes'

interface Props {
  onDone: (session: SessionInfo) => void
  onCancel?: () => void
}

export function MfaEnrolment({ onDone, onCancel }: Props) {
  const [enrolment, setEnrolment] = useState<Enrolment>()
  const [startError, setStartError] = useState<unknown>(undefined)
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const [done, setDone] = useState<{ codes: string[]; session: SessionInfo }>()
  const started = useRef(false)

  const start = async () => {
    setStartError(undefined)
    setEnrolment(undefined)
    try {
      setEnrolment(await startMfaEnrolment())
    } catch (e) {
      setStartError(e)
    }
  }
  // Once per mount (a second enrolment would replace the secret on the server).
  useEffect(() => {
    if (started.current) return
    started.current = true
    void start()
  }, [])

  const confirm = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(undefined)
    try {
      const result = await confirmMfaEnrolment(code.replace(/\s+/g, ''))
      setDone({ codes: result.recovery_codes, session: result.session })
    } catch (e) {
      setError(e)
      setCode('')
    } finally {
      setBusy(false)
    }
  }

  if (done) {
    return (
      <RecoveryCodes codes={done.codes} intro="Two-factor authentication is on." onSaved={() => onDone(done.session)} />
    )
  }
  if (startError !== undefined) {
    return <ErrorBox title="Two-factor authentication could not be set up" error={startError} onRetry={() => void start()} />
  }
  if (!enrolment) return <Loading label="Preparing your secret…" />

  const text = error instanceof ApiError ? signInErrorText(error) : undefined
  return (
    <div className="enrolment" data-testid="mfa-enrolment">
      <ol className="steps">
        <li>
          Scan this QR code with an authenticator app (for example FreeOTP, Aegis or Google Authenticator):
          <div className="qr">
            <img src={svgDataUrl(enrolment.qr_svg)} alt="QR code holding your two-factor secret" width={200} height={200} />
          </div>
          Or enter this secret by hand (time-based, 6 digits, 30 seconds):
          <div className="secret-row">
            <code className="secret" data-testid="mfa-secret" data-secret={enrolment.secret}>
              {groupSecret(enrolment.secret)}
            </code>
            <CopyButton text={enrolment.secret} />
          </div>
        </li>
        <li>
          <form onSubmit={confirm} noValidate data-testid="mfa-confirm-form">
            {text !== undefined && (
              <p className="error-box" role="alert" data-testid="mfa-error">
                {text}
              </p>
            )}
            {error !== undefined && text === undefined && <ErrorBox error={error} />}
            <TextField
              name="code"
              label="Code shown by the app"
              value={code}
              onChange={setCode}
              autoComplete="one-time-code"
              inputMode="numeric"
            />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={busy} data-testid="mfa-confirm">
                {busy ? 'Checking…' : 'Turn on two-factor authentication'}
              </button>
              <button type="button" onClick={() => void start()} disabled={busy}>
                New secret
              </button>
              {onCancel && (
                <button type="button" onClick={onCancel}>
                  Cancel
                </button>
              )}
            </div>
          </form>
        </li>
      </ol>
    </div>
  )
}
