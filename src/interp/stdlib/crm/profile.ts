// Profile.getListTicketsFields: the columns of a user's request list, as SuperOffice keeps them in
// the (old) profile table: list_tickets_header2, CSV text of label, field and chop (how many
// characters to show, 0 all) for each column. The user's profile is ejuser.profile_id's row, else
// the profile whose user_id is the user. The result is flat, label, field, chop, label, ...; a user
// without a profile (or with an empty list) gets an empty array.
import type { NativeClass } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { crm, int, text } from './access.js';

export class CrmProfile {}

/** The cells of CSV text: records on lines, cells separated by commas, "quoted" cells may hold commas, "" and line breaks. */
export function csvCells(csv: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  let any = false;
  const end = (): void => {
    if (any || cell.trim()) out.push(cell.trim());
    cell = '';
    any = false;
  };
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') {
      quoted = true;
      any = true;
    } else if (ch === ',') {
      any = true;
      end();
      any = true; // the cell after a comma counts even when empty
    } else if (ch === '\n' || ch === '\r') end();
    else cell += ch;
  }
  end();
  return out;
}

function listTicketsFields(userId: number): string[] {
  const c = crm();
  const user = userId > 0 ? c.get('ejuser', userId) : null;
  if (!user) throw new CrmError(`Profile.getListTicketsFields: there is no user with id ${userId}`);
  const profile = (int(user.profile_id) && c.get('profile', int(user.profile_id))) || c.select('profile', { where: [{ column: 'user_id', op: '=', value: userId }], orderBy: [{ column: 'id' }], limit: 1 })[0];
  const cells = profile ? csvCells(text(profile.list_tickets_header2)) : [];
  if (cells.length % 3 !== 0) throw new CrmError(`Profile.getListTicketsFields: profile ${int(profile!.id)}'s list_tickets_header2 has ${cells.length} cells; each column of the list needs three (label, field, chop)`);
  return cells;
}

export const ProfileClass: NativeClass = {
  name: 'Profile',
  defaultValue: () => new CrmProfile(),
  ctors: { '()': () => new CrmProfile() },
  methods: {
    'getListTicketsFields(Integer)': (_self: CrmProfile, user: number) => listTicketsFields(user),
  },
};
