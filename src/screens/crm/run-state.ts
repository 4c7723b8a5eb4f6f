// What the TUI's run views share about the sandbox CRM: the rollback toggle (runs started while
// it is on keep nothing they write) and the rows the last finished run changed (the CRM view's
// "last run" list).
import { useSyncExternalStore } from 'react';
import type { CrmChange } from '../../interp/runtime/crm-service.js';

export interface CrmRunState {
  rollback: boolean;
  last: { title: string; changes: CrmChange[]; rolledBack: boolean; at: number } | null;
}

let state: CrmRunState = { rollback: false, last: null };
const listeners = new Set<() => void>();
const emit = (next: CrmRunState): void => {
  state = next;
  for (const l of listeners) l();
};

export const crmRunState = {
  get: (): CrmRunState => state,
  setRollback: (on: boolean): void => emit({ ...state, rollback: on }),
  toggleRollback: (): void => emit({ ...state, rollback: !state.rollback }),
  publish: (title: string, changes: CrmChange[] | undefined, rolledBack: boolean): void => emit({ ...state, last: { title, changes: changes ?? [], rolledBack, at: Date.now() } }),
  subscribe: (l: () => void): (() => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export function useCrmRunState(): CrmRunState {
  return useSyncExternalStore(crmRunState.subscribe, crmRunState.get, crmRunState.get);
}
