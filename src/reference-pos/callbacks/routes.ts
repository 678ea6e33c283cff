// Where each callback goes (§3): M1 `POST /{venueId}/order`, M2 `PUT /{venueId}/order/{orderId}`,
// M3 `PUT …/close`, M4 `PUT …/void` (M4's path is inferred, A5), relative to Mozrest's base URL
// (`https://api-sandbox.mozrest.com/v1/pos`; the harness's mock in tests). Paths are data so a
// confirmation from Mozrest changes options, not code.
//
// Ids in the path: `{venueId}` is the POS venue id the E-endpoints use (whose id it is, A12, is
// open). `{orderId}` is the same in M2, M3 and M4: by default the POS's own order id, the one every
// order has, walk-ins included, and the one the payload's `id` carries; the contract leaves open
// whether Mozrest expects its own id there instead (A11), so `callbackIds: 'mozrest'` sends that
// (path-ids.ts).

import type { CallbackKind } from './payload.js';

export type MozrestPaths = Record<CallbackKind, string>;

export const DEFAULT_PATHS: Readonly<MozrestPaths> = {
  create: '/{venueId}/order',
  update: '/{venueId}/order/{orderId}',
  close: '/{venueId}/order/{orderId}/close',
  void: '/{venueId}/order/{orderId}/void',
};

export const CALLBACK_METHODS: Readonly<Record<CallbackKind, 'POST' | 'PUT'>> = {
  create: 'POST',
  update: 'PUT',
  close: 'PUT',
  void: 'PUT',
};

/** `baseUrl` + the template with its ids filled in (URL-encoded); one slash between the two. */
export function callbackUrl(baseUrl: string, template: string, ids: { venueId: string; orderId: string }): string {
  const path = template
    .replaceAll('{venueId}', encodeURIComponent(ids.venueId))
    .replaceAll('{orderId}', encodeURIComponent(ids.orderId));
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
