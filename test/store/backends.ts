/**
 * The store backends every shared store test runs against: the JSON files
 * always, PostgreSQL when $CRMSCRIPT_TUI_TEST_PG names a server (see
 * scripts/pg-test-server.sh; .ci/run starts one). In CI (CI=true) a missing
 * server fails the PostgreSQL suites instead of skipping them.
 */
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import pg from 'pg';
import { Store, type OpenOptions } from '../../src/store/store.js';
import { tempDir } from '../common.js';

export const PG_URL = process.env.CRMSCRIPT_TUI_TEST_PG?.trim() || undefined;
const IN_CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');

export interface BackendCase {
  name: 'json' | 'postgres';
  /** A new, empty place for a store (a temp directory; for PostgreSQL also a new database). */
  fresh(): Promise<{ dir: string; url?: string }>;
}

const databases: string[] = [];

/** A new database on the test server; dropped after the file's tests. */
export async function freshPgUrl(): Promise<string> {
  if (!PG_URL) throw new Error('CRMSCRIPT_TUI_TEST_PG is not set');
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  databases.push(name);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropDatabases(): Promise<void> {
  if (!PG_URL || databases.length === 0) return;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    for (const name of databases.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export const BACKENDS: BackendCase[] = [
  { name: 'json', fresh: async () => ({ dir: tempDir() }) },
  { name: 'postgres', fresh: async () => ({ dir: tempDir(), url: await freshPgUrl() }) },
];

const opened: Store[] = [];

/** Open a store of the case at `place`; closed after each test. */
export async function openAt(place: { dir: string; url?: string }, opts: OpenOptions = {}): Promise<Store> {
  const s = await Store.open(place.dir, { ...opts, url: place.url ?? '' });
  opened.push(s);
  return s;
}

/**
 * describe() once per backend. The PostgreSQL one is skipped when no test
 * server is configured, except in CI where that is a failure.
 */
export function describeBackends(title: string, body: (b: BackendCase) => void): void {
  for (const b of BACKENDS) {
    if (b.name === 'postgres' && !PG_URL) {
      noPgServer(title, () => body(b));
      continue;
    }
    describe(`${title} [${b.name}]`, () => {
      beforeAll(() => undefined);
      afterEach(async () => {
        for (const s of opened.splice(0)) await s.close();
      });
      afterAll(dropDatabases);
      body(b);
    });
  }
}

/** The PostgreSQL suite `title` without a server: a failure in CI, skipped elsewhere. */
function noPgServer(title: string, body: () => void): void {
  if (IN_CI) {
    describe(`${title} [postgres]`, () => {
      it('has a PostgreSQL server to run against', () => {
        throw new Error('CRMSCRIPT_TUI_TEST_PG is not set: .ci/run must start scripts/pg-test-server.sh');
      });
    });
  } else {
    describe.skip(`${title} [postgres] (set CRMSCRIPT_TUI_TEST_PG, see scripts/pg-test-server.sh)`, body);
  }
}

/** describe() of a suite only PostgreSQL has (same rules as describeBackends). */
export function pgOnlyDescribe(title: string, body: () => void): void {
  if (!PG_URL) noPgServer(title, body);
  else
    describe(`${title} [postgres]`, () => {
      afterAll(dropDatabases);
      body();
    });
}
