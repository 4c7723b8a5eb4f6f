// getSelectionIds: the ids of a static selection's members (selections.ts): each member's target
// record, or its company when the member row names only that. A dynamic or combined selection is
// defined by search criteria the sandbox does not keep, so it is an error.
import type { NativeGlobals } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { memberId, memberRows, notStatic, selectionRow } from './selections.js';

export const selectionGlobals: NativeGlobals = {
  'getSelectionIds(Integer)': (id: number) => {
    const sel = selectionRow(id);
    if (!sel) throw new CrmError(`getSelectionIds: there is no selection ${id}`);
    const why = notStatic(id, sel.seltype);
    if (why) throw new CrmError(`getSelectionIds: ${why}`);
    return memberRows(id)
      .map(memberId)
      .filter((x) => x > 0);
  },
};
