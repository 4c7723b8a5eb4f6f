// Which built-ins read or write CRM data. A run readies the CRM engine (WebAssembly, the database
// file) only when its program calls one of them, so scripts that touch no data start as fast as
// before. A stdlib module that implements a CRM-backed class or global adds its names here.
import type { CompiledProgram } from '../compiler.js';
import { CRM_AGENTS } from './netserver/agent-names.js';
import { EXECUTE_SCRIPT_NATIVE } from './execute-script.js';

/** Classes whose members use rt.crm. */
export const crmClasses = new Set<string>([
  'SearchEngine',
  'Ticket',
  'Message',
  'Customer',
  'Company',
  'User',
  'Attachment',
  'Category',
  'Priority',
  'ExtraTable',
  'ExtraTableInfo',
  'ExtraFieldsInfo',
  'GenericSearch',
  'ReplyTemplate',
  'DBWrite',
  'Notify',
  'StatLib',
  'Cache',
  'Profile',
  'Knowledge',
  'Inbox',
  ...CRM_AGENTS,
]);

/** Global functions (by name, any overload) that use rt.crm. */
export const crmGlobals = new Set<string>([
  'executeSQLQuery',
  'getActiveUser',
  'getUsername',
  'getExtraTable',
  'getCategoryIdFromFullname',
  'getPriorityIdFromName',
  'getStatusIdFromName',
  'getCustomerMainEmail',
  'getAttachmentsSize',
  'saveCgiAttachment',
  'saveAllCgiAttachments',
  'copyCRMDocumentToAttachment',
  'getReplyTemplateBody',
  'getReplyTemplateSubject',
  'findReplyTemplateToMerge',
  'getDocumentId',
  'getSystemFlags',
  'addChatMessage',
  'resetChat',
  'setChatStatus',
  'setUserIsTyping',
  'getSelectionIds',
  'checkReply',
  'getFavourites',
  'getScriptId',
  'forwardMail',
]);

/** Methods (Class:name) of classes that need no CRM otherwise. */
export const crmMethods = new Set<string>(['WeekSchedule:loadFromPriority', 'Email:addAttachment', 'HTTP:addAttachmentData', 'HTTP:addDocumentData']);

/** getVariable names that the session answers from the CRM user (stdlib/global.ts sessionVariable). */
export const SESSION_VARIABLES: readonly string[] = ['activeUser', 'activeUsername', 'activeAssociateId'];
/** The same, as the compiled code quotes them. */
const SESSION_NAMES = SESSION_VARIABLES.map((n) => JSON.stringify(n));

/** True when any of the programs calls a CRM-backed native (keys as in CompiledProgram.natives). */
export function programUsesCrm(programs: CompiledProgram[]): boolean {
  for (const p of programs) {
    for (const key of p.natives) {
      const [kind, a, m] = key.split(':');
      if (kind === 'G' ? crmGlobals.has(a.slice(0, a.indexOf('('))) : crmClasses.has(a) || (m !== undefined && crmMethods.has(`${a}:${m.slice(0, m.indexOf('('))}`))) return true;
      // code given to executeScript may touch CRM data
      if (key === EXECUTE_SCRIPT_NATIVE) return true;
      if (key === 'G:getVariable(String)' && SESSION_NAMES.some((n) => p.code.includes(n))) return true;
    }
  }
  return false;
}
