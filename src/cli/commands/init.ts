// `pos-accredit init`: a commented starter config for a vendor's POS.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractCapabilities } from '../../contract/capabilities.js';
import { loadContract } from '../../contract/contract.js';
import { EXIT, PosAccreditError } from '../../core/errors.js';

const BUILTIN_CONTRACT = fileURLToPath(new URL('../../../suites/contract.yaml', import.meta.url));

const TEMPLATE = `# pos-accredit configuration for your POS.
# Precedence: command-line flags > environment variables > this file > defaults.
# "pos-accredit run" in this folder reads this file (unknown keys are errors, with their line).
# Note: a run opens orders on the venue's free tables.

target:
  # Base URL of your POS API (the one you will give Mozrest). HTTPS in production.
  baseUrl: https://pos.example.com/api
  # The venue (restaurant location) id the accreditation runs against.
  venue: your-test-venue-id
  # Optional: a second venue of yours, for the cross-venue checks.
  # otherVenue: your-second-venue-id
  # Optional: a venue this token may NOT access (your POS must answer 403 there).
  # forbiddenVenue: someone-elses-venue-id
  # The token is never written here. Name the environment variable that holds it...
  tokenEnv: POS_ACCREDIT_TOKEN
  # ...or a file that contains it (keep it out of version control).
  # tokenFile: ./secrets/pos-token

run:
  # Per-request timeout: milliseconds or 500ms / 5s / 1m.
  timeout: 10s
  # Fail MUST checks that rest on inferred contract details instead of warning.
  strict: false
  # Only some checks (by tag / suite name, or by id; PREFIX* matches a prefix):
  # tags: [auth, tables]
  # ids: [ORD-CREATE-*]

report:
  # Where reports go (default reports/<timestamp>/).
  # out: reports/latest
  reporters: [console, json]

# The lifecycle checks need the POS to act (add items, pay, void …). Without a driver, a person
# at the terminal is asked; in CI, give your test-automation hook (docs/drivers.md).
# driver:
#   kind: http                       # prompt | http | exec
#   url: https://pos.example.com/test-automation/actions
#   tokenEnv: POS_HOOK_TOKEN         # the variable holding the hook's bearer token
#   # kind: exec
#   # command: node ./scripts/pos-action.js

# Your POS sends its order callbacks to the harness's mock Mozrest (instead of Mozrest's sandbox).
mozrest:
  port: 4020                         # so the URL you configure in the POS stays the same
  keyEnv: POS_ACCREDIT_MOZREST_KEY   # the variable holding the Mozrest API key your POS sends
  # publicUrl: https://my-tunnel.example.com   # when the POS reaches this machine through a tunnel
`;

/** The commented `capabilities:` block, from the built-in contract so it lists what the suites know. */
function capabilitiesBlock(): string {
  const catalogue = contractCapabilities(loadContract(BUILTIN_CONTRACT));
  const optional = catalogue.filter((c) => c.level === 'optional');
  const required = catalogue.filter((c) => c.level === 'required').map((c) => c.name);
  const width = Math.max(0, ...optional.map((c) => c.name.length));
  return [
    '',
    '# Optional capabilities your POS supports: uncomment those it does. Checks that need an',
    '# optional capability not listed here are skipped (they never block accreditation).',
    `# Required ones are always tested: ${required.join(', ')}.`,
    '# capabilities:',
    ...optional.map((c) => `#   - ${c.name.padEnd(width)}  # ${c.note ?? c.source}`),
    '',
  ].join('\n');
}

export function initCommand(options: { force?: boolean; file: string }): number {
  if (existsSync(options.file) && !options.force) {
    throw new PosAccreditError('exists', `${options.file} already exists`, EXIT.usage, 'use --force to overwrite it');
  }
  try {
    writeFileSync(options.file, TEMPLATE + capabilitiesBlock());
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `the folder ${dirname(options.file)} does not exist` : code === 'ENOTDIR' ? 'a file is where a folder should be' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new PosAccreditError('init-unwritable', `--file: cannot create ${options.file}: ${why}${code ? ` (${code})` : ''}`, EXIT.usage, 'give a path in an existing folder this user can write (default ./pos-accredit.yaml)');
  }
  process.stdout.write(`Wrote ${options.file}. Edit target.baseUrl and target.venue, export POS_ACCREDIT_TOKEN, then run: pos-accredit run\n`);
  return 0;
}
