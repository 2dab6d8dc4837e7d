import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState, errorMessage } from './error-state';

interface Props {
  children: ReactNode;
  /** Changing this (e.g. the route) clears a caught error. */
  resetKey: string;
}

/** A screen that throws while rendering shows the error state instead of a blank window. */
export class ErrorBoundary extends Component<Props, { error: unknown; resetKey: string }> {
  override state = { error: null as unknown, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: unknown; resetKey: string }) {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('screen failed', error, info.componentStack);
  }

  override render() {
    if (this.state.error !== null) {
      return <ErrorState title="This screen failed" message={errorMessage(this.state.error)} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
