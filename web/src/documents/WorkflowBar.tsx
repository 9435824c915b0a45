// The workflow steps the reader may take on the document, each confirming first where
// it needs words (return: a comment; archive: a reason). A refused step (409 stale or
// wrong state, 403 not the information owner) says so and offers a reload.
import { useState } from 'react'
import { api, ApiError } from '../api/client'
import type { DocumentView } from '../api/types'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { Link } from '../router'
import { documentApi, editRoute } from './paths'
import { actionLabels, actionPaths, stepBody, workflowActions, workflowErrorTitle, type WorkflowAction } from './workflow'

interface Props {
  view: DocumentView
  onChanged: (view: DocumentView, action: WorkflowAction) => void
  onReload: () => void
}

export function WorkflowBar({ view, onChanged, onReload }: Props) {
  const [busy, setBusy] = useState<WorkflowAction>()
  const [failure, setFailure] = useState<{ action: WorkflowAction; error: unknown }>()
  const [asking, setAsking] = useState<'return' | 'archive'>()
  const [text, setText] = useState('')
  const actions = workflowActions({
    status: view.latest.status,
    canWrite: view.can_write === true,
    canApprove: view.can_approve === true,
    archived: !!view.document.archived_at,
  })

  const run = async (action: WorkflowAction, words = '') => {
    const path = actionPaths[action]
    if (!path) return
    setBusy(action)
    setFailure(undefined)
    try {
      const next = await api<DocumentView>(`${documentApi(view.document.id)}/${path}`, { method: 'POST', body: stepBody(action, view, words) })
      setAsking(undefined)
      setText('')
      onChanged(next, action)
    } catch (error) {
      setFailure({ action, error })
    } finally {
      setBusy(undefined)
    }
  }

  if (actions.length === 0 && !failure) return null
  const status = failure?.error instanceof ApiError ? failure.error.status : 0
  const inDialog = failure !== undefined && asking !== undefined && failure.action === asking
  return (
    <>
      <div className="workflow-bar" role="group" aria-label="Workflow" data-testid="workflow">
        {actions.map((action) =>
          action === 'edit' ? (
            <Link key={action} to={editRoute(view.document.id)} className="button primary" data-testid="workflow-edit">
              {actionLabels.edit}
            </Link>
          ) : (
            <button
              key={action}
              type="button"
              className={action === 'archive' ? 'danger' : action === 'approve' || action === 'publish' || action === 'submit' ? 'primary' : undefined}
              disabled={busy !== undefined}
              onClick={() => {
                if (action === 'return' || action === 'archive') {
                  setFailure(undefined)
                  setText('')
                  setAsking(action)
                } else void run(action)
              }}
              data-testid={`workflow-${action}`}
            >
              {busy === action ? 'Working…' : actionLabels[action]}
            </button>
          ),
        )}
      </div>
      {failure && !inDialog && (
        <div data-testid="workflow-error">
          <ErrorBox title={workflowErrorTitle(status, failure.action)} error={failure.error} />
          {status === 409 && (
            <p>
              <button type="button" onClick={onReload} data-testid="workflow-reload">
                Reload the document
              </button>
            </p>
          )}
        </div>
      )}
      <Dialog
        open={asking !== undefined}
        title={asking === 'archive' ? 'Archive document' : 'Return to draft'}
        onClose={() => {
          setAsking(undefined)
          setFailure(undefined)
        }}
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            if (asking) void run(asking, text)
          }}
        >
          <div className="field">
            <label htmlFor="workflow-text">{asking === 'archive' ? 'Reason' : 'Comment for the author'}</label>
            <textarea id="workflow-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} data-testid="workflow-text" />
          </div>
          {inDialog && <ErrorBox title={workflowErrorTitle(status, failure.action)} error={failure.error} />}
          <div className="form-actions">
            <button type="submit" className={asking === 'archive' ? 'danger' : 'primary'} disabled={busy !== undefined} data-testid="workflow-confirm">
              {busy ? 'Working…' : asking === 'archive' ? 'Archive' : 'Return to draft'}
            </button>
            <button
              type="button"
              onClick={() => {
                setAsking(undefined)
                setFailure(undefined)
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
    </>
  )
}
