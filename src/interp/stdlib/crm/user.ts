// User: a CRM user (table ejuser) and its associate; getActiveUser() is the user the run acts as
// (`--user`, the task's or binding's user, or the sandbox default).
import type { NativeClass, NativeGlobals } from '../registry.js';
import { crm, int, text } from './access.js';
import { CrmEntity, entityMethods, type EntityDef } from './entity.js';
import { userVars, toParserMethod } from './to-parser.js';

export class CrmUser extends CrmEntity {}

const assoc = (u: CrmUser) => crm().select('associate', { where: [{ column: 'ejuserId', op: '=', value: u.id }], limit: 1 })[0];

const def: EntityDef<CrmUser> = {
  cls: 'User',
  table: 'ejuser',
  aliases: { lastcategory: 'last_category', pictureid: 'picture_id', defaultuser: 'default_user', group: 'usergroup', role: 'profile_id' },
  virtual: {
    associateid: { get: (u) => text(assoc(u)?.associate_id ?? 0) },
    ownercompany: { get: (u) => text(crm().get('person', int(assoc(u)?.person_id))?.contact_id ?? 0) },
    initials: { get: (u) => (u.get('firstname').slice(0, 1) + u.get('lastname').slice(0, 1)).toUpperCase() },
    fullname: { get: (u) => [u.get('firstname'), u.get('lastname')].filter((x) => x.length > 0).join(' ') },
  },
  defaults: () => ({ status: 1, access_level: 2 }),
};

export function newUser(): CrmUser {
  return new CrmUser(def as EntityDef<never>);
}

export const UserClass: NativeClass = {
  name: 'User',
  defaultValue: newUser,
  ctors: { '()': newUser },
  methods: {
    ...entityMethods(def as EntityDef<never>),
    'toParser(Parser)': toParserMethod(userVars, false),
    'setValue(String,String,String)': (self: CrmUser, name: string, value: string) => self.set(name, value),
    'setValue(String,String)': (self: CrmUser, name: string, value: string) => self.set(name, value),
    'isAdministrator()': (self: CrmUser) => int(self.raw('access_level')) === 1,
    // no access rules in the sandbox; nobody is logged in to a web client
    'hasTicketAccess(Integer,Integer)': () => true,
    'isLoggedIn(Integer)': () => false,
  },
};

export const userGlobals: NativeGlobals = {
  'getActiveUser()': () => {
    const u = newUser();
    const id = crm().actor().userId;
    if (id) u.load(id);
    return u;
  },
  'getUsername(Integer)': (id: number) => text(crm().get('ejuser', id)?.username),
};
