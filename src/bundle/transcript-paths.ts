// Where each case's transcript lives in a bundle. The writer names them, and verify expects
// exactly these names, so a case whose transcript is missing is noticed.

/** Case ids become file names: anything but letters, digits, `.`, `_` and `-` turns into `_`. */
export function transcriptPath(caseId: string): string {
  const name = caseId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';
  return `transcripts/${name}.txt`;
}

/**
 * The transcript of each case, in order; ids that map to the same name — ignoring case, as the
 * file systems of macOS and Windows do (`A` and `a`) — get `-2`, `-3`, …
 */
export function transcriptPaths(caseIds: readonly string[]): string[] {
  const taken = new Set<string>();
  return caseIds.map((id) => {
    const path = transcriptPath(id);
    let unique = path;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = path.replace(/\.txt$/, `-${n}.txt`);
    taken.add(unique.toLowerCase());
    return unique;
  });
}
