// Keys of the sandbox CRM data view and of the run view's CRM parts.
import { GLOBAL_KEYS, type KeyDef } from '../../tui/keymap.js';

const def = (keys: string | readonly string[], label: string, help?: string): KeyDef => ({ keys: typeof keys === 'string' ? [keys] : keys, label, help });

export const CRM_KEYS = {
  /** Global: opens the CRM data view from every tab. */
  open: GLOBAL_KEYS.crm,
  close: def('esc', 'Back', 'Back (closes the CRM view at the table list)'),
  changes: def('c', 'Last run', 'Show the rows the last run changed'),
  refresh: def('r', 'Refresh', 'Read the tables again'),
  /** Run view: discard the next runs' CRM writes. */
  rollback: def('R', 'Rollback', 'Toggle rollback: runs keep nothing they write to the CRM database'),
} as const;
