/**
 * Which store.json a derived file (listing.json, the list cache) was made from: its update number,
 * the checksum in its first line and its stamp — read from the first line and the file's status
 * alone, so checking costs a few hundred bytes, not the document.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { sameStamp, type Stamp } from './doc-disk.js';
import { STORE_VERSION } from '../version.js';

/** The store.json a derived file was made from. */
export interface DocIdentity {
  u: number;
  /** The checksum in store.json's first line. */
  sum: string;
  stamp: Stamp;
}

/**
 * What store.json is now, from its stamp and first line (not the rest); null when it is missing or
 * not a file crmscript-tui wrote in the line layout.
 */
export function currentDoc(file: string): DocIdentity | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const s = fstatSync(fd);
    const head = Buffer.alloc(128);
    const n = readSync(fd, head, 0, head.length, 0);
    const m = /^\{"version":(\d+),"u":(\d+),"sum":"([0-9a-f]{40})",\n/.exec(head.toString('latin1', 0, n));
    if (!m || Number(m[1]) !== STORE_VERSION) return null;
    return { u: Number(m[2]), sum: m[3]!, stamp: { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size } };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Whether two identities name the same store.json. */
export function sameDoc(a: DocIdentity | null, b: DocIdentity | null): boolean {
  return !!a && !!b && a.u === b.u && a.sum === b.sum && sameStamp(a.stamp, b.stamp);
}
