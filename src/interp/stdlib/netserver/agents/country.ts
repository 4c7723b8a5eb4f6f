// The country of a company or person: ChangeCountry and GetAddressByCountry of NSContactAgent and
// NSPersonAgent. The sandbox lays out every address the same way (elements.ts: address lines,
// zip code and city, county and state), whatever the country, so changing the country keeps the
// address as it is.
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { loadRef } from './view.js';
import { make } from './define.js';
import { readAddress, type AddressParts } from './elements.js';

/** The country with this id as NSCountry, or a failure naming the method. */
export function countryById(where: string, id: number): NSObject {
  if (!id || !db().get('country', id)) throw fail(where, `there is no country with id ${id}`);
  return loadRef('NSCountry', id);
}

/** A copy of the entity in another country. */
export function inCountry(where: string, entity: unknown, countryId: number): NSObject {
  if (!(entity instanceof NSObject)) throw fail(where, 'there is no entity to change');
  return make(entity.cls, { ...entity.f, Country: countryById(where, countryId) });
}

/** The owner's address laid out for a country (0: its own). */
export function addressForCountry(where: string, owner: number, parts: AddressParts, countryId: number): unknown {
  if (countryId) countryById(where, countryId);
  return readAddress(owner, parts);
}
