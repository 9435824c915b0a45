// A secret the server shows exactly once (token secret, one-time password): the value,
// a copy button and a warning that it cannot be shown again.
import type { ReactNode } from 'react'
import { CopyButton } from './CopyButton'

interface Props {
  title: string
  secret: string
  testId: string
  children?: ReactNode
}

export function OneTimeSecret({ title, secret, testId, children }: Props) {
  return (
    <section className="panel once" role="status" aria-labelledby={`${testId}-title`}>
      <h2 id={`${testId}-title`}>{title}</h2>
      <p className="warning">
        <strong>Shown only now.</strong> Copy it to a safe place; it cannot be shown again.
      </p>
      <div className="secret-row">
        <code className="secret" data-testid={testId}>
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
      {children}
    </section>
  )
}
