// A one-shot message carried across a navigation ("Asset saved" shown on the detail page
// the form redirects to). Module state is enough: there is one UI per tab.
let pending: string | undefined

export function setFlash(message: string): void {
  pending = message
}

export function peekFlash(): string | undefined {
  return pending
}

export function clearFlash(): void {
  pending = undefined
}
