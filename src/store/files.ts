/**
 * The contents that live beside the store's records: trace recordings
 * (`traces/<id>.trace`) and long run outputs (`blobs/<id>`), named by their
 * path relative to the data directory. With the JSON store they are files in
 * the data directory. With PostgreSQL the database holds them (pg/files.ts)
 * and the data directory is a local cache: a process writes a recording
 * locally while the run goes, publishes it when it is finished, and a process
 * on another machine fetches it into its own cache before opening it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Store } from './store.js';
import type { StoreData } from './schema.js';
import { StoreError, describeFsError } from './errors.js';
import { BLOBS_DIR, TRACES_DIR } from './paths.js';
import { fullOutput } from './blobs.js';

const REL = new RegExp(`^(${TRACES_DIR}|${BLOBS_DIR})/[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$`);

/** The local path of a content file; refuses a path that leaves its directory. */
export function contentPath(dataDir: string, rel: string): string {
  if (!REL.test(rel) || rel.includes('..')) throw new StoreError('bad-input', `"${rel}" is not a valid recording or output file name.`);
  return join(dataDir, rel);
}

function readLocal(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreError('io', `Cannot read ${path}: ${describeFsError(e)}.`);
  }
}

async function writeLocal(path: string, data: Buffer): Promise<void> {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomic(path, data, { mode: 0o600, fsync: true });
  } catch (e) {
    throw new StoreError('io', `Cannot write ${path}: ${describeFsError(e)}.`);
  }
}

/**
 * The local path of a content file, fetched from the database into the local
 * cache when it is not there yet; null when the store has no such file.
 */
export async function fetchContent(store: Store, rel: string): Promise<string | null> {
  const path = contentPath(store.dataDir, rel);
  if (existsSync(path)) return path;
  const shared = store.backend.sharedFiles;
  if (!shared) return null;
  const data = await shared.read(rel);
  if (!data) return null;
  await writeLocal(path, data);
  return path;
}

/** Make a finished local file (a recording) available to every process of the store. */
export async function publishContent(store: Store, rel: string): Promise<void> {
  const shared = store.backend.sharedFiles;
  if (!shared) return;
  const data = readLocal(contentPath(store.dataDir, rel));
  if (data) await shared.write(rel, data);
}

/** A content file's bytes (the database's copy first, then the local file); null when there is none. */
export async function readContent(store: Store, rel: string): Promise<Buffer | null> {
  const data = await store.backend.sharedFiles?.read(rel);
  return data ?? readLocal(contentPath(store.dataDir, rel));
}

/** Write a content file where the store keeps them. */
export async function writeContent(store: Store, rel: string, data: Buffer): Promise<void> {
  const shared = store.backend.sharedFiles;
  if (shared) await shared.write(rel, data);
  else await writeLocal(contentPath(store.dataDir, rel), data);
}

/** Remove content files everywhere the store keeps them (the database and the local cache). */
export async function deleteContent(store: Store, rels: string[]): Promise<void> {
  for (const rel of rels) rmSync(contentPath(store.dataDir, rel), { force: true });
  await store.backend.sharedFiles?.delete(rels);
}

/** The content file of a long run output (blobs.ts). */
export function outputFile(blobId: string): string {
  return `${BLOBS_DIR}/${blobId}`;
}

/** A run's full output wherever it was made: a long one is fetched from the database first (PostgreSQL). */
export async function loadFullOutput(store: Store, run: { output: string; outputBlob: string | null }): Promise<string> {
  if (run.outputBlob !== null) await fetchContent(store, outputFile(run.outputBlob)).catch(() => null);
  return fullOutput(store.dataDir, run);
}

/** Every content file the records name: the trace recordings and the long outputs of task runs. */
export function contentFiles(d: StoreData): string[] {
  return [...d.traceRuns.map((r) => r.file), ...d.taskRuns.flatMap((r) => (r.outputBlob ? [outputFile(r.outputBlob)] : []))];
}

/** Copy the content files `d` names from one store to another (store copy); returns how many were copied and which were missing. */
export async function copyContent(from: Store, to: Store, d: StoreData): Promise<{ copied: number; missing: string[] }> {
  let copied = 0;
  const missing: string[] = [];
  for (const rel of contentFiles(d)) {
    const data = await readContent(from, rel);
    if (!data) {
      missing.push(rel);
      continue;
    }
    await writeContent(to, rel, data);
    copied++;
  }
  return { copied, missing };
}
