// The sandbox's document archive (document_archive) on both engines: a document's versions,
// check-out and check-in, and a document made from a template, on SQLite and on PostgreSQL (when
// CRMSCRIPT_TUI_TEST_PG is set); and a sandbox made by an older build, which gains the table, the
// demo's "Plain letter" template and the demo templates' files when it is opened; and reading a
// large document again and again ends at the run's memory limit; temporary files (CreateTempFile)
// live in the directory File may use. The runs of a suite share one
// transaction, rolled back at its end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliProcess, crmFixture, describeBackends, olderPgSandbox, runFileOn, runOk, runOnOlderSqlite, type CrmFixture } from '../../crm/helpers.js';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../../common.js';
import { pgOnlyDescribe } from '../../store/backends.js';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { PG_CRM_VERSION } from '../../../src/crm/pg/ddl.js';

afterAll(cleanupTempDirs);

const PRELUDE = `NSDocumentAgent agent;
String[] types;
NSStream stream(String s) { NSStream st; st.SetStream(s.toByteArray()); return st; }
`;

describeBackends('the document archive', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  it('keeps a document\'s versions and its checked-out copy', () => {
    const out = runOk(
      f,
      `${PRELUDE}
agent.CheckoutDocument(2, types);
agent.SetDocumentStreamFromId(2, stream("second"));
NSReturnInfo r = agent.CheckinDocument(2, types, "v2", types);
NSVersionInfo[] v = agent.GetVersionList(2);
printLine(r.GetVersionId() + " " + v.length().toString() + " " + v[1].GetDescription() + " " + String(agent.GetDocumentStream(2)) + " " + agent.GetCheckoutState(2).GetState().toString());
printLine(agent.GetDocumentProperties(2, types).get("length"));`,
    );
    expect(out).toBe('2 2 v2 second 0\n6\n');
  });

  it('makes a document from the demo\'s plain-text template', () => {
    const out = runOk(
      f,
      `${PRELUDE}
agent.SaveDocumentTemplateStream(4, stream("{name} / {attn} / {auth}"), "", 0);
agent.CreateNewPhysicalDocumentFromTemplate(0, 0, 0, 2, 0, 0, 0, "");
printLine(String(agent.GetDocumentStream(2)) + " " + agent.GetVersionList(2).length().toString());`,
    );
    expect(out).toBe('Nordic Bikes AS / Nina Hansen / Ada Admin 3\n');
  });
});

/** What shows a sandbox has the archive with the demo templates' files. */
const SMOKE = `${PRELUDE}
NSListAgent la;
printLine(la.GetDocumentTemplate(4).GetName());
try { printLine(String(agent.GetTemplateStreamFromId(4, "")).before("\\n")); } catch { printLine(error.before(" (")); }
printLine(String(agent.GetTemplateStreamFromId(3, "")).after("<p>").before("</p>"));
Integer id = 1;
agent.SetDocumentStreamFromId(id, stream("kept"));
printLine(String(agent.GetDocumentStream(id)) + " " + agent.GetVersionList(id).length().toString());`;
const SMOKE_OUT = 'Plain letter\n{name}\nHi {atfn},\nkept 1\n';

// what an older build left: no archive, no template 4, no document 2
const OLDER = ['DROP TABLE "document_archive"', 'DELETE FROM "DocTmpl" WHERE "DocTmpl_id" = 4', 'DELETE FROM "document" WHERE "document_id" = 2', 'DELETE FROM "appointment" WHERE "appointment_id" = 5'];

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  const opened = (sql: string[]): Promise<string> => runOnOlderSqlite('crm-archive-old-', [...OLDER, ...sql, 'PRAGMA user_version = 13'].join('; '), SMOKE);

  it('gains the archive, the demo\'s plain-text template and the templates\' files when opened', async () => {
    expect(await opened([])).toBe(SMOKE_OUT);
  });

  it('leaves a template of its own that has the demo template\'s id without a file', async () => {
    const own = `INSERT INTO "DocTmpl" ("DocTmpl_id", "name", "filename") VALUES (4, 'Mine', 'mine.docx')`;
    expect(await opened([own])).toBe(
      // (the error up to its first " (": the file name follows)
      'Mine\nNSDocumentAgent.GetTemplateStreamFromId: document template 4\nHi {atfn},\nkept 1\n',
    );
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  beforeAll(() => requireBuiltCli());

  it('gains the archive and the demo templates\' files when a process of this build opens it', async () => {
    const sql = ['DROP TABLE crm.document_archive', 'DELETE FROM crm.doctmpl WHERE doctmpl_id = 4', 'DELETE FROM crm.document WHERE document_id = 2', 'DELETE FROM crm.appointment WHERE appointment_id = 5'];
    const { url, admin } = await olderPgSandbox(sql, 12);
    try {
      expect(await runFileOn(url, 'crm-archive-pg-', SMOKE, ['--rollback'])).toBe(SMOKE_OUT);
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
      expect((await admin.query('SELECT doctmpl_id FROM crm.document_archive ORDER BY id')).rows.map((r: { doctmpl_id: number }) => Number(r.doctmpl_id))).toEqual([3, 4, 5, 6, 7]); // and the quote templates' (5–7, kept from the current demo), which schema 20 brings
    } finally {
      await admin.end();
    }
  });
});

describe('the run\'s memory budget', () => {
  beforeAll(() => requireBuiltCli());

  it('ends a script that keeps reading a large document, at the read, with the memory limit\'s error', async () => {
    const dir = tempDir('crm-archive-memory-');
    const script = join(dir, 'big.crm');
    const src = [
      'NSDocumentAgent agent;',
      'String s = "0123456789abcdef";',
      'while (s.getLength() < 4000000) s = s + s;',
      'NSStream st;',
      'st.SetStream(s.toByteArray());',
      'agent.SetDocumentStreamFromId(2, st);',
      'NSStream[] kept;',
      'while (true) kept.pushBack(agent.GetDocumentStream(2));',
    ];
    writeFileSync(script, src.join('\n') + '\n');
    const r = await cliProcess(['run', '--rollback', '--memory', '128', script], dir);
    expect(r.err).toBe(`${script}:8:34: error: the script used more than the memory limit of 128 MB\n`);
    expect(r.code).not.toBe(0);
  });
});

describe('temporary files (the reference\'s download, edit, upload of a document)', () => {
  beforeAll(() => requireBuiltCli());

  const FLOW = [
    'Integer docId = 2;',
    'NSDocumentAgent agent;',
    'NSDocumentEntity doc = agent.GetDocumentEntity(docId);',
    'String tmpFilename = "tempFile." + doc.GetName().afterLast(".");',
    'NSStream stream = agent.GetDocumentStream(docId);',
    'String download = agent.CreateTempFile(tmpFilename, stream);',
    'printLine(download + " " + agent.CreateTempFile(tmpFilename, stream));',
    'File f;',
    'f.open(download, "a+");',
    'f.write("P.S. See you soon.\\n");',
    'f.close();',
    'doc = agent.SetDocumentStream(doc, agent.GetTempFile(download), true);',
    'print(String(agent.GetDocumentStream(docId)).after("Support Desk\\n"));',
    'printLine(agent.GetVersionList(docId).length().toString());',
    'agent.DeleteTempFile(download);',
    'try { agent.GetTempFile(download); } catch { printLine(error); }',
  ].join('\n');

  it('keeps them in the directory File may use, under a free name', async () => {
    const dir = tempDir('crm-archive-temp-');
    const box = tempDir('crm-archive-box-');
    const script = join(dir, 'flow.crm');
    writeFileSync(script, FLOW + '\n');
    const r = await cliProcess(['run', '--rollback', '--allow-file', box, script], dir);
    expect(r.err).toBe('');
    expect(r.out).toBe('tempFile.txt tempFile-2.txt\nP.S. See you soon.\n2\nNSDocumentAgent.GetTempFile: there is no temporary file "tempFile.txt"\n');
    expect(readdirSync(box)).toEqual(['tempFile-2.txt']);
  });

  it('are refused, as File is, unless the run allows files', async () => {
    const dir = tempDir('crm-archive-temp-');
    const script = join(dir, 'flow.crm');
    writeFileSync(script, FLOW + '\n');
    const r = await cliProcess(['run', '--rollback', script], dir);
    expect(r.err).toBe(`${script}:6:25: error: File is disabled: scripts may not touch host files. Enable it with --allow-file [DIR].\n`);
  });
});
