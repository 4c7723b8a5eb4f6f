// Keys of the Triggers tab, in the key map's format (src/tui/keymap.ts) so the footer and the
// help overlay show them.
import type { KeyDef } from '../../tui/keymap.js';

const def = (keys: string | readonly string[], label: string, help?: string): KeyDef => ({
  keys: typeof keys === 'string' ? [keys] : keys,
  label,
  help,
});

/** The list of bindings. */
export const TRIGGER_KEYS = {
  add: def('n', 'New trigger', 'Bind an event to a script or macro'),
  edit: def(['enter', 'e'], 'Edit', 'Edit the selected binding'),
  toggle: def('space', 'On/off', 'Enable or disable the selected binding'),
  moveUp: def(['K', '-'], 'Earlier', 'Run the selected binding earlier among the bindings of its event'),
  moveDown: def(['J', '+'], 'Later', 'Run the selected binding later among the bindings of its event'),
  remove: def('d', 'Delete', 'Delete the selected binding (asks first)'),
  fire: def('f', 'Test-fire', "Test-fire the selected binding's event"),
  fireAny: def('F', 'Fire event…', 'Pick any event from the catalog and test-fire it'),
} as const;

/** The event picker: typing searches, so only special keys are bound. */
export const PICKER_KEYS = {
  up: def('up', 'Up'),
  down: def('down', 'Down'),
  pageUp: def('pgup', 'Page up'),
  pageDown: def('pgdn', 'Page down'),
  nextGroup: def('tab', 'Next group', 'Show only the next group of events'),
  prevGroup: def('shift+tab', 'Previous group'),
  choose: def('enter', 'Choose'),
  cancel: def('esc', 'Cancel'),
} as const;

/** The test-fire screen. */
export const FIRE_KEYS = {
  fire: def(['f', 'ctrl+s'], 'Fire', 'Fire the event with the values typed in'),
  edit: def('enter', 'Edit value', 'Type the value of the selected input'),
  clear: def('x', 'Clear value'),
  add: def('a', 'Add input', 'Add an input value the catalog does not name'),
  clearAll: def('X', 'Clear all', 'Empty every value'),
  toOutcome: def(['right', 'l'], 'Outcome', 'Go to the outcome (to scroll it)'),
  toInputs: def(['left', 'h'], 'Inputs', 'Back to the input values'),
  stop: def(['s', 'esc'], 'Stop', 'Stop the firing'),
  back: def('esc', 'Back', 'Back to the list of triggers'),
} as const;

/** While typing a value (or a new input's name). */
export const VALUE_KEYS = {
  accept: def('enter', 'Keep'),
  cancel: def('esc', 'Cancel'),
} as const;
