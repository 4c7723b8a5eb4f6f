// Agent methods the sandbox cannot make real, failing with what it lacks: NSNavigatorAgent's
// companies (Navigator is an outside company register that SuperOffice looks companies up in; the
// sandbox has no such register and no table of its companies) and NSNumberAllocationAgent's
// default numbering (kept in preferences SuperOffice does not document; the counters themselves
// are RefCounts rows, number-allocation.ts).
import { lacking, type Methods } from './define.js';

export const navigatorAgent: Methods = lacking('NSNavigatorAgent', 'the sandbox has no Navigator company register (the outside register of companies that Navigator looks up)', [
  'GetNavigatorCompanies(String)',
  'GetNavigatorCompany(Integer)',
  'GetNavigatorCompanyList(Integer[])',
]);

export const numberingLacks: Methods = lacking(
  'NSNumberAllocationAgent',
  'the sandbox CRM keeps no default numbering preferences (SuperOffice does not document them); set a counter with SaveRefCountEntity',
  ['SaveDefaultNumbering(NSRefCountEntity)'],
);
