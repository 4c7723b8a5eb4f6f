// getSelectionIds: the ids of a selection's members (netserver/agents/selection-dynamic.ts): each
// member's target record, or its company when the member names only that. A static selection's
// are its member rows, in their order; a dynamic selection's the records its criteria find, a
// combined selection's what its two selections combine to.
import type { NativeGlobals } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { selectionRow } from './selections.js';
import { selected } from '../netserver/agents/selection-dynamic.js';

export const selectionGlobals: NativeGlobals = {
  'getSelectionIds(Integer)': (id: number) => {
    if (!selectionRow(id)) throw new CrmError(`getSelectionIds: there is no selection ${id}`);
    return selected('getSelectionIds', id)
      .members.map((m) => m.record || m.contact)
      .filter((x) => x > 0);
  },
};
