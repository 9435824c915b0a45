// The PATCH body of the person form.

export interface Values {
  name: string
  email: string
  job_title: string
  role_ids: string[]
  employment_status: string
}

export const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x))

/** The PATCH body: changed fields only. */
export function personPatch(before: Values, after: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const key of ['name', 'email', 'job_title', 'employment_status'] as const) {
    if (before[key] !== after[key]) body[key] = after[key]
  }
  if (!sameSet(before.role_ids, after.role_ids)) body.role_ids = after.role_ids
  return body
}
