/** Tab 4, Debug sessions (see screens/debug/). */
export { DebugTab } from './debug/index.js';
