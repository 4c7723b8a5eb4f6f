// The rules for users' names and passwords (the sandbox's own; SuperOffice leaves them to its
// installation): a user name is associate.name (the login the *FromName methods take), 1–239
// characters of letters, digits, ".", "_", "-" and "@", that no other associate has in any letter
// case. A nick name is the user's Service name (ejuser.username), unique in any letter case among
// the ejuser rows other than the user's own. A password is for users who log on (not resources
// nor anonymous users): at least 6 and at most 128 characters, holding neither the user name nor
// the person's first or last name (those of 3 letters or more, in any letter case).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { personName } from './people-views.js';
import { USER_TYPE } from './user-views.js';

const NAME_MAX = 239;
const NAME_CHARS = /^[\p{L}\p{N}._@-]+$/u;
const PASSWORD_MIN = 6;
const PASSWORD_MAX = 128;

const lower = (s: unknown): string => String(s ?? '').toLowerCase();

/** The associate (other than `except`) whose user name is `name` in any letter case, or null. */
function holderOf(name: string, except: number): CrmRow | null {
  const wanted = lower(name);
  return db().select('associate', { orderBy: [{ column: 'associate_id' }] }).find((r) => lower(col(r, 'name')) === wanted && Number(col(r, 'associate_id')) !== except) ?? null;
}

/** What is wrong with a user name for associate `id` (0: a new user), or '' when it is valid. */
export function userNameProblem(id: number, name: string): string {
  if (name === '') return 'a user name is required';
  if (name.length > NAME_MAX) return `a user name has at most ${NAME_MAX} characters`;
  if (!NAME_CHARS.test(name)) return 'a user name holds only letters, digits, ".", "_", "-" and "@"';
  const holder = holderOf(name, id);
  return holder ? `the user name ${name} is taken by the user ${Number(col(holder, 'associate_id'))}` : '';
}

/** A user name no associate but `id` has, made from `base` (its allowed characters; "USER" when none), numbered when taken. */
export function freeName(base: string, id: number): string {
  const stem = ([...base].filter((c) => NAME_CHARS.test(c)).join('') || 'USER').slice(0, NAME_MAX - 4);
  let name = stem;
  for (let i = 2; holderOf(name, id); i++) name = `${stem}${i}`;
  return name;
}

/** A person's default user name: its first name (else full name) in capitals, free for associate `id`. */
export function personUserName(personId: number, id: number): string {
  const first = personId ? String(col(db().get('person', personId) ?? {}, 'firstname') ?? '') || personName(personId) : '';
  return freeName(first.toUpperCase(), id);
}

/** A valid user name for associate `id`: `wanted` when it is valid, else one made from it or, when it has no usable characters, from the person. */
export function validUserName(id: number, personId: number, wanted: string): string {
  if (!userNameProblem(id, wanted)) return wanted;
  const usable = [...wanted].some((c) => NAME_CHARS.test(c));
  return usable ? freeName(wanted, id) : personUserName(personId, id);
}

/** Whether no Service user but associate `id`'s own has the nick name (ejuser.username, any letter case). */
export function nickNameUnique(id: number, nick: string): boolean {
  if (nick.trim() === '') return false;
  const own = id ? Number(col(db().get('associate', id) ?? {}, 'ejuserId') ?? 0) : 0;
  const wanted = lower(nick);
  return !db()
    .select('ejuser', {})
    .some((r) => Number(col(r, 'id')) !== own && lower(col(r, 'username')) === wanted);
}

/** What is wrong with a password for a user (of a type, a name and a person), or '' when it is valid. */
export function passwordProblem(type: number, userName: string, personId: number, password: string): string {
  if (type === USER_TYPE.resource || type === USER_TYPE.anonymous) return 'resources and anonymous users do not log on with a password';
  if (password.length < PASSWORD_MIN) return `a password has at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `a password has at most ${PASSWORD_MAX} characters`;
  const person = personId ? db().get('person', personId) : null;
  const names = [userName, String(col(person ?? {}, 'firstname') ?? ''), String(col(person ?? {}, 'lastname') ?? '')].map(lower).filter((n) => n.length >= 3);
  const held = names.find((n) => lower(password).includes(n));
  return held ? `a password may not hold the user's name ("${held}")` : '';
}

/** The checked arguments of the validity methods: an existing associate (or 0), a user type, an existing person (or 0). */
export function checkedUser(where: string, id: number, type: number, personId: number): { id: number; type: number; personId: number; name: string } {
  const row = Number(id) ? db().get('associate', Number(id)) : null;
  if (Number(id) && !row) throw fail(where, `there is no user with id ${id}`);
  const t = Number(type);
  if (!(t >= USER_TYPE.employee && t <= USER_TYPE.system)) throw fail(where, `${type} is not a user type (1 employee, 2 resource, 3 external, 4 anonymous, 5 system)`);
  const person = Number(personId ?? 0) || Number(col(row ?? {}, 'person_id') ?? 0);
  if (person && !db().get('person', person)) throw fail(where, `there is no person with id ${personId}`);
  return { id: Number(id) || 0, type: t, personId: person, name: String(col(row ?? {}, 'name') ?? '') };
}
