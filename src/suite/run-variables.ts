// The variables the engine provides to every step (execute-run.ts builds them), and the optional
// run settings a case may `needs:` — when one is not configured, the case is skipped with the
// reason below instead of failing for want of it.

/** Variables every step can read; the runner provides them. */
export const RUN_VARIABLES = ['venue', 'otherVenue', 'forbiddenVenue', 'baseUrl', 'target', 'token', 'runId', 'contract', 'tokenRecheckAfterMs', 'tokenNearMisses', 'tokenInBasic'] as const;

/**
 * Run variables that may be left unconfigured (their value is then null), with what they are and
 * how to give them: the skip reason of a case that needs one.
 */
export const OPTIONAL_RUN_VARIABLES: Readonly<Record<string, string>> = {
  forbiddenVenue:
    'a venue the POS knows but the accreditation token may not access; give one with --forbidden-venue ' +
    '(POS_ACCREDIT_FORBIDDEN_VENUE, target.forbiddenVenue in the config file)',
};

/** Why a case cannot run for want of a setting, or undefined when every one it needs is there. */
export function missingSettingReason(needs: readonly string[], scope: ReadonlyMap<string, unknown>): string | undefined {
  const missing = needs.filter((name) => {
    const value = scope.get(name);
    return value === undefined || value === null || value === '';
  });
  if (missing.length === 0) return undefined;
  return missing.map((name) => `needs ${name}, which is not configured: ${OPTIONAL_RUN_VARIABLES[name] ?? 'a run setting'}`).join('; ');
}
