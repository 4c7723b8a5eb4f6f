// Issue 13, item 9: `scripts import` refuses links and special files (a FIFO must not hang it),
// names are validated by the store schema (no "/", "..", control characters; no duplicate ids),
// and `scripts export` never writes outside DIR.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerScriptsCommands } from '../../src/commands/scripts.js';
import { registerMacroCommands } from '../../src/commands/macros.js';
import { Store } from '../../src/store/store.js';
import { describeIssues, emptyStoreData, storeSchema } from '../../src/store/schema.js';
import { createScript } from '../../src/store/repos.js';
import { materialize } from '../../src/store/backend.js';
import { exportScripts } from '../../src/commands/scripts-files.js';
import { runCommands, type CliResult } from '../common.js';

let root: string;
let dataDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'crms-safe-'));
  dataDir = join(root, 'data');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

function scripts(args: string[]): Promise<CliResult> {
  return runCommands((program) => registerScriptsCommands(program, () => Store.open(dataDir, { seed: false })), args);
}

describe('scripts import', () => {
  it('refuses a symbolic link to a file outside DIR', async () => {
    const dir = join(root, 'in');
    mkdirSync(dir);
    writeFileSync(join(root, 'secret.txt'), 'host secret');
    symlinkSync(join(root, 'secret.txt'), join(dir, 'stolen.crm'));
    const r = await scripts(['scripts', 'import', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('stolen.crm is a symbolic link; an import reads only plain files and directories.');
    const store = await Store.open(dataDir, { seed: false });
    expect(store.read().scripts.map((s) => s.source)).not.toContain('host secret');
    store.close();
  });

  it('refuses a FIFO instead of hanging on it', async () => {
    const dir = join(root, 'in');
    mkdirSync(dir);
    execFileSync('mkfifo', [join(dir, 'pipe.crm')]);
    const r = await scripts(['scripts', 'import', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('pipe.crm is not a plain file or directory (a pipe, socket or device)');
  });

  it('refuses a linked directory (macros import too)', async () => {
    const dir = join(root, 'in');
    mkdirSync(dir);
    symlinkSync(root, join(dir, 'loop'));
    expect((await scripts(['scripts', 'import', dir])).err).toContain('loop is a symbolic link');
    const m = await runCommands((program) => registerMacroCommands(program, () => Store.open(dataDir, { seed: false })), ['macros', 'import', dir]);
    expect(m.code).toBe(1);
    expect(m.err).toContain('loop is a symbolic link');
  });
});

/** Validates store text against the store schema (the check every backend applies on load). */
function parseStoreText(text: string, file: string): unknown {
  // store.json keeps runs, sessions and the outbox in journals: absent collections are empty
  const r = storeSchema.safeParse({ ...emptyStoreData(), ...(JSON.parse(text) as object) });
  if (!r.success) throw new Error(`${file}: ${describeIssues(r.error)}`);
  return r.data;
}

describe('names in the store', () => {
  const doc = async (edit: (d: Record<string, any>) => void): Promise<string> => {
    const store = await Store.open(dataDir, { seed: false });
    if (!store.read().scripts.some((s) => s.name === 'ok')) await store.update((d) => void createScript(d, { name: 'ok', includeId: 'ok', source: '' }));
    // the whole document (a new script is in edits.jsonl until it is folded into store.json)
    const raw = JSON.parse(JSON.stringify(materialize(store.read())));
    await store.close();
    edit(raw);
    return JSON.stringify(raw);
  };

  it('refuses a script name that is a path', async () => {
    for (const bad of ['../../escape', 'a/b', '..', 'tab\there']) {
      const text = await doc((d) => (d.scripts[0].name = bad));
      expect(() => parseStoreText(text, 'store.json'), bad).toThrow(/scripts\[0\]\.name/);
    }
  });

  it('refuses two entities with one id', async () => {
    const text = await doc((d) => d.scripts.push({ ...d.scripts[0], name: 'other', includeId: 'other' }));
    expect(() => parseStoreText(text, 'store.json')).toThrow(/is used twice/);
  });
});

describe('scripts export', () => {
  it('never writes outside DIR, whatever a name holds', async () => {
    const store = await Store.open(dataDir, { seed: false });
    await store.update((d) => void createScript(d, { name: 'fine', source: 'printLine("x");' }));
    const data = structuredClone(store.read());
    store.close();
    // a document that bypassed validation (e.g. edited by hand into memory)
    data.scripts[0]!.name = '../../outside';
    const out = join(root, 'deep', 'out');
    expect(() => exportScripts(data, out)).toThrow(/outside/);
    expect(existsSync(join(root, 'outside.crm'))).toBe(false);
  });
});
