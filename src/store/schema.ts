/**
 * The one schema of the store: the document crmscript-tui keeps (in `store.json` and its journals,
 * or in PostgreSQL). Each entity's shape is in entities/ (one file per entity); this module puts
 * them together into the document and is where other modules import the schemas and types from.
 * Nothing else describes the shape of the document.
 *
 * Changing a shape: bump STORE_VERSION and add a migration in migrations.ts.
 */
import { z } from 'zod';
import { STORE_VERSION } from './version.js';
import { folderSchema } from './entities/folders.js';
import { scriptSchema } from './entities/scripts.js';
import { macroSchema } from './entities/macros.js';
import { triggerSchema } from './entities/triggers.js';
import { taskRunSchema, taskSchema } from './entities/tasks.js';
import { traceConfigSchema, traceRunSchema } from './entities/tracing.js';
import { debugSessionSchema } from './entities/debug-sessions.js';
import { notificationSchema } from './entities/outbox.js';
import { defaultSettings, settingsSchema } from './entities/settings.js';

export { entityName, runValuesSchema, targetKindSchema, timeOfDaySchema, type RunValues, type TargetKind } from './entities/common.js';
export * from './entities/folders.js';
export * from './entities/scripts.js';
export * from './entities/macros.js';
export * from './entities/triggers.js';
export * from './entities/tasks.js';
export * from './entities/tracing.js';
export * from './entities/debug-sessions.js';
export * from './entities/outbox.js';
export * from './entities/settings.js';
export { describeIssues } from './entities/issues.js';

/** The format version this build reads and writes. */
export { STORE_VERSION };

export const storeSchema = z.object({
  version: z.literal(STORE_VERSION),
  folders: z.array(folderSchema),
  scripts: z.array(scriptSchema),
  macros: z.array(macroSchema),
  triggers: z.array(triggerSchema),
  tasks: z.array(taskSchema),
  taskRuns: z.array(taskRunSchema),
  traceConfigs: z.array(traceConfigSchema),
  traceRuns: z.array(traceRunSchema),
  debugSessions: z.array(debugSessionSchema),
  outbox: z.array(notificationSchema),
  settings: settingsSchema,
}).superRefine((d, ctx) => {
  // ids are how everything refers to everything: two entities with one id would be confused
  for (const key of ['folders', 'scripts', 'macros', 'triggers', 'tasks', 'traceConfigs'] as const) {
    const seen = new Set<string>();
    d[key].forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `the id "${e.id}" is used twice` });
      seen.add(e.id);
    });
  }
});

export type StoreData = z.infer<typeof storeSchema>;

/** Names of the array collections of the document. */
export type CollectionName = {
  [K in keyof StoreData]: StoreData[K] extends Array<{ id: string }> ? K : never;
}[keyof StoreData];
export type EntityOf<K extends CollectionName> = StoreData[K][number];

/** A valid, empty document (no demo content). */
export function emptyStoreData(): StoreData {
  return {
    version: STORE_VERSION,
    folders: [],
    scripts: [],
    macros: [],
    triggers: [],
    tasks: [],
    taskRuns: [],
    traceConfigs: [],
    traceRuns: [],
    debugSessions: [],
    outbox: [],
    settings: defaultSettings(),
  };
}
