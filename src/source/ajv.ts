// How every JSON Schema check builds its validator: ajv for draft 2020-12, with ajv-formats (the
// suite, contract, config and check-list formats, the suites' own schemas, callback payloads).
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** `verbose` keeps each error's parent schema, which the suite loader reads for did-you-mean hints. */
export function createAjv(options: { verbose?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, verbose: options.verbose ?? false });
  addFormats(ajv);
  return ajv;
}
