// Parser and ReplyTemplate through the real CLI (`run` in a spawned process, the sandbox CRM's demo
// data): the CRM classes' toParser variables, reply templates per customer language with the
// default-language fallback, the template language (IF/ELSEIF/ELSE, DECODE, SET/INC/DEC,
// FORMAT-DATE, SEC-TO-TIME, RETURN, PARSER_TREE, <cs:parser>), errors as file:line:col, a Parser-only
// script that never opens the database, and the migration of a schema-1 database file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { SqlJsStatic } from 'sql.js';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { CHAT_SMOKE, cli } from './helpers.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

let home: string;
let files: string;
beforeAll(() => {
  home = tempDir('crm-parser-');
  files = tempDir('crm-parser-files-');
});
const run = async (name: string, src: string, args: string[] = [], h = home) => {
  const p = join(files, name);
  writeFileSync(p, src);
  return cli(['run', p, ...args], h);
};

describe('Parser with the CRM classes and ReplyTemplate', () => {
  it('fills a reply template from a ticket, in the asked language or the default one', async () => {
    const r = await run(
      'assigned.crm',
      `Ticket t; t.load(3);
Parser p; t.toParser(p);
ReplyTemplate rt; printLine(rt.load(20).toString() + " " + rt.getName());
printLine(p.parseString(rt.getSubject(1)));
printLine(p.parseString(rt.getPlainBody(2)));
printLine(p.parseString(rt.getSmsBody(7)));
printLine(p.parseString(rt.getHtmlBody(1)));
ReplyTemplate none; printLine(none.load(404).toString() + "[" + none.getName() + "]");`,
    );
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('true Request assigned');
    expect(lines[1]).toBe('Request 3 assigned to you');
    // language 2 (Norwegian) has its own body
    expect(r.out).toContain('Du har fått sak nr. 3.\n\nTittel: Tracking page shows old shipments\nKategori: Support/Software\nPrioritet: Critical\nKunde: Grace Miller (Acme Logistics)\nOpprettet: 04. Mar 2025, kl. 07:05');
    // language 7 has none: the default (English) body
    expect(r.out).toContain('Request 3 is yours: Tracking page shows old shipments');
    expect(r.out).toContain('<p>You have been assigned request no. 3.</p><p>Title: Tracking page shows old shipments<br>');
    expect(r.out).toContain('false[]');
  }, 90_000);

  it('Ticket.toParser escapes HTML, toParserRaw does not; Message.toParser sees unsaved values', async () => {
    const r = await run(
      'escape.crm',
      `Ticket t; t.setValue("title", "Screen <black> & dead"); t.setValue("category", "2");
Parser h; t.toParser(h); Parser raw; t.toParserRaw(raw);
printLine(h.getVariable("ticket.title", 0)); printLine(raw.getVariable("ticket.title", 0));
printLine(h.getVariable("ticket.category.fullname", 0) + "|" + h.getVariable("ticket.id", 0) + "|");
Message m; m.setValue("body", "Thanks, all fixed."); m.setValue("slevel", "2");
Parser p; m.toParser(p);
User u; u.load(3); u.toParser(p);
ReplyTemplate rt; rt.load(19);
printLine(p.parseString(rt.getPlainBody(1)));
printLine(p.getVariable("message.slevel", 0) + " " + p.getVariable("message.slevelInteger", 0));
Integer[] att = rt.getAttachments(1); printLine(att.length().toString() + " " + att[0].toString());`,
    );
    expect(r.err).toBe('');
    expect(r.out).toContain('Screen &lt;black&gt; &amp; dead\nScreen <black> & dead\nSupport/Hardware||\n');
    expect(r.out).toContain('Thanks, all fixed.\n\nBest regards,\nBob Berg\nSandbox Support Desk\n');
    expect(r.out).toContain('External 2\n1 2\n');
  }, 90_000);

  it('Customer, Company and User toParser give the documented variables', async () => {
    const r = await run(
      'people.crm',
      `Parser p;
Customer c; c.load(7); c.toParser(p);
Company co; co.load(3); co.toParser(p);
User u; u.load(2); u.toParser(p);
printLine(p.parseString("[[customer.name]] <[[customer.email]]> [[customer.phone]] | [[company.name]], [[company.adr]] | [[user.username]] [[user.name]] [[user.signature]]"));`,
    );
    expect(r.err).toBe('');
    expect(r.out).toBe('Grace Miller <grace@acme.example> +1 555 0100 | Acme Logistics, 1 Harbour Road, 10001 New York | admin Ada Admin Ada, Sandbox support\n');
  }, 90_000);
});

describe('the template language', () => {
  it('conditions, DECODE, SET/INC/DEC, dates, durations, rows and PARSER_TREE', async () => {
    const r = await run(
      'lang.crm',
      `Parser p;
p.setVariable("prio", "High"); p.setVariable("n", "7");
p.addVariable("tag", "red"); p.addVariable("tag", "blue");
String t = "[[IF:prio=\\"Low\\"]]low[[ELSEIF:n>5 && prio!=\\"Critical\\"]]busy[[ELSE]]other[[ENDIF]]";
t += " [[DECODE:prio,\\"Low\\",\\"L\\",\\"High\\",\\"H\\",\\"?\\"]] [[DECODE:n,\\"1\\",\\"one\\",\\"many\\"]]";
t += " [[SET:k=\\"41\\"]][[INC:k]][[k]] [[DEC:n]][[n]] [[IF:missing]]set[[ELSE]]unset[[ENDIF]]";
t += " [[FORMAT-DATE:\\"2025-03-04 07:05:09\\",\\"DD2.MM2.YY4 HH24:MI2:SS2\\"]] [[SEC-TO-TIME:\\"3725\\",\\"h:mm:ss\\"]]";
t += " <cs:parser>prio</cs:parser> [[nobody]].";
printLine(p.parseString(t));
printLine(p.getVariableCount("tag").toString() + " " + p.getVariable("tag", 1) + " [" + p.getVariable("tag", 5) + "]");
printLine(p.evaluateString("ignored [[IF:n=\\"6\\"]][[RETURN:\\"six\\"]][[ENDIF]] [[RETURN:prio]]"));
Parser q; q.setVariable("prio", "Low"); q.setVariable("extra", "x"); p.toParser(q);
printLine(p.parseString("[[prio]] [[extra]]"));
printLine(p.parseString("%PARSER_TREE%"));`,
    );
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('busy H many 42 6 unset 04.03.2025 07:05:09 1:02:05 High .');
    expect(lines[1]).toBe('2 blue []');
    expect(lines[2]).toBe('six');
    expect(lines[3]).toBe('Low x');
    expect(r.out).toContain('tag[0] = red\ntag[1] = blue\n');
    expect(r.out).toMatch(/^k = 42$/m);
  }, 90_000);

  it('a malformed template is a script error at the call, naming the template line', async () => {
    const r = await run('bad.crm', 'Parser p;\nprintLine("before");\nString s = p.parseString("a\\n[[IF:x=\\"1\\"]]\\nb");\n');
    expect(r.code).toBe(1);
    expect(r.out).toBe('before\n');
    expect(r.err).toMatch(/bad\.crm:3:\d+: error: Parser\.parseString: line 2: \[\[IF\]\] has no \[\[ENDIF\]\]/);
    expect(r.err).not.toMatch(/ at .*\.js:\d+/);
    const stray = await run('stray.crm', 'Parser p;\np.parseString("[[ENDIF]]");\n');
    expect(stray.err).toMatch(/stray\.crm:2:\d+: error: Parser\.parseString: line 1: \[\[ENDIF\]\] without \[\[IF\]\]/);
  }, 90_000);

  it('a script that only uses Parser does not open the CRM database', async () => {
    const fresh = tempDir('crm-parser-nodb-');
    const r = await run('plain.crm', 'Parser p; p.setVariable("firstName", "Jack"); printLine(p.parseString("Hello [[firstName]]!"));', [], fresh);
    expect(r.out).toBe('Hello Jack!\n');
    expect(existsSync(join(fresh, 'crm.sqlite'))).toBe(false);
  }, 90_000);
});

/** Runs SQL on the data directory's CRM file directly (to make it look like an older version's). */
async function rewrite(home: string, sql: string): Promise<void> {
  const SQL = await (createRequire(import.meta.url)('sql.js') as () => Promise<SqlJsStatic>)();
  const file = join(home, 'crm.sqlite');
  const db = new SQL.Database(readFileSync(file));
  db.exec(sql);
  writeFileSync(file, db.export());
  db.close();
}

describe('schema migration', () => {
  it('a database of schema 1 gains the reply template tables and keeps its rows', async () => {
    const h = tempDir('crm-parser-migrate-');
    expect((await cli(['crm', 'tables'], h)).code).toBe(0);
    // make it look like a file written before the reply template bodies existed
    await rewrite(h, 'DROP TABLE reply_template_body; DROP TABLE reply_template_attachment; DROP TABLE cust_lang; PRAGMA user_version = 1');
    const r = await cli(['crm', 'tables', '--json'], h);
    const tables = JSON.parse(r.out) as { name: string; rows: number }[];
    expect(tables.find((t) => t.name === 'reply_template_body')?.rows).toBe(0);
    expect(tables.find((t) => t.name === 'reply_template')?.rows).toBe(4);
    const s = await run('rt.crm', 'ReplyTemplate rt; rt.load(20); printLine(rt.getName() + "[" + rt.getSubject(1) + "]");', [], h);
    expect(s.out).toBe('Request assigned[]\n');
  }, 90_000);

  it('a database of schema 2 gains the table attachments keep their content in', async () => {
    const h = tempDir('crm-attachment-migrate-');
    expect((await cli(['crm', 'tables'], h)).code).toBe(0);
    await rewrite(h, 'DROP TABLE attachment_content; PRAGMA user_version = 2');
    const saved = await run('save.crm', 'Attachment a; a.setValue("name", "a.txt"); Integer n = a.saveBase64("aGVsbG8="); printLine(a.getValue("id") + " " + n.toString());', [], h);
    expect(saved.err).toBe('');
    const [id, bytes] = saved.out.trim().split(' ');
    expect(Number(id)).toBeGreaterThan(0);
    expect(bytes).toBe('5');
    // a later run reads the content back
    const read = await run('read.crm', `Attachment a; a.load(${id}); printLine(a.getBase64() + " " + a.getValue("size"));`, [], h);
    expect(read.out).toBe('aGVsbG8= 5\n');
  }, 90_000);

  it('a database of schema 3 gains the chat tables', async () => {
    const h = tempDir('crm-chat-migrate-');
    expect((await cli(['crm', 'tables'], h)).code).toBe(0);
    await rewrite(h, 'DROP TABLE chat_message; DROP TABLE chat_session; DROP TABLE chat_topic; PRAGMA user_version = 3');
    const r = await run('chat.crm', CHAT_SMOKE, [], h);
    expect(r.err).toBe('');
    expect(r.out).toBe('Hi 6\n');
  }, 90_000);

  it('a database of schema 4 gains the table of the spam control', async () => {
    const h = tempDir('crm-mailbomb-migrate-');
    expect((await cli(['crm', 'tables'], h)).code).toBe(0);
    await rewrite(h, 'DROP TABLE mail_bomb; PRAGMA user_version = 4');
    const r = await run('reply.crm', 'printLine(checkReply("a@b.example").toString() + checkReply("a@b.example").toString() + checkReply("a@b.example").toString() + checkReply("a@b.example").toString());', [], h);
    expect(r.err).toBe('');
    expect(r.out).toBe('truetruetruefalse\n');
  }, 90_000);
});
