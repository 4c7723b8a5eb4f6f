// The MainMenu trigger: bindings change the one main menu of the firing through getMainMenu(), in
// binding order, and the outcome (and its printed form) carries the menu they built.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent } from '../../src/run/fire.js';
import { formatOutcome } from '../../src/triggers/format.js';
import { bind, cleanupTempDirs, emptyStore } from '../triggers/helpers.js';
import { runScript } from '../helpers.js';

afterEach(cleanupTempDirs);

describe('MainMenu', () => {
  it('adds groups and items at positions, finds them by label or id, and deletes them', () => {
    const r = runScript(`MainMenu menu = getMainMenu();
menu.addGroup("Equipment", "eq.png");
menu.addItem("List", "list.url");
menu.addItem("New", "new.url", 0, 0);
menu.addItem("Edit", "edit.url", 0, 1, "go()", "edit-id", "_blank", "pen.png");
menu.addGroup("First", "", 0, "alert(1)");
menu.addGroup("Last", "", 99);
MainMenu same;
printLine(same.getNumGroups().toString() + " " + menu.getGroupId(0) + " " + menu.getGroupIndex("Equipment").toString() + " " + menu.getGroupIndex("none").toString());
printLine(menu.getNumItems(1).toString() + " " + menu.getItemId(1, 0) + " " + menu.getItemId(1, 1) + " " + menu.getItemIndex(1, "List").toString() + " " + menu.getItemIndex(1, "edit-id").toString());
menu.deleteItem(1, 0);
menu.deleteGroup(0);
printLine(menu.getNumGroups().toString() + " " + menu.getGroupId(0) + " " + menu.getItemId(0, 0) + "|" + menu.getGroupId(7) + "|" + menu.getNumItems(7).toString());
menu.clear();
printLine(menu.getNumGroups().toString());`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).toBe('3 First 1 -1\n3 New edit-id 2 1\n2 Equipment edit-id||0\n0\n');
  });

  it('says what is missing when a change names a group or item the menu lacks', () => {
    expect(runScript('MainMenu m = getMainMenu();\nm.addItem("x", "y");').error).toContain("MainMenu.addItem: the menu has no group to add the item to");
    expect(runScript('MainMenu m = getMainMenu();\nm.addGroup("g", "");\nm.deleteItem(0, 2);').error).toBe('MainMenu.deleteItem: group 0 has no item 2 (it has 0)');
    const r = runScript('MainMenu m = getMainMenu();\nm.deleteGroup(3);');
    expect(r.error).toContain('MainMenu.deleteGroup: there is no group 3 (the menu has 0');
    expect(r.at).toBe('2:3');
  });

  it('stops a script that adds without end', () => {
    const r = runScript('MainMenu m = getMainMenu();\nm.addGroup("g", "");\nwhile (true) m.addItem("x", "y");');
    expect(r.error).toBe('MainMenu.addItem: the menu holds at most 10,000 groups and items');
  });

  it('is built by the bindings of the MainMenu event in order and comes back in the outcome', async () => {
    const store = await emptyStore();
    await bind(store, 'MainMenu', 'add', 'MainMenu m = getMainMenu();\nm.addGroup("Tools", "tools.png");\nm.addItem("Equipment", "eq.url");');
    await bind(store, 'MainMenu', 'more', 'MainMenu m = getMainMenu();\nm.addItem("Reports", "rep.url", m.getGroupIndex("Tools"), 0, "", "reports", "_blank");\nprint(m.getNumItems(0).toString());');
    const o = await fireEvent(store, 'MainMenu', {});
    expect(o.runs.map((r) => [r.ok, r.output])).toEqual([
      [true, ''],
      [true, '2'],
    ]);
    expect(o.menu).toEqual([
      {
        label: 'Tools',
        image: 'tools.png',
        onClick: '',
        items: [
          { label: 'Reports', url: 'rep.url', onClick: '', itemId: 'reports', target: '_blank', iconUrl: '' },
          { label: 'Equipment', url: 'eq.url', onClick: '', itemId: '', target: '', iconUrl: '' },
        ],
      },
    ]);
    expect(formatOutcome(o)).toContain('Main menu: 1 group\n  0. Tools (image tools.png)\n     0. Reports -> rep.url (id reports; target _blank)\n     1. Equipment -> eq.url\n');
  });

  it('is absent from the outcome of an event whose scripts never asked for it', async () => {
    const store = await emptyStore();
    await bind(store, 'MainMenu', 'quiet', 'print("nothing");');
    const o = await fireEvent(store, 'MainMenu', {});
    expect(o.menu).toBeUndefined();
    expect(formatOutcome(o)).not.toContain('Main menu');
  });
});
