// The prompt driver through the real CLI, with a person scripted on stdin: one who does the
// action and presses Enter, and one who answers that it failed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

interface Person {
  /** Called with each new instruction the harness prints; returns what the person types. */
  answer(instruction: string): string;
}

async function runWithPerson(args: string[], person: Person): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [BIN, 'run', '--driver', 'prompt', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let answered = 0;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    const prompts = stdout.split('Press Enter when done').length - 1;
    while (answered < prompts) {
      const instruction = stdout.split('Operator action (').at(answered + 1) ?? '';
      answered++;
      child.stdin.write(person.answer(instruction));
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, stdout };
}

describe('pos-accredit run --driver prompt', () => {
  it('a person who reports a failure fails the case with their words', async () => {
    const out = tempDir();
    const { code, stdout } = await runWithPerson(['--id', 'LIFE-CALLBACK-FORMAT', '--out', out], {
      answer: (instruction) => (instruction.includes('add-items') ? 'f\nthe Croquetas button is greyed out\n' : '\n'),
    });
    expect(stdout).toMatch(/On the POS, add 2 × Croquetas at 8\.50 to check \S+ of order \S+, then press Enter/);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { cases: { status: string; reason: string }[]; driver: { kind: string } };
    expect(report.driver.kind).toBe('prompt');
    expect(report.cases[0]?.status).toBe('fail');
    expect(report.cases[0]?.reason).toContain('the operator reported a failure: the Croquetas button is greyed out');
  });

  it('a person who does nothing but press Enter gets the callback check failed, not a pass', async () => {
    // Enter without acting: the embedded reference POS never saw the action, so no callback comes.
    const out = tempDir();
    const { code, stdout } = await runWithPerson(['--id', 'LIFE-CALLBACK-FORMAT', '--callback-timeout', '500ms', '--out', out], { answer: () => '\n' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/no PUT \/\{venueId\}\/order\/\{orderId\} call for order \S+ \(Mozrest id [0-9a-f-]+\) within 500 ms/);
  });
});
