// The phone rows of persons (Customer) and companies (Company). A phone row's owner_id is a person
// or a contact id: which one it is comes from ptype_idx, whose person types carry the person owner
// bit (16384), so a row is always looked up by owner and type together.
import { crm, int, text } from './access.js';
export { PHONE_TYPE } from '../../runtime/crm-service.js';


/** The first (by rank) phone row of this owner and type, or undefined. */
function firstRow(owner: number, type: number): { phone_id: number; phone: string } | undefined {
  if (!owner) return undefined;
  const r = crm().select('phone', {
    columns: ['phone_id', 'phone'],
    where: [
      { column: 'owner_id', op: '=', value: owner },
      { column: 'ptype_idx', op: '=', value: type },
    ],
    orderBy: [{ column: 'rank' }, { column: 'phone_id' }],
    limit: 1,
  })[0];
  return r ? { phone_id: int(r.phone_id), phone: text(r.phone) } : undefined;
}

/** The owner's first number of this type ('' if none). */
export function phoneOf(owner: number, type: number): string {
  return firstRow(owner, type)?.phone ?? '';
}

/** Sets the owner's number of this type: updates its first row, adds one, or (for '') removes it. */
export function writePhone(owner: number, type: number, value: string): void {
  const c = crm();
  const number = value.trim();
  const row = firstRow(owner, type);
  const stripped = number.replace(/\D/g, '');
  if (row) {
    if (number === '') c.delete('phone', row.phone_id);
    else if (row.phone !== number) c.update('phone', row.phone_id, { phone: number, searchPhoneNumber: stripped, updated: c.now(), updated_associate_id: c.actor().associateId });
    return;
  }
  if (number === '') return;
  c.insert('phone', { owner_id: owner, ptype_idx: type, phone: number, rank: 1, searchPhoneNumber: stripped, registered: c.now(), registered_associate_id: c.actor().associateId });
}

/** The owner of the first row of this type whose number is exactly `number` (0 if none). */
export function phoneOwner(number: string, type: number): number {
  const n = number.trim();
  if (n === '') return 0;
  const r = crm().select('phone', {
    columns: ['owner_id'],
    where: [
      { column: 'ptype_idx', op: '=', value: type },
      { column: 'phone', op: '=', value: n },
    ],
    orderBy: [{ column: 'rank' }, { column: 'phone_id' }],
    limit: 1,
  })[0];
  return r ? int(r.owner_id) : 0;
}
