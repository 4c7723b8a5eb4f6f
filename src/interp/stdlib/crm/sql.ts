// executeSQLQuery: SQL text against the sandbox CRM database only (one statement; no attaching
// files); what it writes is part of the run's changes like any other write.
import type { NativeGlobals } from '../registry.js';
import { crm } from './access.js';

export const sqlGlobals: NativeGlobals = {
  'executeSQLQuery(String)': (sql: string) => {
    crm().execute(sql);
  },
};
