// Global functions of the reference that this product has nothing behind, each failing with what
// is missing rather than the bare "… is not available".
import type { NativeGlobals } from './registry.js';
import { CrmError } from '../runtime/values.js';

const LANGUAGE =
  "getLanguageVariable: Service's language variables (lang_… texts of its screens, per language) are not part of this product: SuperOffice keeps them with its Service application, and its database reference documents no table holding them (the sandbox's LocaleText holds field labels and table names only)";

export const unbackedGlobals: NativeGlobals = {
  'getLanguageVariable(String)': () => {
    throw new CrmError(LANGUAGE);
  },
  'getLanguageVariable(String,String)': () => {
    throw new CrmError(LANGUAGE);
  },
  'getWarnings()': () => {
    throw new CrmError("getWarnings: this product keeps no list of system warnings (SuperOffice's status screen's failed mail deliveries, expired FAQ entries, …); mail a run could not deliver is reported in that run's log");
  },
  'executeMacro(String)': () => {
    throw new CrmError(
      "executeMacro: SuperOffice's macro engine's own entry, whose parameter text the reference does not describe, is not part of this product; this product's macros run from triggers, tasks and `crmscript-tui run`, and a script runs another script with ScriptCall or executeScript",
    );
  },
};
