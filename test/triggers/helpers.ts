// Shared set-up for the trigger tests: a fresh store in a temporary directory, with helpers to
// add scripts and bindings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import type { MacroAction } from '../../src/store/schema.js';
import { createMacro, createScript, createTrigger, type TriggerInput } from '../../src/store/repos.js';

const made: string[] = [];

export function tempDir(prefix = 'crms-trig-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanup(): void {
  while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
}

export async function emptyStore(): Promise<Store> {
  return Store.open(tempDir(), { seed: false });
}

/** Adds a script and binds it to `event`; returns the trigger id. */
export async function bind(
  store: Store,
  event: string,
  name: string,
  source: string,
  extra: Partial<Omit<TriggerInput, 'event' | 'targetKind' | 'targetId'>> = {},
): Promise<string> {
  return store.update((d) => {
    const s = createScript(d, { name, source, includeId: name });
    return createTrigger(d, { event, targetKind: 'script', targetId: s.id, ...extra }).id;
  });
}

export async function bindMacro(store: Store, event: string, name: string, actions: MacroAction[] = []): Promise<string> {
  return store.update((d) => {
    const m = createMacro(d, { name, actions });
    return createTrigger(d, { event, targetKind: 'macro', targetId: m.id }).id;
  });
}
