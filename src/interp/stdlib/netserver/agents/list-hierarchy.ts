// NSListAgent's hierarchies: the folders of SuperOffice's hierarchy table, one tree per domain
// (Domain: extra tables, screens, scripts, selections, ...). A folder's path is the names from the
// top down joined by "/", which its fullname column keeps ("Foo/bar/test"); a save, a rename or a
// move writes the fullname of the folder and of every folder below it. A folder goes with the
// folders below it.
import { NSObject } from '../object.js';
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col, load, loadWhere, register, remove, save, type View } from './view.js';
import { byId, make, type Methods } from './define.js';

const AGENT = 'NSListAgent';

const num = (row: CrmRow | null, c: string): number => Number(row ? (col(row, c) ?? 0) : 0);

/** A folder without the folders below it (Children is filled in by whoever asks for them). */
const flatView: View = {
  cls: 'NSHierarchyEntity',
  table: 'hierarchy',
  key: 'HierarchyId',
  cols: 'Domain=domain:i Name=name:s Fullname=fullname:s ParentId=parent_id:i Registered=registered:d RegisteredAssociateId=registered_associate_id:i Updated=updated:d UpdatedAssociateId=updated_associate_id:i',
  required: [['Name', 'the folder name (SetName)']],
  calc: (o) => {
    o.f.Children = [];
  },
  extra: (o) => ({ fullname: fullnameUnder(Number(o.f.ParentId ?? 0), String(o.f.Name ?? '')) }),
  beforeDelete: (id) => {
    for (const child of childRows(id)) remove(flatView, num(child, 'id'));
  },
};

/** A folder with the folders below it, all the way down. */
export const hierarchyView: View = {
  ...flatView,
  calc: (o) => {
    o.f.Children = subtree(Number(o.f.HierarchyId));
  },
};

register(hierarchyView);

function childRows(id: number): CrmRow[] {
  return db().select('hierarchy', { where: [{ column: 'parent_id', op: '=', value: id }], orderBy: [{ column: 'id' }] });
}

function subtree(id: number): NSObject[] {
  return id ? loadWhere(hierarchyView, { parent_id: id }) : [];
}

function fullnameUnder(parentId: number, name: string): string {
  const parent = parentId ? String(col(db().get('hierarchy', parentId) ?? {}, 'fullname') ?? '') : '';
  return parent ? `${parent}/${name}` : name;
}

/** Writes the fullname of every folder below `id` again (after it was renamed or moved). */
function refreshBelow(id: number): void {
  const full = String(col(db().get('hierarchy', id) ?? {}, 'fullname') ?? '');
  for (const child of childRows(id)) {
    const childId = num(child, 'id');
    const childFull = `${full}/${String(col(child, 'name') ?? '')}`;
    if (String(col(child, 'fullname') ?? '') !== childFull) db().update('hierarchy', childId, { fullname: childFull });
    refreshBelow(childId);
  }
}

/** The names of a path ("Foo/bar", leading and trailing "/" ignored). */
const parts = (path: string): string[] => String(path ?? '').split('/').map((p) => p.trim()).filter(Boolean);

/** The folder at a path of a domain (names compared in any case), null when there is none (or the path is empty). */
function atPath(domain: number, path: string): CrmRow | null {
  let row: CrmRow | null = null;
  for (const name of parts(path)) {
    const parent: number = row ? num(row, 'id') : 0;
    const rows = db().select('hierarchy', { where: [{ column: 'domain', op: '=', value: domain }], orderBy: [{ column: 'id' }] });
    row = rows.find((r) => num(r, 'parent_id') === parent && String(col(r, 'name') ?? '').toLowerCase() === name.toLowerCase()) ?? null;
    if (!row) return null;
  }
  return row;
}

function mustAt(method: string, domain: number, path: string): CrmRow {
  const row = atPath(domain, path);
  if (!row) throw fail(`${AGENT}.${method}`, `there is no folder "${path}" in hierarchy domain ${domain}`);
  return row;
}

/** Saves a folder: its parent must be a folder of the same domain and not the folder itself or one below it. */
function saveFolder(method: string, o: NSObject): NSObject {
  const where = `${AGENT}.${method}`;
  if (!(o instanceof NSObject)) throw fail(where, 'nothing to save');
  const id = Number(o.f.HierarchyId ?? 0) | 0;
  const parentId = Number(o.f.ParentId ?? 0) | 0;
  if (parentId) {
    const parent = db().get('hierarchy', parentId);
    if (!parent) throw fail(where, `the parent folder ${parentId} does not exist`);
    if (num(parent, 'domain') !== (Number(o.f.Domain ?? 0) | 0)) throw fail(where, `the parent folder ${parentId} is in another domain (${num(parent, 'domain')})`);
    for (let p: CrmRow | null = parent; p && id; p = num(p, 'parent_id') ? db().get('hierarchy', num(p, 'parent_id')) : null)
      if (num(p, 'id') === id) throw fail(where, `a folder cannot be placed below itself`);
  }
  const saved = save(flatView, o, where);
  refreshBelow(saved);
  return load(hierarchyView, saved) ?? byId(hierarchyView, 0);
}

export const hierarchyLists: Methods = {
  'CreateDefaultHierarchyEntity()': () => make('NSHierarchyEntity', { HierarchyId: 0, Domain: 0, ParentId: 0, Children: [] }),
  'GetHierarchyEntity(Integer)': (_a: unknown, id: number) => byId(hierarchyView, id),
  'SaveHierarchyEntity(NSHierarchyEntity)': (_a: unknown, o: NSObject) => saveFolder('SaveHierarchyEntity', o),
  'DeleteHierarchyEntity(Integer)': (_a: unknown, id: number) => {
    remove(flatView, id);
  },
  // with children false the folder comes without the folders below it; no folder there gives an empty one
  'GetHierarchyFromPath(Integer,String,Bool)': (_a: unknown, domain: number, path: string, children: boolean) => {
    const row = atPath(domain | 0, path);
    return row ? (load(children ? hierarchyView : flatView, num(row, 'id')) ?? byId(hierarchyView, 0)) : byId(hierarchyView, 0);
  },
  // a folder of that name already there is the one given back (no second folder of the same name)
  'AddHierarchyToPath(Integer,String,String)': (_a: unknown, domain: number, path: string, name: string) => {
    const method = 'AddHierarchyToPath';
    if (!parts(name).length) throw fail(`${AGENT}.${method}`, 'the folder name is empty');
    const parentId = parts(path).length ? num(mustAt(method, domain | 0, path), 'id') : 0;
    const existing = atPath(domain | 0, [...parts(path), String(name)].join('/'));
    if (existing) return byId(hierarchyView, num(existing, 'id'));
    return saveFolder(method, make('NSHierarchyEntity', { HierarchyId: 0, Domain: domain | 0, ParentId: parentId, Name: String(name).trim() }));
  },
  // renames or moves the folder at the path as the entity says; its id and domain stay
  'UpdateHierarchyFromPath(Integer,String,NSHierarchyEntity)': (_a: unknown, domain: number, path: string, o: NSObject) => {
    const row = mustAt('UpdateHierarchyFromPath', domain | 0, path);
    return saveFolder('UpdateHierarchyFromPath', make('NSHierarchyEntity', { ...(o?.f ?? {}), HierarchyId: num(row, 'id'), Domain: domain | 0 }));
  },
  'DeleteHierarchyFromPath(Integer,String)': (_a: unknown, domain: number, path: string) => {
    const row = atPath(domain | 0, path);
    if (row) remove(flatView, num(row, 'id'));
  },
};
