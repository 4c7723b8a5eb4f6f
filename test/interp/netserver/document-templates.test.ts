// Document templates' files and template variables: NSDocumentAgent's and NSListAgent's template
// streams, CreateNewPhysicalDocumentFromTemplate (tags filled from the document's company, person,
// project, sale and the user), the Substitute* methods and their errors. CRMScript programs on a
// sandbox CRM with its demo data (SQLite in a temporary directory; every run rolls back). Demo:
// templates 1 Quote and 2 Letter (.docx, no file), 3 E-mail (mail.htm) and 4 Plain letter
// (letter.txt) with files; the user is Ada Admin of Sandbox Support Desk.
import { describe, it, expect } from 'vitest';
import { sandboxCrm } from './sandbox-run.js';

const sandbox = sandboxCrm('crms-nsdoctemplates-');

function run(source: string): { out: string; error: string | null } {
  const r = sandbox(source);
  return { out: r.out, error: r.error };
}

const PRELUDE = `
NSDocumentAgent agent;
NSListAgent la;
String[] none;
NSStream stream(String s) { NSStream st; st.SetStream(s.toByteArray()); return st; }
/** A new document of a template for company 2, person 5 (Nina Hansen), project 1 and sale 2. */
Integer newDocument(String name, Integer template) {
  NSDocumentEntity d = agent.CreateDefaultDocumentEntity();
  d.SetHeader("Offer for " + name);
  d.SetName(name);
  d.SetOurRef("AA");
  NSContactAgent ca; NSPersonAgent pa; NSProjectAgent pr; NSSaleAgent sa;
  d.SetContact(ca.GetContact(2));
  d.SetPerson(pa.GetPerson(5));
  d.SetProject(pr.GetProject(1));
  d.SetSale(sa.GetSale(2));
  NSDocumentTemplate t; t.SetDocumentTemplateId(template);
  d.SetDocumentTemplate(t);
  return agent.SaveDocumentEntity(d).GetDocumentId();
}
`;

// a template with tags of every kind the sandbox fills, and no date (the tests do not depend on the clock)
const TAGS = '{name}|{dept}|{addr}|{zipc} {city}|{cont}|{attn}|{atfn} {atln}|{atpo}|{amai}|{auth}|{auem}|{onam}|{pnam} {pnum}|{sati} {saam} {satu}|{head}|{file}|{oref}|{zzzz}';

describe('template files', () => {
  it('reads the demo templates\' files and stores one per language', () => {
    const r = run(`${PRELUDE}
printLine(String(agent.GetTemplateStreamFromId(4, "")).before("\\n") + " / " + String(la.GetDocumentTemplateStreamFromId(3, "en-US")).after("<p>").before("</p>"));
NSTemplateInfo info = agent.SaveDocumentTemplateStream(4, stream("Kjære {atfn}"), "nb-NO", 0);
printLine(info.GetName() + " " + info.GetDescription() + " " + info.GetPluginId().toString());
la.SaveDocumentTemplateStream(4, stream("Hej {atfn}"), "sv", 2);
printLine(String(agent.GetTemplateStreamFromId(4, "nb-NO")) + " | " + String(agent.GetTemplateStreamFromId(4, "sv-SE")) + " | " + String(agent.GetTemplateStreamFromId(4, "de")).before("\\n"));
agent.SaveDocumentTemplateStream(4, stream("Hei {atfn}"), "nb-NO", 0);
String[] langs = la.GetDocumentTemplateLanguages(4);
printLine(String(agent.GetTemplateStreamFromId(4, "nb-NO")) + " " + langs.length().toString() + " " + langs[0] + " " + langs[1]);
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('{name} / Hi {atfn},\nletter.txt A plain-text letter to a customer 0\nKjære {atfn} | Hej {atfn} | {name}\nHei {atfn} 2 nb-NO sv\n');
  });

  it('keeps named mail templates, the user\'s own before the shared one', () => {
    const r = run(`${PRELUDE}
agent.SetTemplateStream("signature.htm", false, stream("shared"));
printLine(String(agent.GetTemplateStream("signature.htm", true, "")));
agent.SetTemplateStream("signature.htm", true, stream("mine"));
printLine(String(agent.GetTemplateStream("signature.htm", true, "")) + " " + String(agent.GetTemplateStream("signature.htm", false, "")));
agent.SetTemplateStream("signature.htm", false, stream("shared 2"));
printLine(String(agent.GetTemplateStream("signature.htm", false, "")));
try { agent.GetTemplateStream("other.htm", true, ""); } catch { printLine(error); }
try { agent.SetTemplateStream("", true, stream("x")); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'shared\nmine shared\nshared 2\n' +
        'NSDocumentAgent.GetTemplateStream: the sandbox\'s document archive has no mail template named "other.htm" (store one with SetTemplateStream)\n' +
        'NSDocumentAgent.SetTemplateStream: the template needs a file name\n',
    );
  });

  it('gives HTML files sanitized and other files as they are', () => {
    const r = run(`${PRELUDE}
agent.SaveDocumentTemplateStream(3, stream("<p onclick=\\"x()\\">Hi {atfn}</p><script>alert(1)</script>"), "", 0);
printLine(String(agent.GetSanitizedTemplateStreamFromId(3, "")));
printLine(String(agent.GetSanitizedTemplateStreamFromId(4, "")).before("\\n"));
agent.SetTemplateStream("sig.htm", false, stream("<b>Ada</b><iframe src=\\"x\\"></iframe>"));
printLine(String(agent.GetSanitizedTemplateStream("sig.htm", true, "")));
printLine(String(agent.GetSanitizedDocumentStream(2)).before("\\n"));
NSDocumentTemplateEntity t;
t.SetDocumentTemplateId(4);
t = la.SetDocumentTemplateStream(t, stream("Hello {atfn}"), "", 0);
printLine(t.GetDocumentTemplateId().toString() + ": " + String(agent.GetTemplateStreamFromId(4, "")));
NSDocumentTemplateEntity unsaved;
try { la.SetDocumentTemplateStream(unsaved, stream("x"), "", 0); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '<p>Hi {atfn}</p>\n{name}\n<b>Ada</b>\nNordic Bikes AS\n4: Hello {atfn}\n' +
        'NSListAgent.SetDocumentTemplateStream: the template has no id (SetDocumentTemplateId)\n',
    );
  });

  it('says which template has no file or does not exist', () => {
    const r = run(`${PRELUDE}
try { agent.GetTemplateStreamFromId(1, ""); } catch { printLine(error); }
try { la.GetDocumentTemplateStreamFromId(99, ""); } catch { printLine(error); }
try { agent.SaveDocumentTemplateStream(99, stream("x"), "", 0); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      "NSDocumentAgent.GetTemplateStreamFromId: document template 1 (quote.docx) has no file in the sandbox's document archive (store one with SaveDocumentTemplateStream)\n" +
        'NSListAgent.GetDocumentTemplateStreamFromId: there is no document template with id 99\n' +
        'NSDocumentAgent.SaveDocumentTemplateStream: there is no document template with id 99\n',
    );
  });
});

describe('documents made from templates', () => {
  it('fills the tags from the document\'s company, person, project, sale and the user', () => {
    const r = run(`${PRELUDE}
agent.SaveDocumentTemplateStream(4, stream("${TAGS}"), "", 0);
Integer id = newDocument("offer.txt", 4);
NSDocumentEntity e = agent.CreateNewPhysicalDocumentFromTemplate(0, 0, 0, id, 0, 0, 0, "");
printLine(e.GetDocumentId().toString() + " " + String(agent.GetDocumentStream(id)));
agent.CreateNewPhysicalDocumentFromTemplate(3, 7, 0, id, 0, 0, 0, "");
printLine(String(agent.GetDocumentStream(id)));
printLine(agent.GetVersionList(id).length().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '3 Nordic Bikes AS|Retail|Sykkelveien 1|0150 Oslo|Carol Dahl|Nina Hansen|Nina Hansen|Purchasing manager|nina@nordicbikes.example|Ada Admin|ada@sandbox.example|Sandbox Support Desk|Hotel tablet roll-out P-2025-01|Workshop service contract 18000 Open|Offer for offer.txt|offer.txt|AA|{zzzz}\n' +
        'Acme Logistics|Warehouse|1 Harbour Road|10001 New York|Carol Dahl|Grace Miller|Grace Miller|IT manager|grace@acme.example|Ada Admin|ada@sandbox.example|Sandbox Support Desk|Hotel tablet roll-out P-2025-01|Workshop service contract 18000 Open|Offer for offer.txt|offer.txt|AA|{zzzz}\n' +
        '2\n',
    );
  });

  it('takes custom tags before the record\'s values, escapes values in HTML, and copies a mail merge source as it is', () => {
    const r = run(`${PRELUDE}
agent.SaveDocumentTemplateStream(3, stream("<p>{name}: {deal} {atfn}</p>"), "", 0);
Integer id = newDocument("mail.htm", 3);
String[] tags; tags.pushBack("deal"); tags.pushBack("{atfn}");
String[] values; values.pushBack("<b>50% & more</b>"); values.pushBack("N.");
agent.CreateNewPhysicalDocumentFromTemplateWithCustomTags(0, 0, 0, id, 0, 0, 0, tags, values, "");
printLine(String(agent.GetDocumentStream(id)));
Map m; m.insert("deal", "plain");
agent.CreateNewPhysicalDocumentFromTemplateWithCustomTags2(0, 0, 0, id, 0, 0, 0, m, "");
printLine(String(agent.GetDocumentStream(id)));
agent.CreateNewPhysicalDocumentFromTemplateWithCustomTags2(0, 0, 0, id, 0, 0, 0, "");
printLine(String(agent.GetDocumentStream(id)));
agent.CreateNewPhysicalMailMergeDocumentFromTemplate(id, "");
printLine(String(agent.GetDocumentStream(id)));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      '<p>Nordic Bikes AS: &lt;b&gt;50% &amp; more&lt;/b&gt; N.</p>\n' +
        '<p>Nordic Bikes AS: plain Nina</p>\n' +
        '<p>Nordic Bikes AS: {deal} Nina</p>\n' +
        '<p>{name}: {deal} {atfn}</p>\n',
    );
  });

  it('refuses a document without a template, a template without a file, and a format it cannot fill', () => {
    const r = run(`${PRELUDE}
NSDocumentEntity d = agent.CreateDefaultDocumentEntity();
d.SetHeader("x"); d.SetName("x.txt");
Integer plain = agent.SaveDocumentEntity(d).GetDocumentId();
try { agent.CreateNewPhysicalDocumentFromTemplate(0, 0, 0, plain, 0, 0, 0, ""); } catch { printLine(error); }
try { agent.CreateNewPhysicalDocumentFromTemplate(0, 0, 0, 99, 0, 0, 0, ""); } catch { printLine(error); }
Integer quote = newDocument("quote.docx", 1);
try { agent.CreateNewPhysicalDocumentFromTemplate(0, 0, 0, quote, 0, 0, 0, ""); } catch { printLine(error.beforeLast(" (")); }
agent.SaveDocumentTemplateStream(1, stream("PK binary"), "", 0);
try { agent.CreateNewPhysicalDocumentFromTemplate(0, 0, 0, quote, 0, 0, 0, ""); } catch { printLine(error); }
agent.CreateNewPhysicalMailMergeDocumentFromTemplate(quote, "");
printLine(String(agent.GetDocumentStream(quote)));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'NSDocumentAgent.CreateNewPhysicalDocumentFromTemplate: document 3 has no document template (SetDocumentTemplate)\n' +
        'NSDocumentAgent.CreateNewPhysicalDocumentFromTemplate: there is no document with id 99\n' +
        "NSDocumentAgent.CreateNewPhysicalDocumentFromTemplate: document template 1 (quote.docx) has no file in the sandbox's document archive\n" +
        'NSDocumentAgent.CreateNewPhysicalDocumentFromTemplate: quote.docx is not a text, HTML or XML file: the sandbox fills template variables only in those\n' +
        'PK binary\n',
    );
  });
});

describe('substituting template variables', () => {
  it('fills a text\'s tags from the ids given, with custom tags, in text and HTML', () => {
    const r = run(`${PRELUDE}
printLine(agent.SubstituteTemplateVariables("Hello, <cspn> at <name> ({name}, {atfn}, <head>)", 0, 2, 5, 0, 2, 0, 0, 0, ""));
printLine(agent.SubstituteTemplateVariables("<head>{head} {sati}</head> {onam}", 1, 0, 0, 0, 2, 3, 0, 0, ""));
String[] tags; tags.pushBack("name"); tags.pushBack("x");
String[] values; values.pushBack("Override");
printLine(agent.SubstituteTemplateVariablesWithCustomTags("{name} {x} {atln}", 0, tags, values, 2, 5, 0, 0, 0, 0, 0, ""));
Map m; m.insert("who", "A & B");
printLine(agent.SubstituteTemplateVariablesWithCustomTags2("<i>{who}</i> {pnam}", 1, m, 0, 0, 0, 0, 0, 0, 1, ""));
NSTemplateVariablesParameters p = agent.CreateDefaultTemplateVariablesParameters();
p.SetSourceInput("{name}/{attn}/{file}");
p.SetContactId(4); p.SetPersonId(9); p.SetDocumentId(1);
printLine(agent.SubstituteTemplateVariablesEx(p));
String[] custom; custom.pushBack("a");
p.SetCustomTags(custom);
try { agent.SubstituteTemplateVariablesEx(p); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'Hello, Ada Admin at Nordic Bikes AS (Nordic Bikes AS, Nina, Letter: what we agreed on)\n' +
        '<head>Letter: what we agreed on Tracking portal upgrade</head> Sandbox Support Desk\n' +
        'Override  Hansen\n' +
        '<i>A &amp; B</i> Hotel tablet roll-out\n' +
        'Blue Fjord Hotels/Ingrid Lie/quote-tablets.docx\n' +
        'NSDocumentAgent.SubstituteTemplateVariablesEx: custom tags in NSTemplateVariablesParameters are not available in the sandbox (use SubstituteTemplateVariablesWithCustomTags)\n',
    );
  });

  it('fills a merge document\'s tags as a stream, from its own records or the ids given', () => {
    const r = run(`${PRELUDE}
Integer id = newDocument("merge.txt", 4);
agent.SetDocumentStreamFromId(id, stream("{name}: {attn} from {auth} {x}"));
String[] tags; tags.pushBack("x");
String[] values; values.pushBack("!");
printLine(String(agent.SubstituteMergeDocumentTemplateVariables(id, 3, tags, values)));
Map m; m.insert("x", "?");
printLine(String(agent.SubstituteMergeDocumentTemplateVariables2(id, 0, m)));
printLine(String(agent.SubstituteMergeDocumentTemplateVariablesEx(id, 4, 9, 0, 0, 0, 0, 0, tags, values)));
printLine(String(agent.SubstituteMergeDocumentTemplateVariablesEx2(id, 0, 7, 0, 0, 0, 0, 0, m)));
printLine(String(agent.GetDocumentStream(id)));
try { agent.SubstituteMergeDocumentTemplateVariables(1, 0, tags, values); } catch { printLine(error.beforeLast(" (")); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'Nordic Bikes AS: Nina Hansen from Carol Dahl !\n' +
        'Nordic Bikes AS: Nina Hansen from Ada Admin ?\n' +
        'Blue Fjord Hotels: Ingrid Lie from Ada Admin !\n' +
        'Nordic Bikes AS: Grace Miller from Ada Admin ?\n' +
        '{name}: {attn} from {auth} {x}\n' +
        "NSDocumentAgent.SubstituteMergeDocumentTemplateVariables: document 1 has no content in the sandbox's document archive\n",
    );
  });
});

describe('the reference\'s document examples', () => {
  it('run on the demo data (the reference\'s NSContact GetId() is GetContactId())', () => {
    const r = run(`
NSDocumentAgent agent;
NSCheckoutInfo info = agent.GetCheckoutState(2);
printLine(info.GetState().toString() + "\\t" + info.GetName());
String[] returnTypes;
agent.CheckoutDocument(2, returnTypes);
printLine(agent.GetCheckoutState(2).GetState().toString());
agent.UndoCheckoutDocument(2, returnTypes);
agent.CheckoutDocument(2, returnTypes);
String[] meta;
agent.CheckinDocument(2, returnTypes, "updated copyright", meta);
NSDocumentEntity doc = agent.GetDocumentEntity(2);
agent.CreateNewPhysicalDocumentFromTemplate(doc.GetContact().GetContactId(), 0, 0, doc.GetDocumentId(), 0, 0, 0, "");
NSStream stream = agent.GetDocumentStream(2);
printLine(String(stream).before("\\n") + " " + agent.GetVersionList(2).length().toString());
String source = "Hello, <cspn> at <name>";
print(agent.SubstituteTemplateVariables(source, 0, 2, 0, 0, 0, 0, 0, 0, ""));
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('0\t\n1\nNordic Bikes AS 3\nHello, Ada Admin at Nordic Bikes AS');
  });
});
