/** Tab 5, Tracing (see screens/tracing/). */
export { TracingTab } from './tracing/index.js';
