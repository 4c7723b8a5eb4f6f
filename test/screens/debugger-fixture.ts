// What the Debugger's and the Debug sessions tab's tests share: a script with structs, a function
// and output (DEMO), storing a script, debugging it from the script screen, and waiting for the
// store to take a write.
import { KEY, renderApp, type TempStore } from '../tui/helpers.js';
import { storeReaches } from '../common.js';
import { createScript, findFolderByPath } from '../../src/store/repos.js';

// Line numbers matter to the tests.
export const DEMO = [
  'struct Engine {', //               1
  '  Integer hp = 150;', //           2
  '};', //                            3
  'struct Car {', //                  4
  '  String name = "volvo";', //      5
  '  Engine engine;', //              6
  '};', //                            7
  'Integer twice(Integer n) {', //    8
  '  Integer r = n * 2;', //          9
  '  return r;', //                   10
  '}', //                             11
  'Car car;', //                      12
  'Integer x = 3;', //                13
  'Integer y = twice(x);', //         14
  'printLine("y=" + y.toString());', // 15
  'Integer z = twice(y);', //         16
  'printLine("z=" + z.toString());', // 17
].join('\n');

/** Helpers on the test's current temp store (`current()`, set by each test). */
export function debuggerHelpers(current: () => TempStore) {
  async function addScript(includeId: string, source: string, extra: { breakpoints?: number[] } = {}) {
    await current().store.update((d) => {
      const s = createScript(d, { name: `Debug ${includeId}`, folderId: findFolderByPath(d, 'Examples')!.id, includeId, source });
      if (extra.breakpoints) s.breakpoints = extra.breakpoints;
    });
  }

  /** Open the app, go to the script and press b (Debug). */
  async function debugScript(includeId: string, size = { width: 100, height: 30 }) {
    const app = renderApp({ store: current().store, size });
    await app.waitFor('Hello world');
    await app.press('/');
    await app.type(includeId);
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor(`Include ${includeId}`);
    await app.press('b');
    await app.waitFor('PAUSED');
    return app;
  }

  /** Holds once the store has taken the screen's write (checked now and on each store change). */
  const eventually = (check: () => void) => storeReaches(current().store, check);

  return { addScript, debugScript, eventually };
}
