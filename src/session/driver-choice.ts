// Who performs the operator's actions on the POS: the configured driver; otherwise the embedded
// reference POS's own test-automation hook, a person at this terminal, or nobody (the lifecycle
// checks are then skipped and the verdict cannot be pass).
import type { RunConfig } from '../config/run-config.js';
import type { Redactor } from '../core/redactor.js';
import type { Driver } from '../drivers/driver.js';
import { createHttpDriver } from '../drivers/http-driver.js';
import { createDriver } from '../drivers/registry.js';
import type { Target } from './target.js';

export interface DriverChoice {
  driver?: Driver;
  kind?: string;
  notices: string[];
}

/** The configured driver; otherwise the embedded POS's own hook, a person at a terminal, or none. */
export function chooseDriver(config: RunConfig, target: Target, redactor: Redactor, interactive: boolean, signal: AbortSignal, env: NodeJS.ProcessEnv): DriverChoice {
  const deps = { venueId: target.venue, redactor, signal, env, hiddenEnv: [config.tokenEnv, config.mozrest.keyEnv] };
  if (config.driver) {
    return { driver: createDriver(config.driver, deps), kind: config.driver.kind, notices: [`Operator actions: ${config.driver.kind} driver.`] };
  }
  if (target.automation) {
    return { driver: createHttpDriver({ url: target.automation.url, token: target.automation.token, venueId: target.venue, redactor, signal }), kind: 'http', notices: [] };
  }
  if (interactive) {
    return {
      driver: createDriver({ kind: 'prompt' }, deps), kind: 'prompt',
      notices: ['Operator actions: you will be asked to act on the POS at this terminal (use --driver http|exec to automate, or --tag to run only API checks).'],
    };
  }
  return { notices: ['Operator actions: no driver (no terminal to ask): the lifecycle checks are skipped and the verdict cannot be pass. See docs/drivers.md.'] };
}
