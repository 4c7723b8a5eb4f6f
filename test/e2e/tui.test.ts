// End-to-end: the real built CLI in a pseudo-terminal (tmux), driven by key presses.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuiltCli, waitFor } from '../common.js';
import { Store } from '../../src/store/store.js';
import { hasTmux, keys, start, type Session } from './tui-session.js';

let session: Session | null = null;
afterEach(() => {
  session?.kill();
  session = null;
});

describe.skipIf(!hasTmux)('the TUI in a terminal (tmux)', () => {
  beforeAll(requireBuiltCli);

  it('shows the demo store on first start and quits with q, restoring the terminal', async () => {
    session = start();
    const f = await session.waitFor('Hello world');
    for (const t of ['Macros and scripts', 'Examples', 'Failing script', 'Slow counter', 'Use the library']) expect(f).toContain(t);
    await keys(session, 'q');
    const after = await session.waitFor('EXIT=0');
    // Back on the normal screen: the TUI is gone.
    expect(after).not.toContain('Failing script');
  });

  it('creates a folder and a script, edits it in $EDITOR, runs it and shows its output', async () => {
    const editor = join(mkdtempSync(join(tmpdir(), 'crms-editor-')), 'editor.sh');
    writeFileSync(
      editor,
      `#!/bin/sh\ncat > "$1" <<'CRM'\nString who = "end-to-end";\nfor (Integer i = 1; i <= 2; i++) {\n  printLine("Hello from " + who + " #" + i.toString());\n}\nCRM\n`,
    );
    chmodSync(editor, 0o755);
    session = start({ env: { EDITOR: editor, VISUAL: '' } });
    await session.waitFor('Hello world');

    // New folder under Examples.
    await keys(session, 'f');
    await session.waitFor('New folder in "Examples"');
    session.type('E2E');
    await keys(session, 'Enter');
    await session.waitFor('Created the folder "E2E".');

    // New script in it.
    await keys(session, 'n');
    await session.waitFor('New script in Examples');
    session.type('Greeter');
    await keys(session, 'Tab', 'Tab', 'Tab');
    session.type('greeter');
    await keys(session, 'C-s');
    await session.waitFor('Created the script "Greeter".');

    // Open it and edit the source in the "editor".
    await keys(session, 'Enter');
    await session.waitFor('Include greeter');
    await keys(session, 'e');
    await session.waitFor('Saved the source of "Greeter".');
    expect(session.screen()).toMatch(/1 │ String who = "end-to-end";/);

    // Run it.
    await keys(session, 'r');
    await session.waitFor('Hello from end-to-end #2');
    const result = await session.waitFor('exit status 0');
    expect(result).toContain('Hello from end-to-end #1');
    expect(result).toContain('Result: Greeter');

    // The store has it, in the new folder (read as another process would).
    const doc = (await Store.open(session.dataDir, { seed: false })).read();
    const script = doc.scripts.find((x) => x.includeId === 'greeter')!;
    expect(script.source).toContain('String who = "end-to-end";');
    expect(doc.folders.find((x) => x.id === script.folderId)!.name).toBe('E2E');

    await keys(session, 'Escape', 'Escape', 'q');
    await session.waitFor('EXIT=0');
    rmSync(join(editor, '..'), { recursive: true, force: true });
  });

  it('handles keys typed ahead in one burst one by one (text, then Enter, Tab, Ctrl-S)', async () => {
    session = start();
    await session.waitFor('Hello world');
    // One tmux command writes all of it to the terminal at once, as a fast typist over a slow
    // link does: the Enter must submit the form, not end up inside the name.
    session.send('-l', 'fBurst\r');
    await session.waitFor('Created the folder "Burst".');
    session.send('-l', 'nAhead\t\t\tahead\u0013');
    await session.waitFor('Created the script "Ahead".');
    const doc = (await Store.open(session.dataDir, { seed: false })).read();
    expect(doc.folders.map((f) => f.name)).toContain('Burst');
    expect(doc.scripts.find((x) => x.includeId === 'ahead')?.name).toBe('Ahead');
  });

  it('ends quietly when its terminal goes away (an SSH connection drops)', async () => {
    const errors = join(mkdtempSync(join(tmpdir(), 'crms-hangup-')), 'stderr.txt');
    try {
      session = start({ stderrFile: errors });
      await session.waitFor('Hello world');
      const pid = session.pid();
      session.kill(); // the terminal is gone: the TUI's writes fail (EIO) and it gets SIGHUP
      session = null;
      await waitFor(() => !existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z'), 15_000, 'the TUI to end');
      // no stack trace, no failed assertion of Node's terminal reset, no crash
      expect(readFileSync(errors, 'utf8')).not.toMatch(/Error|Assertion|stack trace/i);
    } finally {
      rmSync(join(errors, '..'), { recursive: true, force: true });
    }
  });

  it('uses no colour codes under NO_COLOR but keeps the selection visible', async () => {
    session = start({ env: { NO_COLOR: '1' } });
    await session.waitFor('Hello world');
    const raw = session.screen({ escapes: true });
    // Colour SGR parameters: 30–38, 40–48, 90–97, 100–107 (39 and 49 only reset to the default colours).
    const sgr = [...raw.matchAll(/\u001b\[([0-9;]*)m/g)].flatMap((m) => m[1]!.split(';').filter(Boolean).map(Number));
    expect(sgr.filter((n) => (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 107))).toEqual([]);
    expect(sgr).toContain(7); // inverse marks the selection and the active tab
    session.kill();

    session = start();
    await session.waitFor('Hello world');
    const coloured = [...session.screen({ escapes: true }).matchAll(/\u001b\[([0-9;]*)m/g)].flatMap((m) => m[1]!.split(';').map(Number));
    expect(coloured.some((n) => n >= 30 && n <= 37)).toBe(true);
  });

  it('lays out for 80×24 and re-lays out when the terminal is resized', async () => {
    session = start({ width: 80, height: 24 });
    await session.waitFor('Hello world');
    let lines = session.screen().split('\n');
    expect(lines[0]).toContain('1 Scripts');
    expect(lines[23]).toContain('? Help'); // the key footer on the last row
    expect(lines[1]!.startsWith('╭─ Folders')).toBe(true);
    spawnSync('tmux', ['-L', session.socket, 'resize-window', '-x', '140', '-y', '40']);
    await session.waitFor('1 Macros and scripts');
    lines = session.screen().split('\n');
    expect(lines[39]).toContain('? Help');
    expect(lines[1]!.trimEnd().length).toBe(140);
  });
});
