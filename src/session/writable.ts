// Before anything is opened on the POS: the folders the run will write to can be written. A report
// folder that is a file, or that this user may not write, is found now — in a message naming the
// path and the setting — not after the run, when the report would be lost.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXIT, PosAccreditError } from '../core/errors.js';

/**
 * The report folder: an existing one is a folder this user may write; a new one can be created
 * (it is, by the reporters, once there is something to write). `source` names the setting.
 */
export function checkReportFolder(dir: string, source: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    checkNewFolderParent(dir, source);
    return;
  }
  try {
    if (!isDir) throw Object.assign(new Error(`${dir} is a file`), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw unwritable(dir, source, err);
  }
}

/** A folder the run will create (the bundle): its nearest existing parent is a writable folder. */
export function checkNewFolderParent(dir: string, source: string): void {
  let at = dirname(dir);
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(at).isDirectory();
    } catch {
      const up = dirname(at);
      if (up === at) return;
      at = up;
      continue;
    }
    try {
      if (!isDir) throw Object.assign(new Error(`${at} is a file`), { code: 'ENOTDIR' });
      accessSync(at, constants.W_OK);
      return;
    } catch (err) {
      throw unwritable(dir, source, err);
    }
  }
}

function unwritable(dir: string, source: string, err: unknown): PosAccreditError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  const why: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'not permitted', EEXIST: 'a file is in the way', ENOTDIR: 'a file is in the way', EROFS: 'read-only file system', ENOSPC: 'no space left',
  };
  return new PosAccreditError('out-unwritable', `${source}: cannot write to ${dir} (${code}: ${why[code] ?? (err as Error).message})`, EXIT.usage, 'give a folder this user can write (a new one is created)');
}
