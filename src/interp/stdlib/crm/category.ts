// Category: a ticket category (table ej_category); `children` lists the sub-categories.
import type { NativeClass, NativeGlobals } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { crm, int, text } from './access.js';
import { CrmEntity, entityMethods, linked, type EntityDef } from './entity.js';

export class CrmCategory extends CrmEntity {}

const def: EntityDef<CrmCategory> = {
  cls: 'Category',
  table: 'ej_category',
  aliases: { parent: 'parent_id', categorymaster: 'category_master', externalname: 'external_name', notificationemail: 'notification_email' },
  virtual: {
    children: { get: (c) => crm().select('ej_category', { columns: ['id'], where: [{ column: 'parent_id', op: '=', value: c.id }], orderBy: [{ column: 'id' }] }).map((r) => text(r.id)).join(',') },
  },
  beforeSave: (c, _isNew, values) => {
    // the full name follows the parent's: "Support/Hardware"; a category cannot sit below itself
    const parentId = int(values.parent_id ?? c.raw('parent_id'));
    const parent = linked('ej_category', parentId);
    const seen = new Set<number>();
    for (let p = parent; p; p = linked('ej_category', p.parent_id)) {
      const pid = int(p.id);
      if ((c.id && pid === c.id) || seen.has(pid)) throw new CrmError(`Category.save: category ${parentId} cannot be the parent of category ${c.id}: it is the category itself or one of its sub-categories`);
      seen.add(pid);
    }
    const name = text(values.name ?? c.raw('name'));
    values.fullname = parent ? `${text(parent.fullname)}/${name}` : name;
  },
  // the sub-categories' full names follow a renamed or moved category
  afterSave: (c) => renameChildren(c.id, text(c.raw('fullname'))),
};

function renameChildren(id: number, fullname: string, depth = 0): void {
  if (depth > 1000) throw new CrmError('Category.save: the categories below this one form a loop');
  const db = crm();
  for (const r of db.select('ej_category', { columns: ['id', 'name', 'fullname'], where: [{ column: 'parent_id', op: '=', value: id }], orderBy: [{ column: 'id' }] })) {
    const childId = int(r.id);
    if (childId === id) continue;
    const full = `${fullname}/${text(r.name)}`;
    if (text(r.fullname) !== full) db.update('ej_category', childId, { fullname: full });
    renameChildren(childId, full, depth + 1);
  }
}

export const CategoryClass: NativeClass = {
  name: 'Category',
  defaultValue: () => new CrmCategory(def as EntityDef<never>),
  ctors: { '()': () => new CrmCategory(def as EntityDef<never>) },
  methods: entityMethods(def as EntityDef<never>),
};

/** The id of the row whose `column` is `name` (the whole name, case aside: no wildcards), or -1. */
function idByName(table: string, column: string, name: string): number {
  const exact = name.trim().replace(/[\\%_]/g, (m) => '\\' + m);
  const r = crm().select(table, { columns: ['id'], where: [{ column, op: 'like', value: exact }], orderBy: [{ column: 'id' }], limit: 1 })[0];
  return r ? int(r.id) : -1;
}

export const lookupGlobals: NativeGlobals = {
  'getCategoryIdFromFullname(String)': (name: string) => idByName('ej_category', 'fullname', name),
  'getPriorityIdFromName(String)': (name: string) => idByName('ticket_priority', 'name', name),
  'getStatusIdFromName(String)': (name: string) => idByName('ticket_status', 'name', name),
  // the document's id by its name (-1: none)
  'getDocumentId(String)': (name: string) => {
    const r = crm().select('document', { columns: ['document_id'], where: [{ column: 'name', op: '=', value: String(name) }], orderBy: [{ column: 'document_id' }], limit: 1 })[0];
    return r ? int(r.document_id) : -1;
  },
  // config.flags of the installation
  'getSystemFlags()': () => int(crm().select('config', { columns: ['flags'], orderBy: [{ column: 'id' }], limit: 1 })[0]?.flags),
  'getCustomerMainEmail(Integer)': (personId: number) =>
    text(crm().select('Email', { columns: ['email_address'], where: [{ column: 'person_id', op: '=', value: personId }], orderBy: [{ column: 'rank' }, { column: 'email_id' }], limit: 1 })[0]?.email_address),
};
