// The CRM tables in PostgreSQL are versioned (crm.crm_meta): a database written by an older
// version gains what the newer one added when a process of the newer version opens it, keeping
// its rows (schema 2 → 3: chat).
import { afterAll, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pgOnlyDescribe } from '../store/backends.js';
import { PG_CRM_VERSION } from '../../src/crm/pg/ddl.js';
import { CHAT_SMOKE, cliProcess, olderPgSandbox } from './helpers.js';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

pgOnlyDescribe('CRM schema migration on PostgreSQL', () => {
  it('a database of CRM schema 2 gains the chat tables (and later ones) and keeps its rows', async () => {
    const { url, admin } = await olderPgSandbox(['DROP TABLE crm.chat_message, crm.chat_session, crm.chat_topic', "UPDATE crm.ticket SET title = 'kept' WHERE id = 1"], 2);
    try {
      // a process of this version opens it
      const place = { dir: tempDir('crm-pg-migrate-'), url };
      const tables = JSON.parse((await cliProcess(['crm', 'tables', '--json'], place)).out) as { name: string; rows: number }[];
      expect(tables.find((t) => t.name === 'chat_session')?.rows).toBe(0);
      expect(tables.find((t) => t.name === 'ticket')?.rows).toBe(10);
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
      expect((await admin.query('SELECT title FROM crm.ticket WHERE id = 1')).rows[0].title).toBe('kept');
      const file = join(place.dir, 'chat.crm');
      writeFileSync(file, CHAT_SMOKE);
      const r = await cliProcess(['run', file], place);
      expect(r.err).toBe('');
      expect(r.out).toBe('Hi 6\n');
    } finally {
      await admin.end();
    }
  }, 60_000);
});
