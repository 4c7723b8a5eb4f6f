// Jobs that must not overlap, one queue per key (in this process): each job starts when the one
// before it with the same key has settled, whether it succeeded or failed.

const queues = new Map<string, Promise<unknown>>();

/** Runs `job` after the jobs queued before it under `key`; its result is the job's own. */
export function serialize<T>(key: string, job: () => Promise<T>): Promise<T> {
  const prev = queues.get(key) ?? Promise.resolve();
  const run = prev.then(job, job);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}
