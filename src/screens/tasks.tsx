/** Tab 3, Scheduled tasks (the screens live in ./tasks/). */
export { TasksTab } from './tasks/index.js';
