// The messages between SyncPg and its helper thread.
import type { CrmValue } from '../../interp/runtime/crm-service.js';

export type PgRequest =
  | { op: 'query'; sql: string; params: CrmValue[] }
  /** One statement per parameter row, in order (bulk import). */
  | { op: 'batch'; sql: string; rows: CrmValue[][] }
  /** Several statements without parameters (schema creation). */
  | { op: 'script'; sql: string }
  | { op: 'close' };

export type PgReply =
  | { ok: true; columns: string[]; rows: CrmValue[][]; rowCount: number }
  | { ok: false; message: string; code: string; row?: number };
