// Writes the V8 code caches start-up uses (dist/code-cache/, see src/grammar/code-cache.ts): runs
// `crmscript-tui run` on a one-line script with CRMSCRIPT_TUI_WRITE_CODE_CACHE=1, so that the
// caches hold what such a run compiles (commander and Ohm in the main thread, the run worker's bundle in its
// thread), then a one-line script that reads CRM data (the worker's chunk of CRM natives). Without
// them (or with caches of another Node) everything still runs, compiled as usual.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NAMES = ['commander', 'ohm', 'run-worker', 'crm-table'];
rmSync('dist/code-cache', { recursive: true, force: true });
const dir = mkdtempSync(join(tmpdir(), 'crmscript-code-cache-'));
try {
  const hello = join(dir, 'hello.crm');
  writeFileSync(hello, 'printLine("Hello, world");\n');
  const out = execFileSync(process.execPath, ['dist/src/cli.js', 'run', hello], {
    env: { ...process.env, CRMSCRIPT_TUI_WRITE_CODE_CACHE: '1', CRMSCRIPT_TUI_HOME: join(dir, 'home') },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (out !== 'Hello, world\n') throw new Error(`the run that writes the code caches printed ${JSON.stringify(out)}`);
  // a run that reads CRM data loads the CRM half of the natives (a cache of its own)
  const crm = join(dir, 'crm.crm');
  writeFileSync(crm, 'SearchEngine se; se.addField("company.name"); se.setLimit(1); printLine(se.execute().toString());\n');
  const rows = execFileSync(process.execPath, ['dist/src/cli.js', 'run', crm, '--rollback'], {
    env: { ...process.env, CRMSCRIPT_TUI_WRITE_CODE_CACHE: '1', CRMSCRIPT_TUI_HOME: join(dir, 'home') },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (rows !== '1\n') throw new Error(`the CRM run that writes the code caches printed ${JSON.stringify(rows)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
for (const n of NAMES) if (!existsSync(`dist/code-cache/${n}.v8`)) throw new Error(`no code cache ${n} was written`);
