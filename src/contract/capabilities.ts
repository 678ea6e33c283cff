// Capabilities (suites/contract.yaml `capabilities:`): what a POS must support (`required`,
// always tested) or may support (`optional`, tested only when the POS declares it). Suite cases
// name the capabilities they exercise under `requires:`; a case needing an optional capability
// the POS does not declare is skipped with a reason, and a skip never blocks the verdict.
import { closest, type Diagnostic } from '../core/diagnostic.js';
import type { YamlSource } from '../source/yaml-source.js';
import type { Basis, RunCapabilities } from '../core/results.js';
import type { Contract } from './types.js';

export const CAPABILITY_LEVELS = ['required', 'optional'] as const;
export type CapabilityLevel = (typeof CAPABILITY_LEVELS)[number];

export interface Capability {
  name: string;
  level: CapabilityLevel;
  basis: Basis;
  source: string;
  note?: string;
}

/** What a run was planned with (`RunResult.capabilities`): declared, required, optional. */
export type CapabilityProfile = RunCapabilities;

/** The contract's capabilities, in file order. A contract without the section has none. */
export function contractCapabilities(contract: Contract): Capability[] {
  return Object.entries(contract.sections.capabilities ?? {}).map(([name, e]) => ({
    name, level: e.value as CapabilityLevel, basis: e.basis, source: e.source, ...(e.note ? { note: e.note } : {}),
  }));
}

/** Load-time check of the contract's `capabilities:` section: each value is required or optional. */
export function checkCapabilitySection(source: YamlSource): Diagnostic[] {
  const section = (source.data as Record<string, unknown> | null)?.capabilities;
  if (section === undefined || section === null || typeof section !== 'object') return [];
  const out: Diagnostic[] = [];
  for (const [name, entry] of Object.entries(section as Record<string, { value?: unknown }>)) {
    if (!(CAPABILITY_LEVELS as readonly unknown[]).includes(entry?.value)) {
      const path = ['capabilities', name, 'value'];
      out.push({
        code: 'bad-capability', message: `capability "${name}" must be required or optional, found ${JSON.stringify(entry?.value)}`,
        pos: source.pos(path), length: source.length(path), hint: 'value: required (always tested) or value: optional (tested when the POS declares it)',
      });
    }
  }
  return out;
}

/** The hint for an unknown capability name: a "did you mean" when one is close, then every known name. */
export function unknownCapabilityHint(name: string, known: readonly string[]): string {
  if (known.length === 0) return 'contract.yaml lists no capabilities: add a capabilities: section beside the suites';
  const guess = closest(name, known);
  return `${guess ? `did you mean "${guess}"? ` : ''}capabilities: ${[...known].sort().join(', ')}`;
}

export function capabilityProfile(catalogue: readonly Capability[], declared: readonly string[]): CapabilityProfile {
  const names = (level: CapabilityLevel): string[] => catalogue.filter((c) => c.level === level).map((c) => c.name).sort();
  return { declared: [...new Set(declared)].sort(), required: names('required'), optional: names('optional') };
}

/**
 * Why a case cannot apply to this POS, or undefined when it can: it requires an optional
 * capability the POS does not declare. Required (and unknown) capabilities never skip a case.
 */
export function capabilitySkipReason(c: { requires: readonly string[] }, catalogue: readonly Capability[], declared: readonly string[]): string | undefined {
  const missing = c.requires
    .map((name) => catalogue.find((cap) => cap.name === name))
    .filter((cap): cap is Capability => cap !== undefined && cap.level === 'optional' && !declared.includes(cap.name));
  if (missing.length === 0) return undefined;
  const parts = missing.map((cap) => `"${cap.name}" (optional: ${cap.note ?? cap.source})`);
  return `the POS does not declare ${missing.length === 1 ? 'capability' : 'capabilities'} ${parts.join(', ')}`;
}

/** The console header line: `Capabilities: pre-orders, table-moves (declared) · required: split-checks, void, walk-ins`. */
export function capabilitiesLine(profile: CapabilityProfile): string {
  const declared = profile.declared.length ? `${profile.declared.join(', ')} (declared)` : 'none declared';
  return `Capabilities: ${declared} · required: ${profile.required.join(', ') || 'none'}`;
}
