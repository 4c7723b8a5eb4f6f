/**
 * A bordered panel with its title (and an optional right-hand note) in the
 * top border. Focus shows as a coloured border, or under NO_COLOR as an
 * inverse title and a dim border on the other panels.
 *
 * The border style itself never changes: Ink 6 re-applies a changed
 * borderStyle without the borderTop={false} beside it, which shifts the
 * content down a line.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { cellWidth, truncate } from '../text.js';

const C = { tl: '╭', tr: '╮', h: '─' } as const;

export interface PanelProps {
  title: string;
  /** Shown at the right of the top border, e.g. "3/120". */
  note?: string;
  width: number;
  height: number;
  focused?: boolean;
  children?: React.ReactNode;
}

export function Panel({ title, note, width, height, focused = false, children }: PanelProps): React.ReactElement {
  const t = useTheme();
  const c = C;
  const color = focused ? t.focusBorder : t.blurBorder;
  const inner = Math.max(width - 2, 0);
  const noteText = note ? ` ${truncate(note, Math.max(inner - 6, 0))} ` : '';
  const titleRoom = Math.max(inner - 2 - cellWidth(noteText) - 1, 0);
  const titleText = title ? ` ${truncate(title, Math.max(titleRoom - 2, 0))} ` : '';
  const fill = Math.max(inner - 1 - cellWidth(titleText) - cellWidth(noteText) - (noteText ? 1 : 0), 0);
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text wrap="truncate">
        <Text color={color} dimColor={!focused && t.noColor}>
          {c.tl}
          {c.h}
        </Text>
        <Text bold={focused} inverse={focused && t.noColor} {...(focused ? t.accent : {})}>
          {titleText}
        </Text>
        <Text color={color} dimColor={!focused && t.noColor}>
          {c.h.repeat(fill)}
        </Text>
        <Text {...t.muted}>{noteText}</Text>
        <Text color={color} dimColor={!focused && t.noColor}>
          {noteText ? c.h : ''}
          {c.tr}
        </Text>
      </Text>
      <Box
        borderStyle="round"
        borderTop={false}
        borderColor={color}
        borderDimColor={!focused && t.noColor}
        width={width}
        height={Math.max(height - 1, 1)}
        flexDirection="column"
        overflow="hidden"
      >
        {children}
      </Box>
    </Box>
  );
}
