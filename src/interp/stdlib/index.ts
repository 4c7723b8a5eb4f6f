// Every native implementation: the natives table (table.ts) with the CRM-backed and NetServer
// natives added (crm-table.ts). What tests, the shape the build writes for the checker
// (native-shape.ts) and the debugger's evaluator use; a run's worker starts from table.ts alone.
import './crm-table.js';

import { nativeTable } from './table.js';

export { nativeClasses, nativeGlobals } from './table.js';

/** Every native: the table once crm-table.ts has added its part. */
export const natives = nativeTable();
