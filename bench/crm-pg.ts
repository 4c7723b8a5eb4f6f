// The sandbox CRM on PostgreSQL for `npm run bench` (with $CRMSCRIPT_TUI_TEST_PG set): `crm import`
// of 100,000 tickets through the real CLI with the store (and so the CRM) in a new database, and
// the warm SearchEngine select of bench/crm.ts against it, beside the same SQL run directly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDriver } from '../src/crm/open.js';
import { selectFigure, ticketsCsv } from './crm.js';

export async function crmPgBench(rows: [string, string, string][], cli: string, pgUrl: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-pg-bench-'));
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS crm_crm_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE crm_crm_bench');
  const u = new URL(pgUrl);
  u.pathname = '/crm_crm_bench';
  const url = u.toString();
  const env = { ...process.env, CRMSCRIPT_TUI_HOME: dir, CRMSCRIPT_TUI_STORE: url };
  try {
    const N = 100_000;
    const csv = ticketsCsv(dir, N);
    const created = spawnSync(process.execPath, [cli, 'store', 'migrate'], { env, encoding: 'utf8' }); // store and CRM tables, demo data
    if (created.status !== 0) throw new Error(created.stderr);
    const t0 = performance.now();
    const imp = spawnSync(process.execPath, [cli, 'crm', 'import', csv, '--table', 'ticket'], { env, encoding: 'utf8' });
    const importMs = performance.now() - t0;
    if (imp.status !== 0) throw new Error(imp.stderr);
    rows.push([`PostgreSQL: crm import of ${N.toLocaleString('en')} tickets (CSV, whole command, wall clock)`, `${(importMs / 1000).toFixed(1)} s`, 'target ≤ 10 s']);
    const d = await openDriver(url);
    try {
      const sel = selectFigure(d, N + 10);
      rows.push(['PostgreSQL: SearchEngine select, 20 of 100,010 tickets, warm (median)', `${sel.seMs.toFixed(2)} ms vs ${sel.sqlMs.toFixed(2)} ms same SQL direct`, `${(sel.seMs / sel.sqlMs).toFixed(2)}× (target ≤ 5 ms)`]);
    } finally {
      d.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin.query('DROP DATABASE IF EXISTS crm_crm_bench WITH (FORCE)').catch(() => undefined);
    await admin.end();
  }
}
