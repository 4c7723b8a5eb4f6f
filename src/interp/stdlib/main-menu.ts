// MainMenu: the main menu (navigator) a MainMenu trigger script changes. getMainMenu() gives the
// run's one menu, kept in the event data so that every binding of a firing changes the same menu
// and the outcome shows the result (runtime/main-menu.ts). The sandbox has no menu of its own: it
// starts empty, and holds what the scripts add.
import type { NativeClass, NativeGlobals } from './registry.js';
import { CrmError, plainString } from '../runtime/values.js';
import { rt } from '../runtime/context.js';
import { charge } from '../runtime/memory.js';
import type { MenuGroup, MenuItem } from '../runtime/main-menu.js';

/** Enough for any real navigator; a script adding without end stops with a clear error. */
const MAX_ENTRIES = 10_000;

/** The handle a script holds; every handle of a run reaches the same menu. */
export class CrmMainMenu {
  get groups(): MenuGroup[] {
    const ev = rt.event;
    return (ev.menu ??= []);
  }
}

function fail(method: string, message: string): CrmError {
  return new CrmError(`MainMenu.${method}: ${message}`);
}

function entries(groups: MenuGroup[]): number {
  return groups.reduce((n, g) => n + 1 + g.items.length, 0);
}

function room(method: string, groups: MenuGroup[], ...texts: string[]): void {
  if (entries(groups) >= MAX_ENTRIES) throw fail(method, `the menu holds at most ${MAX_ENTRIES.toLocaleString('en-US')} groups and items`);
  charge(96 + texts.reduce((n, t) => n + 2 * t.length, 0));
}

/** Where a new entry goes: at `position` (0 first), else (or past the end) last. */
function insertAt<T>(list: T[], entry: T, position?: number): void {
  if (position === undefined || position < 0 || position >= list.length) list.push(entry);
  else list.splice(position, 0, entry);
}

function groupAt(method: string, groups: MenuGroup[], index: number): MenuGroup {
  const g = groups[index];
  if (!g) throw fail(method, `there is no group ${index} (the menu has ${groups.length}; the sandbox's menu starts empty: add groups with addGroup)`);
  return g;
}

function addGroup(self: CrmMainMenu, label: string, image: string, position?: number, onClick = ''): void {
  const groups = self.groups;
  room('addGroup', groups, label, image, onClick);
  insertAt(groups, { label: plainString(label), image: plainString(image), onClick: plainString(onClick), items: [] }, position);
}

function addItem(self: CrmMainMenu, label: string, url: string, group?: number, position?: number, onClick = '', itemId = '', target = '', iconUrl = ''): void {
  const groups = self.groups;
  if (groups.length === 0) throw fail('addItem', 'the menu has no group to add the item to (the sandbox\'s menu starts empty: add one with addGroup first)');
  const g = groupAt('addItem', groups, group ?? groups.length - 1);
  room('addItem', groups, label, url, onClick, itemId, target, iconUrl);
  const item: MenuItem = { label: plainString(label), url: plainString(url), onClick: plainString(onClick), itemId: plainString(itemId), target: plainString(target), iconUrl: plainString(iconUrl) };
  insertAt(g.items, item, position);
}

export const MainMenuClass: NativeClass = {
  name: 'MainMenu',
  defaultValue: () => new CrmMainMenu(),
  methods: {
    'addGroup(String,String)': (self: CrmMainMenu, label: string, image: string) => addGroup(self, label, image),
    'addGroup(String,String,Integer)': (self: CrmMainMenu, label: string, image: string, pos: number) => addGroup(self, label, image, pos),
    'addGroup(String,String,Integer,String)': (self: CrmMainMenu, label: string, image: string, pos: number, onClick: string) => addGroup(self, label, image, pos, onClick),
    'addItem(String,String)': (self: CrmMainMenu, label: string, url: string) => addItem(self, label, url),
    'addItem(String,String,Integer,Integer)': (self: CrmMainMenu, label: string, url: string, group: number, pos: number) => addItem(self, label, url, group, pos),
    'addItem(String,String,Integer,Integer,String,String,String)': (self: CrmMainMenu, label: string, url: string, group: number, pos: number, onClick: string, itemId: string, target: string) =>
      addItem(self, label, url, group, pos, onClick, itemId, target),
    'addItem(String,String,Integer,Integer,String,String,String,String)': (
      self: CrmMainMenu,
      label: string,
      url: string,
      group: number,
      pos: number,
      onClick: string,
      itemId: string,
      target: string,
      iconUrl: string,
    ) => addItem(self, label, url, group, pos, onClick, itemId, target, iconUrl),
    'clear()': (self: CrmMainMenu) => {
      self.groups.length = 0;
    },
    'deleteGroup(Integer)': (self: CrmMainMenu, index: number) => {
      const groups = self.groups;
      groupAt('deleteGroup', groups, index);
      groups.splice(index, 1);
    },
    'deleteItem(Integer,Integer)': (self: CrmMainMenu, group: number, index: number) => {
      const g = groupAt('deleteItem', self.groups, group);
      if (!g.items[index]) throw fail('deleteItem', `group ${group} has no item ${index} (it has ${g.items.length})`);
      g.items.splice(index, 1);
    },
    // the label is a group's id; an item's id is the one addItem was given, else its label
    'getGroupId(Integer)': (self: CrmMainMenu, index: number) => self.groups[index]?.label ?? '',
    'getGroupIndex(String)': (self: CrmMainMenu, label: string) => self.groups.findIndex((g) => g.label === plainString(label)),
    'getItemId(Integer,Integer)': (self: CrmMainMenu, group: number, pos: number) => {
      const it = self.groups[group]?.items[pos];
      return it ? it.itemId || it.label : '';
    },
    'getItemIndex(Integer,String)': (self: CrmMainMenu, group: number, label: string) => {
      const l = plainString(label);
      return self.groups[group]?.items.findIndex((it) => it.label === l || (it.itemId !== '' && it.itemId === l)) ?? -1;
    },
    'getNumGroups()': (self: CrmMainMenu) => self.groups.length,
    'getNumItems(Integer)': (self: CrmMainMenu, group: number) => self.groups[group]?.items.length ?? 0,
  },
};

export const mainMenuGlobals: NativeGlobals = {
  'getMainMenu()': () => new CrmMainMenu(),
};
