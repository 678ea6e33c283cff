// Does a received call answer an await step's CallMatch, and which calls concern the awaited
// order when none does (for the timeout message).

import { formatDuration } from '../core/words/duration.js';
import { idOf, isObject } from './json-values.js';
import { BASE_PATH, pathSegments, relativeToBase, type PathTemplate } from './path-template.js';
import type { CallMatch } from './types.js';
import type { ReceivedCall } from '../core/evidence.js';

export type MatchedBy = 'pos-id' | 'mozrest-id' | 'any';

/**
 * How the call matches (which id `{orderId}` carried), or undefined. The template is matched
 * against the path as received, so a call the mock refused (401, 400) still matches: the await
 * step reports its problems instead of timing out.
 */
export function matchCall(call: ReceivedCall, match: CallMatch, template: PathTemplate): MatchedBy | undefined {
  if (call.method.toUpperCase() !== match.method.toUpperCase()) return undefined;
  const relative = relativeToBase(call.path);
  const params = relative === undefined ? undefined : template.match(relative);
  if (!params) return undefined;
  if (template.params.includes('venueId') && params.venueId !== match.venueId) return undefined;

  const { posId, mozrestId } = match.order;
  // M1 has no {orderId}: the POS's id is the body's `id`, the Mozrest id is the one we answered.
  const [asPos, asMozrest] = template.params.includes('orderId')
    ? [params.orderId, params.orderId]
    : [idOf(call.body), issuedId(call)];
  let by: MatchedBy | undefined;
  if (posId === undefined && mozrestId === undefined) by = 'any';
  else if (posId !== undefined && asPos === posId) by = 'pos-id';
  else if (mozrestId !== undefined && asMozrest === mozrestId) by = 'mozrest-id';
  if (by === undefined) return undefined;
  return !match.where || match.where(call) ? by : undefined;
}

/**
 * Calls that concern the awaited order, by either id, wherever they went (a wrong path or venue
 * is exactly what the timeout message should reveal). No ids given: the venue's calls.
 */
export function relatedCalls(calls: readonly ReceivedCall[], match: CallMatch): ReceivedCall[] {
  const ids = [match.order.posId, match.order.mozrestId].filter((id): id is string => id !== undefined);
  return calls.filter((call) => {
    if (ids.length === 0) return call.route ? call.route.venueId === match.venueId : pathSegments(call.path).includes(match.venueId);
    const mentioned = [call.route?.orderId, idOf(call.body), issuedId(call), ...(call.route ? [] : pathSegments(call.path))];
    return mentioned.some((id) => id !== undefined && ids.includes(id));
  });
}

/**
 * Why a wait ended without its call. `near`: calls that matched all but the `where` — then the
 * message counts them and says what none of them had, not that nothing came.
 */
export function describeMiss(match: CallMatch, reason: 'timeout' | 'aborted', timeoutMs: number, related: readonly ReceivedCall[], near: readonly ReceivedCall[] = []): string {
  const { posId, mozrestId } = match.order;
  const subject =
    posId !== undefined && mozrestId !== undefined ? `order ${posId} (Mozrest id ${mozrestId})`
    : posId !== undefined ? `order ${posId}`
    : mozrestId !== undefined ? `order ${mozrestId}`
    : `venue ${match.venueId}`;
  const what = `${match.method.toUpperCase()} ${match.path} call for ${subject}`;
  const kinds = new Set(near.map((c) => c.route?.kind ?? 'call'));
  const noun = kinds.size === 1 && !kinds.has('call') ? `${[...kinds][0]}${near.length === 1 ? '' : 's'}` : `${match.method.toUpperCase()} ${match.path} call${near.length === 1 ? '' : 's'}`;
  const head = reason !== 'timeout' ? `stopped waiting for a ${what}: aborted`
    : near.length > 0 ? `${near.length} ${noun} arrived for ${subject} within ${formatDuration(timeoutMs)}; none had ${match.whereText ?? 'what the step asks (where)'}`
    : `no ${what} within ${formatDuration(timeoutMs)}`;
  if (related.length === 0) return head;
  const shown = related.slice(0, 5).map((c) => describeCall(c, match.venueId));
  const more = related.length > shown.length ? `, and ${related.length - shown.length} more` : '';
  const label = posId !== undefined || mozrestId !== undefined ? 'this order' : 'this venue';
  return `${head}; received for ${label}: ${shown.join(', ')}${more}`;
}

/** `PUT …/order/98765 (update) at 12:01:02`; the status is named when it was not 200. */
export function describeCall(call: ReceivedCall, venueId: string): string {
  const pathname = call.path.split('?', 1)[0] ?? call.path;
  const venuePrefix = `${BASE_PATH}/${encodeURIComponent(venueId)}`;
  const shown = pathname.startsWith(`${venuePrefix}/`) ? `…${pathname.slice(venuePrefix.length)}` : pathname;
  const notes = [call.route?.kind ?? 'no such endpoint', ...(call.response.status === 200 ? [] : [`answered ${call.response.status}`])];
  return `${call.method} ${shown} (${notes.join(', ')}) at ${call.receivedAt.slice(11, 19)}`;
}


/** The Mozrest id the mock answered this call with, when it accepted it. */
function issuedId(call: ReceivedCall): string | undefined {
  const body = call.response.body;
  return call.response.status === 200 && isObject(body) && typeof body.id === 'string' ? body.id : undefined;
}
