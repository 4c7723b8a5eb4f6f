// checkReply, SuperOffice's spam control per e-mail address (config's mb_max_value 60,
// mb_threshold 20, mb_modifier 20 in the demo data), on every CRM backend: three replies to one
// address at once, then blocked until the value has grown back by a point a second.
import { afterAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, runWithCrm } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

describeBackends('checkReply', (b) => {
  it('lets three mails to an address go at once, blocks the fourth, and lets one go when the value has grown back', async () => {
    const f = await crmFixture({ rollback: true }, await b.fresh());
    try {
      const tries = 'printLine(checkReply("Nina@NordicBikes.example").toString() + checkReply("nina@nordicbikes.example").toString() + checkReply("nina@nordicbikes.example").toString() + checkReply("nina@nordicbikes.example").toString() + checkReply("ola@nordicbikes.example").toString());';
      expect(runWithCrm(f, tries).output).toBe('truetruetruefalsetrue\n');
      // the fourth try cost 20 too: the value is -20; 39 seconds later it is 19, 40 seconds later 20
      const back = (s: number): string => {
        const row = f.crm.select('mail_bomb', { where: [{ column: 'email', op: '=', value: 'nina@nordicbikes.example' }] })[0]!;
        const then = new Date(Date.now() - s * 1000);
        const p = (n: number): string => String(n).padStart(2, '0');
        f.crm.update('mail_bomb', Number(row.id), { value: -20, updated: `${then.getFullYear()}-${p(then.getMonth() + 1)}-${p(then.getDate())} ${p(then.getHours())}:${p(then.getMinutes())}:${p(then.getSeconds())}` });
        return runWithCrm(f, 'printLine(checkReply("nina@nordicbikes.example").toString());').output;
      };
      expect(back(30)).toBe('false\n');
      expect(back(45)).toBe('true\n');
      // the value never grows past the maximum: an hour later three go (one, then two) and then none
      expect(back(3600) + runWithCrm(f, tries.replace(/ \+ checkReply\("ola@nordicbikes.example"\).toString\(\)/, '')).output).toBe('true\ntruetruefalsefalse\n');
    } finally {
      f.driver.close();
    }
  });
});
