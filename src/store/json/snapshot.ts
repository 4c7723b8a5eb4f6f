/**
 * The store document a JSON store's readers get: store.json with the edits laid over it, the
 * definitions merged with their state, and the run history, recordings' index and outbox read from
 * their journals on first use (a `scripts list` never reads them), then built once and shared.
 */
import type { StoreData } from '../schema.js';
import { StoreError } from '../errors.js';
import { CheckerNeeded } from '../checker.js';
import type { Journal } from './journal.js';
import type { DocFile } from './docfile.js';
import type { Merged } from './doc-overlay.js';
import type { Journals } from './journals.js';

/** The document for the current content of `doc` and `journals`; `merged`: doc.merged() of them. */
export function assembleSnapshot(doc: DocFile, merged: Merged, journals: Journals): StoreData {
  const load = (j: Journal, c: string) => {
    try {
      if (!j.loaded) j.refresh();
    } catch (e) {
      if (!(e instanceof CheckerNeeded)) throw e;
      // the backend loads the checker at open unless the journal's first and last lines are hashed
      throw new StoreError(
        'invalid-file',
        `${j.file} has a line that was changed outside crmscript-tui (it no longer matches its hash); run \`crmscript-tui store migrate\` to check it (it says what is wrong, or accepts it).`,
      );
    }
    return j.list(c);
  };
  const view = doc.view(journals.edits);
  const data = {
    version: 2,
    settings: doc.settings,
    folders: view.folders,
    scripts: view.scripts,
    macros: view.macros,
    triggers: merged.triggers,
    tasks: merged.tasks,
    traceConfigs: merged.traceConfigs,
    debugSessions: journals.state.list('debugSessions'),
  } as unknown as StoreData;
  const cache = new Map<string, unknown>();
  for (const [name, j] of [['taskRuns', journals.runs], ['traceRuns', journals.runs], ['outbox', journals.outbox]] as const) {
    Object.defineProperty(data, name, {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!cache.has(name)) cache.set(name, load(j, name));
        return cache.get(name);
      },
    });
  }
  return data;
}
