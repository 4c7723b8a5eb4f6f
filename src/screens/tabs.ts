/**
 * The five tabs, in order. A tab is one component taking TabProps (see
 * services.ts and the notes in app.tsx). Each tab's module may be replaced
 * by its owner as long as it keeps exporting the same component name.
 */
import type { TabDefinition } from '../tui/services.js';
import { ScriptsTab } from './scripts/index.js';
import { TriggersTab } from './triggers.js';
import { TasksTab } from './tasks.js';
import { DebugTab } from './debug.js';
import { TracingTab } from './tracing.js';

export const TABS: readonly TabDefinition[] = [
  { id: 'scripts', title: 'Macros and scripts', short: 'Scripts', Component: ScriptsTab },
  { id: 'triggers', title: 'Triggers', short: 'Triggers', Component: TriggersTab },
  { id: 'tasks', title: 'Scheduled tasks', short: 'Tasks', Component: TasksTab },
  { id: 'debug', title: 'Debug sessions', short: 'Debug', Component: DebugTab },
  { id: 'tracing', title: 'Tracing', short: 'Tracing', Component: TracingTab },
];
