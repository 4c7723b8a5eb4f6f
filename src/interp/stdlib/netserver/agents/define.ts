// Building blocks of agent methods: the create/get/save/delete cycle of an entity, get by id and
// list by ids of a carrier, all over a view (view.ts). Methods are keyed like every native:
// 'Name(ParamType,...)' (see registry.ts) and called as fn(agent, ...args).
import type { NativeFn } from '../../registry.js';
import type { CrmRow, CrmValue } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { CrmMap } from '../../map.js';
import { db, fail } from './db.js';
import { load, loadWhere, refusals, remove, save, updateChanged, type View } from './view.js';
import { readCustomFields } from './custom-fields.js';

export type Methods = Record<string, NativeFn>;

/** An object of the view's class with id 0, for ids that name no row (what NetServer hands back). */
export function empty(v: View): NSObject {
  const o = new NSObject(v.cls);
  o.f[v.key] = 0;
  return o;
}

export function byId(v: View, id: number): NSObject {
  return load(v, id) ?? empty(v);
}

/** The row `id` as an object, or a CRMScript error naming `where`: "there is no <what> with id <id>". */
export function found(v: View, id: number, where: string, what: string): NSObject {
  const o = load(v, id);
  if (!o) throw fail(where, `there is no ${what} with id ${id}`);
  return o;
}

/**
 * Writes some columns of row `id` of `table` (stamping who changed it and when, when they change
 * anything), or fails naming `where`: "there is no <what> with id <id>".
 */
export function amend(table: string, id: number, changes: CrmRow, where: string, what: string): void {
  const old = id && db().table(table) ? db().get(table, id) : null;
  if (!old) throw fail(where, `there is no ${what} with id ${id}`);
  updateChanged(table, id, old, changes);
}

/** The rows with these ids, in the order asked, leaving out ids with no row. */
export function byIds(v: View, ids: unknown): NSObject[] {
  const list = Array.isArray(ids) ? ids.map(Number).filter(Boolean) : [];
  if (!list.length) return [];
  const rows = new Map(loadWhere(v, { [pk(v)]: list }).map((o) => [Number(o.f[v.key]), o]));
  return list.map((id) => rows.get(id)).filter((o): o is NSObject => !!o);
}

function pk(v: View): string {
  return db().table(v.table)?.primaryKey ?? 'id';
}

/**
 * CreateDefault<Name>Entity, Get<Name>Entity, Save<Name>Entity, Delete<Name>Entity. `create`
 * fills in what SuperOffice defaults (owner, dates, country, ...).
 */
export function entityCycle(agent: string, name: string, v: View, create: () => NSObject, entity = `${name}Entity`): Methods {
  return {
    [`CreateDefault${entity}()`]: () => {
      const o = create();
      // a new entity carries its table's user-defined fields (their defaults) and extra fields
      if (v.custom) readCustomFields(o, v.table, null);
      return o;
    },
    [`Get${entity}(Integer)`]: (_a: unknown, id: number) => byId(v, id),
    [`Save${entity}(NS${entity})`]: (_a: unknown, o: NSObject) => saved(agent, `Save${entity}`, v, o),
    [`Delete${entity}(Integer)`]: (_a: unknown, id: number) => {
      remove(v, id);
    },
  };
}

/** Saves and reads back what was stored (ids, dates and names filled in). */
export function saved(agent: string, method: string, v: View, o: NSObject): NSObject {
  if (!(o instanceof NSObject)) throw fail(`${agent}.${method}`, 'nothing to save');
  const id = save(v, o, `${agent}.${method}`);
  return load(v, id) ?? empty(v);
}

/** Get<Name>(Integer) and Get<Name>List(Integer[]) of a carrier. */
export function carrierGets(name: string, v: View): Methods {
  return {
    [`Get${name}(Integer)`]: (_a: unknown, id: number) => byId(v, id),
    [`Get${name}List(Integer[])`]: (_a: unknown, ids: unknown) => byIds(v, ids),
  };
}

/** Rows whose column equals a value, as objects. */
export function where(v: View, column: string, value: CrmValue, limit?: number): NSObject[] {
  return loadWhere(v, { [column]: value }, limit);
}

/** A new object of a class with some properties set. */
export function make(cls: string, props: Record<string, unknown>): NSObject {
  const o = new NSObject(cls);
  Object.assign(o.f, props);
  return o;
}

/** Validate<Name>Entity: what a save would refuse, as a Map of property name → message (empty when it would save). */
export function validation(agent: string, method: string, v: View, o: NSObject): CrmMap {
  if (!(o instanceof NSObject)) throw fail(`${agent}.${method}`, 'nothing to validate');
  const m = new CrmMap();
  for (const [prop, message] of refusals(v, o)) if (!m.data.has(prop)) m.put(prop, message);
  return m;
}

/**
 * Methods that need what the sandbox CRM does not have (a table, a setting): each fails with
 * `message` ("the sandbox CRM has no X table (what it holds)"). Keys are 'Name(ParamType,...)'.
 */
export function lacking(agent: string, message: string, keys: string[]): Methods {
  const out: Methods = {};
  for (const key of keys) {
    const where = `${agent}.${key.slice(0, key.indexOf('('))}`;
    out[key] = () => {
      throw fail(where, message);
    };
  }
  return out;
}
