import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { registerMacroCommands } from '../../src/commands/macros.js';
import { Store } from '../../src/store/store.js';
import { createMacro, createScript, ensureFolderPath, createTrigger } from '../../src/store/repos.js';
import { compileScript } from '../../src/interp/compile-script.js';
import { act, cleanupTempDirs, tempDir, when } from '../macros/helpers.js';
import { runCommands, type CliResult } from '../common.js';

afterEach(() => {
  cleanupTempDirs();
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

function cli(args: string[], dir: string): Promise<CliResult> {
  return runCommands((program) => registerMacroCommands(program, () => Store.open(dir, { seed: false })), args);
}

/** A store with a folder "Support" holding the macro "Escalate", which runs the script "notify". */
async function sampleStore(): Promise<string> {
  const dir = tempDir();
  const store = await Store.open(dir, { seed: false });
  await store.update((d) => {
    const folderId = ensureFolderPath(d, 'Support');
    createScript(d, { name: 'Notify', folderId: ensureFolderPath(d, 'Lib'), includeId: 'notify', source: 'printLine("notify " + getVariable("id"));\nreturn "sent";' });
    createMacro(d, {
      name: 'Escalate',
      folderId,
      description: 'Escalates a ticket',
      actions: [
        act('setVariable', { name: 'id', value: '{input.ticketId}' }),
        act('runScript', { script: 'notify', values: 'id={var.id}' }, when('{var.id}', 'isNotEmpty')),
        act('log', { message: 'result {action2.return} for {var.who}', print: 'yes' }),
      ],
    });
    createMacro(d, { name: 'Empty', folderId: null, description: '', actions: [] });
  });
  return dir;
}

describe('macros list / show / rm', () => {
  it('lists macros as a table and as JSON', async () => {
    const dir = await sampleStore();
    const t = await cli(['macros', 'list'], dir);
    expect(t.code).toBe(0);
    expect(t.out).toBe('FOLDER   NAME      ACTIONS  DESCRIPTION\n-        Empty     0\nSupport  Escalate  3        Escalates a ticket\n');
    const j = JSON.parse((await cli(['macros', 'list', '--json'], dir)).out) as Array<{ name: string; folder: string; actions: number; problems: number }>;
    expect(j.map((m) => [m.folder, m.name, m.actions, m.problems])).toEqual([
      ['', 'Empty', 0, 0],
      // {var.who} is only known when the caller gives it
      ['Support', 'Escalate', 3, 1],
    ]);
    expect((await cli(['macros', 'list'], tempDir())).out).toBe('No macros.\n');
  });

  it('shows the actions and problems, and --script prints CRMScript that passes the checker', async () => {
    const dir = await sampleStore();
    const s = await cli(['macros', 'show', 'Support/Escalate'], dir);
    expect(s.code).toBe(0);
    expect(s.out).toContain('1. Set a variable: name=id, value={input.ticketId}\n');
    expect(s.out).toContain('2. Run a script: script=notify, values=id={var.id}, printOutput=yes  (only if {var.id} is not empty)\n');
    expect(s.out).toContain('error: Action 3 (Log a message): unknown variable "who" ({var.who}): no earlier action sets it.');
    const script = await cli(['macros', 'show', 'Escalate', '--script'], dir);
    expect(script.out).toContain('// The macro "Escalate" in the folder "Support" as CRMScript.');
    expect(script.out).toContain('// runs the script "Lib/Notify"');
    expect(compileScript({ source: script.out, file: 'shown.crm' }).diagnostics).toEqual([]);
    const missing = await cli(['macros', 'show', 'Nope'], dir);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('There is no macro named "Nope" (by folder path, name or id).\n');
  });

  it('removes a macro and notes the triggers that still point at it', async () => {
    const dir = await sampleStore();
    const store = await Store.open(dir, { seed: false });
    await store.update((d) => {
      createTrigger(d, { event: 'NewTicket', targetKind: 'macro', targetId: d.macros.find((m) => m.name === 'Escalate')!.id });
    });
    const r = await cli(['macros', 'rm', 'Escalate'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe('Removed macro "Support/Escalate".\n');
    expect(r.err).toBe('Note: 1 trigger (NewTicket) uses it and will point at a missing macro.\n');
    expect(store.read().macros.map((m) => m.name)).toEqual(['Empty']);
  });
});

describe('macros export / import', () => {
  it('round-trips macros with the scripts they run', async () => {
    const dir = await sampleStore();
    const out = join(tempDir(), 'export');
    const e = await cli(['macros', 'export', out], dir);
    expect(e.code).toBe(0);
    expect(e.out).toBe(`Exported 2 macros (with 1 script they run) to ${out}.\n`);
    const file = JSON.parse(readFileSync(join(out, 'Support', 'Escalate.macro.json'), 'utf8')) as { scripts: Array<{ includeId: string; folder: string }>; actions: unknown[] };
    expect(file.actions).toHaveLength(3);
    expect(file.scripts.map((s) => [s.includeId, s.folder])).toEqual([['notify', 'Lib']]);
    expect(existsSync(join(out, 'Empty.macro.json'))).toBe(true);

    const fresh = tempDir();
    const i = await cli(['macros', 'import', out], fresh);
    expect(i.code).toBe(0);
    expect(i.out).toBe('Imported 2 macros (2 new, 0 replaced) and 1 script.\n');
    const d = (await Store.open(fresh, { seed: false })).read();
    const before = (await Store.open(dir, { seed: false })).read();
    const strip = (m: (typeof d.macros)[number]) => ({ name: m.name, description: m.description, actions: m.actions, createdAt: m.createdAt });
    expect(d.macros.map(strip).sort((a, b) => a.name.localeCompare(b.name))).toEqual(before.macros.map(strip).sort((a, b) => a.name.localeCompare(b.name)));
    expect(d.scripts.map((s) => [s.includeId, s.source])).toEqual(before.scripts.map((s) => [s.includeId, s.source]));

    // again: macros are replaced, the existing script is kept (with a note when it differs)
    writeFileSync(join(out, 'Support', 'Escalate.macro.json'), JSON.stringify({ ...file, scripts: [{ ...file.scripts[0], source: 'printLine("other");' }] }));
    const again = await cli(['macros', 'import', out], fresh);
    expect(again.out).toBe('Imported 2 macros (0 new, 2 replaced) and 0 scripts.\n');
    expect(again.err).toBe('Note: The script "Lib/Notify" (include name "notify") already exists with a different source; it was kept as it is.\n');
  });

  it('refuses a non-empty export directory and a broken import file', async () => {
    const dir = await sampleStore();
    const target = tempDir();
    writeFileSync(join(target, 'x'), '');
    const e = await cli(['macros', 'export', target], dir);
    expect(e.code).toBe(1);
    expect(e.err).toBe(`The directory ${target} is not empty; export into a new or empty directory.\n`);
    const bad = tempDir();
    mkdirSync(join(bad, 'F'));
    writeFileSync(join(bad, 'F', 'm.macro.json'), JSON.stringify({ name: 'm', actions: [{ type: 'log' }] }));
    const i = await cli(['macros', 'import', bad], dir);
    expect(i.code).toBe(1);
    expect(i.err).toMatch(/m\.macro\.json is not a macro export: actions\[0\]\.params: is missing/);
  });
});

describe('macros run', () => {
  it('runs with --input and --var, printing the output', async () => {
    const dir = await sampleStore();
    const r = await cli(['macros', 'run', 'Escalate', '--input', 'ticketId=12', '--var', 'who=Ann'], dir);
    expect(r.err).toBe('log: result sent for Ann\n');
    expect(r.out).toBe('notify 12\nresult sent for Ann\n');
    expect(r.code).toBe(0);
  });

  it('fails with the validation problems when it cannot run', async () => {
    const dir = await sampleStore();
    const r = await cli(['macros', 'run', 'Escalate'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe('macro:Escalate: error: Action 3 (Log a message): unknown variable "who" ({var.who}): no earlier action sets it.\n');
  });

  it('--json gives the outcome, event included', async () => {
    const dir = tempDir();
    const store = await Store.open(dir, { seed: false });
    await store.update((d) => createMacro(d, { name: 'Guard', actions: [act('blockEvent', { message: 'Closed for {input.reason}' })] }));
    const r = await cli(['macros', 'run', 'Guard', '--json', '--input', 'reason=holidays'], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { ok: boolean; event: { blockExecution: boolean; message: string }; diagnostics: unknown[] };
    expect(j.ok).toBe(true);
    expect(j.event).toMatchObject({ blockExecution: true, message: 'Closed for holidays' });
    expect(j.diagnostics).toEqual([]);
  });
});
