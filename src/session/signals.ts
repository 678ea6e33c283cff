// Ctrl-C and SIGTERM (a CI job's timeout) during a run: the first stops it after the current step
// (and any driver action in flight), so the reports are still written; a second one exits at once.
import { EXIT } from '../core/errors.js';

export interface SignalWatch {
  /** Aborted by the first signal. */
  signal: AbortSignal;
  /** Stop listening (the run is over). */
  dispose(): void;
}

export function watchSignals(): SignalWatch {
  const interrupt = new AbortController();
  const onSignal = (): void => {
    if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: interrupt.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
