// NSDocumentAgent over the sandbox's document archive (document_archive): streams, check-out and
// check-in with versions, properties, the size limits, and the errors. CRMScript programs on a
// sandbox CRM with its demo data (SQLite in a temporary directory; every run rolls back). The demo
// has document 2 (welcome-nordic-bikes.txt, template 4, one version by Carol) and document 1
// (a .docx with no content); the user is Ada (associate 1).
import { describe, it, expect } from 'vitest';
import { sandboxCrm } from './sandbox-run.js';
import { ARCHIVE_LIMIT, FILE_LIMIT } from '../../../src/interp/stdlib/netserver/agents/document-archive.js';

const sandbox = sandboxCrm('crms-nsdocfiles-');

function run(source: string, seed?: Parameters<typeof sandbox>[1]): { out: string; error: string | null } {
  const r = sandbox(source, seed);
  return { out: r.out, error: r.error };
}

const PRELUDE = `
NSDocumentAgent agent;
String[] types;
String text(Integer id) { return String(agent.GetDocumentStream(id)); }
NSStream stream(String s) { NSStream st; st.SetStream(s.toByteArray()); return st; }
String state(Integer id) { NSCheckoutInfo c = agent.GetCheckoutState(id); return c.GetState().toString() + ":" + c.GetAssociateId().toString() + ":" + c.GetName(); }
String versions(Integer id) {
  NSVersionInfo[] v = agent.GetVersionList(id);
  String s;
  for (Integer i = 0; i < v.length(); i++) s.append("[" + v[i].GetVersionId() + " " + v[i].GetDisplayText() + " " + v[i].GetDescription() + " by " + v[i].GetCheckedInByName() + "]");
  return s;
}
String result(NSReturnInfo r) { return r.GetSuccess().toString() + "/" + r.GetType().toString() + "/" + r.GetVersionId() + "/" + r.GetValue(); }
Integer newDocument(String name) {
  NSDocumentEntity d = agent.CreateDefaultDocumentEntity();
  d.SetHeader(name);
  d.SetName(name);
  return agent.SaveDocumentEntity(d).GetDocumentId();
}
`;

describe('a document\'s content', () => {
  it('reads the demo document, its version and its properties', () => {
    const r = run(`${PRELUDE}
printLine(text(2).beforeLast("Dear"));
printLine(versions(2) + " " + state(2));
Map p = agent.GetDocumentProperties(2, types);
for (p.first(); !p.eof(); p.next()) printLine(p.getKey() + "=" + p.getVal());
String[] some; some.pushBack("length"); some.pushBack("file-type"); some.pushBack("unknown");
printLine(agent.GetDocumentProperties(2, some).size().toString());
NSDocumentEntity e = agent.GetDocumentEntity(2);
printLine(String(agent.GetDocumentStreamFromEntity(e)).getLength().toString());
agent.VerifyGetDocumentStream(2);
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'Nordic Bikes AS\nAtt: Nina Hansen\nSykkelveien 1\n0150 Oslo\n\n07.03.2025\n\n\n' +
        '[1 Version 1 First draft by Carol Dahl] 0:0:\n' +
        'file-name=welcome-nordic-bikes.txt\nfile-type=TXT\nhas-locking=True\nhas-versioning=True\nlast-modified=[d 2025-03-07T10:00:00]\nlength=192\npreferred-open=Stream\n' +
        '2\n192\n',
    );
  });

  it('stores a new document\'s bytes as they are and adds a version when written over', () => {
    const r = run(`${PRELUDE}
Integer id = newDocument("data.bin");
Byte[] b;
for (Integer i = 0; i < 256; i++) b.pushBack(i);
NSStream st;
st.SetStream(b);
NSDocumentEntity e = agent.GetDocumentEntity(id);
e = agent.SetDocumentStream(e, st, false);
Byte[] back = agent.GetDocumentStream(id).GetStream();
printLine(e.GetDocumentId().toString() + " " + back.length().toString() + " " + back[0].toString() + " " + back[127].toString() + " " + back[255].toString());
try { agent.SetDocumentStream(e, stream("again"), false); } catch { printLine(error); }
agent.SetDocumentStream(e, stream("again"), true);
agent.SetDocumentStreamFromId(id, stream("third"));
printLine(text(id) + " " + versions(id));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '3 256 0 127 255\n' +
        'NSDocumentAgent.SetDocumentStream: document 3 already has content in the document archive (pass true for overwriteExistingData to store a new version)\n' +
        'third [1 Version 1  by Ada Admin][2 Version 2  by Ada Admin][3 Version 3  by Ada Admin]\n',
    );
  });

  it('checks a document out, writes the copy, and checks it in as the next version', () => {
    const r = run(`${PRELUDE}
printLine(result(agent.CheckoutDocument(2, types)) + " " + state(2));
printLine(result(agent.CheckoutDocument(2, types)));
agent.SetDocumentStreamFromId(2, stream("edited"));
printLine(text(2) + " " + versions(2));
String[] extra; extra.pushBack("reviewed=yes");
printLine(result(agent.CheckinDocument(2, types, "updated copyright", extra)) + " " + state(2));
NSVersionInfo[] v = agent.GetVersionList(2);
printLine(versions(2) + " " + v[1].GetExtraFields()[0] + " " + v[1].GetCheckedInByAssociateId().toString() + " " + v[1].GetDocumentId().toString());
printLine(text(2));
printLine(result(agent.CheckinDocument(2, types, "", extra)));
printLine(result(agent.UndoCheckoutDocument(2, types)));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'true/0/1/ 1:1:Ada Admin\n' +
        'true/0//document 2 is already checked out by you\n' +
        'edited [1 Version 1 First draft by Carol Dahl]\n' +
        'true/0/2/ 0:0:\n' +
        '[1 Version 1 First draft by Carol Dahl][2 Version 2 updated copyright by Ada Admin] reviewed=yes 1 2\n' +
        'edited\n' +
        'false/1//document 2 is not checked out\n' +
        'false/1//document 2 is not checked out\n',
    );
  });

  it('drops the checked-out copy on UndoCheckoutDocument', () => {
    const r = run(`${PRELUDE}
agent.CheckoutDocument(2, types);
agent.SetDocumentStreamFromId(2, stream("abandoned"));
printLine(result(agent.UndoCheckoutDocument(2, types)) + " " + state(2) + " " + text(2).getLength().toString() + " " + versions(2));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('true/0/1/ 0:0: 192 [1 Version 1 First draft by Carol Dahl]\n');
  });

  it('keeps a document another user checked out from being written, checked in or deleted', () => {
    const r = run(
      `${PRELUDE}
printLine(state(2));
printLine(result(agent.CheckoutDocument(2, types)));
printLine(result(agent.CheckinDocument(2, types, "", types)));
printLine(result(agent.UndoCheckoutDocument(2, types)));
printLine(result(agent.DeletePhysicalDocument(2, types)));
try { agent.SetDocumentStreamFromId(2, stream("mine")); } catch { printLine(error); }
printLine(text(2).getLength().toString());
`,
      { seed: (crm) => void crm.insert('document_archive', { document_id: 2, version: 0, working: 1, associate_id: 3, size: 3, data: Buffer.from('wip').toString('base64') }) },
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '2:3:Carol Dahl\n' +
        'false/1//document 2 is checked out by Carol Dahl\n' +
        'false/1//document 2 is checked out by Carol Dahl\n' +
        'false/1//document 2 is checked out by Carol Dahl\n' +
        'false/1//document 2 is checked out by Carol Dahl\n' +
        'NSDocumentAgent.SetDocumentStreamFromId: document 2 is checked out by Carol Dahl\n' +
        '192\n',
    );
  });

  it('deletes a document\'s content with its versions', () => {
    const r = run(`${PRELUDE}
printLine(result(agent.DeletePhysicalDocument(2, types)));
try { agent.GetDocumentStream(2); } catch { printLine(error); }
try { agent.VerifyGetDocumentStream(2); } catch { printLine(error); }
printLine(versions(2) + "|" + agent.GetDocumentProperties(2, types).exists("length").toString());
printLine(result(agent.DeletePhysicalDocument(2, types)));
printLine(result(agent.CheckoutDocument(2, types)));
printLine(agent.GetDocument(2).GetDocumentName());
`);
    expect(r.error).toBeNull();
    const none = "document 2 has no content in the sandbox's document archive (store it with SetDocumentStream or CreateNewPhysicalDocumentFromTemplate)";
    expect(r.out).toBe(
      'true/0//\n' +
        `NSDocumentAgent.GetDocumentStream: ${none}\n` +
        `NSDocumentAgent.VerifyGetDocumentStream: ${none}\n` +
        '|false\n' +
        "false/1//document 2 has no content in the sandbox's document archive\n" +
        "false/1//document 2 has no content in the sandbox's document archive to check out\n" +
        'welcome-nordic-bikes.txt\n',
    );
  });

  it('removes a deleted document\'s files from the archive', () => {
    const r = run(`${PRELUDE}
agent.CheckoutDocument(2, types);
agent.DeleteDocumentEntity(2);
SearchEngine se;
se.addField("document_archive.document_id");
se.addCriteria("document_archive.document_id", "Equals", "2", "OperatorAnd", 0);
printLine(se.countRows().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('0\n');
  });

  it('says what is missing: the document, its content, a stream to write', () => {
    const r = run(`${PRELUDE}
try { agent.GetDocumentStream(99); } catch { printLine(error); }
try { agent.GetVersionList(0); } catch { printLine(error); }
try { agent.GetDocumentStream(1); } catch { printLine(error.beforeLast(" (")); }
try { agent.CreateDocumentStream(agent.GetDocumentEntity(1), true); } catch { printLine(error); }
try { agent.SetDocumentStreamFromId(1); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'NSDocumentAgent.GetDocumentStream: there is no document with id 99\n' +
        'NSDocumentAgent.GetVersionList: there is no document with id 0\n' +
        "NSDocumentAgent.GetDocumentStream: document 1 has no content in the sandbox's document archive\n" +
        'NSDocumentAgent.CreateDocumentStream: the sandbox has no stream that writes into the document archive as it is written (fill an NSStream and pass it to SetDocumentStream)\n' +
        'NSDocumentAgent.SetDocumentStreamFromId: give the content: SetDocumentStream(entity, stream, overwrite) or SetDocumentStreamFromId(id, stream)\n',
    );
  });
});

describe('the archive\'s size limits', () => {
  it('refuses a file over the limit of one file', () => {
    const r = run(`${PRELUDE}
String s = "0123456789abcdef";
while (s.getLength() < ${FILE_LIMIT}) s = s + s;
s = s + "!";
try { agent.SetDocumentStreamFromId(2, stream(s)); } catch { printLine(error); }
printLine(versions(2));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(`NSDocumentAgent.SetDocumentStreamFromId: the file is ${FILE_LIMIT + 1} bytes; the sandbox's document archive keeps files of at most ${FILE_LIMIT} bytes\n[1 Version 1 First draft by Carol Dahl]\n`);
  });

  it('refuses what would take the whole archive over its limit', () => {
    const r = run(
      `${PRELUDE}
try { agent.SetDocumentStreamFromId(2, stream("0123456789")); } catch { printLine(error); }
agent.SetDocumentStreamFromId(2, stream("12345"));
printLine(text(2));
`,
      {
        // fill the archive up to 7 bytes short of its limit: 5 more bytes fit, 10 do not
        seed: (crm) => {
          const used = Number(crm.query('SELECT SUM("size") FROM "document_archive"').rows[0]![0]);
          crm.insert('document_archive', { template_name: 'filler', size: ARCHIVE_LIMIT - used - 7, data: '' });
        },
      },
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe(`NSDocumentAgent.SetDocumentStreamFromId: the sandbox's document archive is full (it keeps at most ${ARCHIVE_LIMIT} bytes in all; it holds ${ARCHIVE_LIMIT - 7})\n12345\n`);
  });
});
