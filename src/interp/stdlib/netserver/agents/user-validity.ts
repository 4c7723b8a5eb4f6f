// NSUserAgent's checks of user names, nick names and passwords and the user names it proposes,
// by the rules of user-names.ts.
import { NSObject, nsObject } from '../object.js';
import { fail } from './db.js';
import { idOf } from './view.js';
import type { Methods } from './define.js';
import { checkedUser, nickNameUnique, passwordProblem, personUserName, userNameProblem, validUserName } from './user-names.js';

type Check = (where: string, id: number, type: number, personId: number, value: string) => string;

const nameCheck: Check = (where, id, type, personId, name) => userNameProblem(checkedUser(where, id, type, personId).id, String(name ?? ''));

const passwordCheck: Check = (where, id, type, personId, password) => {
  const u = checkedUser(where, id, type, personId);
  return passwordProblem(u.type, u.name, u.personId, String(password ?? ''));
};

/**
 * Is<What>Valid and Is<What>ValidWithReason (an NSUserValidationResult: Result, and Reason when it
 * is not valid). The user name methods take the name twice (userName and username, as the
 * reference lists them): the first that is not empty is checked.
 */
function validity(what: string, check: Check, key: string): Methods {
  const value = (values: string[]): string => values.map((v) => String(v ?? '')).find((v) => v !== '') ?? '';
  return {
    [`Is${what}Valid${key}`]: (_a: unknown, id: number, type: number, personId: number, ...values: string[]) => check(`NSUserAgent.Is${what}Valid`, id, type, personId, value(values)) === '',
    [`Is${what}ValidWithReason${key}`]: (_a: unknown, id: number, type: number, personId: number, ...values: string[]) => {
      const reason = check(`NSUserAgent.Is${what}ValidWithReason`, id, type, personId, value(values));
      return nsObject('NSUserValidationResult', { Result: reason === '', Reason: reason });
    },
  };
}

/** An NSUser argument's associate id, person id and name. */
function userParts(u: unknown, where: string): { id: number; personId: number; name: string } {
  if (!(u instanceof NSObject)) throw fail(where, 'no user');
  return { id: Number(u.f.AssociateId ?? 0), personId: idOf(u.f.Person), name: String(u.f.Name ?? '') };
}

export const userValidity: Methods = {
  ...validity('UserName', nameCheck, '(Integer,Integer,Integer,String,String)'),
  ...validity('Password', passwordCheck, '(Integer,Integer,Integer,String)'),
  'GetValidUserName(Integer,Integer,Integer,String)': (_a: unknown, id: number, type: number, personId: number, name: string) => {
    const u = checkedUser('NSUserAgent.GetValidUserName', id, type, personId);
    return validUserName(u.id, u.personId, String(name ?? ''));
  },
  'GetValidUserNameForNewUser(NSUser)': (_a: unknown, user: NSObject) => {
    const u = userParts(user, 'NSUserAgent.GetValidUserNameForNewUser');
    return validUserName(u.id, u.personId, u.name);
  },
  'GetDefaultAssociateUserName(NSUser)': (_a: unknown, user: NSObject) => {
    const u = userParts(user, 'NSUserAgent.GetDefaultAssociateUserName');
    return personUserName(u.personId, u.id);
  },
  'IsNickNameUnique(Integer,String)': (_a: unknown, id: number, nick: string) => {
    checkedUser('NSUserAgent.IsNickNameUnique', id, 1, 0);
    return nickNameUnique(Number(id) || 0, String(nick ?? ''));
  },
};
