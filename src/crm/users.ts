// Checks a `--user` login against the sandbox's users before a run starts.
import { crmLocation } from './location.js';
import { openDriver, serviceOver } from './open.js';
import { resolveActor } from './actor.js';

export async function checkCrmUser(dataDir: string, login: string): Promise<void> {
  const d = await openDriver(crmLocation(dataDir));
  try {
    resolveActor(serviceOver(d), login);
  } finally {
    d.close();
  }
}
