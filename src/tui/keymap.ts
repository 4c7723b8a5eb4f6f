/**
 * The key map: the one place that says which key does what. Screens bind
 * their actions to these definitions through useKeys() (src/tui/keys.tsx); the
 * footer and the help overlay show the same definitions, so what is displayed
 * is always what is handled.
 *
 * Key notation: a single character ("n", "R", "?", "/"), or one of
 * enter, esc, tab, shift+tab, up, down, left, right, pgup, pgdn, home, end,
 * space, backspace, ctrl+<letter>.
 */
import type { KeyDef } from './keymatch.js';

const def = (keys: string | readonly string[], label: string, help?: string): KeyDef => ({
  keys: typeof keys === 'string' ? [keys] : keys,
  label,
  help,
});

/** Keys the shell handles on every screen (unless a dialog or text field has the keyboard). */
export const GLOBAL_KEYS = {
  tab1: def('1', 'Macros and scripts', 'Go to the Macros and scripts tab'),
  tab2: def('2', 'Triggers', 'Go to the Triggers tab'),
  tab3: def('3', 'Scheduled tasks', 'Go to the Scheduled tasks tab'),
  tab4: def('4', 'Debug sessions', 'Go to the Debug sessions tab'),
  tab5: def('5', 'Tracing', 'Go to the Tracing tab'),
  nextTab: def('tab', 'Next tab'),
  prevTab: def('shift+tab', 'Previous tab'),
  help: def('?', 'Help', 'Show every key of this screen'),
  quit: def('q', 'Quit', 'Quit (asks first when something is unsaved)'),
  forceQuit: def('ctrl+c', 'Quit now', 'Quit at once, from anywhere'),
  crm: def('C', 'CRM data', 'Open the sandbox CRM data view (tables, rows, what the last run changed)'),
} as const;

/** Moving around in lists and text views. */
export const NAV_KEYS = {
  up: def(['up', 'k'], 'Up', 'Move up'),
  down: def(['down', 'j'], 'Down', 'Move down'),
  pageUp: def('pgup', 'Page up'),
  pageDown: def('pgdn', 'Page down'),
  top: def(['home', 'g'], 'Top', 'Go to the first line'),
  bottom: def(['end', 'G'], 'Bottom', 'Go to the last line'),
  left: def(['left', 'h'], 'Scroll left'),
  right: def(['right', 'l'], 'Scroll right'),
  open: def('enter', 'Open'),
  back: def('esc', 'Back', 'Go back'),
  filter: def('/', 'Filter', 'Filter the list (type to narrow, Enter keeps, Esc clears)'),
} as const;

/** While typing a list filter. */
export const FILTER_KEYS = {
  accept: def('enter', 'Keep filter', 'Keep the filter and return to the list'),
  clear: def('esc', 'Clear', 'Clear the filter'),
  up: def('up', 'Up', 'Move up in the filtered list'),
  down: def('down', 'Down', 'Move down in the filtered list'),
} as const;

/** Tab 1, the folder tree and the list beside it. */
export const BROWSER_KEYS = {
  newScript: def('n', 'New script', 'New script in the selected folder'),
  newMacro: def('m', 'New macro', 'New macro in the selected folder'),
  newFolder: def('f', 'New folder', 'New folder under the selected folder'),
  search: def('s', 'Search', 'Search the selected folder and its sub-folders (name, include name, source)'),
  // folder tree
  expand: def(['right', 'l'], 'Expand', 'Expand the folder, or go to its list when it is expanded'),
  collapse: def(['left', 'h'], 'Collapse', 'Collapse the folder, or go to its parent'),
  toggle: def('space', 'Expand/collapse', 'Expand or collapse the folder'),
  openFolder: def('enter', 'Open folder', 'Show the folder\'s scripts and macros and go to the list'),
  renameFolder: def('r', 'Rename', 'Rename the selected folder'),
  deleteFolder: def('d', 'Delete', 'Delete the selected folder with everything in it (asks first)'),
  // list
  openItem: def('enter', 'Open', 'Open the selected script or macro'),
  run: def('r', 'Run', 'Run the selected script'),
  edit: def('e', 'Edit', 'Edit the selected script\'s source in $VISUAL/$EDITOR'),
  deleteItem: def('d', 'Delete', 'Delete the selected script or macro (asks first)'),
  toTree: def(['left', 'h', 'esc'], 'Folders', 'Back to the folder tree'),
  outbox: def('O', 'Outbox', 'Mail sent by macros and scripts (kept here when no SMTP server is set up)'),
} as const;

/** The script screen. */
export const SCRIPT_KEYS = {
  edit: def('e', 'Edit', 'Edit the source in $VISUAL/$EDITOR, then check it'),
  run: def('r', 'Run', 'Run the published source'),
  stage: def('s', 'Stage', 'Edit a staged version (only "Run staged" uses it until it is published)'),
  runStaged: def('R', 'Run staged', 'Run the staged version'),
  runWith: def('i', 'Run with…', 'Run with variables and event input values (kept with the script in the store; r, b and test-firing use them too)'),
  publish: def('P', 'Publish', 'Show what the staged version changes and what runs the script, then make it the published source (asks)'),
  discardStaged: def('X', 'Drop staged', 'Discard the staged version'),
  debug: def('b', 'Debug'),
  trace: def('t', 'Trace'),
  properties: def('p', 'Properties', 'Edit name, description, folder, include name, key, HTML flag'),
  delete: def('d', 'Delete', 'Delete the script (asks first)'),
  view: def('v', 'View', 'Switch between the Script, Description and Staged views'),
  lastResult: def('o', 'Last result', 'Show the result of the last run again'),
  back: def('esc', 'Back'),
} as const;

/** The macro screen. */
export const MACRO_KEYS = {
  properties: def('p', 'Properties', 'Edit name, description and folder'),
  delete: def('d', 'Delete', 'Delete the macro (asks first)'),
  back: def('esc', 'Back'),
} as const;

/** The macro editor (the macro screen), on every view. */
export const MACRO_EDIT_KEYS = {
  view: def('v', 'View', 'Switch between the Actions, Information and Script views'),
  script: def('S', 'As script', 'Show as script: the CRMScript the macro runs as'),
  save: def(['s', 'ctrl+s'], 'Save', 'Check the macro and save it (refused while it has errors)'),
  run: def('r', 'Run', 'Run the macro as shown here (unsaved changes included)'),
  runWith: def('i', 'Run with…', 'Run with variables and event input values (kept with the macro in the store; r and b use them too)'),
  event: def('E', 'Event', 'Choose the event whose input values the actions use (Choose parameter, checks)'),
  check: def('c', 'Problems', 'List the problems of the macro (missing parameters, bad references, ...)'),
  revert: def('X', 'Revert', 'Throw away the unsaved changes'),
  lastResult: def('o', 'Last result', 'Show the result of the last run again'),
  trace: def('t', 'Trace', "The macro's trace configuration and its recordings (creates one when there is none)"),
  debug: def('b', 'Debug', 'Step through the saved macro in the Debugger (as the CRMScript it runs as)'),
} as const;

/** The Actions view of the macro editor. */
export const MACRO_ACTION_KEYS = {
  add: def('a', 'Add action', 'Add an action after the selected one (choose its type first)'),
  edit: def(['enter', 'e'], 'Edit', 'Edit the selected action: its parameters and its condition'),
  moveUp: def(['K', '-'], 'Move up', 'Move the selected action up (references to results follow it)'),
  moveDown: def(['J', '+'], 'Move down', 'Move the selected action down (references to results follow it)'),
  remove: def('d', 'Delete action', 'Delete the selected action (warns when later actions use its results)'),
} as const;

/** Editing one macro action. */
export const ACTION_EDIT_KEYS = {
  next: def(['tab', 'down'], 'Next field'),
  prev: def(['shift+tab', 'up'], 'Previous field'),
  enter: def('enter', 'Next/Done', 'Next field; on the last field, keep the changes'),
  done: def('ctrl+s', 'Done', 'Keep the changes to this action (save the macro with s afterwards)'),
  choose: def(['left', 'right'], 'Choose', 'Choose another value (or type its first letters)'),
  param: def('ctrl+p', 'Choose parameter', 'Insert an event input value, a variable or an earlier action\'s result at the cursor'),
  newline: def('ctrl+n', 'New line', 'Start a new line (fields that take several lines; shown as ↵)'),
  external: def('ctrl+x', 'In $EDITOR', 'Edit this field in $VISUAL/$EDITOR'),
  cancel: def('esc', 'Cancel'),
} as const;

/** Lists in the macro editor's dialogs: action types, parameters, events, problems. */
export const PICK_KEYS = {
  up: def('up', 'Up'),
  down: def('down', 'Down'),
  choose: def('enter', 'Choose'),
  insert: def('enter', 'Insert', 'Insert the selected reference at the cursor'),
  fix: def('enter', 'Fix', 'Edit the action the problem is about'),
  cancel: def('esc', 'Cancel'),
  close: def('esc', 'Close'),
} as const;

/** The outbox (mail sent by macros and scripts). */
export const OUTBOX_KEYS = {
  read: def('enter', 'Read', 'Show the whole message'),
  back: def('esc', 'Back'),
} as const;

/** A script run in progress and its result. */
export const RUN_KEYS = {
  stop: def(['s', 'esc'], 'Stop', 'Stop the run'),
  again: def('r', 'Run again'),
  html: def('h', 'Raw/text', 'Show the output as raw HTML or as readable text'),
  back: def('esc', 'Back', 'Back to the script'),
} as const;

/** After an edit whose source has problems. */
export const PROBLEM_KEYS = {
  save: def('s', 'Save anyway'),
  editAgain: def('e', 'Edit again'),
  discard: def(['d', 'esc'], 'Discard', 'Discard the edit'),
} as const;

/** Search screen of tab 1. */
export const SEARCH_KEYS = {
  run: def('enter', 'Results', 'Go to the results'),
  open: def('enter', 'Open', 'Open the selected result'),
  edit: def('s', 'New search', 'Change the search text'),
  back: def('esc', 'Back'),
} as const;

/** Forms (new script, properties, new folder, ...). */
export const FORM_KEYS = {
  next: def(['tab', 'down'], 'Next field'),
  prev: def(['shift+tab', 'up'], 'Previous field'),
  enter: def('enter', 'Next/Save', 'Next field; on the last field, save'),
  save: def('ctrl+s', 'Save', 'Save from any field'),
  toggle: def('space', 'Toggle', 'Toggle the check box'),
  choose: def(['left', 'right'], 'Choose', 'Choose another value (or type its first letters)'),
  cancel: def('esc', 'Cancel'),
} as const;

/** Editing keys inside a text field (handled by the field, listed in help). */
export const TEXT_KEYS = {
  move: def(['left', 'right'], 'Move', 'Move the cursor'),
  home: def(['home', 'ctrl+a'], 'Start', 'Go to the start of the field (the macro action editor)'),
  end: def(['end', 'ctrl+e'], 'End', 'Go to the end of the field'),
  erase: def('backspace', 'Erase', 'Erase the character before the cursor'),
  clear: def('ctrl+u', 'Clear', 'Clear the field (the action editor: erase everything before the cursor)'),
  word: def('ctrl+w', 'Erase word', 'Erase the last word (the action editor: the word before the cursor)'),
} as const;

/** Yes/no questions. */
export const CONFIRM_KEYS = {
  yes: def('y', 'Yes'),
  no: def(['n', 'esc'], 'No'),
} as const;

/** Leaving an editor with unsaved changes. */
export const LEAVE_KEYS = {
  save: def('s', 'Save and leave'),
  leave: def('y', 'Leave', 'Leave and throw the changes away'),
  stay: def(['n', 'esc'], 'Stay'),
} as const;

/** The help overlay. */
export const HELP_KEYS = {
  close: def(['esc', '?', 'q'], 'Close'),
  up: def(['up', 'k'], 'Up'),
  down: def(['down', 'j'], 'Down'),
  pageUp: def('pgup', 'Page up'),
  pageDown: def('pgdn', 'Page down'),
  home: def(['home', 'g'], 'Top'),
  end: def(['end', 'G'], 'Bottom'),
} as const;

/** The Debugger screen (tab 4, the script screen's Debug, `crmscript-tui debug`). F-keys: see functionKeyNotation(). */
export const DEBUGGER_KEYS = {
  stepIn: def(['s', 'f11'], 'Step', 'Step into: run the next statement, entering a function it calls'),
  stepOver: def(['n', 'f10'], 'Over', 'Step over: run the next statement, including the functions it calls'),
  stepOut: def(['o', 'shift+f11'], 'Out', 'Step out: run until the current function returns'),
  continue: def(['c', 'f5'], 'Continue', 'Continue to the next breakpoint (or the end)'),
  breakpoint: def(['b', 'f9'], 'Break', 'Set or clear a breakpoint on the cursor line (kept with the script)'),
  runToCursor: def('r', 'To line', 'Run to the cursor line'),
  runToEnd: def('R', 'To end', 'Run to the end, ignoring breakpoints'),
  pause: def(['p', 'f6'], 'Pause', 'Pause the running script at its next statement'),
  stop: def('x', 'Stop', 'Stop the run'),
  evaluate: def('e', 'Eval', 'Evaluate an expression in the selected frame; it stays in the watch list'),
  restart: def('ctrl+r', 'Restart', 'Start the debug run again from the first line'),
  nextPane: def('tab', 'Pane', 'Next pane (source, variables, stack, watch, output)'),
  prevPane: def('shift+tab', 'Previous pane'),
  currentLine: def('.', 'Current line', 'Move the cursor to the line where the run is paused'),
  nextFile: def('f', 'File', 'Show the next file of the run (the script and the scripts it includes)'),
  expand: def(['right', 'l'], 'Expand', 'Expand the variable (arrays, Maps, structs)'),
  collapse: def(['left', 'h'], 'Collapse', 'Collapse the variable, or go to its parent'),
  toggle: def('space', 'Expand/collapse'),
  showValue: def('enter', 'Value', 'Show the whole value of the selected row'),
  selectFrame: def('enter', 'Select frame', 'Show the variables and the line of the selected frame'),
  deleteWatch: def(['d', 'backspace'], 'Remove', 'Remove the selected watch expression'),
  back: def('esc', 'Back', 'Leave the debugger'),
} as const;

/** Typing an expression to evaluate. */
export const EVAL_KEYS = {
  add: def('enter', 'Evaluate', 'Evaluate the expression and keep it in the watch list'),
  cancel: def('esc', 'Cancel'),
  history: def(['up', 'down'], 'History', 'Earlier expressions'),
} as const;

/** Tab 4, the list of debug sessions. */
export const DEBUG_SESSIONS_KEYS = {
  attach: def('enter', 'Attach', 'Open the Debugger on the selected session'),
  tracing: def('t', 'Tracing', 'Start or stop tracing scripts (the global switch for all enabled traces)'),
  stopSession: def('x', 'Stop', 'Stop the selected session\'s run (asks first)'),
  cleanUp: def('D', 'Clean up', 'Remove sessions whose process is gone'),
} as const;

/** Tab 5, Tracing: trace configurations and their recordings (also a script's or macro's Trace). */
export const TRACING_KEYS = {
  newTrace: def('n', 'New trace', 'New trace configuration for a script or macro'),
  edit: def('e', 'Edit', 'Edit the selected trace configuration (every field)'),
  toggle: def('space', 'Enable/disable', 'Enable or disable the selected trace'),
  tracing: def('t', 'Start/Stop tracing', 'Start or stop tracing scripts (the global switch for all enabled traces)'),
  recordings: def(['enter', 'right', 'l'], 'Recordings', "Go to the selected trace's recordings"),
  replay: def('enter', 'Replay', 'Open the selected recording in the trace viewer'),
  toTraces: def(['left', 'h', 'esc'], 'Traces', 'Back to the trace configurations'),
  tracesPane: def(['left', 'h'], 'Traces', 'Go to the trace configurations'),
  deleteTrace: def('d', 'Delete', 'Delete the selected trace with all its recordings (asks first)'),
  deleteRecording: def('d', 'Delete', 'Delete the selected recording (asks first)'),
  outbox: def('O', 'Outbox', 'The outbox: notifications the traces queued (and other mail)'),
  back: def('esc', 'Back'),
} as const;

/** The trace viewer (replaying one recording). */
export const TRACE_VIEW_KEYS = {
  prev: def('left', 'Prev', 'The step before, whatever its depth'),
  next: def('right', 'Next step', 'The next step (as step in)'),
  stepBack: def('b', 'Back', 'Step back: the previous statement at this depth or higher'),
  stepIn: def(['i', 's'], 'In', 'Step in: the next recorded step (into called functions)'),
  stepNext: def('n', 'Next', 'Step next: next statement at this depth or higher (skips calls)'),
  stepOut: def('o', 'Out', 'Step out: the first statement after the current function returned'),
  stepOutOfScope: def('u', 'Scope', 'Step out of scope: leave the current block or loop'),
  first: def('home', 'First', 'Go to the first step'),
  last: def('end', 'Last', 'Go to the last step'),
  exception: def('x', 'Exception', 'Go to the step that raised the unhandled exception'),
  goTo: def('g', 'Go to', 'Go to a step by its number (or a percentage such as 50%)'),
  back10: def('pgup', '-10%', 'Move back by a tenth of the recording'),
  forward10: def('pgdn', '+10%', 'Move forward by a tenth of the recording'),
  toLine: def('r', 'To line', 'Go to the next step on the cursor line of the source'),
  current: def('.', 'Current line', 'Show the current statement in the source'),
  nextFile: def('f', 'File', 'Show the next file of the run (the script and the scripts it includes)'),
  selectFrame: def('enter', 'Go to frame', "Go to the selected frame's step (for a caller: the statement making the call)"),
  nextPane: def('tab', 'Pane', 'Next pane (source, variables, call stack, output)'),
  prevPane: def('shift+tab', 'Previous pane'),
  close: def('esc', 'Close', 'Close the trace viewer'),
} as const;

/** Typing a step number in the trace viewer. */
export const GOTO_STEP_KEYS = {
  go: def('enter', 'Go'),
  cancel: def('esc', 'Cancel'),
} as const;

export * from './keymatch.js';
