// What `verify` found wrong with a bundle: which file, what kind of problem, in one line.

export type ProblemKind =
  | 'modified' | 'missing' | 'unexpected' | 'signature-mismatch' | 'malformed-signature' | 'unsigned' | 'wrong-key' | 'malformed-manifest'
  /** A file every bundle has (report.json, tool.json, config.json, a case's transcript) is not in the manifest. */
  | 'incomplete'
  /** report.json does not parse, disagrees with the manifest's summary or with itself, or a transcript has no case. */
  | 'inconsistent';

export interface VerifyProblem {
  /** The file the problem is about. */
  file: string;
  kind: ProblemKind;
  /** One line, without the file name. */
  message: string;
  /** Every file the problem may come from, when it is more than one (a signature mismatch). */
  files?: string[];
}
