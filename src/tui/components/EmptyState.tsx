/** A calm, honest "nothing here (yet)" panel filling the tab. */
import React from 'react';
import { Box, Text } from 'ink';
import { Panel } from './Panel.js';
import { useTheme } from '../theme.js';
import { wrapText } from '../text.js';
import type { Size } from '../hooks.js';

export function EmptyState({ title, size, lines }: { title: string; size: Size; lines: string[] }): React.ReactElement {
  const t = useTheme();
  const inner = Math.max(size.width - 6, 10);
  const wrapped = lines.flatMap((l, i) => (i === 0 ? wrapText(l, inner) : ['', ...wrapText(l, inner)]));
  return (
    <Panel title={title} width={size.width} height={size.height} focused>
      <Box flexDirection="column" paddingX={1} paddingTop={1}>
        {wrapped.map((l, i) => (
          <Text key={i} {...(i === 0 ? {} : t.muted)} wrap="truncate">
            {l}
          </Text>
        ))}
      </Box>
    </Panel>
  );
}
