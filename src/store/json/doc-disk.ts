/**
 * store.json on disk: the stamp that tells whether the file changed (inode, mtime, size), reading
 * it together with the stamp it was read at, and replacing it atomically and durably (temp file,
 * fsync, rename, fsync of the directory).
 */
import { closeSync, copyFileSync, fstatSync, fsyncSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError, describeFsError } from '../errors.js';

export interface Stamp {
  ino: number;
  mtimeMs: number;
  size: number;
}

export function statStamp(file: string): Stamp | null {
  try {
    const s = statSync(file);
    return { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return null;
  }
}

export function sameStamp(a: Stamp | null, b: Stamp | null): boolean {
  return !!a && !!b && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/** The file's bytes with the stamp of what was read; null when there is no file. */
export function readStamped(file: string): { bytes: Buffer; stamp: Stamp } | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreError('io', `Cannot read ${file}: ${describeFsError(e)}.`);
  }
  try {
    const s = fstatSync(fd);
    const bytes = readFileSync(fd);
    return { bytes, stamp: { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size } };
  } catch (e) {
    throw new StoreError('io', `Cannot read ${file}: ${describeFsError(e)}.`);
  } finally {
    closeSync(fd);
  }
}

/** Replace `file` with `text` (atomic, durable); returns the new file's stamp. */
export async function writeAtomic(file: string, text: string): Promise<Stamp | null> {
  try {
    const { default: writeFileAtomic } = await import('write-file-atomic');
    await writeFileAtomic(file, text, { encoding: 'utf8', mode: 0o600, fsync: true });
  } catch (e) {
    throw new StoreError('io', `Cannot write ${file}: ${describeFsError(e)}.`);
  }
  syncDir(dirname(file));
  return statStamp(file);
}

/** Keep a copy of `file` beside it at `backup`. */
export function backupFile(file: string, backup: string, why: string): void {
  try {
    copyFileSync(file, backup);
  } catch (e) {
    throw new StoreError('io', `Cannot back up ${file} ${why}: ${describeFsError(e)}.`);
  }
}

/** Make a rename durable; some file systems cannot fsync a directory (the data is safe from process crashes anyway). */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // see above
  }
}
