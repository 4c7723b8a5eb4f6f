// What the Tracing tab's and the trace viewer's tests share: a script with a recursion and an
// exception (FACT), and helpers that store a script and its trace, run it, and open the tab.
import { renderApp, type TempStore } from '../tui/helpers.js';
import { createScript, createTraceConfig, findFolderByPath, getById, updateSettings, type TraceConfigInput } from '../../src/store/repos.js';
import { startScriptRun } from '../../src/run/script.js';

export const SIZE = { width: 80, height: 24 };

// Line numbers matter below.
export const FACT = [
  'Integer fact(Integer n) {', //                                             1
  '  if (n <= 1) {', //                                                       2
  '    return 1;', //                                                         3
  '  }', //                                                                   4
  '  return n * fact(n - 1);', //                                             5
  '}', //                                                                     6
  'Integer[] got;', //                                                        7
  'for (Integer i = 1; i <= 3; i++) {', //                                    8
  '  got.pushBack(fact(i));', //                                              9
  '  printLine("fact " + i.toString() + " = " + got[i - 1].toString());', // 10
  '}', //                                                                     11
  'String tail = "end";', //                                                  12
  'if (got[2] == 6) throw "six is too many";', //                             13
].join('\n');

/** Helpers on the test's current temp store (`current()`, set by each test). */
export function tracingHelpers(current: () => TempStore) {
  async function addScript(name: string, source: string): Promise<string> {
    const ts = current();
    return ts.store.update((d) => createScript(d, { name, folderId: findFolderByPath(d, 'Examples')!.id, includeId: name.toLowerCase(), source }).id);
  }

  async function addTrace(scriptId: string, over: Partial<TraceConfigInput> = {}, on = true): Promise<string> {
    return current().store.update((d) => {
      if (on) updateSettings(d, { tracingEnabled: true });
      return createTraceConfig(d, { targetKind: 'script', targetId: scriptId, description: 'why six', ...over }).id;
    });
  }

  async function runScript(scriptId: string, user = 'alice') {
    const ts = current();
    return startScriptRun(ts.store, getById(ts.store.read(), 'scripts', scriptId)!, { source: 'cli', user }).result;
  }

  async function openTab(size = SIZE) {
    const app = renderApp({ store: current().store, size });
    await app.waitFor('Hello world');
    await app.press('5');
    await app.waitFor('Tracing scripts');
    return app;
  }

  return { addScript, addTrace, runScript, openTab };
}

export type TracingApp = Awaited<ReturnType<ReturnType<typeof tracingHelpers>['openTab']>>;

/** The step (1-based, as shown) and the line marked current in the source. */
export function position(frame: string): { step: number; of: number; line: number | null; depth: number } {
  const m = /Step ([\d,]+) of ([\d,]+)/.exec(frame);
  if (!m) throw new Error(`No slider in:\n${frame}`);
  const cur = /[▶]\s*(\d+)/.exec(frame);
  const d = /depth (\d+)/.exec(frame);
  return { step: Number(m[1]!.replace(/,/g, '')), of: Number(m[2]!.replace(/,/g, '')), line: cur ? Number(cur[1]) : null, depth: d ? Number(d[1]) : 0 };
}
