// The macro editor driven by key presses in the real app: the two README macros are built,
// saved, checked as CRMScript, bound to their events and fired (runs use the engine in dist/).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KEY, renderApp, tempStore, type TempStore } from '../tui/helpers.js';
import { createTrigger, findFolderByPath, updateSettings } from '../../src/store/repos.js';
import { generateMacroScript } from '../../src/macros/index.js';
import { compileScript } from '../../src/interp/compile-script.js';
import { fireEvent } from '../../src/run/fire.js';

const CTRL_P = '\u0010';

let ts: TempStore;
let server: Server | null = null;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
  if (server) await new Promise((r) => server!.close(r));
  server = null;
});

type App = ReturnType<typeof renderApp>;

async function open(size = { width: 100, height: 30 }): Promise<App> {
  ts = await tempStore();
  const app = renderApp({ store: ts.store, size });
  await app.waitFor('Hello world');
  return app;
}

/** New macro from the folder tree: the form, then the editor opens. */
async function newMacro(app: App, name: string): Promise<void> {
  await app.press('m');
  await app.waitFor('New macro in Examples');
  await app.type(name);
  await app.press(KEY.enter, KEY.enter);
  await app.waitFor(`Macro: ${name}`);
  await app.waitFor('No actions yet.');
}

/** E, then an event from the catalog by its name. */
async function chooseEvent(app: App, event: string): Promise<void> {
  await app.press('E');
  await app.waitFor('Another event from the catalog…');
  await app.press(KEY.enter);
  await app.waitFor('Search:');
  await app.type(event);
  await app.press(KEY.enter);
  await app.waitFor(`event ${event}`);
}

/** Ctrl+P in the focused field, filter the list, insert the first match. */
async function insertParam(app: App, filter: string, expected: string): Promise<void> {
  await app.press(CTRL_P);
  await app.waitFor('Choose parameter for');
  await app.type(filter);
  await app.waitFor(expected);
  await app.press(KEY.enter);
}

function storedMacro(name: string) {
  const m = ts.store.read().macros.find((x) => x.name === name);
  expect(m, `macro "${name}" is stored`).toBeDefined();
  return m!;
}

function compiles(name: string): void {
  const m = storedMacro(name);
  const out = compileScript({ source: generateMacroScript(m), file: `macro:${name}` });
  expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(out.compiled).toBeTruthy();
}

describe('README macro 1: block a small sale', () => {
  it('is built with keys, saved, compiles, and blocks SalesBeforeSaveSale under 100', async () => {
    const app = await open();
    await newMacro(app, 'Block small sales');
    await chooseEvent(app, 'SalesBeforeSaveSale');

    await app.press('a');
    await app.waitFor('New action as action 1: choose its type');
    await app.press(KEY.down, KEY.down); // Set a variable, Set an event output value, Block the event…
    await app.waitFor('shows the message to the user');
    await app.press(KEY.enter);
    await app.waitFor('Action 1 of 1: Block the event with a message');
    expect(app.frame()).toContain('the message is required');
    await app.type('Sales under 100 need a manager.');
    await app.press(KEY.tab); // Condition
    await app.press(KEY.right); // Only if…
    await app.waitFor('Only if…');
    await app.press(KEY.tab); // Value
    await insertParam(app, 'Amount', '{input.SaleEntity.Amount}');
    await app.waitFor(/Value\s+\{input\.SaleEntity\.Amount\}/);
    await app.press(KEY.tab); // Operator
    await app.type('less');
    await app.waitFor('less than');
    await app.press(KEY.tab); // Compared with
    await app.type('100');
    await app.waitFor('No problems in this action.');
    await app.press(KEY.enter); // last field: done
    await app.waitFor('1. Block the event with a message: Sales under 100 need a manager.');
    expect(app.frame()).toMatch(/Condition\s+only if \{input\.SaleEntity\.Amount\} less than 100/);
    expect(app.frame()).toContain('unsaved');
    expect(storedMacro('Block small sales').actions).toEqual([]);

    await app.press('s');
    await app.waitFor('Saved the macro "Block small sales".');
    const m = storedMacro('Block small sales');
    expect(m.folderId).toBe(findFolderByPath(ts.store.read(), 'Examples')!.id);
    expect(m.actions).toEqual([
      {
        type: 'blockEvent',
        params: { message: 'Sales under 100 need a manager.' },
        condition: { left: '{input.SaleEntity.Amount}', op: 'lessThan', right: '100' },
      },
    ]);
    compiles('Block small sales');

    // Bound to the event, it really blocks a small sale and lets a big one through.
    await ts.store.update((d) => createTrigger(d, { event: 'SalesBeforeSaveSale', targetKind: 'macro', targetId: m.id }));
    const small = await fireEvent(ts.store, 'SalesBeforeSaveSale', { 'SaleEntity.Amount': '50' });
    expect(small.runs[0]?.error).toBeNull();
    expect(small.blocked).toBe(true);
    expect(small.message).toBe('Sales under 100 need a manager.');
    const big = await fireEvent(ts.store, 'SalesBeforeSaveSale', { 'SaleEntity.Amount': '2500' });
    expect(big.blocked).toBe(false);
    expect(big.message).toBe('');

    // Run from its screen: no amount is given, and "" is less than "100" as text, so it blocks.
    await app.press('r');
    await app.waitFor('Result: Block small sales');
    await app.waitFor('✓ finished (exit status 0)');
    expect(app.frame()).toContain('blocked, with the message: Sales under 100 need a manager.');
    await app.press(KEY.esc);
    await app.waitFor('o Last result');
    await app.press('o');
    await app.waitFor('Result: Block small sales');
  });
});

describe('README macro 2: call a webhook and send a mail when a ticket closes', () => {
  it('is built with keys and, fired, calls the webhook and leaves the mail in the outbox', async () => {
    const hits: Array<{ method: string; url: string; body: string }> = [];
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        hits.push({ method: req.method ?? '', url: req.url ?? '', body });
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('thanks');
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;

    const app = await open();
    const name = 'Ticket closed webhook';
    await newMacro(app, name);
    await chooseEvent(app, 'TicketClosed');

    // 1. Send an HTTP request: POST to the webhook with the ticket id.
    await app.press('a');
    await app.waitFor('choose its type');
    await app.press('7');
    await app.waitFor('Calls a web address');
    await app.press(KEY.enter);
    await app.waitFor('Action 1 of 1: Send an HTTP request');
    await app.type('P'); // Method: POST
    await app.waitFor('‹ POST ›');
    await app.press(KEY.tab); // URL
    await app.type(`http://127.0.0.1:${port}/closed?ticket=`);
    await insertParam(app, 'ticketId', '{input.ticketId}');
    await app.press(KEY.tab, KEY.tab); // Headers, Body
    await app.type('status=closed');
    await app.press(KEY.ctrlS);
    await app.waitFor(`1. Send an HTTP request: POST http://127.0.0.1:${port}/closed?ticket={input.ticketId}`);

    // 2. Send an email that reports what the webhook answered.
    await app.press('a');
    await app.waitFor('New action after action 1');
    await app.press('8');
    await app.press(KEY.enter);
    await app.waitFor('Action 2 of 2: Send an email or SMS');
    await app.type('support@example.com');
    await app.press(KEY.tab, KEY.tab, KEY.tab, KEY.tab, KEY.tab); // Cc, Bcc, SMS, From, Subject
    await app.type('Ticket ');
    await insertParam(app, 'ticketId', '{input.ticketId}');
    await app.type(' closed');
    await app.press(KEY.tab); // Text
    await app.type('The webhook answered ');
    await insertParam(app, 'action1.st', '{action1.status}');
    await app.press(KEY.ctrlS);
    await app.waitFor('2. Send an email or SMS: to support@example.com "Ticket {input.ticketId} closed"');
    await app.press('s');
    await app.waitFor(`Saved the macro "${name}".`);

    const m = storedMacro(name);
    expect(m.actions.map((a) => a.type)).toEqual(['httpRequest', 'sendEmail']);
    expect(m.actions[0]!.params).toMatchObject({ method: 'POST', url: `http://127.0.0.1:${port}/closed?ticket={input.ticketId}`, body: 'status=closed' });
    expect(m.actions[1]!.params).toMatchObject({ to: 'support@example.com', subject: 'Ticket {input.ticketId} closed', body: 'The webhook answered {action1.status}' });
    expect(m.actions.every((a) => 'kind' in a.condition)).toBe(true);
    compiles(name);

    await ts.store.update((d) => {
      updateSettings(d, { features: { http: true } });
      createTrigger(d, { event: 'TicketClosed', targetKind: 'macro', targetId: m.id });
    });
    const out = await fireEvent(ts.store, 'TicketClosed', { ticketId: '42' });
    expect(out.runs[0]?.error).toBeNull();
    expect(hits).toEqual([{ method: 'POST', url: '/closed?ticket=42', body: 'status=closed' }]);
    const mail = ts.store.read().outbox.at(-1)!;
    expect(mail).toMatchObject({ to: 'support@example.com', subject: 'Ticket 42 closed', body: 'The webhook answered 200', sentAt: null });

    // The outbox view lists it: back to the browser, O.
    await app.press(KEY.esc);
    await app.waitFor('Hello world');
    await app.press('O');
    await app.waitFor('Outbox: mail sent by macros and scripts');
    expect(app.frame()).toMatch(/pending\s+support@example\.com\s+Ticket 42 closed/);
    expect(app.frame()).toContain('The webhook answered 200');
    expect(app.frame()).toContain('1 message · 1 pending');
  });
});
