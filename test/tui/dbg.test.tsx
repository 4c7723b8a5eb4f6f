import React from 'react';
import { it } from 'vitest';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { Panel } from '../../src/tui/components/Panel.js';
import { ThemeContext, makeTheme } from '../../src/tui/theme.js';

const el = (f: boolean) => (
  <ThemeContext.Provider value={makeTheme(true)}>
    <Box width={40} height={5}>
      <Panel title="A" width={20} height={5} focused={!f}><Text>a1</Text><Text>a2</Text></Panel>
      <Panel title="B" width={20} height={5} focused={f}><Text>b1</Text><Text>b2</Text></Panel>
    </Box>
  </ThemeContext.Provider>
);
it('dbg', () => {
  const r = render(el(false));
  console.log(r.lastFrame());
  r.rerender(el(true));
  console.log(r.lastFrame());
});
