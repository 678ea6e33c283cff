// A long list of ids (`ORD-A, ORD-B, …`: every check one cause failed or blocked) broken into
// lines a terminal or a CI log shows without wrapping mid-id. The width is fixed, not the
// terminal's: the same run prints the same lines everywhere.

/** Characters per line of a wrapped list, indentation included. */
export const LIST_WIDTH = 100;

/**
 * `items` joined by `, ` in lines: the first at most `firstWidth` characters, the others at most
 * `width`; a line ends with the comma of its last item. An item longer than a line is never cut:
 * it gets a line of its own.
 */
export function wrapList(items: readonly string[], firstWidth: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [i, item] of items.entries()) {
    const text = i < items.length - 1 ? `${item},` : item;
    const room = lines.length === 0 ? firstWidth : width;
    if (line !== '' && line.length + 1 + text.length > room) {
      lines.push(line);
      line = text;
    } else {
      line = line === '' ? text : `${line} ${text}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
