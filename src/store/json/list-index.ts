/**
 * listing.json: what `scripts list` shows of store.json — the folders and one row per script (no
 * source, staged version, key or run values) — so a list reads a small file instead of store.json.
 *
 * It is derived from one store.json and says which: that file's update number, checksum and stamp
 * (inode, mtime, size). A writer replaces it (atomically, like store.json) right after each new
 * store.json; a reader uses it only while store.json is still exactly that file, and lays the edits
 * journal over it as over store.json itself (quick-listing.ts). Anything else — no listing.json
 * (an older store), one left behind by a writer killed between the two files or by an older build
 * that wrote only store.json, one changed by hand (its own checksum), another format — and the
 * reader reads store.json instead and writes listing.json again: it never shows what it cannot
 * prove current.
 *
 * Layout: a first line with what it was derived from, the checksum of the rest and the writer's
 * collation (repos/common.ts), then one line `{"folders":[…],"scripts":[…rows]}` with the scripts in
 * list order (folder path, then name) as the writer sorted them: a reader with the same collation
 * need not sort them again. Like store.json's lines, what it holds was checked before it was
 * written, and its checksum says it is what was written: it is not checked again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Folder, ScriptRow } from '../schema.js';
import { STORE_VERSION } from '../version.js';
import { collationKey } from '../collation-key.js';
import { checksum } from './document.js';
import type { DocIdentity } from './doc-identity.js';

export const LIST_INDEX_FILE = 'listing.json';
const FORMAT = 1;

export interface ListIndex {
  of: DocIdentity;
  folders: Folder[];
  scripts: ScriptRow[];
  /** Whether the scripts are in this process's list order (written with the same collation). */
  ordered: boolean;
}

/** The text of listing.json. */
export function listIndexText(index: Omit<ListIndex, 'ordered'>): string {
  const body = JSON.stringify({ folders: index.folders, scripts: index.scripts });
  const { u, sum, stamp } = index.of;
  const head = { listing: FORMAT, version: STORE_VERSION, u, sum, ino: stamp.ino, mtimeMs: stamp.mtimeMs, size: stamp.size, collation: collationKey(), check: checksum(body) };
  return `${JSON.stringify(head)}\n${body}\n`;
}

/** Replace listing.json (temp file, fsync, rename). */
export async function writeListIndex(dataDir: string, index: Omit<ListIndex, 'ordered'>): Promise<void> {
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(join(dataDir, LIST_INDEX_FILE), listIndexText(index), { encoding: 'utf8', mode: 0o600, fsync: true });
}

/** listing.json of `dataDir` when it is whole and of this format; null otherwise (missing, torn, changed by hand). */
export function readListIndex(dataDir: string): ListIndex | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, LIST_INDEX_FILE), 'utf8');
  } catch {
    return null;
  }
  const nl = text.indexOf('\n');
  if (nl < 0 || !text.endsWith('\n')) return null;
  try {
    const head = JSON.parse(text.slice(0, nl)) as Record<string, unknown>;
    const body = text.slice(nl + 1, -1);
    if (head.listing !== FORMAT || head.version !== STORE_VERSION || head.check !== checksum(body)) return null;
    const { u, sum, ino, mtimeMs, size } = head;
    if (typeof u !== 'number' || typeof sum !== 'string' || typeof ino !== 'number' || typeof mtimeMs !== 'number' || typeof size !== 'number') return null;
    const v = JSON.parse(body) as { folders?: unknown; scripts?: unknown };
    if (!Array.isArray(v.folders) || !Array.isArray(v.scripts)) return null;
    return { of: { u, sum, stamp: { ino, mtimeMs, size } }, folders: v.folders as Folder[], scripts: v.scripts as ScriptRow[], ordered: head.collation === collationKey() };
  } catch {
    return null;
  }
}
