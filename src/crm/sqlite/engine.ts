// Loads SQLite (sql.js: SQLite compiled to WebAssembly, nothing native) once per thread. Loading
// is asynchronous, so a run readies it before its script starts (only when the script touches CRM
// data); everything after that is synchronous.
import type { SqlJsStatic } from 'sql.js';
import { CrmDatabaseError } from '../errors.js';

let engine: SqlJsStatic | null = null;
let loading: Promise<SqlJsStatic> | null = null;

export function loadSqlite(): Promise<SqlJsStatic> {
  if (engine) return Promise.resolve(engine);
  loading ??= import('sql.js').then(async (m) => {
    const init = (m as unknown as { default: (o?: object) => Promise<SqlJsStatic> }).default;
    engine = await init();
    return engine;
  });
  return loading;
}

/** The loaded engine; callers must have awaited loadSqlite() in this thread. */
export function sqlite(): SqlJsStatic {
  if (!engine) throw new CrmDatabaseError('internal: the CRM database engine was not loaded before use');
  return engine;
}
