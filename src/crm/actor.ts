// Who a run acts as: an ejuser row by login name (`--user`, the task's or binding's user), or the
// default user of the sandbox (the first active user that is not the system user).
import type { CrmActor, CrmService } from '../interp/runtime/crm-service.js';
import { CrmDatabaseError, didYouMean } from './errors.js';

export const SYSTEM_USER_ID = 1;

export function resolveActor(crm: CrmService, login: string): CrmActor {
  const users = crm.select('ejuser', { columns: ['id', 'loginname', 'firstname', 'lastname', 'status'], orderBy: [{ column: 'id' }] });
  let u = login ? users.find((r) => String(r.loginname).toLowerCase() === login.toLowerCase()) : users.find((r) => Number(r.id) !== SYSTEM_USER_ID && Number(r.status) === 1);
  if (!u && !login) u = users[0];
  if (!u) {
    if (login) throw new CrmDatabaseError(`unknown CRM user "${login}"${didYouMean(login, users.map((r) => String(r.loginname)))}; see \`crmscript-tui crm show ejuser\``);
    return { userId: 0, associateId: 0, personId: 0, loginName: '', name: '' };
  }
  const assoc = crm.select('associate', { columns: ['associate_id', 'person_id'], where: [{ column: 'ejuserId', op: '=', value: Number(u.id) }], limit: 1 })[0];
  return {
    userId: Number(u.id),
    associateId: Number(assoc?.associate_id ?? 0),
    personId: Number(assoc?.person_id ?? 0),
    loginName: String(u.loginname ?? ''),
    name: [u.firstname, u.lastname].filter((x) => x).join(' '),
  };
}
