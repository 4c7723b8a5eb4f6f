/**
 * What `scripts list` shows of a store in PostgreSQL, read with one query: the folders, and of each
 * script only the fields of its list row (backend.ts scriptRow), taken out of the jsonb by the
 * database — not the sources, nor any other collection. Only a store that needs no work to open
 * is listed so (its schema and format those of this build, a store row written); for any other
 * the caller opens the store as usual, which creates, migrates or refuses it in its own words.
 */
import pg from 'pg';
import type { Listing } from '../backend.js';
import { STORE_VERSION, type Folder, type ScriptRow } from '../schema.js';
import { APP_PREFIX, pgError, redactUrl } from './connect.js';
import { PG_SCHEMA_VERSION, TABLES } from './schema-sql.js';

/**
 * The store's format, the folders, and the scripts' list rows in the order of the collection (seq):
 * one transaction (the statements of a query without parameters run as one), one snapshot.
 */
const LISTING_SQL = `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
SELECT (SELECT v FROM store_meta WHERE k = 'schema') AS schema, (SELECT v FROM store_meta WHERE k = 'version') AS version;
SELECT data FROM ${TABLES.folders} ORDER BY seq;
SELECT id, data->>'folderId' AS folder_id, data->>'name' AS name, data->>'includeId' AS include_id, data->>'description' AS description,
  coalesce(jsonb_typeof(data->'stagedSource') = 'string', false) AS staged, data->>'createdAt' AS created_at, data->>'updatedAt' AS updated_at
  FROM ${TABLES.scripts} ORDER BY seq`;

type Row = { id: string; folder_id: string | null; name: string; include_id: string; description: string; staged: boolean; created_at: string; updated_at: string };

/** The listing of the store at `url`; null when the store must be opened first (see above). */
export async function pgListing(url: string): Promise<Listing | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000, application_name: `${APP_PREFIX} client` });
  c.on('error', () => undefined); // the server going away after the answer: nothing more is asked
  try {
    await c.connect();
    const exists = await c.query(`SELECT to_regclass('store_meta') IS NOT NULL AS t`);
    if (!exists.rows[0]?.t) return null;
    const [, meta, folders, scripts] = (await c.query(LISTING_SQL)) as unknown as pg.QueryResult[];
    const m = meta!.rows[0] as { schema: unknown; version: unknown };
    if (Number(m.schema) !== PG_SCHEMA_VERSION || Number(m.version) !== STORE_VERSION) return null;
    return {
      folders: folders!.rows.map((r: { data: Folder }) => r.data),
      scripts: scripts!.rows.map((r: Row): ScriptRow => ({ id: r.id, folderId: r.folder_id, name: r.name, includeId: r.include_id, description: r.description, staged: r.staged, createdAt: r.created_at, updatedAt: r.updated_at })),
    };
  } catch (e) {
    throw pgError(e, redactUrl(url));
  } finally {
    await c.end().catch(() => undefined);
  }
}
