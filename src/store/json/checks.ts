// Loading the schema's checks (validate.ts: zod and the store's schema) the first time a JSON store
// has something to check; see checker.ts for when that is.
import { CheckerNeeded, type Checker } from '../checker.js';
import type { CollectionName } from '../schema.js';

/** The checker of one store, loaded on first need (validate.ts: zod and the schema). */
export class CheckerSlot {
  checker: Checker | null = null;
  private loading: Promise<Checker> | null = null;

  load(): Promise<Checker> {
    this.loading ??= import('../validate.js').then((m) => (this.checker = m.checker));
    return this.loading;
  }

  /** One journal record checked; throws CheckerNeeded before load() finished, or Error with the problem. */
  entity(c: CollectionName, r: unknown): { id: string } {
    if (!this.checker) throw new CheckerNeeded(c);
    const p = this.checker.entity(c, r, '');
    if (!p.ok) throw new Error(p.problems[0]?.replace(/^\./, '') ?? 'invalid');
    return p.value;
  }
}
