/**
 * Repository functions over the store document, one file per entity under repos/.
 * They are pure functions over a StoreData (reads) or mutate the StoreData they are
 * given (writes), so they work both on a `store.read()` snapshot and inside
 * `store.update(d => ...)`. Do not call the mutating ones on a read() snapshot.
 * Problems a user can cause (duplicate names, unknown references) throw a StoreError
 * whose message is a sentence.
 */
export * from './repos/common.js';
export * from './repos/folders.js';
export * from './repos/scripts.js';
export * from './repos/macros.js';
export * from './repos/targets.js';
export * from './repos/triggers.js';
export * from './repos/tasks.js';
export * from './repos/tracing.js';
export * from './repos/debug-sessions.js';
export * from './repos/outbox.js';
export * from './repos/settings.js';
export * from './repos/run-values.js';
