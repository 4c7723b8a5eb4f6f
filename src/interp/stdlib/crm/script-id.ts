// getScriptId(includeName): the number of the script with that include name. In SuperOffice a
// script is a row of table ejscript and its number is ejscript.id (what form.script_id and the
// chatbot settings refer to); the sandbox has that table, so the number comes from there.
//
// The scripts of this product's store are named by text ids ("k3x9…"), not numbers, so a store
// script has no number a script could be given. The host tells the run the include names of its
// store's scripts (RunFeatures.storeIncludes); a name that only the store knows is an error that
// says so, rather than a number made up for it. A name nobody knows gives the null Integer, as
// the reference says ("null if no match found"): isNull() is true, and it reads as 0.
import type { NativeGlobals } from '../registry.js';
import { CrmError, NULL_INTEGER } from '../../runtime/values.js';
import { rt } from '../../runtime/context.js';
import { crm, int } from './access.js';

export function scriptIdOf(includeName: string): number {
  const name = String(includeName);
  const row = crm().select('ejscript', { columns: ['id'], where: [{ column: 'include_id', op: '=', value: name }], orderBy: [{ column: 'id' }], limit: 1 })[0];
  if (row) return int(row.id);
  if (name !== '' && rt.features.storeIncludes?.includes(name)) {
    throw new CrmError(
      `getScriptId: "${name}" is a script of this product's store, and store scripts have no number (their ids are text); only scripts in the CRM's ejscript table have one. Refer to it by its include name instead.`,
    );
  }
  return NULL_INTEGER;
}

export const scriptIdGlobals: NativeGlobals = {
  'getScriptId(String)': (includeName: string) => scriptIdOf(includeName),
};
