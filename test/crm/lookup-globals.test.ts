// Global functions that read the sandbox CRM by id or name: a reply template's subject and body
// (getReplyTemplateSubject/Body, as ReplyTemplate reads them), a category's template (findReplyTemplateToMerge), a document's id by its name, the
// installation's config.flags; and the global Parser's variables by row.
import { afterAll, describe, expect, it } from 'vitest';
import { crmFixture, runWithCrm } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

describe('lookup globals', () => {
  it('read reply templates, documents and config.flags the way the classes do', async () => {
    const f = await crmFixture({ rollback: true });
    try {
      const r = runWithCrm(
        f,
        `ReplyTemplate t; t.load(1);
printLine((getReplyTemplateSubject(1, -1) == t.getSubject(-1)).toString() + " " + (getReplyTemplateBody(1, false, -1) == t.getPlainBody(-1)).toString() + " " + (getReplyTemplateBody(1, true, -1) == t.getHtmlBody(-1)).toString());
printLine("[" + getReplyTemplateSubject(99999, -1) + "]" + getReplyTemplateSubject(1, -1).isEmpty().toString());
SearchEngine d; d.addField("document.document_id"); d.addField("document.name"); d.setLimit(1); d.execute();
printLine((getDocumentId(d.getField(1)).toString() == d.getField(0)).toString() + " " + getDocumentId("no such document").toString());
SearchEngine c; c.addField("config.flags"); c.execute();
printLine((getSystemFlags().toString() == c.getField(0)).toString());
setParserVariable("x", "1");
printLine(getParserVariable("x", 0) + "|" + getParserVariable("x", 1) + "|" + getParserVariableCount("x").toString() + getParserVariableCount("y").toString());`,
      );
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      expect(r.output).toBe('true true true\n[]false\ntrue -1\ntrue\n1||10\n');
    } finally {
      f.driver.close();
    }
  });

  it('findReplyTemplateToMerge: the category\'s reply template, else its nearest parent\'s, else 0', async () => {
    const f = await crmFixture({ rollback: true });
    try {
      // Support (1) has template 19; its child Hardware (2) has none, Software (3) its own 20
      f.crm.update('ej_category', 1, { reply_template: 19 });
      f.crm.update('ej_category', 3, { reply_template: 20 });
      const r = runWithCrm(f, 'printLine(findReplyTemplateToMerge(1).toString() + " " + findReplyTemplateToMerge(2).toString() + " " + findReplyTemplateToMerge(3).toString() + " " + findReplyTemplateToMerge(4).toString() + " " + findReplyTemplateToMerge(999).toString());');
      expect(r.error).toBeNull();
      expect(r.output).toBe('19 19 20 0 0\n');
    } finally {
      f.driver.close();
    }
  });
});
