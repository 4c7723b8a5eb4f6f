// Debugging a %EJSCRIPT_START% template: breakpoints and steps land on the file's lines, and the
// template text is output as the run passes it.
import { describe, expect, it } from 'vitest';
import { debug, ended, expectStop } from './helpers.js';

const TEMPLATE = `%EJSCRIPT_START%
<h1>Title</h1>
<% Integer n = 2;
n = n * 21; %>
<p><% print(n.toString()); %></p>
%EJSCRIPT_END%`;

describe('debugging a template', () => {
  it('stops at a breakpoint on a line of the file, with the text before it already printed', async () => {
    const s = debug(TEMPLATE, { stopOnEntry: false, breakpoints: [4] });
    expectStop(await s.waitForStop(), 4, 'breakpoint');
    expect(s.output).toBe('\n<h1>Title</h1>\n');
    const end = ended(await s.continue());
    expect(end.outcome.output).toBe('\n<h1>Title</h1>\n\n<p>42</p>\n');
  });
});
