// <Link>: an <a href> that navigates client-side on a plain left click and behaves like a
// normal link otherwise (new tab, copy address).
import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { navigate } from './location'

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; replace?: boolean }

export function Link({ to, replace, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (event.defaultPrevented) return
    // Let the browser handle new-tab/window clicks and non-primary buttons.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    if (rest.target && rest.target !== '_self') return
    event.preventDefault()
    navigate(to, { replace })
  }
  return <a href={to} onClick={handle} {...rest} />
}
