// The run worker entry that wires the CRM into the thread (worker/run-worker.ts), as Node can load
// it (its bundle when the build made one): run-config.ts puts it in place of the engine's entry, and
// `run FILE` starts its early worker from it (commands/run-early.ts).
import { workerUrl } from '../interp/isolation/worker-url.js';

/** The URL run workers wired to the CRM start from. */
export function crmRunWorkerUrl(): URL {
  return workerUrl(new URL('./worker/run-worker.js', import.meta.url));
}
