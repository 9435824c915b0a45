import type { SessionInfo } from '../api/types'
import { AuthLayout } from './AuthLayout'
import { ChangePasswordForm } from './ChangePasswordForm'

export function ChangePasswordPage({ session }: { session: SessionInfo }) {
  return (
    <AuthLayout title="Choose a new password" username={session.user.username}>
      <p>
        Your password was set by an administrator (or has been reset) and works only once. Choose your own password to
        continue.
      </p>
      <ChangePasswordForm submitLabel="Set new password" />
    </AuthLayout>
  )
}
