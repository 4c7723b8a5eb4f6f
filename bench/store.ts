// Store figures at scale (issue 16, item 3): a store of 10,000 scripts and 100,000 run-history
// entries, measured the way the product runs: `scripts list` and `scripts add` as fresh CLI
// processes (median of several, against `node -e 0` in the same run), an update and an open
// reader's re-read inside a process that keeps the store open (as the TUI and the daemon do).
// With $CRMSCRIPT_TUI_TEST_PG set, the same on PostgreSQL. Outputs are checked (row counts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../src/store/store.js';
import { emptyStoreData, type StoreData } from '../src/store/schema.js';
import { createFolder, createScript, createTask, updateScript } from '../src/store/repos.js';
import { materialize } from '../src/store/backend.js';
import { LIST_CACHE_FILE } from '../src/store/json/list-cache.js';

type Row = [string, string, string];

const SCRIPTS = 10_000;
const RUNS = 100_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** A store of SCRIPTS scripts in 50 folders, 20 tasks and RUNS runs. */
function bigStore(): StoreData {
  const d = emptyStoreData();
  const folders = Array.from({ length: 50 }, (_, i) => createFolder(d, { parentId: null, name: `Folder ${i}` }).id);
  const body = 'Integer total = 0;\nfor (Integer i = 0; i < 10; i++) {\n  total += i;\n}\nprintLine(total.toString());\n'.repeat(6);
  for (let i = 0; i < SCRIPTS; i++) {
    createScript(d, { name: `Script ${i}`, folderId: folders[i % 50]!, source: `// script ${i}\n${body}`, includeId: i % 10 === 0 ? `inc-${i}` : '' });
  }
  const tasks = Array.from({ length: 20 }, (_, i) => createTask(d, { name: `Task ${i}`, targetKind: 'script', targetId: d.scripts[i]!.id }).id);
  const t0 = Date.parse('2026-01-01T00:00:00.000Z');
  for (let i = 0; i < RUNS; i++) {
    const at = new Date(t0 + i * 60_000).toISOString();
    d.taskRuns.push({ id: `run${i.toString(36)}`, taskId: tasks[i % 20]!, startedAt: at, endedAt: at, outcome: 'ok', output: `run ${i} ok\n`, outputBlob: null, error: null, changes: [] });
  }
  return d;
}

function timeProcess(args: string[], env: NodeJS.ProcessEnv, check: (stdout: string) => void, runs = 5, before?: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const t = performance.now();
    const r = spawnSync(process.execPath, args.map((a) => a.replace('{i}', String(i))), { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    check(r.stdout);
  }
  return median(times);
}

async function inProcess(store: Store, reader: Store): Promise<{ update: number; reread: number; runAppend: number; rereadRun: number }> {
  const ids = store.read().scripts.slice(0, 21).map((s) => s.id);
  const upd: number[] = [];
  const rr: number[] = [];
  reader.read();
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    await store.update((d) => updateScript(d, ids[i]!, { description: `edited ${i}` }));
    upd.push(performance.now() - t);
    const t2 = performance.now();
    const seen = reader.read().scripts.find((s) => s.id === ids[i])?.description;
    rr.push(performance.now() - t2);
    if (reader.kind === 'json' && seen !== `edited ${i}`) throw new Error('the reader did not see the update');
  }
  const taskId = store.read().tasks[0]!.id;
  const app: number[] = [];
  const rrun: number[] = [];
  void reader.read().taskRuns.length;
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    await store.update((d) => {
      d.taskRuns.push({ id: `bench${i}`, taskId, startedAt: new Date().toISOString(), endedAt: null, outcome: 'running', output: '', outputBlob: null, error: null, changes: [] });
    });
    app.push(performance.now() - t);
    const t2 = performance.now();
    const n = reader.read().taskRuns.length;
    rrun.push(performance.now() - t2);
    if (reader.kind === 'json' && n !== RUNS + i + 1) throw new Error(`the reader sees ${n} runs`);
  }
  return { update: median(upd), reread: median(rr), runAppend: median(app), rereadRun: median(rrun) };
}

export async function storeBench(rows: Row[], cli: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-store-bench-'));
  try {
    const data = bigStore();
    const json = await Store.open(join(dir, 'json'), { seed: false, url: '' });
    await json.replaceAll(data);
    const src = join(dir, 'new.crm');
    writeFileSync(src, 'printLine("new");\n');
    const base = median(Array.from({ length: 5 }, () => {
      const t = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      return performance.now() - t;
    }));
    const backends: Array<{ name: string; env: NodeJS.ProcessEnv; open: () => Promise<Store> }> = [
      { name: 'JSON', env: { ...process.env, CRMSCRIPT_TUI_HOME: join(dir, 'json'), CRMSCRIPT_TUI_STORE: '' }, open: () => Store.open(join(dir, 'json'), { url: '' }) },
    ];
    const pgUrl = process.env.CRMSCRIPT_TUI_TEST_PG;
    if (pgUrl) {
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query('DROP DATABASE IF EXISTS crm_store_bench WITH (FORCE)');
      await admin.query('CREATE DATABASE crm_store_bench');
      await admin.end();
      const u = new URL(pgUrl);
      u.pathname = '/crm_store_bench';
      const url = u.toString();
      const s = await Store.open(join(dir, 'pg'), { url, seed: false });
      await s.replaceAll(materialize(json.read()));
      await s.close();
      backends.push({ name: 'PostgreSQL', env: { ...process.env, CRMSCRIPT_TUI_HOME: join(dir, 'pg'), CRMSCRIPT_TUI_STORE: url }, open: () => Store.open(join(dir, 'pg'), { url }) });
    }
    const label = `${SCRIPTS.toLocaleString('en')} scripts, ${RUNS.toLocaleString('en')} runs`;
    for (const b of backends) {
      const checkList = (out: string) => {
        const lines = out.trimEnd().split('\n').length;
        if (lines !== SCRIPTS + 1 && lines < SCRIPTS) throw new Error(`scripts list printed ${lines} lines`);
      };
      const list = timeProcess([cli, 'scripts', 'list'], b.env, checkList);
      rows.push([`store ${b.name}: scripts list, store unchanged since the last list (fresh process, ${label})`, `${list.toFixed(0)} ms (node -e 0: ${base.toFixed(0)} ms)`, 'target ≤ 300 ms']);
      if (b.name === 'JSON') {
        // the first list after a change: the list cache has no text for the store's state
        const cache = join(dir, 'json', LIST_CACHE_FILE);
        const first = timeProcess([cli, 'scripts', 'list'], b.env, checkList, 5, () => rmSync(cache, { force: true }));
        rows.push([`store ${b.name}: scripts list, first after a change (no cached text)`, `${first.toFixed(0)} ms`, 'target ≤ 300 ms']);
      }
      const add = timeProcess([cli, 'scripts', 'add', '--name', `bench-${b.name}-{i}`, '--file', src], b.env, (out) => {
        if (!out.includes('bench-')) throw new Error(`scripts add printed ${out}`);
      });
      rows.push([`store ${b.name}: scripts add (fresh process)`, `${add.toFixed(0)} ms`, 'whole process']);
      const store = await b.open();
      const reader = await b.open();
      const r = await inProcess(store, reader);
      rows.push([`store ${b.name}: update one script (store open)`, `${r.update.toFixed(1)} ms`, 'target ≤ 50 ms']);
      rows.push([`store ${b.name}: record a run (store open)`, `${r.runAppend.toFixed(1)} ms`, 'never rewrites the scripts']);
      if (b.name === 'JSON') {
        rows.push([`store ${b.name}: open reader re-reads after a script edit`, `${r.reread.toFixed(1)} ms`, 'only what changed']);
        rows.push([`store ${b.name}: open reader re-reads after a run`, `${r.rereadRun.toFixed(2)} ms`, 'only the appended line']);
      }
      await store.close();
      await reader.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
