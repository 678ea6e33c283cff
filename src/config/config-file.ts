// pos-accredit.yaml: validated against docs/schemas/config.schema.json, unknown keys rejected
// with their position and a "did you mean".
import { fileURLToPath } from 'node:url';
import { LoadError } from '../core/diagnostic.js';
import { formatPos } from '../core/words/position.js';
import { validateAgainstFormat } from '../source/format-schema.js';
import { readYamlFile } from '../source/yaml-source.js';

export interface ConfigValues {
  target?: { baseUrl?: string; venue?: string; otherVenue?: string; forbiddenVenue?: string; tokenEnv?: string; tokenFile?: string };
  run?: { suites?: string[]; tags?: string[]; ids?: string[]; timeout?: string | number; callbackTimeout?: string | number; tokenRecheckAfter?: string | number; strict?: boolean };
  report?: { out?: string; reporters?: string[] };
  driver?: { kind?: 'prompt' | 'http' | 'exec'; url?: string; tokenEnv?: string; command?: string };
  mozrest?: { host?: string; port?: number; keyEnv?: string; publicUrl?: string; url?: string };
  /** Optional capabilities the POS supports (names from the contract's `capabilities:`). */
  capabilities?: string[];
}

export interface ConfigFile {
  values: ConfigValues;
  /** `pos-accredit.yaml:4:12` for a dotted key, to name the source of a bad value. */
  posOf(path: string): string;
}

const SCHEMA = fileURLToPath(new URL('../../docs/schemas/config.schema.json', import.meta.url));

export function loadConfigFile(file: string, displayName: string): ConfigFile {
  const source = readYamlFile(file, displayName);
  if (source.data === null || source.data === undefined) return { values: {}, posOf: () => displayName };
  const problems = validateAgainstFormat(source, SCHEMA, 'config file');
  if (problems.length > 0) throw new LoadError(problems);
  return { values: source.data as ConfigValues, posOf: (path) => formatPos(source.pos(path.split('.'))) };
}
