/**
 * An expandable tree shown as a virtualized list. The owner flattens its tree
 * with flattenTree() (only expanded branches), keeps the selection and the
 * set of expanded ids.
 */
import React from 'react';
import { Text } from 'ink';
import { VirtualList } from './VirtualList.js';
import { fit } from '../text.js';
import { useTheme } from '../theme.js';

export interface TreeNode {
  id: string;
  label: string;
  children: TreeNode[];
  /** Shown dimmed after the label, e.g. a count. */
  note?: string;
}

export interface FlatNode {
  id: string;
  label: string;
  note?: string;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  parentId: string | null;
}

/** The indent and the ▾/▸ marker of a tree row (shared by every tree: folders, variables). */
export function treePrefix(depth: number, hasChildren: boolean, expanded: boolean, maxDepth = 12): string {
  return '  '.repeat(Math.min(depth, maxDepth)) + (hasChildren ? (expanded ? '▾ ' : '▸ ') : '  ');
}

export function flattenTree(roots: readonly TreeNode[], expanded: ReadonlySet<string>): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (nodes: readonly TreeNode[], depth: number, parentId: string | null) => {
    for (const n of nodes) {
      const open = expanded.has(n.id);
      out.push({ id: n.id, label: n.label, note: n.note, depth, hasChildren: n.children.length > 0, expanded: open, parentId });
      if (open) walk(n.children, depth + 1, n.id);
    }
  };
  walk(roots, 0, null);
  return out;
}

export interface TreeProps {
  nodes: readonly FlatNode[];
  selected: number;
  height: number;
  width: number;
  focused?: boolean;
}

export function Tree({ nodes, selected, height, width, focused = true }: TreeProps): React.ReactElement {
  const t = useTheme();
  return (
    <VirtualList
      items={nodes}
      selected={selected}
      height={height}
      width={width}
      focused={focused}
      renderRow={(n, _i, st) => {
        const prefix = treePrefix(n.depth, n.hasChildren, n.expanded);
        const note = n.note ? ` ${n.note}` : '';
        const labelRoom = Math.max(st.width - prefix.length - note.length, 1);
        const label = fit(n.label, labelRoom);
        return (
          <Text>
            {prefix}
            {label}
            {note ? <Text {...(st.selected ? {} : t.muted)}>{note}</Text> : null}
          </Text>
        );
      }}
    />
  );
}
