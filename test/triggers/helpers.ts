// Shared set-up for the trigger tests: a fresh store in a temporary directory, with helpers to
// add scripts and bindings.
import type { Store } from '../../src/store/store.js';
import type { MacroAction } from '../../src/store/schema.js';
import { createMacro, createScript, createTrigger, type TriggerInput } from '../../src/store/repos.js';

export { cleanupTempDirs, emptyStore, tempDir } from '../common.js';

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
