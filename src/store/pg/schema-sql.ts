/**
 * The PostgreSQL layout of the store and its migrations. Every collection of
 * the document (schema.ts stays the one truth about the entities) is a table
 * of its own: the entity as jsonb plus the columns the database needs to find
 * rows — id, `seq` (the order of the collection), `rev` (the change number
 * that last wrote the row, for readers catching up after a NOTIFY) and a few
 * lookup columns. `store_meta` holds the format version, the settings and the
 * change counter; `store_deleted` remembers removals for readers catching up; `store_files` holds
 * the contents of recordings and long outputs (pg/files.ts).
 */
import type { CollectionName } from '../schema.js';

/** Table of each collection. */
export const TABLES: Record<CollectionName, string> = {
  folders: 'folders',
  scripts: 'scripts',
  macros: 'macros',
  triggers: 'triggers',
  tasks: 'tasks',
  taskRuns: 'task_runs',
  traceConfigs: 'trace_configs',
  traceRuns: 'trace_runs',
  debugSessions: 'debug_sessions',
  outbox: 'outbox',
};

/** Lookup columns generated from the entity (kept in step by PostgreSQL itself). */
const LOOKUPS: Partial<Record<CollectionName, string[]>> = {
  folders: [`parent_id text GENERATED ALWAYS AS (data->>'parentId') STORED`],
  scripts: [
    `folder_id text GENERATED ALWAYS AS (data->>'folderId') STORED`,
    `name text GENERATED ALWAYS AS (data->>'name') STORED`,
    `include_id text GENERATED ALWAYS AS (data->>'includeId') STORED`,
  ],
  triggers: [`event text GENERATED ALWAYS AS (data->>'event') STORED`],
  tasks: [`name text GENERATED ALWAYS AS (data->>'name') STORED`],
  taskRuns: [`task_id text GENERATED ALWAYS AS (data->>'taskId') STORED`, `started_at text GENERATED ALWAYS AS (data->>'startedAt') STORED`],
  traceRuns: [`config_id text GENERATED ALWAYS AS (data->>'configId') STORED`],
};

const INDEXES: string[] = [
  'CREATE INDEX IF NOT EXISTS scripts_include_id ON scripts (include_id)',
  'CREATE INDEX IF NOT EXISTS triggers_event ON triggers (event)',
  'CREATE INDEX IF NOT EXISTS task_runs_task ON task_runs (task_id, started_at)',
  'CREATE INDEX IF NOT EXISTS trace_runs_config ON trace_runs (config_id)',
];

export interface PgMigration {
  /** The schema version this step produces. */
  to: number;
  statements: string[];
}

export const PG_MIGRATIONS: PgMigration[] = [
  {
    to: 1,
    statements: [
      `CREATE TABLE IF NOT EXISTS store_meta (k text PRIMARY KEY, v jsonb NOT NULL)`,
      `CREATE SEQUENCE IF NOT EXISTS store_seq`,
      `CREATE TABLE IF NOT EXISTS store_deleted (rev bigint NOT NULL, coll text NOT NULL, id text NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS store_deleted_rev ON store_deleted (rev)`,
      ...Object.entries(TABLES).flatMap(([coll, table]) => [
        `CREATE TABLE IF NOT EXISTS ${table} (
          id text PRIMARY KEY,
          seq bigint NOT NULL DEFAULT nextval('store_seq'),
          rev bigint NOT NULL,
          data jsonb NOT NULL${(LOOKUPS[coll as CollectionName] ?? []).map((c) => `,\n          ${c}`).join('')}
        )`,
        `CREATE INDEX IF NOT EXISTS ${table}_rev ON ${table} (rev)`,
      ]),
      ...INDEXES,
      `INSERT INTO store_meta (k, v) VALUES ('rev', '0') ON CONFLICT (k) DO NOTHING`,
    ],
  },
  {
    // Task leases as rows of their own, taken with FOR UPDATE SKIP LOCKED (pg/leases.ts); the
    // task's `lease` field stays as what screens show.
    to: 2,
    statements: [`CREATE TABLE IF NOT EXISTS task_leases (task_id text PRIMARY KEY, owner text, until timestamptz)`],
  },
  {
    // The contents of trace recordings and long run outputs, shared by every machine (files.ts).
    to: 3,
    statements: [`CREATE TABLE IF NOT EXISTS store_files (path text PRIMARY KEY, data bytea NOT NULL, written_at timestamptz NOT NULL DEFAULT now())`],
  },
];

/** The newest schema version this build knows. */
export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.to;

/** The channel of change notifications. */
export const CHANGE_CHANNEL = 'crmscript_tui_store';

/** Advisory lock keys: writes, and schema migrations. */
export const WRITE_LOCK = 0x63727473; // "crts"
export const MIGRATE_LOCK = 0x6372746d; // "crtm"
