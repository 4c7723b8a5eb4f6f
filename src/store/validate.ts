/**
 * Validation of what an update changed: only the added or changed entities and
 * the settings are checked against the schema (an unchanged entity was checked
 * when it was written), with the same readable paths as a whole-document check.
 */
import type { z } from 'zod';
import type { ChangeSet } from './changes.js';
import type { Checked, Checker } from './checker.js';
import { StoreError } from './errors.js';
import { migrate } from './migrations.js';
import { describeIssues, emptyStoreData, settingsSchema, storeSchema, type CollectionName, type StoreData } from './schema.js';

/** The schema of one entity of a collection. */
export function entitySchema(name: CollectionName): z.ZodType {
  return (storeSchema.shape[name] as unknown as z.ZodArray<z.ZodType>).element;
}

/**
 * Check the changed parts of `doc`; replace each checked entity in place by its
 * parsed form (defaults filled in). Throws StoreError 'invalid' naming the first
 * problems, e.g. `scripts[3].name: must not be empty`.
 */
export function validateChanges(doc: StoreData, changes: ChangeSet): void {
  const problems: string[] = [];
  for (const [name, change] of changes.collections) {
    const schema = entitySchema(name);
    const list = doc[name] as Array<{ id: string }>;
    for (const u of change.upserts) {
      const r = schema.safeParse(u.entity);
      if (r.success) {
        list[u.index] = r.data as { id: string };
        u.entity = r.data as { id: string };
      } else {
        problems.push(prefixIssues(`${name}[${u.index}]`, r.error as z.ZodError));
      }
      if (problems.length >= 3) break;
    }
    if (name === 'taskRuns' || name === 'traceRuns' || name === 'outbox') continue; // generated ids only
    const ids = new Set<string>();
    for (const e of list) {
      if (ids.has(e.id)) problems.push(`${name}: the id "${e.id}" is used twice`);
      ids.add(e.id);
    }
  }
  if (changes.settings) {
    const r = storeSchema.shape.settings.safeParse(doc.settings);
    if (r.success) doc.settings = r.data;
    else problems.push(prefixIssues('settings', r.error));
  }
  if (problems.length > 0) {
    throw new StoreError('invalid', `The change was not saved because it would make the store invalid: ${problems.join('; ')}.`);
  }
}

function prefixIssues(prefix: string, error: z.ZodError): string {
  return describeIssues(error)
    .split('; ')
    .map((p) => (p.startsWith('the document: ') ? `${prefix}: ${p.slice(14)}` : /^and \d+ more/.test(p) ? p : `${prefix}.${p}`))
    .join('; ');
}

function checked<T>(r: z.ZodSafeParseResult<T>, where: string): Checked<T> {
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: prefixIssues(where, r.error).split('; ').filter((p) => !/^and \d+ more/.test(p)) };
}

/** The schema behind the JSON store's read path (see checker.ts). */
export const checker: Checker = {
  entity: (c, raw, where) => checked(entitySchema(c).safeParse(raw) as z.ZodSafeParseResult<{ id: string }>, where),
  settings: (raw) => checked(settingsSchema.safeParse(raw), 'settings'),
  upgrade(raw, file) {
    const { doc } = migrate(raw, file);
    const full = storeSchema.safeParse(doc);
    if (!full.success) throw new StoreError('invalid-file', `${file} is not a valid crmscript-tui store: ${describeIssues(full.error)}.`);
    return full.data;
  },
  whole(data) {
    const parsed = storeSchema.safeParse(data);
    if (!parsed.success) throw new StoreError('invalid', `The data is not a valid crmscript-tui store: ${describeIssues(parsed.error)}.`);
    return parsed.data;
  },
  changes: validateChanges,
  empty: emptyStoreData,
};
