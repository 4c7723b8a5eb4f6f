// checkReply: SuperOffice's spam control, which keeps one address from getting too many mails.
// Each address has a value that starts at config.mb_max_value and grows by one a second up to
// it; each mail costs config.mb_modifier; while the value is below config.mb_threshold the
// address gets no more. checkReply says whether a mail may go now and counts one sent. The
// values are kept in the sandbox's mail_bomb table; with no settings (all 0) nothing is blocked.
import type { NativeGlobals } from '../registry.js';
import type { CrmValue } from '../../runtime/crm-service.js';
import { unixOfLocal } from '../time/calendar.js';
import { crm, dateTime, int } from './access.js';

function seconds(v: CrmValue | undefined): number {
  const t = dateTime(v);
  return t.isNull ? 0 : unixOfLocal(t.year, t.month, t.day, t.hour, t.minute, t.second);
}

export const mailBombGlobals: NativeGlobals = {
  'checkReply(String)': (email: string) => {
    const c = crm();
    const config = c.select('config', { orderBy: [{ column: 'id' }], limit: 1 })[0];
    const max = int(config?.mb_max_value);
    const threshold = int(config?.mb_threshold);
    const cost = int(config?.mb_modifier);
    const address = email.trim().toLowerCase();
    const now = c.now();
    const row = c.select('mail_bomb', { where: [{ column: 'email', op: '=', value: address }], limit: 1 })[0];
    const value = row ? Math.min(max, int(row.value) + Math.max(0, seconds(now) - seconds(row.updated))) : max;
    const ok = value >= threshold;
    if (row) c.update('mail_bomb', int(row.id), { value: value - cost, updated: now });
    else c.insert('mail_bomb', { email: address, value: value - cost, updated: now });
    return ok;
  },
};
