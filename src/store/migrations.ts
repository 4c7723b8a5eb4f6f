/**
 * Upgrades of store.json written by older versions. Each migration takes the
 * raw document of version `from` and returns the document of version `from + 1`;
 * they run in order until STORE_VERSION is reached. The result is validated by
 * the schema afterwards, so a migration only needs to reshape.
 */
import { STORE_VERSION, defaultSettings } from './schema.js';
import { StoreError } from './errors.js';
import { COLLECTIONS } from './changes.js';

type Raw = Record<string, unknown>;

export interface Migration {
  from: number;
  /** Must return a document whose `version` is `from + 1`. */
  up: (doc: Raw) => Raw;
}

export const migrations: Migration[] = [
  {
    // Documents from before the format was versioned: no `version` field and
    // possibly missing collections.
    from: 0,
    up: (doc) => {
      const out: Raw = { ...doc, version: 1 };
      for (const c of COLLECTIONS) if (!Array.isArray(out[c])) out[c] = [];
      if (typeof out.settings !== 'object' || out.settings === null) out.settings = defaultSettings();
      return out;
    },
  },
  {
    // Format 2 keeps the same entities; the JSON backend stores them in several
    // files (store.json for what people edit, journals for run history, leases
    // and the outbox), see json/document.ts.
    from: 1,
    up: (doc) => ({ ...doc, version: 2 }),
  },
];

/** The version of a raw document; a document without one counts as version 0. */
export function documentVersion(doc: Raw): number {
  const v = doc.version;
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return NaN;
  return v;
}

/**
 * Bring a raw document up to `target`. Returns the (possibly same) document and
 * whether anything ran. Throws a StoreError for a newer or unreadable version.
 * `fileLabel` names the file in error messages.
 */
export function migrate(
  doc: Raw,
  fileLabel: string,
  list: readonly Migration[] = migrations,
  target: number = STORE_VERSION,
): { doc: Raw; migrated: boolean } {
  let version = documentVersion(doc);
  if (Number.isNaN(version)) {
    throw new StoreError('invalid-file', `${fileLabel} has an invalid "version" field; it must be a whole number.`);
  }
  if (version > target) {
    throw new StoreError(
      'newer-version',
      `${fileLabel} was written by a newer crmscript-tui (format ${version}; this one reads up to format ${target}); upgrade crmscript-tui.`,
    );
  }
  let current = doc;
  let migrated = false;
  while (version < target) {
    const step = list.find((m) => m.from === version);
    if (!step) {
      throw new StoreError('invalid-file', `${fileLabel} uses format ${version}, which this crmscript-tui cannot upgrade.`);
    }
    current = step.up(current);
    const next = documentVersion(current);
    if (next !== version + 1) {
      throw new Error(`Migration from format ${version} produced format ${next}.`);
    }
    version = next;
    migrated = true;
  }
  return { doc: current, migrated };
}
