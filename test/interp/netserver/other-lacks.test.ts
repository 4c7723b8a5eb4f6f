// Agent methods that say what the sandbox lacks: NSNavigatorAgent's companies (no Navigator company
// register) and NSNumberAllocationAgent.SaveDefaultNumbering (no documented default numbering
// preferences). CRMScript programs on a sandbox CRM with its demo data (every run rolls back).
import { describe, it, expect } from 'vitest';
import { sandboxCrm } from './sandbox-run.js';

const sandbox = sandboxCrm('crms-otherlacks-');

describe('methods over what the sandbox lacks', () => {
  it('NSNavigatorAgent says there is no Navigator company register', () => {
    const register = 'the sandbox has no Navigator company register (the outside register of companies that Navigator looks up)';
    for (const [call, name] of [
      ['n.GetNavigatorCompanies("Acme");', 'GetNavigatorCompanies'],
      ['n.GetNavigatorCompany(1);', 'GetNavigatorCompany'],
      ['Integer[] ids; n.GetNavigatorCompanyList(ids);', 'GetNavigatorCompanyList'],
    ])
      expect(sandbox(`NSNavigatorAgent n;\n${call}`).error).toBe(`NSNavigatorAgent.${name}: ${register}`);
  });

  it('NSNumberAllocationAgent.SaveDefaultNumbering says where counters are kept instead', () => {
    expect(sandbox('NSNumberAllocationAgent a;\na.SaveDefaultNumbering(a.CreateDefaultRefCountEntity());').error).toBe(
      'NSNumberAllocationAgent.SaveDefaultNumbering: the sandbox CRM keeps no default numbering preferences (SuperOffice does not document them); set a counter with SaveRefCountEntity',
    );
  });
});
