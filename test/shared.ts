// ../shared beside the project: the language reference and the conformance cases, read at test
// time only. A suite that needs it skips when it is missing on a developer's machine, and fails in
// CI (CI set), where a missing ../shared must not pass silently.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const SHARED = resolve(import.meta.dirname, '../../shared');

/** The absolute path of `rel` inside ../shared; null when missing (outside CI). */
export function sharedPath(rel: string): string | null {
  const p = resolve(SHARED, rel);
  if (existsSync(p)) return p;
  if (process.env.CI) throw new Error(`${p} is missing; CI needs ../shared (the reference and the conformance cases)`);
  return null;
}
