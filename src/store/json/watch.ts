/**
 * Noticing changes to a JSON store's files made by any process: fs.watch on
 * the data directory (debounced), with a slow poll as a fallback for file
 * systems where watching does not work.
 */
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import type { WatchOptions } from '../backend.js';

/**
 * Watch `files` (all inside `dir`). On an event, `check()` says whether
 * something really changed (it re-reads what changed); then `cb` is called.
 * Returns a function that stops watching.
 */
export function watchFiles(dir: string, files: string[], opts: WatchOptions, check: () => boolean, cb: () => void): () => void {
  const debounceMs = opts.debounceMs ?? 50;
  const pollMs = opts.pollMs ?? 2000;
  const names = new Set(files.map((f) => basename(f)));
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const run = () => {
    if (closed) return;
    let changed = false;
    try {
      changed = check();
    } catch {
      changed = false;
    }
    if (!changed) return;
    try {
      cb();
    } catch {
      // a failing listener must not stop the watching
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      run();
    }, debounceMs);
    timer.unref();
  };
  let watcher: FSWatcher | null = null;
  try {
    watcher = fsWatch(dir, { persistent: false }, (_event, name) => {
      if (!name || names.has(name.toString())) schedule();
    });
    watcher.on('error', () => {
      watcher?.close();
      watcher = null;
    });
  } catch {
    watcher = null; // the poll below still notices changes
  }
  const poll = setInterval(run, pollMs);
  poll.unref();
  return () => {
    if (closed) return;
    closed = true;
    if (timer) clearTimeout(timer);
    clearInterval(poll);
    watcher?.close();
  };
}
