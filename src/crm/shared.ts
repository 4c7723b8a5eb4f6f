// One open database per process for the long-lived users (the TUI, the daemon, trigger firing):
// opened once, it picks up other processes' commits by itself before each read.
import { openDriver } from './open.js';
import type { CrmDriver } from './driver.js';

const open = new Map<string, Promise<CrmDriver>>();

export function sharedDriver(location: string): Promise<CrmDriver> {
  let d = open.get(location);
  if (!d) {
    d = openDriver(location);
    open.set(location, d);
    // a failed open (e.g. an unreadable file) is not cached: the next call tries again
    d.catch(() => open.delete(location));
  }
  return d;
}

/** Forgets a location's driver (after crm reset replaced the file). */
export function forgetSharedDriver(location: string): void {
  const d = open.get(location);
  open.delete(location);
  void d?.then((x) => x.close()).catch(() => {});
}
