// Shows any failure the same way: what happened, the error code and HTTP status, and the
// request id a user can quote in a bug report (the server logs details under that id).
import { ApiError } from '../api/client'

interface Props {
  error: unknown
  title?: string
  onRetry?: () => void
}

const titles: Record<string, string> = {
  not_found: 'Not found',
  network: 'Server not reachable',
  unavailable: 'Service unavailable',
  forbidden: 'Not allowed',
  unauthenticated: 'Not signed in',
}

export function ErrorBox({ error, title, onRetry }: Props) {
  const api = error instanceof ApiError ? error : undefined
  // A 404 cannot be fixed by trying again.
  const retry = api?.code === 'not_found' ? undefined : onRetry
  const message = error instanceof Error ? error.message : String(error)
  return (
    <div className="error-box" role="alert" data-testid="error-box">
      <strong>{title ?? (api && titles[api.code]) ?? 'Something went wrong'}</strong>
      <p>{message}</p>
      {api && (
        <p className="error-meta">
          {api.status > 0 && <span>HTTP {api.status}</span>}
          <span>code {api.code}</span>
          {api.requestId && (
            <span>
              request id <code data-testid="request-id">{api.requestId}</code>
            </span>
          )}
        </p>
      )}
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  )
}
