/** The format version of the store this build reads and writes (schema.ts; migrations.ts upgrades older ones). */
export const STORE_VERSION = 2;
