// How file reporters write: into the run's report folder, atomically, through the run's redactor.
// The results reaching a reporter are already redacted; this is the last line of defence for a
// secret learnt mid-run or a value a reporter derives (a HAR header, a rebuilt URL).
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReporterContext } from './reporter.js';

/** Writes `text` to `path` via a temporary file in the same folder and a rename. */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes `<ctx.outDir>/<fileName>` (folder created if needed), redacted; returns its path. */
export async function writeReportFile(ctx: Pick<ReporterContext, 'outDir' | 'redact'>, fileName: string, text: string): Promise<string> {
  await mkdir(ctx.outDir, { recursive: true });
  const path = join(ctx.outDir, fileName);
  await writeFileAtomic(path, ctx.redact ? ctx.redact(text) : text);
  return path;
}
