// Last line of defence against a blank page: a rendering bug shows a message and a way
// back instead of unmounting the whole UI.
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { ErrorBox } from './ErrorBox'

interface Props {
  children: ReactNode
  /** changes (e.g. the URL) clear a previous error */
  resetKey: string
}

interface State {
  error: unknown
  key: string
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, key: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: undefined, key: props.resetKey } : null
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('UI error', error, info.componentStack)
  }

  override render(): ReactNode {
    if (this.state.error !== undefined) {
      return (
        <ErrorBox
          title="This page failed to display"
          error={this.state.error}
          onRetry={() => this.setState({ error: undefined })}
        />
      )
    }
    return this.props.children
  }
}
