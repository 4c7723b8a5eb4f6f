// Email.addAttachment: a mail carries files from the sandbox CRM's attachments, as a file offered
// with the message or shown inside its HTML body by content id; the outbox lists them. Through the
// real run path (the run worker, the store, a local SMTP server).
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScript, updateSettings } from '../../src/store/repos.js';
import { startScriptRun } from '../../src/run/script.js';
import { Store } from '../../src/store/store.js';
import { cleanupTempDirs, emptyStore, tempDir } from '../common.js';
import { cli } from '../crm/helpers.js';
import { smtpServer } from './smtp-server.js';

afterAll(cleanupTempDirs);

const SOURCE = `Attachment doc;
doc.setValue("name", "notes.txt");
doc.setValue("contentType", "text/plain");
doc.saveBase64(encodeBase64(String("first line\\nsecond line").toByteArray()));
Integer docId = doc.getValue("id").toInteger();
Attachment logo;
logo.setValue("name", "logo.png");
logo.setValue("contentType", "image/png");
logo.saveBase64("iVBORw0KGgo=");
Integer logoId = logo.getValue("id").toInteger();
Email e;
e.setValue("to", "x@example.com");
e.setValue("subject", "With files");
String cid = e.addAttachment(logoId, true);
e.setValue("bodyHtml", "<p><img src=\\"cid:" + cid + "\\"></p>");
e.setValue("body", "See the notes.");
e.addAttachment(docId, false);
e.send();
printLine(cid);`;

describe('Email.addAttachment', () => {
  it('sends the CRM attachments with the mail, an inline one by the content id it returned', async () => {
    const smtp = await smtpServer();
    try {
      const store = await emptyStore();
      await store.update((d) => updateSettings(d, { smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: '', password: '', from: 'crm@example.com' } }));
      const script = await store.update((d) => createScript(d, { name: 'mailer', source: SOURCE }));
      const r = await startScriptRun(store, script).result;
      expect(r.error, JSON.stringify(r.error)).toBeNull();
      const cid = r.output.trim();
      expect(cid).not.toBe('');
      expect(smtp.messages).toHaveLength(1);
      const data = smtp.messages[0]!.data;
      // the text file, offered as a file, its content in base64
      expect(data).toMatch(/Content-Disposition: attachment; filename=notes\.txt/);
      expect(data).toContain(Buffer.from('first line\nsecond line').toString('base64'));
      // the image, inline, under the content id the HTML body refers to
      expect(data).toContain(`Content-ID: <${cid}>`);
      expect(data).toMatch(/Content-Disposition: inline; filename=logo\.png/);
      expect(data).toContain(`cid:${cid}`);
      const sent = store.read().outbox;
      expect(sent.map((n) => [n.subject, n.sentAt !== null, n.files])).toEqual([
        [
          'With files',
          true,
          [
            { name: 'logo.png', contentType: 'image/png', bytes: 8 },
            { name: 'notes.txt', contentType: 'text/plain', bytes: 22 },
          ],
        ],
      ]);
    } finally {
      await smtp.close();
    }
  });

  it('`run FILE` delivers the mail a file sends as a stored script\'s is: here kept in the outbox, and says so', async () => {
    const home = tempDir('mail-file-');
    const file = join(home, 'mailer.crm');
    writeFileSync(file, SOURCE);
    const r = await cli(['run', file], home);
    expect(r.code).toBe(0);
    expect(r.err).toBe('1 mail kept in the outbox: no SMTP server is set up (settings set smtp.host …); the TUI shows the outbox (O in tab 1).\n');
    const store = await Store.open(home, { seed: false });
    try {
      expect(store.read().outbox.map((n) => [n.to, n.subject, n.sentAt, n.files?.map((f) => f.name)])).toEqual([['x@example.com', 'With files', null, ['logo.png', 'notes.txt']]]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('stops at an attachment that does not exist, at the call', async () => {
    const store = await emptyStore();
    const script = await store.update((d) => createScript(d, { name: 'nofile', source: 'Email e;\ne.setValue("to", "x@example.com");\ne.addAttachment(987654, false);\ne.send();' }));
    const r = await startScriptRun(store, script).result;
    expect(r.error?.message).toBe('Email.addAttachment: there is no attachment with id 987654.');
    expect(r.error?.line).toBe(3);
    expect(store.read().outbox).toEqual([]);
  });
});
