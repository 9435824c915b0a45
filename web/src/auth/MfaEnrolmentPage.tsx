import type { SessionInfo } from '../api/types'
import { AuthLayout } from './AuthLayout'
import { MfaEnrolment } from './MfaEnrolment'
import { setSession } from './store'

export function MfaEnrolmentPage({ session }: { session: SessionInfo }) {
  return (
    <AuthLayout title="Set up two-factor authentication" username={session.user.username} wide>
      <p>Your role requires two-factor authentication. Set it up once; afterwards each login asks for a code from the app.</p>
      <MfaEnrolment onDone={setSession} />
    </AuthLayout>
  )
}
