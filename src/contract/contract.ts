// The contract profile (suites/contract.yaml): every path, enumeration and format the suites rely
// on, each marked documented or inferred with its source. A confirmation from Mozrest changes
// this data, not code.
import { fileURLToPath } from 'node:url';
import { LoadError } from '../core/diagnostic.js';
import { validateAgainstFormat } from '../source/format-schema.js';
import { readYamlFile } from '../source/yaml-source.js';
import { checkCapabilitySection } from './capabilities.js';
import type { Contract, ContractEntry } from './types.js';

const SCHEMA = fileURLToPath(new URL('../../docs/schemas/contract.schema.json', import.meta.url));

export function loadContract(file: string, displayName = file): Contract {
  const source = readYamlFile(file, displayName);
  const problems = validateAgainstFormat(source, SCHEMA, 'contract');
  if (problems.length === 0) problems.push(...checkCapabilitySection(source));
  if (problems.length > 0) throw new LoadError(problems);
  const raw = source.data as { contract: string; version: string } & Record<string, Record<string, ContractEntry>>;
  const { contract: name, version, ...sections } = raw;
  return { name, version, file: displayName, sections };
}

/** The values only, as templates see them: `contract.paths.getOrder`. */
export function contractValues(contract: Contract): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [section, entries] of Object.entries(contract.sections)) {
    out[section] = Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, e.value]));
  }
  return out;
}

/** Fills `{name}` placeholders of a contract path in order: fill('/venue/{venueId}/x/{id}', v, id). */
export function fillPath(template: string, values: unknown[]): string {
  let i = 0;
  return template.replace(/\{[^{}]+\}/g, (slot) => {
    if (i >= values.length) throw new Error(`no value for ${slot} in ${template}`);
    return encodeURIComponent(String(values[i++]));
  });
}

/** The paths of Mozrest's own endpoints (M1–M4) the POS calls, from the contract profile. */
export function mozrestPaths(contract: Contract): { create: string; update: string; close: string; void: string } {
  const path = (name: string): string => String(contract.sections.paths?.[name]?.value ?? '');
  return { create: path('mozrestCreateOrder'), update: path('mozrestUpdateOrder'), close: path('mozrestCloseOrder'), void: path('mozrestVoidOrder') };
}
