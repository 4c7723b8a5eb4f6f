// The files the CRM's run and debug workers start from (built: the bundled CommonJS entry when
// there is one), which wire the CRM service into the thread before the engine's worker code runs.
import { workerUrl } from '../interp/isolation/worker-url.js';

export const crmRunWorkerEntry = (): URL => workerUrl(new URL('./worker/run-worker.js', import.meta.url));
export const crmDebugWorkerEntry = (): URL => workerUrl(new URL('./worker/debug-worker.js', import.meta.url));
