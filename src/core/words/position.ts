// Where something is in a source file, and the one way it is written: `suites/orders.yaml:12:7`.

export interface SourcePos {
  /** Path as given to the loader (relative to the working directory when possible). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
}

/** `suites/orders.yaml:12:7` */
export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}
