/** The store: schema, repositories, the Store class and helpers, in one import. */
export * from './schema.js';
export * from './errors.js';
export * from './paths.js';
export * from './ids.js';
export * from './blobs.js';
export * from './migrations.js';
export * from './repos.js';
export * from './seed.js';
export * from './store.js';
