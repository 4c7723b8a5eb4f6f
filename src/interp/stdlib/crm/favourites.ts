// getFavourites: the ids of the records the run's user has marked as favourites in a table
// (SuperOffice's Favourite table, netserver/agents/favourites.ts), in the order of their rank.
import type { NativeGlobals } from '../registry.js';
import { col } from '../netserver/agents/view.js';
import { starOwner, starRows, starTable } from '../netserver/agents/favourites.js';

export const favouriteGlobals: NativeGlobals = {
  'getFavourites(String)': (table: string) => {
    const t = starTable(table, 'getFavourites');
    return starRows(t, starOwner(0, 'getFavourites')).map((r) => Number(col(r, 'record_id') ?? 0));
  },
};
