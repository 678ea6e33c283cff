// What every endpoint handler receives. The router has already authenticated the caller and
// resolved the venue, so handlers deal only with their own endpoint's rules.

import type { IncomingMessage } from 'node:http';
import type { FaultSet } from '../faults.js';
import type { Reply } from '../http-io.js';
import type { Venue } from '../model.js';
import type { PosStore } from '../store.js';

export interface RequestContext {
  req: IncomingMessage;
  venue: Venue;
  /** Path parameters other than the venue, e.g. `orderId`. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  store: PosStore;
  faults: FaultSet;
  now: () => Date;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;
