// Adds the CRM-backed classes and global functions (crm/) and the NetServer classes (netserver/) to
// the natives table (table.ts) when loaded.
import { addNatives } from './table.js';
import { crmNativeClasses, crmNativeGlobals } from './crm/index.js';
import { netServerNatives } from './netserver/index.js';

addNatives(crmNativeClasses, crmNativeGlobals, netServerNatives);

export const crmNativesLoaded = true;
