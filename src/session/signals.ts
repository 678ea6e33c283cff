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
  // The signal's name is the abort's reason: the run says which one stopped it (130 or 143).
  const on = (name: 'SIGINT' | 'SIGTERM') => (): void => {
    if (interrupt.signal.aborted) process.exit(name === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
    interrupt.abort(name);
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: interrupt.signal,
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
