// What a run learns of its store's scripts: the include names, for getScriptId to tell a store
// script (which has no number) from a name nobody knows (stdlib/crm/script-id.ts). Sent only to a
// program that calls getScriptId, so other runs carry nothing more.
import type { StoreData } from '../store/schema.js';
import type { CompiledProgram } from '../interp/compiler.js';
import type { RunFeatures } from '../interp/runtime/context.js';

const GET_SCRIPT_ID = 'G:getScriptId(String)';

/** RunFeatures.storeIncludes when one of `programs` calls getScriptId; else nothing. */
export function includesFeature(d: StoreData, ...programs: ReadonlyArray<CompiledProgram | null | undefined>): Pick<RunFeatures, 'storeIncludes'> {
  if (!programs.some((p) => p?.natives.includes(GET_SCRIPT_ID))) return {};
  return { storeIncludes: d.scripts.map((s) => s.includeId).filter((n) => n !== '') };
}
