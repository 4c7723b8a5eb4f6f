// getSelectionIds: the ids of a static selection's members (tables selection, selectionmember):
// each member's target record, or its company when the member row names only that. A dynamic or
// combined selection is defined by search criteria the sandbox does not keep, so it is an error.
import type { NativeGlobals } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { crm, int } from './access.js';

const STATIC = 0;

export const selectionGlobals: NativeGlobals = {
  'getSelectionIds(Integer)': (id: number) => {
    const c = crm();
    const sel = id > 0 ? c.get('selection', id) : null;
    if (!sel) throw new CrmError(`getSelectionIds: there is no selection ${id}`);
    if (int(sel.seltype) !== STATIC) throw new CrmError(`getSelectionIds: selection ${id} is ${int(sel.seltype) === 1 ? 'dynamic' : 'combined'}: the sandbox keeps the members of static selections only`);
    return c
      .select('selectionmember', { where: [{ column: 'selection_id', op: '=', value: id }], orderBy: [{ column: 'selectionmember_id' }] })
      .map((m) => int(m.targetRecordId) || int(m.contact_id))
      .filter((x) => x > 0);
  },
};
