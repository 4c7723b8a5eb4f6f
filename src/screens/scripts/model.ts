/**
 * Views of the store for tab 1, built once per store snapshot (the snapshot
 * object changes only when the file does) and cheap enough for 10,000
 * scripts: grouping is linear, sorting happens per folder on demand with one
 * shared collator.
 */
import type { Folder, Macro, Script, StoreData } from '../../store/schema.js';
import type { TreeNode } from '../../tui/components/Tree.js';
import { descendantFolderIds } from '../../store/repos.js';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Tree id of the top level (scripts and folders outside any folder). */
export const ROOT_ID = ':top';

export type Item = { kind: 'script'; key: string; name: string; script: Script } | { kind: 'macro'; key: string; name: string; macro: Macro };

export interface FolderIndex {
  data: StoreData;
  /** Sorted sub-folders by parent (null = top level). */
  children: Map<string | null, Folder[]>;
  folders: Map<string, Folder>;
  /** Scripts and macros directly in a folder, sorted: scripts first, then macros. */
  items(folderId: string | null): Item[];
  /** "A/B"; '' for the top level. */
  path(folderId: string | null): string;
  /** Number of scripts and macros directly in a folder. */
  directCount(folderId: string | null): number;
}

const indexes = new WeakMap<StoreData, FolderIndex>();

export function folderIndex(d: StoreData): FolderIndex {
  const cached = indexes.get(d);
  if (cached) return cached;
  const folders = new Map(d.folders.map((f) => [f.id, f]));
  const children = new Map<string | null, Folder[]>();
  for (const f of d.folders) {
    const parent = f.parentId !== null && folders.has(f.parentId) ? f.parentId : null;
    const list = children.get(parent);
    if (list) list.push(f);
    else children.set(parent, [f]);
  }
  for (const list of children.values()) list.sort((a, b) => compareNames(a.name, b.name));
  const scriptsBy = new Map<string | null, Script[]>();
  for (const s of d.scripts) push(scriptsBy, s.folderId, s);
  const macrosBy = new Map<string | null, Macro[]>();
  for (const m of d.macros) push(macrosBy, m.folderId, m);
  const sorted = new Map<string | null, Item[]>();
  const paths = new Map<string | null, string>();
  const ix: FolderIndex = {
    data: d,
    children,
    folders,
    items(folderId) {
      let items = sorted.get(folderId);
      if (!items) {
        const scripts = [...(scriptsBy.get(folderId) ?? [])].sort((a, b) => compareNames(a.name, b.name));
        const macros = [...(macrosBy.get(folderId) ?? [])].sort((a, b) => compareNames(a.name, b.name));
        items = [
          ...scripts.map((s): Item => ({ kind: 'script', key: `s:${s.id}`, name: s.name, script: s })),
          ...macros.map((m): Item => ({ kind: 'macro', key: `m:${m.id}`, name: m.name, macro: m })),
        ];
        sorted.set(folderId, items);
      }
      return items;
    },
    path(folderId) {
      if (folderId === null) return '';
      let p = paths.get(folderId);
      if (p === undefined) {
        const parts: string[] = [];
        const seen = new Set<string>();
        let id: string | null = folderId;
        while (id !== null && !seen.has(id)) {
          seen.add(id);
          const f = folders.get(id);
          if (!f) break;
          parts.unshift(f.name);
          id = f.parentId;
        }
        p = parts.join('/');
        paths.set(folderId, p);
      }
      return p;
    },
    directCount(folderId) {
      return (scriptsBy.get(folderId)?.length ?? 0) + (macrosBy.get(folderId)?.length ?? 0);
    },
  };
  indexes.set(d, ix);
  return ix;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The folder tree for the Tree component: one root ("/ (top level)") holding the top-level folders. */
export function folderTreeNodes(ix: FolderIndex): TreeNode[] {
  const build = (parentId: string | null, seen: Set<string>): TreeNode[] =>
    (ix.children.get(parentId) ?? [])
      .filter((f) => !seen.has(f.id))
      .map((f) => {
        const n = ix.directCount(f.id);
        return { id: f.id, label: f.name, note: n > 0 ? String(n) : undefined, children: build(f.id, new Set(seen).add(f.id)) };
      });
  const top = ix.directCount(null);
  return [{ id: ROOT_ID, label: '/ (top level)', note: top > 0 ? String(top) : undefined, children: build(null, new Set()) }];
}

/** Tree id → folder id (null for the top level). */
export function folderIdOf(treeId: string): string | null {
  return treeId === ROOT_ID ? null : treeId;
}

export function treeIdOf(folderId: string | null): string {
  return folderId === null ? ROOT_ID : folderId;
}

/** Tree ids from the root down to the folder (to expand them). */
export function ancestorsOf(ix: FolderIndex, folderId: string | null): string[] {
  const out = [ROOT_ID];
  const chain: string[] = [];
  const seen = new Set<string>();
  let id = folderId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const f = ix.folders.get(id);
    if (!f) break;
    chain.unshift(f.id);
    id = f.parentId;
  }
  return [...out, ...chain.slice(0, -1)];
}

/** Choices for a folder field: the top level, then every folder by path. */
export function folderOptions(ix: FolderIndex): Array<{ value: string; label: string }> {
  const out: Array<{ value: string; label: string }> = [{ value: '', label: '/ (top level)' }];
  const walk = (parentId: string | null, seen: Set<string>) => {
    for (const f of ix.children.get(parentId) ?? []) {
      if (seen.has(f.id)) continue;
      out.push({ value: f.id, label: ix.path(f.id) });
      walk(f.id, new Set(seen).add(f.id));
    }
  };
  walk(null, new Set());
  return out;
}

// ---------------------------------------------------------------- search

export interface SearchHit {
  item: Item;
  folder: string;
  /** Where it matched: "name", "include name", or "line 12: <the line>". */
  where: string;
  /** The matched line of the source (1-based), when the match is in the source. */
  line?: number;
}

const lowerSources = new WeakMap<Script, string>();

function lowerSource(s: Script): string {
  let l = lowerSources.get(s);
  if (l === undefined) {
    l = s.source.toLowerCase();
    lowerSources.set(s, l);
  }
  return l;
}

/**
 * Scripts (by name, include name or source text) and macros (by name or
 * description) in a folder and its sub-folders (null = everywhere),
 * case-insensitive. The same rules as the store's searchScripts/searchMacros.
 */
export function search(ix: FolderIndex, folderId: string | null, query: string): SearchHit[] {
  const q = query.trim().toLowerCase();
  const scope = folderId === null ? null : descendantFolderIds(ix.data, folderId);
  const inScope = (f: string | null) => scope === null || (f !== null && scope.has(f));
  const hits: SearchHit[] = [];
  for (const s of ix.data.scripts) {
    if (!inScope(s.folderId)) continue;
    let where: string | null = null;
    let line: number | undefined;
    if (q === '') where = '';
    else if (s.name.toLowerCase().includes(q)) where = 'name';
    else if (s.includeId.toLowerCase().includes(q)) where = 'include name';
    else {
      const src = lowerSource(s);
      const at = src.indexOf(q);
      if (at >= 0) {
        const lineNo = countLines(src, at);
        const start = s.source.lastIndexOf('\n', at - 1) + 1;
        const endNl = s.source.indexOf('\n', at);
        const text = s.source.slice(start, endNl === -1 ? undefined : endNl).trim();
        where = `line ${lineNo}: ${text}`;
        line = lineNo;
      }
    }
    if (where !== null) hits.push({ item: { kind: 'script', key: `s:${s.id}`, name: s.name, script: s }, folder: ix.path(s.folderId), where, ...(line ? { line } : {}) });
  }
  for (const m of ix.data.macros) {
    if (!inScope(m.folderId)) continue;
    let where: string | null = null;
    if (q === '') where = '';
    else if (m.name.toLowerCase().includes(q)) where = 'name';
    else if (m.description.toLowerCase().includes(q)) where = 'description';
    if (where !== null) hits.push({ item: { kind: 'macro', key: `m:${m.id}`, name: m.name, macro: m }, folder: ix.path(m.folderId), where });
  }
  hits.sort((a, b) => (a.item.kind === b.item.kind ? 0 : a.item.kind === 'script' ? -1 : 1) || compareNames(a.folder, b.folder) || compareNames(a.item.name, b.item.name));
  return hits;
}

function countLines(s: string, upTo: number): number {
  let n = 1;
  let i = s.indexOf('\n');
  while (i !== -1 && i < upTo) {
    n++;
    i = s.indexOf('\n', i + 1);
  }
  return n;
}
