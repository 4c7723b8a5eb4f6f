// NSResourceAgent over SuperOffice's ResourceOverride table on a sandbox CRM with its demo data
// (SQLite, and PostgreSQL when a test server is set). The demo overrides SR_CONTACT as "Customer" in
// EN-US (active) and "Kunde" in NB-NO (not active). Substitutions are set (added or changed),
// listed (by name, culture, active), activated per culture or for every culture of a resource,
// deleted; the override system's master switch is the blank name.
import { it, expect } from 'vitest';
import { describeBackends } from '../../store/backends.js';
import { backendSandbox, ok } from './backend-runs.js';

const PRELUDE = `
NSResourceAgent ra;
String[] none;
String[] one(String s) { String[] a; a.pushBack(s); return a; }
String shown(NSResourceOverride[] list) {
  String s = list.length().toString() + ":";
  foreach (NSResourceOverride o in list) {
    s += " " + o.GetResourceName() + "/" + o.GetCulture() + "=" + o.GetResourceValue();
    if (o.GetIsActive()) s += "+"; else s += "-";
  }
  return s;
}
`;

describeBackends('NSResourceAgent', (b) => {
  const sandbox = backendSandbox(b, PRELUDE);
  const run = (source: string): string => ok(sandbox(source));

  it('lists substitutions: all or by name (brackets aside), by culture in any letter case, the active ones only', () => {
    expect(
      run(`printLine(shown(ra.GetResourceSubstitutions(none, "", false)));
printLine(shown(ra.GetResourceSubstitutions(none, "", true)));
printLine(shown(ra.GetResourceSubstitutions(one("[sr_contact]"), "nb-no", false)));
printLine(shown(ra.GetResourceSubstitutions(one("SR_PERSON"), "", false)));`),
    ).toBe('2: SR_CONTACT/EN-US=Customer+ SR_CONTACT/NB-NO=Kunde-\n1: SR_CONTACT/EN-US=Customer+\n1: SR_CONTACT/NB-NO=Kunde-\n0:\n');
  });

  it('sets a substitution: a new one, or the value and state of the one it has', () => {
    let rows: unknown[] = [];
    expect(
      ok(
        sandbox(
          `ra.SetResourceSubstitution("SR_PERSON", "Contact person", "EN-US", true);
ra.SetResourceSubstitution("SR_CONTACT", "Client", "en-us", false);
printLine(shown(ra.GetResourceSubstitutions(none, "EN-US", false)));`,
          { check: (crm) => void (rows = crm.select('ResourceOverride', { where: [{ column: 'ResourceName', op: '=', value: 'SR_CONTACT' }] }).map((r) => [r.Culture, r.updatedCount])) },
        ),
      ),
    ).toBe('2: SR_CONTACT/EN-US=Client- SR_PERSON/EN-US=Contact person+\n');
    // the EN-US row was changed, not added
    expect(rows).toEqual([
      ['EN-US', 1],
      ['NB-NO', 0],
    ]);
  });

  it('activates a substitution in one culture or in all of them, and tells which are active', () => {
    expect(
      run(`ra.ActivateResourceSubstitution("SR_CONTACT", "NB-NO", true);
printLine(shown(ra.IsResourceSubstitutionActive(one("SR_CONTACT"), "")));
ra.ActivateResourceSubstitution("SR_CONTACT", "", false);
printLine(shown(ra.IsResourceSubstitutionActive(one("SR_CONTACT"), "NB-NO")));
printLine(shown(ra.GetResourceSubstitutions(none, "", true)));`),
    ).toBe('2: SR_CONTACT/EN-US=Customer+ SR_CONTACT/NB-NO=Kunde+\n1: SR_CONTACT/NB-NO=Kunde-\n0:\n');
  });

  it('keeps the master switch under the blank name, on until switched off, out of the lists', () => {
    expect(
      run(`printLine(shown(ra.IsResourceSubstitutionActive(none, "")));
ra.ActivateResourceSubstitution("", "", false);
printLine(shown(ra.IsResourceSubstitutionActive(none, "")));
printLine(ra.GetResourceSubstitutions(none, "", false).length().toString());
ra.ActivateResourceSubstitution("", "", true);
printLine(shown(ra.IsResourceSubstitutionActive(none, "")));`),
    ).toBe('1: /=+\n1: /=-\n2\n1: /=+\n');
  });

  it('deletes a substitution in one culture, or in all of them', () => {
    expect(
      run(`ra.SetResourceSubstitution("SR_PERSON", "Contact person", "EN-US", true);
ra.DeleteResourceSubstitution("SR_CONTACT", "nb-no");
printLine(shown(ra.GetResourceSubstitutions(none, "", false)));
ra.DeleteResourceSubstitution("SR_CONTACT", "");
printLine(shown(ra.GetResourceSubstitutions(none, "", false)));`),
    ).toBe('2: SR_CONTACT/EN-US=Customer+ SR_PERSON/EN-US=Contact person+\n1: SR_PERSON/EN-US=Contact person+\n');
  });

  it('refuses a substitution without a name or culture, too long, and activating one that does not exist', () => {
    const error = (source: string): string | null => sandbox(source).error;
    expect(error('ra.SetResourceSubstitution("", "x", "EN-US", true);')).toBe('NSResourceAgent.SetResourceSubstitution: no resource name given (such as SR_CONTACT)');
    expect(error('ra.SetResourceSubstitution("SR_X", "x", "", true);')).toBe('NSResourceAgent.SetResourceSubstitution: no culture given for SR_X (such as EN-US or NB-NO)');
    expect(error('ra.SetResourceSubstitution("SR_X", "x", "EN-US-LONGER", true);')).toBe('NSResourceAgent.SetResourceSubstitution: "EN-US-LONGER" is longer than a culture code (9 characters)');
    expect(error('ra.ActivateResourceSubstitution("SR_X", "EN-US", true);')).toBe('NSResourceAgent.ActivateResourceSubstitution: there is no substitution of SR_X in EN-US');
    expect(error('ra.DeleteResourceSubstitution("", "");')).toBe('NSResourceAgent.DeleteResourceSubstitution: no resource name given (such as SR_CONTACT)');
  });
});
