/** Tab 2, Triggers: see src/screens/triggers/index.tsx. */
export { TriggersTab } from './triggers/index.js';
