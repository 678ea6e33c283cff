import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseResult, type RunResult, type StatusCounts } from '../../src/core/results.js';
import {
  MARKDOWN_FILE_NAME,
  MARKDOWN_MAX_CHARS,
  MARKDOWN_MAX_ROWS,
  createMarkdownReporter,
  mdInline,
  renderMarkdown,
} from '../../src/report/markdown-reporter.js';
import { Redactor } from '../../src/core/redactor.js';
import type { ReporterContext } from '../../src/report/reporter.js';
import { accreditReferencePos } from '../helpers/accredit.js';
import { assertion, caseResult, pos, runResult, sampleCases, step } from '../helpers/sample-results.js';
import { blockedRun, ROOT_REASON } from '../helpers/blocked-results.js';

/** Splits a table row into cells the way GitHub (cmark-gfm) does: `\` escapes the next character. */
function cells(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      current += ch + line[i + 1]!;
      i++;
    } else if (ch === '|') {
      out.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current.trim());
  // A row starts and ends with a pipe: drop the empty first and last pieces.
  return out.slice(1, -1);
}

interface Table { header: string[]; rows: string[][] }

/** Every table: consecutive lines starting with `|`, the second being the delimiter row. */
function tables(md: string): Table[] {
  const found: Table[] = [];
  let block: string[] = [];
  for (const line of [...md.split('\n'), '']) {
    if (line.startsWith('|')) {
      block.push(line);
      continue;
    }
    if (block.length > 0) {
      expect(block[1], `delimiter row of ${block[0]}`).toMatch(/^\|( *:?-+:? *\|)+$/);
      found.push({ header: cells(block[0]!), rows: block.slice(2).map(cells) });
    }
    block = [];
  }
  return found;
}

const unescape = (text: string): string => text.replace(/\\(.)/g, '$1');

function tableWith(md: string, firstHeader: string, secondHeader?: string): Table | undefined {
  return tables(md).find((t) => t.header[0] === firstHeader && (secondHeader === undefined || t.header[1] === secondHeader));
}

/** Every case id a table names: a row's own, or those a `… and N more` row lists for its reason. */
function idsIn(t: Table): string[] {
  return t.rows.flatMap((r) => {
    const first = unescape(r[0]!);
    if (!first.startsWith('…') && !first.startsWith('⊘')) return [first];
    // The cell of ids (they all hold a `-`; a level or a status does not).
    const listed = r.slice(1).map(unescape).find((c) => /^(\(the same reason\): )?[A-Z][A-Z0-9]*-[A-Z0-9-]*(, |$)/.test(c)) ?? '';
    return listed.replace(/^\(the same reason\): /, '').split(', ');
  });
}

function countsOf(md: string): { columns: string[]; rows: Map<string, number[]> } {
  const t = tableWith(md, 'Level');
  if (!t) throw new Error('no counts table');
  return { columns: t.header.slice(1), rows: new Map(t.rows.map((r) => [r[0]!, r.slice(1).map(Number)])) };
}

function expectCounts(md: string, result: RunResult): void {
  const { columns, rows } = countsOf(md);
  const statuses = columns.slice(0, -1) as Array<keyof StatusCounts>;
  expect(columns.at(-1)).toBe('total');
  const expected = (c: StatusCounts, total: number): number[] => [...statuses.map((s) => c[s]), total];
  const sum = (c: StatusCounts): number => Object.values(c).reduce((a, b) => a + b, 0);
  expect(rows.get('MUST')).toEqual(expected(result.counts.byLevel.must, sum(result.counts.byLevel.must)));
  expect(rows.get('SHOULD')).toEqual(expected(result.counts.byLevel.should, sum(result.counts.byLevel.should)));
  expect(rows.get('MAY')).toEqual(expected(result.counts.byLevel.may, sum(result.counts.byLevel.may)));
  expect(rows.get('**Total**')).toEqual(expected(result.counts.byStatus, result.counts.total));
  // No status is left out but `blocked` and `manual` when there is none.
  const hidden = CASE_STATUSES.filter((s) => !statuses.includes(s));
  expect(hidden.every((s) => (s === 'manual' || s === 'blocked') && result.counts.byStatus[s] === 0)).toBe(true);
}

/** Structural safety of any summary: tables keep their shape, only our own HTML tags, no code spans. */
function expectWellFormed(md: string): void {
  for (const t of tables(md)) for (const r of t.rows) expect(r, JSON.stringify(r)).toHaveLength(t.header.length);
  const tags = md.match(/<[^>]*>?/g) ?? [];
  expect(tags.filter((t) => !/^<\/?(details|summary|sub)>$/.test(t))).toEqual([]);
  expect(md.match(/<details>/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
  // Backticks and link brackets from the data are escaped (an odd run of backslashes precedes them).
  expect(md).not.toMatch(/(^|[^\\])(\\\\)*[`]/);
  expect(md.replace(/^- \[ \] /gm, '').replace(/^> \[!WARNING\]$/gm, '')).not.toMatch(/(^|[^\\])(\\\\)*[[\]]/);
}

describe('renderMarkdown', () => {
  it('puts result.counts in the counts table (with a manual column when any)', () => {
    const result = runResult();
    const md = renderMarkdown(result);
    expectCounts(md, result);
    expect(countsOf(md).columns).toContain('manual');
    const noManual = runResult(sampleCases().filter((c) => c.status !== 'manual'));
    expectCounts(renderMarkdown(noManual), noManual);
    expect(countsOf(renderMarkdown(noManual)).columns).not.toContain('manual');
  });

  it('says FAIL and lists every blocking failure with expected, actual and where', () => {
    const result = runResult();
    const md = renderMarkdown(result);
    expect(md.split('\n')[0]).toBe('## ❌ FAIL: POS accreditation');
    const t = tableWith(md, 'ID', 'Title');
    expect(t?.header).toEqual(['ID', 'Title', 'Status', 'Reason', 'Expected', 'Actual', 'Where']);
    expect(t?.rows.map((r) => unescape(r[0]!))).toEqual(result.blocking.map((b) => b.id));
    expect(t?.rows[0]?.slice(2).map(unescape)).toEqual(['FAIL', 'status 500, expected 201', '201', '500', 'suites/orders.yaml:14:9']);
    expectWellFormed(md);
  });

  it('folds warnings and skips (with reasons), and lists manual checks as a checklist', () => {
    const md = renderMarkdown(runResult());
    expect(md).toContain('<summary>⚠️ Warnings (1)</summary>');
    expect(md).toContain('<summary>⏭️ Skipped (1)</summary>');
    expect(tableWith(md, 'ID', 'Level')?.rows.map((r) => r.map(unescape))).toEqual([
      ['ORD-LIST-SHAPE', 'SHOULD', 'Title of ORD-LIST-SHAPE', 'items is not an array', 'suites/list.yaml:30:13'],
    ]);
    expect(unescape(md)).toContain('| ORD-PREORDER | MAY | requires capability pre-orders |');
    expect(md).toMatch(/^- \[ \] \*\*ORD-RECEIPT\*\* Title of ORD-RECEIPT — confirm: a reviewer must compare the receipt$/m);
  });

  it('says PASS and has no blocking table on a passing run', () => {
    const md = renderMarkdown(runResult([caseResult('ORD-CREATE-MIN', 'pass')]));
    expect(md.split('\n')[0]).toBe('## ✅ PASS: POS accreditation');
    expect(md).not.toContain('FAIL');
    expect(md).not.toContain('Blocking');
    expect(tableWith(md, 'ID', 'Title')).toBeUndefined();
    expectWellFormed(md);
  });

  it('shows the aborted notice and the hints', () => {
    const md = renderMarkdown(runResult([], { verdict: 'fail', aborted: { code: 'UNREACHABLE', message: 'connect ECONNREFUSED' }, hints: ['the token was refused'] }));
    expect(md).toContain('> [!WARNING]\n> **Run aborted** (UNREACHABLE): connect ECONNREFUSED');
    expect(md).toContain('### Hints\n\n- the token was refused');
  });

  const HOSTILE = 'a|b `code` <script>alert(1)</script>\n| x | y |\n[x](javascript:alert(1)) ![i](http://t/i.png) **b** _i_ ~~s~~ $x$ @team &amp; \\| # h';

  function hostileRun(): RunResult {
    const failing = step({ status: 'fail', assertions: [assertion({ ok: false, message: HOSTILE, expected: HOSTILE, actual: { html: '<img src=x onerror=alert(1)>' }, pos: pos(3, 1, 'suites/x|y.yaml') })] });
    const cases: CaseResult[] = [
      caseResult(`ID|${HOSTILE}`, 'fail', { title: HOSTILE, reason: HOSTILE, steps: [failing] }),
      caseResult('W-1', 'warn', { title: HOSTILE, reason: HOSTILE }),
      caseResult('S-1', 'skip', { title: HOSTILE, reason: HOSTILE, steps: [] }),
      caseResult('M-1', 'manual', { title: `1. ${HOSTILE}`, reason: HOSTILE, steps: [] }),
    ];
    return runResult(cases, { hints: [`- ${HOSTILE}`, `# ${HOSTILE}`, `1. ${HOSTILE}`], aborted: { code: HOSTILE, message: HOSTILE } });
  }

  it('keeps tables intact and injects no HTML or links, whatever the titles and reasons hold', () => {
    const result = hostileRun();
    const md = renderMarkdown(result);
    expectWellFormed(md);
    expect(tableWith(md, 'ID', 'Title')?.rows).toHaveLength(result.blocking.length);
    expect(tableWith(md, 'ID', 'Level')?.rows).toHaveLength(1);
    expect(md).not.toContain('<script');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('&amp;amp;');
    expect(md).not.toMatch(/@team/);
    expect(md).not.toMatch(/(^|[^\\])\$x/);
    // No heading, nested list or ordered list from the data: only our own block starts.
    const lines = md.split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual(['## ❌ FAIL: POS accreditation', '### Blocking failures (1)', '### Manual checks for a reviewer (1)', '### Hints']);
    const items = lines.filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(4);
    for (const item of items) expect(item).not.toMatch(/^- (?!\[ \] \*\*)([-+*#>\s]|\[|\d+[.)])/);
  });

  it('caps tables at MARKDOWN_MAX_ROWS and the whole text at MARKDOWN_MAX_CHARS', () => {
    const many = Array.from({ length: MARKDOWN_MAX_ROWS + 30 }, (_, i) => caseResult(`W-${i}`, 'warn', { reason: `r${i}` }));
    const md = renderMarkdown(runResult(many));
    expect(tableWith(md, 'ID', 'Level')?.rows).toHaveLength(MARKDOWN_MAX_ROWS);
    expect(md).toContain('… and 30 more (see report.json)');

    // Escaping multiplies the size (`@` → `@&#8203;`): the cut falls inside the folded warnings.
    const huge = Array.from({ length: 200 }, (_, i) => caseResult(`W-${i}`, 'warn', { title: '<&>'.repeat(200), reason: `${i}${'@'.repeat(500)}` }));
    const capped = renderMarkdown(runResult(huge));
    expect(capped.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(capped).toContain('summary truncated');
    expect(capped).not.toContain('… and 150 more');
    expectWellFormed(capped);
  });
});

describe('renderMarkdown: blocked checks and repeated reasons (issue 11)', () => {
  const result = blockedRun();
  const md = renderMarkdown(result);
  const blocking = (): Table => tableWith(md, 'ID', 'Title')!;

  it('has a blocked column (only when some case is blocked)', () => {
    expectCounts(md, result);
    expect(countsOf(md).columns).toEqual(['pass', 'fail', 'warn', 'skip', 'error', 'blocked', 'total']);
    expect(countsOf(md).rows.get('SHOULD')).toEqual([0, 0, 0, 0, 0, 2, 2]);
    expect(countsOf(renderMarkdown(runResult())).columns).not.toContain('blocked');
  });

  it('lists each root first, with the checks it blocked in the row under it, naming the root', () => {
    expect(md).toContain('### Blocking failures (2 to fix; 42 checks blocked by them)');
    const rows = blocking().rows.map((r) => r.map(unescape));
    expect(rows.map((r) => r[0])).toEqual(['TABLES-LIST', '⊘ blocks 41', 'CB-CLOSE', '⊘ blocks 2']);
    expect(rows[0]!.slice(2)).toEqual(['FAIL', ROOT_REASON, '"array"', '{"tables":[]}', 'suites/30-tables.yaml:19:19']);
    const blockedIds = result.blocking.filter((b) => b.blockedBy?.includes('TABLES-LIST')).map((b) => b.id);
    expect(rows[1]![1]!.split(', ')).toEqual(blockedIds);
    expect(rows[1]!.slice(2, 4)).toEqual(['BLOCKED', 'not run: they rest on **TABLES-LIST** (fix it first)']);
    expect(rows[3]![1]).toBe('LIFE-VOID, LIFE-CLOSE');
    expectWellFormed(md);
  });

  it('folds every blocked check, whatever its level, by its root', () => {
    expect(md).toContain(`<summary>⊘ Blocked (44)</summary>`);
    const t = tableWith(md, 'Blocked by')!;
    expect(t.rows.map((r) => r.slice(0, 2))).toEqual([['**TABLES-LIST**', 'MUST, SHOULD'], ['**CB-CLOSE**', 'MUST'], ['**TABLES-LIST**, **CB-CLOSE**', 'MUST']]);
    const listed = t.rows.flatMap((r) => unescape(r[2]!).replace(/^\d+: /, '').split(', '));
    expect(listed.sort()).toEqual(result.cases.filter((c) => c.status === 'blocked').map((c) => c.id).sort());
    expect(renderMarkdown(runResult())).not.toContain('Blocked (');
  });

  it('tells a repeated reason once, then every other id, in the blocking, warning and skip tables', () => {
    const refused = (id: string, line: number) => caseResult(id, 'fail', {
      reason: 'status 401, expected 200',
      steps: [step({ status: 'fail', assertions: [assertion({ ok: false, message: 'status 401, expected 200', expected: 200, actual: 401, pos: pos(line, 9) })] })],
    });
    const cases: CaseResult[] = [
      refused('AUTH-A', 10), refused('AUTH-B', 20), refused('AUTH-C', 30),
      ...['W-1', 'W-2'].map((id) => caseResult(id, 'warn', { level: 'should', reason: 'slow answer' })),
      ...['S-1', 'S-2', 'S-3'].map((id, i) => caseResult(id, 'skip', { level: i === 0 ? 'must' : 'may', reason: 'no driver', steps: [] })),
      caseResult('S-4', 'skip', { reason: 'another reason', steps: [] }),
    ];
    const grouped = renderMarkdown(runResult(cases));
    expectWellFormed(grouped);
    expect(tableWith(grouped, 'ID', 'Title')!.rows.map((r) => r.slice(0, 4).map(unescape))).toEqual([
      ['AUTH-A', 'Title of AUTH-A', 'FAIL', 'status 401, expected 200'],
      ['… and 2 more', 'AUTH-B, AUTH-C', 'FAIL', '(the same reason)'],
    ]);
    expect(tableWith(grouped, 'ID', 'Level')!.rows.map((r) => r.map(unescape))).toEqual([
      ['W-1', 'SHOULD', 'Title of W-1', 'slow answer', 'suites/orders.yaml:10:5'],
      ['… and 1 more', 'SHOULD', 'W-2', '(the same reason)', ''],
    ]);
    expect(unescape(grouped)).toContain('| S-1 | MUST | no driver |\n| … and 2 more | MAY | (the same reason): S-2, S-3 |\n| S-4 | MUST | another reason |');
  });
});

describe('markdown reporter', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  async function write(result: RunResult, redact?: (text: string) => string): Promise<string> {
    const outDir = await mkdtemp(join(tmpdir(), 'pos-accredit-md-'));
    dirs.push(outDir);
    const ctx: ReporterContext = { outDir, stream: new PassThrough(), color: false, isTTY: false, quiet: false, verbose: false, redact };
    expect(await createMarkdownReporter(ctx).onRunEnd?.(result)).toEqual([join(outDir, MARKDOWN_FILE_NAME)]);
    return readFile(join(outDir, MARKDOWN_FILE_NAME), 'utf8');
  }

  it('masks a secret only the context knows, even one Markdown escaping would change', async () => {
    const secrets = ['tok_9f8e|7d6c', 'plain-secret-42'];
    const redactor = new Redactor();
    for (const s of secrets) redactor.add(s);
    const result = runResult();
    result.blocking[0]!.reason = `refused ${secrets[0]!} and ${secrets[1]!}`;
    result.hints = [`token ${secrets[0]!}`];
    const unmasked = await write(result);
    expect(unmasked).toContain('tok\\_9f8e\\|7d6c');
    const text = await write(result, (t) => redactor.redact(t));
    for (const s of secrets) expect(unescape(text)).not.toContain(s);
    expect(text).toContain('refused \\*\\*\\* and \\*\\*\\*');
  });

  it('summarises a real run in a few kilobytes, with its counts', async () => {
    const result = await accreditReferencePos({ noDriver: true });
    const md = await write(result);
    expectCounts(md, result);
    expectWellFormed(md);
    expect(md.length).toBeLessThan(20_000);
    expect(idsIn(tableWith(md, 'ID', 'Title')!).sort()).toEqual(result.blocking.map((b) => b.id).sort());
    const skips = tables(md).find((t) => t.header.join() === 'ID,Level,Reason')!;
    expect(idsIn(skips).sort()).toEqual(result.cases.filter((x) => x.status === 'skip').map((c) => c.id).sort());
  });

  it('bare URLs in POS data cannot become links, and C1 controls are dropped', () => {
    const text = mdInline('see https://evil.example/login or www.evil.example\u0085now');
    expect(text).not.toMatch(/https:\/\/evil|www\.evil/);
    expect(text).toBe('see https:&#8203;//evil.example/login or www&#8203;.evil.example now');
  });
});
