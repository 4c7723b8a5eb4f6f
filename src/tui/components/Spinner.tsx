/** A small activity indicator; it animates only while mounted. */
import React from 'react';
import { Text } from 'ink';
import { useNow } from '../hooks.js';
import { useTheme } from '../theme.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** `now` drives the animation from the owner's clock; without it the spinner runs its own timer. */
export function Spinner({ label, now }: { label?: string; now?: number }): React.ReactElement {
  const t = useTheme();
  const own = useNow(100, now === undefined);
  const frame = FRAMES[Math.floor((now ?? own) / 100) % FRAMES.length];
  return (
    <Text>
      <Text {...t.accent}>{frame}</Text>
      {label ? ` ${label}` : ''}
    </Text>
  );
}
