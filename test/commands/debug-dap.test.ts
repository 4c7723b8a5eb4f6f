// The Debug Adapter Protocol over stdio with the built CLI: a launch with breakpoints, stepping,
// scopes and nested variables, evaluate, continue to the end; a stored script; errors.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DapClient } from '../debug-sessions/dap-client.js';
import { cleanupTempDirs, storeWith, tempDir } from '../debug-sessions/helpers.js';

const SOURCE = `struct Point {
  Integer x;
  Integer y;
};
Integer twice(Integer n) {
  Integer r = n * 2;
  return r;
}
Point p;
p.x = 3;
p.y = 4;
Integer[] list;
list.pushBack(7);
list.pushBack(8);
Integer t = twice(p.x);
printLine("t=" + t.toString());
printLine("end " + getVariable("who"));
`;

const clients: DapClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.kill();
  cleanupTempDirs();
});

function client(dataDir: string): DapClient {
  const c = new DapClient(['--data-dir', dataDir]);
  clients.push(c);
  return c;
}

describe('debug dap', () => {
  it('launches a file, stops at a breakpoint, shows scopes and nested variables, steps and runs to the end', async () => {
    const dir = tempDir();
    const file = join(dir, 'points.crm');
    writeFileSync(file, SOURCE);
    const c = client(join(dir, 'store'));

    const init = await c.request('initialize', { adapterID: 'crmscript', linesStartAt1: true, columnsStartAt1: true });
    expect(init.body.supportsConfigurationDoneRequest).toBe(true);
    await c.event('initialized', 0);

    // breakpoints before launch: not placed yet, then moved onto statements when the script is known
    const early = await c.request('setBreakpoints', { source: { path: file }, breakpoints: [{ line: 15 }, { line: 6 }] });
    expect(early.body.breakpoints.map((b: { verified: boolean }) => b.verified)).toEqual([false, false]);
    const mark = c.messages.length;
    await c.request('launch', { program: file, stopOnEntry: false, args: ['who=dap'] });
    const changed = await c.event('breakpoint', mark);
    expect(changed.body.breakpoint).toMatchObject({ verified: true, line: 15 });
    await c.request('setExceptionBreakpoints', { filters: [] });
    let from = c.messages.length;
    await c.request('configurationDone');

    const stop1 = await c.event('stopped', from);
    expect(stop1.body).toMatchObject({ reason: 'breakpoint', threadId: 1 });
    const threads = await c.request('threads');
    expect(threads.body.threads).toEqual([{ id: 1, name: 'script' }]);
    const st = await c.request('stackTrace', { threadId: 1 });
    expect(st.body.stackFrames[0]).toMatchObject({ id: 1, name: '(main)', line: 15, source: { path: file } });

    const scopes = await c.request('scopes', { frameId: 1 });
    expect(scopes.body.scopes.map((s: { name: string }) => s.name)).toEqual(['Locals', 'Globals']);
    const locals = await c.request('variables', { variablesReference: scopes.body.scopes[0].variablesReference });
    const byName = Object.fromEntries(locals.body.variables.map((v: { name: string }) => [v.name, v]));
    expect(byName.p).toMatchObject({ type: 'Point', value: 'Point {x: 3, y: 4}' });
    expect(byName.p.variablesReference).toBeGreaterThan(0);
    const fields = await c.request('variables', { variablesReference: byName.p.variablesReference });
    expect(fields.body.variables.map((v: { name: string; value: string }) => `${v.name}=${v.value}`)).toEqual(['x=3', 'y=4']);
    const items = await c.request('variables', { variablesReference: byName.list.variablesReference });
    expect(items.body.variables.map((v: { value: string }) => v.value)).toEqual(['7', '8']);

    const ev = await c.request('evaluate', { expression: 'p.x + p.y', frameId: 1, context: 'repl' });
    expect(ev.body).toMatchObject({ result: '7', type: 'Integer' });
    const bad = await c.request('evaluate', { expression: 'nosuch + 1', frameId: 1, context: 'watch' }, false);
    expect(bad.success).toBe(false);
    expect(bad.message).toMatch(/nosuch/);

    // step into twice(): the breakpoint at line 6 is there too
    from = c.messages.length;
    await c.request('stepIn', { threadId: 1 });
    const stop2 = await c.event('stopped', from);
    expect(['step', 'breakpoint']).toContain(stop2.body.reason);
    const inner = await c.request('stackTrace', { threadId: 1 });
    expect(inner.body.stackFrames.map((f: { name: string; line: number }) => `${f.name}:${f.line}`)).toEqual(['twice:6', '(main):15']);
    const innerScopes = await c.request('scopes', { frameId: 1 });
    const innerLocals = await c.request('variables', { variablesReference: innerScopes.body.scopes[0].variablesReference });
    expect(innerLocals.body.variables.find((v: { name: string }) => v.name === 'n').value).toBe('3');

    from = c.messages.length;
    await c.request('next', { threadId: 1 });
    const stop3 = await c.event('stopped', from);
    expect(stop3.body.reason).toBe('step');
    expect((await c.request('stackTrace', { threadId: 1 })).body.stackFrames[0].line).toBe(7);

    from = c.messages.length;
    await c.request('stepOut', { threadId: 1 });
    await c.event('stopped', from);
    expect((await c.request('stackTrace', { threadId: 1 })).body.stackFrames[0]).toMatchObject({ name: '(main)', line: 16 });

    from = c.messages.length;
    await c.request('continue', { threadId: 1 });
    const exited = await c.event('exited', from);
    expect(exited.body.exitCode).toBe(0);
    await c.event('terminated', from);
    const out = c.messages
      .filter((m) => m.event === 'output' && m.body.category === 'stdout')
      .map((m) => m.body.output)
      .join('');
    expect(out).toBe('t=6\nend dap\n');

    await c.request('disconnect', {});
    expect(await c.exited).toBe(0);
  });

  it('launches a stored script by name, stopping on entry, and serves its source by reference', async () => {
    const { dir, store } = await storeWith({ Greeter: 'String who = "you";\nprintLine("hi " + who);\n' });
    store.close();
    const c = client(dir);
    await c.request('initialize', { adapterID: 'crmscript' });
    await c.request('launch', { program: 'Greeter', stopOnEntry: true });
    const from = c.messages.length;
    await c.request('configurationDone');
    const stop = await c.event('stopped', from);
    expect(stop.body.reason).toBe('entry');
    const st = await c.request('stackTrace', { threadId: 1 });
    const src = st.body.stackFrames[0].source;
    expect(src).toMatchObject({ name: 'Greeter' });
    expect(src.sourceReference).toBeGreaterThan(0);
    const text = await c.request('source', { sourceReference: src.sourceReference });
    expect(text.body.content).toContain('printLine("hi " + who);');
    const m = c.messages.length;
    await c.request('terminate');
    await c.event('terminated', m);
    await c.request('disconnect', {});
    expect(await c.exited).toBe(0);
  });

  it('answers a launch of a script that does not compile with the problem', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.crm');
    writeFileSync(file, 'Integer x = "text";\n');
    const c = client(join(dir, 'store'));
    await c.request('initialize', {});
    const r = await c.request('launch', { program: file }, false);
    expect(r.success).toBe(false);
    expect(r.message).toMatch(/does not compile/);
    const out = c.messages.filter((m) => m.event === 'output').map((m) => m.body.output).join('');
    expect(out).toMatch(/broken\.crm:1:\d+: error:/);
    await c.request('disconnect', {});
    expect(await c.exited).toBe(0);
  });
});
