// Tests run programs in their own thread (execute()) as well as through the product's workers:
// give the in-thread runs every native, as a run's worker has once prepareRun loaded the CRM half
// (src/interp/stdlib/table.ts, crm-table.ts).
import '../../src/interp/stdlib/index.js';
