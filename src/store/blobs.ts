/**
 * Bulky text (long run outputs and the like) kept in files beside store.json,
 * in `<dataDir>/blobs/<id>`, so the JSON document stays small. Writes are
 * atomic (temp file + fsync + rename).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { BLOBS_DIR } from './paths.js';
import { StoreError, describeFsError } from './errors.js';
import { newId } from './ids.js';

const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

function checkId(id: string): void {
  if (!SAFE_ID.test(id) || id.includes('..')) {
    throw new StoreError('bad-input', `"${id}" is not a valid blob id; use letters, digits, ".", "_" and "-".`);
  }
}

export function blobsDir(dataDir: string): string {
  return join(dataDir, BLOBS_DIR);
}

export function blobPath(dataDir: string, id: string): string {
  checkId(id);
  return join(blobsDir(dataDir), id);
}

export function newBlobId(): string {
  return newId(16);
}

/** Write (or replace) a text blob. */
export async function writeBlob(dataDir: string, id: string, text: string): Promise<void> {
  const file = blobPath(dataDir, id);
  try {
    mkdirSync(blobsDir(dataDir), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, text, { encoding: 'utf8', mode: 0o600, fsync: true });
  } catch (e) {
    throw new StoreError('io', `Cannot write ${file}: ${describeFsError(e)}.`);
  }
}

export function writeBlobSync(dataDir: string, id: string, text: string): void {
  const file = blobPath(dataDir, id);
  try {
    mkdirSync(blobsDir(dataDir), { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(file, text, { encoding: 'utf8', mode: 0o600, fsync: true });
  } catch (e) {
    throw new StoreError('io', `Cannot write ${file}: ${describeFsError(e)}.`);
  }
}

/** The blob's text, or null when there is no such blob. */
export function readBlob(dataDir: string, id: string): string | null {
  const file = blobPath(dataDir, id);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreError('io', `Cannot read ${file}: ${describeFsError(e)}.`);
  }
}

/** Remove a blob; a missing blob is not an error. */
export function deleteBlob(dataDir: string, id: string): void {
  rmSync(blobPath(dataDir, id), { force: true });
}

/** Outputs longer than this (characters) are kept in a blob; the store keeps the beginning. */
export const INLINE_OUTPUT_LIMIT = 8 * 1024;

/**
 * Prepare a run's output for the store: short outputs stay inline; a long one
 * is written to a new blob and only its beginning is kept inline.
 */
export async function prepareOutput(
  dataDir: string,
  text: string,
  limit: number = INLINE_OUTPUT_LIMIT,
): Promise<{ output: string; outputBlob: string | null }> {
  if (text.length <= limit) return { output: text, outputBlob: null };
  const id = newBlobId();
  await writeBlob(dataDir, id, text);
  return { output: text.slice(0, limit), outputBlob: id };
}

/** The full output of a run prepared by prepareOutput (falls back to the inline part if the blob is gone). */
export function fullOutput(dataDir: string, run: { output: string; outputBlob: string | null }): string {
  if (run.outputBlob === null) return run.output;
  return readBlob(dataDir, run.outputBlob) ?? run.output;
}
