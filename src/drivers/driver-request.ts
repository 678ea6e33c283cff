// What the http and exec drivers send, and how they read what comes back. Both speak the same
// JSON, documented in docs/drivers.md:
//   request: { "action", "venueId", "orderId", "params" }
//   result:  a JSON object, at least { "ok": true }; { "ok": false, "message" } reports a failure.
import type { DriverOutcome } from './driver.js';
import { oneLine } from '../core/words/preview.js';

export interface DriverRequest {
  action: string;
  venueId: string;
  /** The POS id of the order the action concerns; null for actions that create one (open-walk-in). */
  orderId: string | null;
  params: Record<string, unknown>;
}

/** The engine passes `{ orderId, ...actionParams }`: take the order id out, keep the rest as params. */
export function splitOrderId(params: Record<string, unknown>): { orderId: string | null; params: Record<string, unknown> } {
  const { orderId, ...rest } = params;
  let id: string | null = null;
  if (typeof orderId === 'string' && orderId !== '') id = orderId;
  else if (typeof orderId === 'number' && Number.isFinite(orderId)) id = String(orderId);
  return { orderId: id, params: rest };
}

export function buildDriverRequest(action: string, venueId: string, params: Record<string, unknown>): DriverRequest {
  const split = splitOrderId(params);
  return { action, venueId, orderId: split.orderId, params: split.params };
}

/** The outcome when the run is interrupted (Ctrl-C) while an action is in flight. */
export function aborted(action: string): DriverOutcome {
  return { ok: false, code: 'driver-aborted', message: `the run was interrupted before "${action}" finished` };
}

/** Default cap on what a hook or command may answer. */
export const MAX_RESULT_BYTES = 1024 * 1024;

/**
 * Turns the text a hook or command answered into an outcome. `source` names it in messages
 * ("the automation hook", "the driver command").
 */
export function readResult(body: string, source: string, action: string): DriverOutcome {
  const value = parseJsonObject(body);
  if (value === undefined) {
    const shown = body.trim() === '' ? 'nothing' : `"${oneLine(body, 200)}"`;
    return { ok: false, code: 'driver-bad-json', message: `${source} answered ${shown} to "${action}"; expected a JSON object such as {"ok": true}` };
  }
  if (value.ok === false) {
    const reason = typeof value.message === 'string' ? value.message : typeof value.error === 'string' ? value.error : JSON.stringify(value);
    return { ok: false, code: 'driver-action-failed', message: `${source} reported that "${action}" failed: ${oneLine(reason, 300)}` };
  }
  return { ok: true, result: value };
}

/** The whole text as a JSON object, else its last non-empty line (commands may log before answering). */
function parseJsonObject(body: string): Record<string, unknown> | undefined {
  const whole = tryObject(body);
  if (whole !== undefined) return whole;
  const lines = body.split(/\r?\n/).filter((l) => l.trim() !== '');
  const last = lines.at(-1);
  return lines.length > 1 && last !== undefined ? tryObject(last) : undefined;
}

function tryObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}


