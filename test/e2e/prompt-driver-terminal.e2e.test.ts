// The prompt driver as a person meets it: `pos-accredit run --driver prompt` in a real
// pseudo-terminal (python3's pty module, 80 columns), against a reference POS of 8 tables served
// on its own. The test plays the person: it reads each instruction off the screen, does that on
// the POS through the reference POS's test-automation hook (as a person would at the till), and
// presses Enter. It checks what the person sees: where they are (case, step, order, table), one
// question for the voids of a whole loop, the spinner saying what the run waits for — and that
// nobody is asked to void an order that was paid and closed.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, spawnServer, tempDir } from '../helpers/cli.js';
import { noteSecret } from '../helpers/secret-ledger.js';

const TOKEN = 'pty-pos-token-5c1e7a90d3';
const KEY = 'pty-mozrest-key-2b84d6f3e1';
const ENV = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: undefined, POS_ACCREDIT_TOKEN: TOKEN, POS_ACCREDIT_MOZREST_KEY: KEY };
const PROMPT = 'Press Enter when done';

const servers: ChildProcess[] = [];
let mozrestUrl = '';
let posUrl = '';

/** Starts `pos-accredit serve …` and resolves with the URL its first line prints. */
const serve = (args: string[], listening: RegExp): Promise<string> => spawnServer(['serve', ...args], ENV, listening, servers, 8000);

beforeAll(async () => {
  noteSecret(TOKEN);
  noteSecret(KEY);
  mozrestUrl = await serve(['mozrest', '--port', '0'], /Mock Mozrest listening on (http:\/\/\S+)/);
  posUrl = await serve(['reference-pos', '--port', '0', '--tables', '8', '--mozrest-url', mozrestUrl], /Reference POS listening on (http:\/\/\S+)/);
}, 20_000);

afterAll(() => {
  for (const s of servers) s.kill('SIGTERM');
});

// A relay: the command runs on a pseudo-terminal of 80 × 24; what it writes comes out on stdout,
// what the test writes to stdin is typed on its keyboard. Exits with the command's exit code.
const RELAY = `
import fcntl, os, pty, select, struct, subprocess, sys, termios
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
p = subprocess.Popen(sys.argv[1:], stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
os.close(slave)
keys = sys.stdin.buffer.fileno()
watch = [master, keys]
while True:
    ready, _, _ = select.select(watch, [], [], 0.1)
    if master in ready:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            chunk = b''
        if not chunk:
            break
        sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
    if keys in ready:
        typed = os.read(keys, 4096)
        if typed:
            os.write(master, typed)
        else:
            watch.remove(keys)
sys.exit(p.wait())
`;

interface Question {
  /** `LIFE-OPEN-VOID (…) · step 3 of 6 · order 1003 on table T5`. */
  header: string;
  /** `Operator action (venue venue-ref-1): void-order`. */
  title: string;
  /** The instruction, unwrapped. */
  instruction: string;
}

interface Session {
  code: number | null;
  /** Everything written to the terminal, escape sequences removed (the spinner's frames included). */
  stream: string;
  /** The terminal's lines at the end, as a person reads them. */
  screen: string[];
  questions: Question[];
  /** What the person did on the POS, in order. */
  done: string[];
}

/** Runs `pos-accredit run …` on a terminal with a person at it; `act` does each instruction on the POS. */
async function atTerminal(args: string[], act: (q: Question) => Promise<string[]>): Promise<Session> {
  const child = spawn('python3', ['-c', RELAY, process.execPath, BIN, ...args], { cwd: ROOT, env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
  let raw = '';
  const questions: Question[] = [];
  const done: string[] = [];
  let turn = Promise.resolve();
  // Decoded as a stream: a chunk may end inside a character (×, →, …).
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    raw += d;
    const asked = plain(raw).split(PROMPT);
    // Each new question, in turn: read it, do it on the POS, press Enter.
    while (questions.length < asked.length - 1) {
      const q = readQuestion(asked[questions.length]!);
      questions.push(q);
      turn = turn.then(async () => {
        done.push(...(await act(q).catch((err: Error) => [`FAILED ${err.message}`])));
        child.stdin.write('\r');
      });
    }
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 22_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (stderr.trim()) raw += `\n[relay stderr] ${stderr}`;
  return { code, stream: plain(raw), screen: render(raw), questions, done };
}

/** The lines before a prompt's "Press Enter": the header, the title, the instruction. */
function readQuestion(before: string): Question {
  const lines = before.split(/\r?\n/);
  const at = lines.findLastIndex((l) => l.startsWith('Operator action'));
  return { header: lines[at - 1]?.trim() ?? '', title: lines[at] ?? '', instruction: lines.slice(at + 1).map((l) => l.trim()).join(' ').trim() };
}

const hook = async (action: string, orderId: string, params: Record<string, unknown>): Promise<string> => {
  const res = await fetch(`${posUrl}/_automation/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ action, venueId: 'venue-ref-1', orderId, params }),
  });
  if (!res.ok) throw new Error(`${action} ${orderId}: ${res.status} ${await res.text()}`);
  return `${action} ${orderId}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`;
};

/** The person: reads the instruction as written and does it on the POS. */
async function person(q: Question): Promise<string[]> {
  const s = q.instruction;
  let m: RegExpExecArray | null;
  if ((m = /void these \d+ orders: (.+), then press Enter/.exec(s))) {
    const orders = m[1]!.split(', ').map((o) => o.split(' ')[0]!);
    return Promise.all(orders.map((id) => hook('void-order', id, {})));
  }
  if ((m = /add (.+) to check (\S+) of order ([^\s,]+)/.exec(s))) {
    const items = [...m[1]!.matchAll(/(\d+) × (.+?) at (\d+\.\d\d)/g)].map((i) => ({ name: i[2], price: Number(i[3]), quantity: Number(i[1]) }));
    return [await hook('add-items', m[3]!, { checkNumber: m[2], items })];
  }
  if ((m = /split the bill of order (\S+) .*?into (\d+) checks/.exec(s))) return [await hook('split-check', m[1]!, { parts: Number(m[2]) })];
  if ((m = /take payment for check (\S+) of order (\S+) .*by (\w+)/.exec(s))) return [await hook('pay-check', m[2]!, { checkNumber: m[1], paymentMethod: m[3] })];
  if ((m = /void order ([^\s,]+)/.exec(s))) return [await hook('void-order', m[1]!, {})];
  throw new Error(`the person does not understand: ${s}`);
}

/** Text without terminal escapes (colours, cursor moves, the bell); line ends as \n. */
function plain(raw: string): string {
  return raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x07/g, '').replace(/\r\n/g, '\n');
}

/**
 * The screen a person reads at the end: a small terminal of 80 columns that knows what ora and
 * the prompt write (carriage return, line feed, cursor up, column, erase line), with scrollback.
 */
function render(raw: string, columns = 80): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = (): string[] => (rows[row] ??= []);
  for (const m of raw.matchAll(/\x1b\[([0-9;?]*)([A-Za-z])|[\s\S]/gu)) {
    if (m[2] !== undefined) {
      const n = Number(m[1]) || 1;
      if (m[2] === 'A') row = Math.max(0, row - n);
      else if (m[2] === 'G') col = n - 1;
      else if (m[2] === 'K') {
        const mode = Number(m[1] || 0);
        if (mode === 0) line().length = Math.min(line().length, col);
        else if (mode === 2) rows[row] = [];
        else for (let i = 0; i <= col; i++) line()[i] = ' ';
      }
      continue;
    }
    const ch = m[0];
    if (ch === '\r') col = 0;
    else if (ch === '\n') row++;
    else if (ch === '\x07') continue;
    else {
      if (col >= columns) {
        row++;
        col = 0;
      }
      const cells = line();
      while (cells.length < col) cells.push(' ');
      cells[col++] = ch;
    }
  }
  return rows.map((r) => (r ?? []).join('').trimEnd());
}

describe('pos-accredit run --driver prompt in a terminal', () => {
  it('guides the person: where they are, one question for a loop\'s voids, what the run waits for', async () => {
    const out = tempDir();
    const started = Date.now();
    const session = await atTerminal([
      'run', '--base-url', posUrl, '--venue', 'venue-ref-1', '--mozrest-url', mozrestUrl, '--driver', 'prompt',
      '--id', 'LIFE-OPEN-VOID', '--id', 'LIFE-SPLIT-CHECKS', '--id', 'TABLES-ALL-ACCEPTED', '--callback-timeout', '3s', '--out', out,
    ], person);
    const transcript = session.screen.join('\n');
    if (process.env.SHOW_SCREEN) process.stdout.write(`${transcript}\n---\n${session.done.join('\n')}\n---\n${session.stream}\n`);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(session.done.filter((d) => d.startsWith('FAILED')), transcript).toEqual([]);

    // Every question says where the person is, on one line of the 80-column terminal.
    const headers = session.questions.map((q) => q.header);
    expect(headers.every((h) => h.length > 0 && h.length <= 80), headers.join('\n')).toBe(true);
    const voided = /^LIFE-OPEN-VOID \(Open → void.*…\) · step 3 of 6 · order (\S+) on table (T\d)$/;
    const [, openVoidOrder, openVoidTable] = headers.map((h) => voided.exec(h)).find((m) => m) ?? expect.fail(headers.join('\n'));
    // The title gives way when the check number needs the room.
    expect(headers).toContainEqual(expect.stringMatching(new RegExp(`^LIFE-OPEN-VOID · step 2 of 6 · check \\S+ of order ${openVoidOrder} on table ${openVoidTable}$`)));
    expect(session.questions.find((q) => q.header.startsWith('LIFE-OPEN-VOID') && q.title.endsWith('void-order'))?.instruction)
      .toBe(`On the POS, void order ${openVoidOrder}, then press Enter`);

    // TABLES-ALL-ACCEPTED: one question voids the order it opened on each of the 8 tables.
    const tables = session.questions.filter((q) => q.header.startsWith('TABLES-ALL-ACCEPTED'));
    expect(tables).toHaveLength(1);
    expect(tables[0]!.header).toMatch(/ · step 5 of 5 · 8 orders$/);
    expect(tables[0]!.title).toBe('Operator actions (venue venue-ref-1): void-order × 8');
    expect(tables[0]!.instruction).toMatch(/^On the POS, void these 8 orders: (\S+ \(T\d\), ){7}\S+ \(T\d\), then press Enter$/);
    expect(session.done.filter((d) => d.startsWith('void-order'))).toHaveLength(9);

    // While a callback is awaited, the spinner says what for and for how long at most.
    expect(session.stream).toMatch(new RegExp(`LIFE-OPEN-VOID: waiting up to 3 s for PUT /\\{venueId\\}/order/\\{orderId\\}/\\{operation\\} callback for order ${openVoidOrder}…`));
    expect(session.stream).toMatch(/LIFE-SPLIT-CHECKS: waiting up to 3 s for PUT \/\{venueId\}\/order\/\{orderId\}\/close callback for order \d+…/);
    // … and never draws over a question: every one is whole on the final screen.
    expect(session.screen.filter((l) => l.startsWith(PROMPT))).toHaveLength(session.questions.length);
    for (const q of session.questions) expect(session.screen).toContain(q.header);

    // LIFE-SPLIT-CHECKS: paid and closed, so nobody is asked to void it; its cleanup says why.
    const split = session.questions.filter((q) => q.header.startsWith('LIFE-SPLIT-CHECKS'));
    expect(split.map((q) => q.title.split(': ')[1])).toEqual(['add-items', 'split-check', 'pay-check', 'pay-check']);
    const splitOrder = /order (\S+) on/.exec(split[0]!.header)![1]!;
    expect(session.questions.some((q) => q.title.includes('void') && q.instruction.includes(splitOrder))).toBe(false);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { cases: { id: string; status: string; reason?: string; cleanup: { status: string; error?: { code: string; message: string } }[] }[] };
    const splitCase = report.cases.find((c) => c.id === 'LIFE-SPLIT-CHECKS')!;
    expect(splitCase.cleanup.map((s) => `${s.status} ${s.error?.code}`)).toEqual(['skip already-ended']);
    expect(splitCase.cleanup[0]!.error!.message).toMatch(new RegExp(`^order ${splitOrder} \\(T\\d, LIFE-SPLIT-CHECKS\\) was closed already: nothing to void-order$`));

    // The loop's voids are one cleanup step per table, all done.
    const loop = report.cases.find((c) => c.id === 'TABLES-ALL-ACCEPTED')!;
    expect(loop.cleanup.map((s) => s.status)).toEqual(Array(8).fill('pass'));

    expect(report.cases.map((c) => `${c.id} ${c.status}`).sort(), transcript).toEqual(['LIFE-OPEN-VOID pass', 'LIFE-SPLIT-CHECKS pass', 'TABLES-ALL-ACCEPTED pass']);
    expect(session.code, transcript).toBe(0);
    expect(session.screen.filter((l) => l !== '').at(-1)).toBe('Verdict: PASS');
    expect(transcript).toContain('Left open on the POS: nothing.');
  }, 25_000);
});
