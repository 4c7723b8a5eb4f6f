/** Keys of the Scheduled tasks tab (same shape as the shell's key map). */
import type { KeyDef } from '../../tui/keymap.js';

const def = (keys: string | readonly string[], label: string, help?: string): KeyDef => ({ keys: typeof keys === 'string' ? [keys] : keys, label, help });

export const TASK_LIST_KEYS = {
  newTask: def('n', 'New task', 'Create a scheduled task'),
  edit: def('e', 'Edit', 'Edit the selected task'),
  history: def('enter', 'History', "Show the selected task's past runs with output and errors"),
  startNow: def('r', 'Start now', 'Run the selected task at the daemon\'s next check'),
  toggle: def('x', 'Disable/enable', 'Disable the selected task, or enable it again'),
  stop: def('s', 'Stop run', 'Stop the running task now (asks first; recorded as stopped by you)'),
  delete: def('d', 'Delete', 'Delete the selected task and its history (asks first)'),
} as const;

export const TASK_HISTORY_KEYS = {
  scrollUp: def('pgup', 'Scroll output up'),
  scrollDown: def('pgdn', 'Scroll output down'),
  left: def(['left', 'h'], 'Scroll left', 'Scroll the output to the left'),
  right: def(['right', 'l'], 'Scroll right', 'Scroll the output to the right'),
  startNow: def('r', 'Start now', 'Run the task at the daemon\'s next check'),
  stop: def('s', 'Stop run', 'Stop the running run now (asks first; recorded as stopped by you)'),
  edit: def('e', 'Edit', 'Edit the task'),
  back: def('esc', 'Back', 'Back to the task list'),
} as const;
