/**
 * Tab 1's main screen: the folder tree on the left, the selected folder's
 * scripts and macros on the right, and the folder/script/macro actions.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { Tree, flattenTree } from '../../tui/components/Tree.js';
import { VirtualList, filterItems, listNavBindings, useListFilter } from '../../tui/components/VirtualList.js';
import { ConfirmDelete } from '../../tui/components/Dialog.js';
import { Field } from '../../tui/components/Field.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { BROWSER_KEYS, NAV_KEYS, displayMainKey } from '../../tui/keymap.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { useTui } from '../../tui/services.js';
import { fit, formatDateTime, plural } from '../../tui/text.js';
import { deleteFolder, deleteMacro, deleteScript, folderContentCount, scriptPath } from '../../store/repos.js';
import { danglingSentence } from '../../store/dangling.js';
import { ScriptForm, MacroForm, FolderForm } from './forms.js';
import { ROOT_ID, ancestorsOf, folderIdOf, folderIndex, folderTreeNodes, treeIdOf, type Item } from './model.js';

export interface BrowserNav {
  openScript(id: string, then?: 'run' | 'edit'): void;
  openMacro(id: string): void;
  openSearch(folderId: string | null): void;
  openOutbox(): void;
}

type Dialog =
  | { kind: 'newScript' }
  | { kind: 'newMacro' }
  | { kind: 'newFolder' }
  | { kind: 'renameFolder'; id: string }
  | { kind: 'deleteFolder'; id: string; message: string }
  | { kind: 'deleteItem'; item: Item; message: string };

/** Widths of the two panes. */
export function paneWidths(width: number): { tree: number; list: number } {
  const tree = Math.max(Math.min(Math.round(width * 0.3), 40), Math.min(22, width - 20));
  return { tree, list: Math.max(width - tree, 10) };
}

export function Browser({ size, nav }: { size: Size; nav: BrowserNav }): React.ReactElement {
  const t = useTheme();
  const tui = useTui();
  const data = useStoreData();
  const bridge = useStoreBridge();
  const ix = folderIndex(data);

  // ---- tree state
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set([ROOT_ID, ...(ix.children.get(null) ?? []).map((f) => f.id)]));
  const [treeId, setTreeId] = useState<string>(() => {
    if (ix.directCount(null) > 0) return ROOT_ID;
    const first = ix.children.get(null)?.[0];
    return first ? first.id : ROOT_ID;
  });
  const nodes = useMemo(() => flattenTree(folderTreeNodes(ix), expanded), [ix, expanded]);
  let treeIndex = nodes.findIndex((n) => n.id === treeId);
  if (treeIndex < 0) treeIndex = 0; // the folder went away (deleted elsewhere): back to the top
  const node = nodes[treeIndex]!;
  const folderId = folderIdOf(node.id);
  const folderLabel = folderId === null ? '/ (top level)' : ix.path(folderId);

  // ---- list state
  const [focus, setFocus] = useState<'tree' | 'list'>('tree');
  const filter = useListFilter(() => setSel((s) => ({ key: s.key, index: 0 })));
  const allItems = ix.items(folderId);
  const items = useMemo(
    () => filterItems(allItems, filter.value, (it) => `${it.name}\u0000${it.kind === 'script' ? it.script.includeId : 'macro'}`),
    [allItems, filter.value],
  );
  const [sel, setSel] = useState<{ key: string | null; index: number }>({ key: null, index: 0 });
  let listIndex = sel.key === null ? -1 : items.findIndex((it) => it.key === sel.key);
  if (listIndex < 0) listIndex = Math.max(0, Math.min(sel.index, items.length - 1));
  const item: Item | undefined = items[listIndex];

  const [dialog, setDialog] = useState<Dialog | null>(null);

  // ---- layout
  const { tree: treeW, list: listW } = paneWidths(size.width);
  const paneH = size.height;
  const treeRows = Math.max(paneH - 2, 1);
  const listRows = Math.max(paneH - 3 - (filter.shown ? 1 : 0), 1);

  // ---- actions
  const selectFolder = (id: string) => {
    setTreeId(id);
    setSel({ key: null, index: 0 });
  };
  const moveTree = (f: (i: number) => number) => {
    const i = Math.max(0, Math.min(f(treeIndex), nodes.length - 1));
    if (nodes[i]) selectFolder(nodes[i]!.id);
  };
  const moveList = (f: (i: number) => number) =>
    setSel((prev) => {
      const cur = prev.key === null ? -1 : items.findIndex((it) => it.key === prev.key);
      const base = cur >= 0 ? cur : Math.max(0, Math.min(prev.index, items.length - 1));
      const i = Math.max(0, Math.min(f(base), items.length - 1));
      return { key: items[i]?.key ?? null, index: i };
    });
  const toggle = (id: string, open?: boolean) =>
    setExpanded((e) => {
      const next = new Set(e);
      if (open ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });
  /** Show a folder: expand its ancestors and select it. */
  const revealFolder = (fid: string | null) => {
    const fresh = folderIndex(bridge.store.read());
    setExpanded((e) => new Set([...e, ...ancestorsOf(fresh, fid)]));
    selectFolder(treeIdOf(fid));
  };
  const revealItem = (fid: string | null, key: string) => {
    revealFolder(fid);
    filter.clear();
    setSel({ key, index: 0 });
    setFocus('list');
  };

  const askDeleteFolder = () => {
    if (folderId === null) return;
    const c = folderContentCount(data, folderId);
    const parts = [plural(c.folders, 'sub-folder'), plural(c.scripts, 'script'), plural(c.macros, 'macro')];
    const dangles = danglingSentence(data, { kind: 'folder', id: folderId });
    const message =
      c.folders + c.scripts + c.macros === 0
        ? `Delete the empty folder "${folderLabel}"?`
        : `Delete the folder "${folderLabel}" with everything in it: ${parts.join(', ')}?${dangles ? ` ${dangles}` : ''} This cannot be undone.`;
    setDialog({ kind: 'deleteFolder', id: folderId, message });
  };
  const askDeleteItem = () => {
    if (!item) return;
    const subject = item.kind === 'script' ? { kind: 'script' as const, id: item.script.id } : { kind: 'macro' as const, id: item.macro.id };
    const what = item.kind === 'script' ? scriptPath(data, item.script) : item.name;
    const dangles = danglingSentence(data, subject);
    setDialog({ kind: 'deleteItem', item, message: `Delete the ${item.kind} "${what}"?${dangles ? ` ${dangles}` : ''} This cannot be undone.` });
  };

  // ---- keys
  const creators: Binding[] = [
    { def: BROWSER_KEYS.newScript, run: () => setDialog({ kind: 'newScript' }) },
    { def: BROWSER_KEYS.newMacro, run: () => setDialog({ kind: 'newMacro' }) },
    { def: BROWSER_KEYS.newFolder, run: () => setDialog({ kind: 'newFolder' }) },
    { def: BROWSER_KEYS.search, run: () => nav.openSearch(folderId) },
    { def: BROWSER_KEYS.outbox, run: () => nav.openOutbox(), footer: false },
  ];
  const filterKey = (footer: boolean): Binding => ({
    def: NAV_KEYS.filter,
    footer,
    run: () => {
      filter.start();
      setFocus('list');
    },
  });
  const treeKeys: Binding[] = [
    ...listNavBindings(nodes.length, treeRows, moveTree),
    {
      def: BROWSER_KEYS.expand,
      run: () => (node.hasChildren && !node.expanded ? toggle(node.id, true) : setFocus('list')),
      label: node.hasChildren && !node.expanded ? 'Expand' : 'To list',
      help: BROWSER_KEYS.expand.help,
      footer: false,
    },
    {
      def: BROWSER_KEYS.collapse,
      run: () => {
        if (node.hasChildren && node.expanded && node.id !== ROOT_ID) toggle(node.id, false);
        else if (node.parentId) selectFolder(node.parentId);
      },
      footer: false,
    },
    { def: BROWSER_KEYS.toggle, run: () => toggle(node.id), when: node.hasChildren, footer: false },
    { def: BROWSER_KEYS.openFolder, run: () => setFocus('list'), footer: false },
    ...creators,
    { def: BROWSER_KEYS.renameFolder, run: () => folderId !== null && setDialog({ kind: 'renameFolder', id: folderId }), when: folderId !== null },
    { def: BROWSER_KEYS.deleteFolder, run: askDeleteFolder, when: folderId !== null },
    filterKey(false),
  ];
  const listKeys: Binding[] = [
    ...listNavBindings(items.length, listRows, moveList),
    {
      def: BROWSER_KEYS.openItem,
      when: !!item,
      run: () => item && (item.kind === 'script' ? nav.openScript(item.script.id) : nav.openMacro(item.macro.id)),
    },
    { def: BROWSER_KEYS.run, when: item?.kind === 'script', run: () => item?.kind === 'script' && nav.openScript(item.script.id, 'run') },
    { def: BROWSER_KEYS.edit, when: item?.kind === 'script', run: () => item?.kind === 'script' && nav.openScript(item.script.id, 'edit') },
    { def: BROWSER_KEYS.deleteItem, when: !!item, run: askDeleteItem },
    filter.clearKey(),
    { def: BROWSER_KEYS.toTree, run: () => setFocus('tree'), footer: false },
    filterKey(true),
    ...creators,
  ];
  useKeys({
    title: filter.typing ? 'Filter' : focus === 'tree' ? 'Folders' : 'Scripts and macros',
    bindings: filter.typing ? filter.typingKeys((by) => moveList((i) => i + by)) : focus === 'tree' ? treeKeys : listKeys,
    capture: filter.typing,
  });

  // ---- rendering
  const inner = listW - 4;
  const updW = inner >= 62 ? 16 : 11;
  const incW = Math.max(Math.min(Math.round(inner * 0.28), 24), 8);
  const nameW = Math.max(inner - updW - incW - 2, 8);
  const scripts = allItems.filter((i) => i.kind === 'script').length;
  const macros = allItems.length - scripts;
  const note = filter.value
    ? `${items.length} of ${allItems.length}`
    : allItems.length > listRows
      ? `${listIndex + 1}/${allItems.length}`
      : [scripts ? plural(scripts, 'script') : '', macros ? plural(macros, 'macro') : ''].filter(Boolean).join(', ');

  return (
    <Box width={size.width} height={size.height}>
      <Panel title="Folders" width={treeW} height={paneH} focused={focus === 'tree' && !filter.typing}>
        <Tree nodes={nodes} selected={treeIndex} height={treeRows} width={treeW - 2} focused={focus === 'tree' && !filter.typing} />
      </Panel>
      <Panel title={folderLabel} note={note} width={listW} height={paneH} focused={focus === 'list' || filter.typing}>
        <Text {...t.muted} wrap="truncate">
          {' '}
          {fit('Name', nameW)} {fit('Include name', incW)} {fit('Updated', updW)}
        </Text>
        <VirtualList
          items={items}
          selected={listIndex}
          height={listRows}
          width={listW - 2}
          focused={focus === 'list' && !filter.typing}
          empty={
            filter.value
              ? `Nothing matches "${filter.value}".`
              : `No scripts or macros here. ${displayMainKey(BROWSER_KEYS.newScript)} creates a script, ${displayMainKey(BROWSER_KEYS.newMacro)} a macro.`
          }
          renderRow={(it, _i, st) => {
            const staged = it.kind === 'script' && it.script.stagedSource !== null;
            const name = fit(it.name + (staged ? ' ●' : ''), nameW);
            const inc = it.kind === 'script' ? it.script.includeId : 'macro';
            const when = formatDateTime(it.kind === 'script' ? it.script.updatedAt : it.macro.updatedAt, updW < 16);
            return (
              <Text>
                {name} <Text {...(st.selected || it.kind === 'script' ? {} : t.muted)}>{fit(inc, incW)}</Text>{' '}
                <Text {...(st.selected ? {} : t.muted)}>{fit(when, updW)}</Text>
              </Text>
            );
          }}
        />
        {filter.shown ? (
          <Box height={1}>
            <Text {...t.key}>/</Text>
            <Text> </Text>
            <Field value={filter.value} onChange={filter.set} focused={filter.typing} width={listW - 6} placeholder="type to filter" />
          </Box>
        ) : null}
      </Panel>
      {dialog?.kind === 'newScript' ? (
        <ScriptForm
          area={size}
          folderId={folderId}
          onCancel={() => setDialog(null)}
          onDone={(s) => {
            setDialog(null);
            revealItem(s.folderId, `s:${s.id}`);
            tui.flash(`Created the script "${s.name}". Enter opens it, ${displayMainKey(BROWSER_KEYS.edit)} edits its source.`, 'success');
          }}
        />
      ) : null}
      {dialog?.kind === 'newMacro' ? (
        <MacroForm
          area={size}
          folderId={folderId}
          onCancel={() => setDialog(null)}
          onDone={(m) => {
            setDialog(null);
            revealItem(m.folderId, `m:${m.id}`);
            tui.flash(`Created the macro "${m.name}". Add its actions here; s saves.`, 'success');
            nav.openMacro(m.id);
          }}
        />
      ) : null}
      {dialog?.kind === 'newFolder' ? (
        <FolderForm
          area={size}
          parentId={folderId}
          parentLabel={folderId === null ? 'the top level' : `"${folderLabel}"`}
          onCancel={() => setDialog(null)}
          onDone={(f) => {
            setDialog(null);
            revealFolder(f.id);
            setFocus('tree');
            tui.flash(`Created the folder "${f.name}".`, 'success');
          }}
        />
      ) : null}
      {dialog?.kind === 'renameFolder' && ix.folders.get(dialog.id) ? (
        <FolderForm
          area={size}
          folder={ix.folders.get(dialog.id)!}
          onCancel={() => setDialog(null)}
          onDone={(f) => {
            setDialog(null);
            tui.flash(`Renamed the folder to "${f.name}".`, 'success');
          }}
        />
      ) : null}
      {dialog?.kind === 'deleteFolder' ? (
        <ConfirmDelete
          flash={tui.flash}
          title="Delete folder"
          message={dialog.message}
          area={size}
          onClose={() => setDialog(null)}
          remove={() => {
            const { id } = dialog;
            const parent = ix.folders.get(id)?.parentId ?? null;
            return bridge.update((d) => deleteFolder(d, id)).then((c) => {
              selectFolder(treeIdOf(parent));
              return c;
            });
          }}
          done={(c) =>
            c.folders + c.scripts + c.macros
              ? `Deleted the folder and ${plural(c.folders, 'sub-folder')}, ${plural(c.scripts, 'script')}, ${plural(c.macros, 'macro')}.`
              : 'Deleted the folder.'
          }
        />
      ) : null}
      {dialog?.kind === 'deleteItem' ? (
        <ConfirmDelete
          flash={tui.flash}
          title={dialog.item.kind === 'script' ? 'Delete script' : 'Delete macro'}
          message={dialog.message}
          area={size}
          onClose={() => setDialog(null)}
          remove={() => {
            const it = dialog.item;
            return bridge.update((d) => (it.kind === 'script' ? deleteScript(d, it.script.id) : deleteMacro(d, it.macro.id)));
          }}
          done={`Deleted the ${dialog.item.kind} "${dialog.item.name}".`}
        />
      ) : null}
    </Box>
  );
}
