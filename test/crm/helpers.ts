// Running CRMScript against a real sandbox database in this process (the product's CRM service
// over a fresh database: an SQLite file, or a new PostgreSQL database), and the built CLI against a
// temporary data directory (and, for PostgreSQL, a store in that database).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { spawn } from 'node:child_process';
import { compileScript } from '../../src/interp/compile-script.js';
import { execute } from '../../src/interp/execute.js';
import { newRunContext, type OutgoingMail } from '../../src/interp/runtime/context.js';
import { openDriver, serviceOver } from '../../src/crm/open.js';
import type { DriverCrmService } from '../../src/crm/service.js';
import type { CrmDriver } from '../../src/crm/driver.js';
import { loadSqlite, sqlite } from '../../src/crm/sqlite/engine.js';
import pg from 'pg';
import { CLI, tempDir } from '../common.js';
import { freshPgUrl } from '../store/backends.js';
import { runCliHere } from '../cli.js';

export { describeBackends } from '../store/backends.js';

/** Where a test's data lives: a data directory, and for PostgreSQL the database's URL. */
export interface Place {
  dir: string;
  url?: string;
}

export interface CrmFixture {
  dir: string;
  driver: CrmDriver;
  crm: DriverCrmService;
}

/** A fresh data directory (or database) with the demo data, opened with change tracking. */
export async function crmFixture(opts: { rollback?: boolean; user?: string } = {}, place: Place = { dir: tempDir('crm-test-') }): Promise<CrmFixture> {
  const location = place.url ?? join(place.dir, 'crm.sqlite');
  const driver = await openDriver(location, { token: `test-${Math.random()}`, lockUntil: Date.now() + 600_000, lockWaitMs: 10_000, track: true });
  return { dir: place.dir, driver, crm: serviceOver(driver, opts) };
}

/** Runs `fn` with a fresh fixture of the place `fresh` makes (rolled back), closing it after. */
export async function withFixture(fresh: () => Promise<Place>, fn: (f: CrmFixture) => void | Promise<void>): Promise<void> {
  const f = await crmFixture({ rollback: true }, await fresh());
  try {
    await fn(f);
  } finally {
    f.driver.close();
  }
}

/** Runs a script with the fixture's CRM attached (in this thread). */
export function runWithCrm(f: CrmFixture, source: string, inputs: Record<string, string> = {}): { output: string; error: string | null; diagnostics: string[] } {
  const c = compileScript({ source, file: 'test.crm' });
  const diagnostics = c.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col}: ${d.message}`);
  if (!c.compiled) return { output: '', error: null, diagnostics };
  let output = '';
  const ctx = newRunContext({ out: (s) => (output += s), crm: f.crm });
  for (const [k, v] of Object.entries(inputs)) ctx.event.inputs.set(k, v);
  const r = execute(c.compiled, ctx);
  return { output, error: r.error?.message ?? null, diagnostics };
}

/** Runs a script with the fixture's CRM that must compile and end without an error; its output. */
export function runOk(f: CrmFixture, source: string): string {
  const r = runWithCrm(f, source);
  expect(r.diagnostics).toEqual([]);
  expect(r.error).toBeNull();
  return r.output;
}

/** Runs a script with the fixture's CRM that must compile and end without an error; its output and the mail it queued. */
export function runMail(f: CrmFixture, source: string): { output: string; outbox: OutgoingMail[] } {
  const c = compileScript({ source, file: 'test.crm' });
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  let output = '';
  const ctx = newRunContext({ out: (s) => (output += s), crm: f.crm });
  const r = execute(c.compiled!, ctx);
  expect(r.error?.message ?? null).toBeNull();
  return { output, outbox: ctx.outbox };
}

/**
 * A SQLite sandbox as an older build left it: one this build made (with the demo data), then `sql`
 * (dropping the tables that build lacked, setting its user_version, ...). Returns the file.
 */
export async function olderSqliteSandbox(prefix: string, sql: string): Promise<string> {
  await loadSqlite();
  const file = join(tempDir(prefix), 'crm.sqlite');
  (await openDriver(file)).close();
  const db = new (sqlite().Database)(readFileSync(file));
  db.exec(sql);
  writeFileSync(file, Buffer.from(db.export()));
  db.close();
  return file;
}

/**
 * Opens an older SQLite sandbox (olderSqliteSandbox: `sql` run in a new one) with this build, runs
 * `source` on it as a rollback run, and gives its output (it must compile and end without an error).
 */
export async function runOnOlderSqlite(prefix: string, sql: string, source: string): Promise<string> {
  const driver = await openDriver(await olderSqliteSandbox(prefix, sql));
  try {
    return runOk({ dir: '', driver, crm: serviceOver(driver, { rollback: true }) }, source);
  } finally {
    driver.close();
  }
}

/**
 * A PostgreSQL sandbox as an older build left it: a new database this build made (with the demo
 * data), then `sql` run in it (dropping the tables that build lacked, ...) and its CRM schema set to
 * `schema`. Returns its URL and a connection for the test's own queries, which the caller ends.
 */
export async function olderPgSandbox(sql: string[], schema: number): Promise<{ url: string; admin: pg.Client }> {
  const url = await freshPgUrl();
  (await openDriver(url)).close();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const q of sql) await admin.query(q);
    await admin.query("UPDATE crm.crm_meta SET v = $1 WHERE k = 'schema'", [String(schema)]);
  } catch (e) {
    await admin.end();
    throw e;
  }
  return { url, admin };
}

/** Runs `source` as a file with the built CLI (`run FLAGS FILE`) against the sandbox at `url`; stderr must stay empty. */
export async function runFileOn(url: string, prefix: string, source: string, flags: string[] = []): Promise<string> {
  const place = { dir: tempDir(prefix), url };
  const script = join(place.dir, 'script.crm');
  writeFileSync(script, source);
  const r = await cliProcess(['run', ...flags, script], place);
  expect(r.err).toBe('');
  return r.out;
}

/**
 * Runs the CLI's commands in this process against `home` (see test/cli.ts); with `input` for its
 * stdin, the built CLI in a child process.
 */
export async function cli(args: string[], home: string | Place, input?: string): Promise<{ out: string; err: string; code: number | null }> {
  if (input !== undefined) return cliProcess(args, home, input);
  const place = typeof home === 'string' ? { dir: home } : home;
  return runCliHere(args, { CRMSCRIPT_TUI_HOME: place.dir, CRMSCRIPT_TUI_STORE: place.url ?? '' });
}

/** Runs the built CLI in a child process without blocking this one (several can run at once). */
export function cliProcess(args: string[], home: string | Place, input?: string): Promise<{ out: string; err: string; code: number | null }> {
  const place = typeof home === 'string' ? { dir: home } : home;
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, CRMSCRIPT_TUI_HOME: place.dir, CRMSCRIPT_TUI_STORE: place.url ?? '' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    if (input !== undefined) p.stdin.end(input);
    p.on('close', (code) => resolve({ out, err, code }));
  });
}

/** A script block printing the fields of every row a SearchEngine query gives, space-separated, in the order of the first field. */
export const searchRows = (table: string, fields: string[], where = ''): string => `{
SearchEngine se;
${fields.map((f) => `se.addField("${table}.${f}");`).join('\n')}
${where}
se.addOrder("${table}.${fields[0]}", true);
for (se.execute(); !se.eof(); se.next()) { String line = se.getField(0); for (Integer i = 1; i < ${fields.length}; i++) line += " " + se.getField(i); printLine(line); }
}`;

/** A script that needs the chat tables: a channel, a session and a message; prints "Hi 6" (the message and the session's status). */
export const CHAT_SMOKE = `NSChatAgent agent;
NSChatTopicEntity t = agent.CreateDefaultChatTopicEntity();
t.SetName("Web");
t = agent.SaveChatTopicEntity(t);
NSChatSessionEntity s = agent.CreateChatSessionForTopic(t.GetChatTopicId());
addChatMessage(s.GetChatSessionId(), "Hi", 1, "Bot", 0, "");
printLine(agent.GetChatMessages(s.GetChatSessionId(), 0)[0].GetMessage() + " " + agent.GetChatSessionEntity(s.GetChatSessionId()).GetStatus().toString());`;
