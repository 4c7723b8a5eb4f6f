// forwardMail(mail, to, ticketId): a mail given whole goes on to other addresses through the run's
// outbox with its sender, subject, bodies and files, tagged with the request's [#id]; bad
// addresses, text that is no mail and unknown requests are errors.
import { afterAll, describe, expect, it } from 'vitest';
import { crmFixture, runMail, runWithCrm } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';

afterAll(cleanupTempDirs);

const MAIL = [
  'From: "Carl Customer" <carl@example.com>',
  'Subject: Printer on fire',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'It smokes.',
  '--b1',
  'Content-Type: text/plain; name="log.txt"',
  'Content-Disposition: attachment; filename="log.txt"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('smoke detected').toString('base64'),
  '--b1--',
  '',
].join('\r\n');
/** The mail as a CRMScript string literal. */
const LIT = JSON.stringify(MAIL);

describe('forwardMail', () => {
  it('queues the mail to the addresses given, tagged with the request', async () => {
    const f = await crmFixture({ rollback: true });
    try {
      const r = runMail(f, `forwardMail(${LIT}, "Bob <bob@example.com>, eve@example.com", 1); forwardMail(${LIT}, "ann@example.com", 0);`);
      expect(r.outbox).toHaveLength(2);
      const [tagged, plain] = r.outbox;
      expect(tagged).toMatchObject({ from: '"Carl Customer" <carl@example.com>', to: ['Bob <bob@example.com>', 'eve@example.com'], subject: '[#1] Printer on fire', text: 'It smokes.' });
      expect(tagged!.attachments?.map((a) => [a.name, Buffer.from(a.base64, 'base64').toString()])).toEqual([['log.txt', 'smoke detected']]);
      expect(plain).toMatchObject({ to: ['ann@example.com'], subject: 'Printer on fire' });
    } finally {
      f.driver.close();
    }
  });

  it('says what is wrong with the address, the mail or the request', async () => {
    const f = await crmFixture({ rollback: true });
    try {
      expect(runWithCrm(f, `forwardMail(${LIT}, "not an address", 0);`).error).toBe('forwardMail: "not an address" is not an e-mail address or a list of them');
      expect(runWithCrm(f, 'forwardMail("hello", "a@example.com", 0);').error).toMatch(/^forwardMail: the mail data has no From header/);
      expect(runWithCrm(f, `forwardMail(${LIT}, "a@example.com", 99999);`).error).toBe('forwardMail: there is no request with id 99999 to tag the mail with');
    } finally {
      f.driver.close();
    }
  });
});
