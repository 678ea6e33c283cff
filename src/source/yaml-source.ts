// A YAML file parsed with positions kept: any JSON Pointer into the data can be turned back
// into file:line:col of its key or its value.
import { readFileSync } from 'node:fs';
import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { LoadError, type Diagnostic } from '../core/diagnostic.js';
import type { SourcePos } from '../core/words/position.js';

export interface YamlSource {
  file: string;
  text: string;
  data: unknown;
  /** Position of the value (or, with `key`, of the key) at a JSON-Pointer-like path. */
  pos(path: readonly (string | number)[], key?: boolean): SourcePos;
  /** Length of the scalar at a path (for caret underlines); 1 for collections. */
  length(path: readonly (string | number)[]): number;
  /** Whether the scalar at a path was quoted (affects column of placeholders). */
  quoted(path: readonly (string | number)[]): boolean;
}

/** Reads and parses a YAML file; syntax errors become diagnostics with positions (exit 2). */
export function readYamlFile(file: string, displayName = file): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new LoadError([{ code: 'file-unreadable', message: `cannot read ${displayName}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, pos: { file: displayName, line: 1, col: 1 } }]);
  }
  return parseYamlText(text, displayName);
}

export function parseYamlText(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePos => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line: Math.max(1, line), col: Math.max(1, col) };
  };
  if (doc.errors.length > 0) {
    // After the first syntax error the parser's view of the rest is unreliable: report only it.
    const diagnostics: Diagnostic[] = doc.errors.slice(0, 1).map((e) => ({
      code: 'yaml-syntax',
      message: firstLine(e.message),
      pos: at(e.pos[0]),
      hint: e.code === 'BAD_INDENT' || e.code === 'MISSING_CHAR' ? 'check the indentation of this line against its parent' : e.code === 'DUPLICATE_KEY' ? 'each key may appear once in a mapping' : undefined,
    }));
    throw new LoadError(diagnostics);
  }
  const collectionKey = findCollectionKey(doc);
  if (collectionKey) {
    throw new LoadError([{
      code: 'unquoted-placeholder', message: 'a mapping key that is itself a mapping: probably an unquoted {{ placeholder }}', pos: at(collectionKey),
      hint: 'quote values that start with {{, e.g. eq: "{{ venue }}"',
    }]);
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return {
    file, text, data,
    pos: (path, key = false) => {
      const found = locate(doc, path);
      const node = key && found.key ? found.key : found.node;
      return at(node?.range?.[0] ?? 0);
    },
    length: (path) => {
      const { node } = locate(doc, path);
      if (node && isScalar(node) && node.range) return Math.max(1, node.range[1] - node.range[0]);
      return 1;
    },
    quoted: (path) => {
      const { node } = locate(doc, path);
      return !!node && isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    },
  };
}

/** YAML reads `eq: {{ venue }}` as a map whose key is a map; JSON has no such thing. */
function findCollectionKey(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isCollection(pair.key)) {
        found = (pair.key as Node).range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Walks as far down the path as the document goes; returns the deepest node reached. */
function locate(doc: Document, path: readonly (string | number)[]): { node?: Node; key?: Node } {
  let node = doc.contents as Node | null;
  let key: Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      key = undefined;
      node = item;
    } else break;
  }
  return { node: node ?? undefined, key };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}
