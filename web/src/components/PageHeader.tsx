import { useEffect, type ReactNode } from 'react'

interface Props {
  title: string
  subtitle?: ReactNode
  actions?: ReactNode
  /** breadcrumb-like link above the title */
  back?: ReactNode
}

export function PageHeader({ title, subtitle, actions, back }: Props) {
  useEffect(() => {
    document.title = `${title} · isms`
  }, [title])
  return (
    <div className="page-header">
      <div>
        {back && <div className="back">{back}</div>}
        <h1>{title}</h1>
        {subtitle && <div className="subtitle">{subtitle}</div>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </div>
  )
}
