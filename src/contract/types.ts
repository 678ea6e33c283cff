// The contract profile as loaded: sections of entries, each value with its basis and source.
import type { Basis } from '../core/results.js';

export interface ContractEntry {
  value: unknown;
  basis: Basis;
  source: string;
  note?: string;
}

export interface Contract {
  name: string;
  version: string;
  file: string;
  /** section → key → entry, e.g. paths.getOrder. */
  sections: Record<string, Record<string, ContractEntry>>;
}
