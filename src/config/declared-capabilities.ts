// What the POS declares it supports, checked against the contract's capabilities once the suites
// (and their contract.yaml) are loaded. An unknown name is a usage error naming its source.
import { PosAccreditError, EXIT } from '../core/errors.js';
import { unknownCapabilityHint, type Capability } from '../contract/capabilities.js';
import type { CapabilityDeclaration } from './run-config.js';

/**
 * The declared capability names. Without a declaration, the embedded reference POS declares
 * every capability (it implements them all) and any other POS declares none: its cases needing
 * an optional capability are skipped, the required ones run regardless.
 */
export function declaredCapabilities(declaration: CapabilityDeclaration | undefined, catalogue: readonly Capability[], embedded: boolean): string[] {
  const known = catalogue.map((c) => c.name);
  if (!declaration) return embedded ? known : [];
  declaration.names.forEach((name, i) => {
    if (!known.includes(name)) {
      throw new PosAccreditError('unknown-capability', `${declaration.sources[i] ?? 'capabilities'}: unknown capability "${name}"`, EXIT.usage, unknownCapabilityHint(name, known));
    }
  });
  return [...new Set(declaration.names)];
}
