// `pos-accredit validate`: the load stage only. Problems are thrown as LoadError (exit 2).
import { loadSuites } from '../../suite/load-suites.js';

export function validateCommand(suitePaths: string[]): number {
  const { suites, contract, schemas } = loadSuites({ paths: suitePaths });
  const cases = suites.reduce((n, s) => n + s.cases.length, 0);
  process.stdout.write(`OK: ${suites.length} suites, ${cases} cases, ${schemas.names().length} schemas, contract ${contract.name} (${contract.version})\n`);
  return 0;
}
