// SQL text written by a script (executeSQLQuery) runs only against the sandbox database: one
// statement at a time, no attaching other files, no changes to the connection that would hide
// writes from the run's change log.
import { CrmDatabaseError } from './errors.js';

const FORBIDDEN: [RegExp, string][] = [
  [/\battach\b/i, 'ATTACH (other database files)'],
  [/\bdetach\b/i, 'DETACH'],
  [/\bvacuum\b/i, 'VACUUM'],
  [/\bload_extension\b/i, 'load_extension'],
  [/\btemp(orary)?\b/i, 'temporary tables and triggers'],
  [/\bcrm_(run_changes|track_)/i, "the run's change log"],
  // PostgreSQL: the store's tables and the server's own stay out of reach, and so do the session's settings
  [/\b(public|pg_catalog|information_schema|pg_toast|pg_temp\w*)"?\s*\.|\bpg_temp\b/i, 'tables outside the sandbox CRM'],
  [/\b(set_config|current_setting|pg_read_\w+|pg_ls_\w+|pg_stat_file|lo_import|lo_export|dblink\w*|pg_sleep\w*|pg_terminate_backend|pg_cancel_backend|pg_advisory\w*|pg_notify)\s*\(/i, 'server functions'],
  [/^\s*(set|reset|show|copy|listen|notify|unlisten|lock|grant|revoke|do|call|prepare|execute|deallocate|discard|begin|commit|rollback|savepoint|release|start|end|abort|checkpoint|cluster|reindex|security|comment|create\s+(role|user|schema|extension|function|procedure|trigger|database|language))\b/i, 'this statement'],
  [/^\s*pragma\b(?!\s+(table_info|index_list|index_info|foreign_key_list)\b)/i, 'PRAGMA (other than table_info, index_list, index_info, foreign_key_list)'],
];

/** Strips string literals and comments so keywords inside them do not count. */
function code(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ');
}

export type SqlKind = 'read' | 'write';

/** Checks SQL text from a script; returns whether it reads or writes. */
export function checkScriptSql(sql: string): SqlKind {
  const c = code(sql).trim().replace(/;\s*$/, '');
  if (!c) throw new CrmDatabaseError('executeSQLQuery: the SQL text is empty');
  if (c.includes(';')) throw new CrmDatabaseError('executeSQLQuery: one SQL statement at a time');
  for (const [re, what] of FORBIDDEN) if (re.test(c)) throw new CrmDatabaseError(`executeSQLQuery: ${what} is not allowed in the sandbox CRM`);
  return /^\s*(select|with|values|explain|pragma)\b/i.test(c) && !/\b(insert|update|delete|replace)\b/i.test(c.replace(/^\s*with\b[\s\S]*?\bselect\b/i, 'select')) ? 'read' : 'write';
}
