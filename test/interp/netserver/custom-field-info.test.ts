// NSUserDefinedFieldInfoAgent's custom field descriptions (GetCustomFieldInfo, GetCustomFieldInfoList)
// over the demo's user-defined fields (7 of companies, 7 of persons; progIds SuperOffice:1, ...)
// and the extra table y_equipment (its x_ columns, described in extra_fields), and the field type
// changes of the layout being edited (ChangeFieldType, DetectColumnIdChanges). CRMScript programs
// on a sandbox CRM with its demo data (SQLite in a temporary directory; every run rolls back).
import { describe, it, expect } from 'vitest';
import { sandboxCrm } from './sandbox-run.js';
import { ok } from './backend-runs.js';

const sandbox = sandboxCrm('crms-customfields-');

const PRELUDE = `
NSUserDefinedFieldInfoAgent a;
String line(NSFieldInfoBase f) {
  return f.GetFieldName() + "|" + f.GetDisplayName() + "|" + f.GetFieldType().toString() + "|" + f.GetRank().toString() + "|" + f.GetIsIndexed().toString() + "|" + f.GetIsReadOnly().toString() + "|" + f.GetDescription();
}
String field(NSUserDefinedFieldInfo i) { return i.GetColumnId().toString() + " " + i.GetFieldType().toString() + " " + i.GetTextLength().toString() + " " + i.GetIsIndexed().toString(); }
`;
const run = (source: string): string => ok(sandbox(PRELUDE + source));

describe('NSUserDefinedFieldInfoAgent custom field descriptions', () => {
  it("lists a table's user-defined fields by tab order, FieldType as FieldMetadataType", () => {
    expect(run('foreach (NSFieldInfoBase f in a.GetCustomFieldInfoList("contact", false)) printLine(line(f));')).toBe(
      [
        'SuperOffice:1|Employees|3|1|true|false|How many people work there',
        'SuperOffice:2|Customer since|6|2|true|false|When the first order came',
        'SuperOffice:3|Account code|1|3|true|false|The code in the accounting system',
        'SuperOffice:4|Delivery notes|1|4|true|false|What the courier should know',
        'SuperOffice:5|Key account|0|5|true|false|A customer the key account team looks after',
        'SuperOffice:6|Lead source|5|6|true|false|How the customer found us',
        'SuperOffice:7|Credit limit|4|7|true|false|In the base currency',
        '',
      ].join('\n'),
    );
  });

  it("lists an extra table's x_ fields as extra_fields describes them, with its own columns first when asked", () => {
    expect(run('foreach (NSFieldInfoBase f in a.GetCustomFieldInfoList("y_equipment", true)) printLine(line(f));')).toBe(
      ['id|id|3|1|false|true|', 'x_name|Name|1|1|false|false|', 'x_serial|Serial number|1|2|false|false|', 'x_contact|Company|3|3|false|false|', 'x_purchased|Purchased|6|4|false|false|', ''].join('\n'),
    );
    expect(run('printLine(a.GetCustomFieldInfoList("y_equipment", false).length().toString() + " " + a.GetCustomFieldInfoList("ticket", false).length().toString());')).toBe('4 0\n');
  });

  it('finds one field by progId or column name, and says when there is none', () => {
    expect(run('printLine(line(a.GetCustomFieldInfo("person", "SuperOffice:3"))); printLine(line(a.GetCustomFieldInfo("y_equipment", "X_SERIAL")));')).toBe(
      'SuperOffice:3|Certified|0|3|true|false|Passed the product certification\nx_serial|Serial number|1|2|false|false|\n',
    );
    expect(sandbox(PRELUDE + 'a.GetCustomFieldInfo("contact", "SuperOffice:99");').error).toBe(
      'NSUserDefinedFieldInfoAgent.GetCustomFieldInfo: the table contact has no custom field "SuperOffice:99" (a user-defined field\'s progId, "SuperOffice:1", or an extra field\'s x_ column)',
    );
    expect(sandbox(PRELUDE + 'a.GetCustomFieldInfoList("nosuch", true);').error).toBe('NSUserDefinedFieldInfoAgent.GetCustomFieldInfoList: the sandbox CRM has no table "nosuch"');
  });
});

describe('NSUserDefinedFieldInfoAgent field type changes', () => {
  it('moves a field to a free column of its new kind, keeps the column when the kind stays, and leaves the layout alone until saved', () => {
    expect(
      run(`NSUserDefinedFieldInfo i = a.GetUserDefinedFieldFromProgId("SuperOffice:3", 7);
printLine(field(i));
printLine(field(a.ChangeFieldType(i, 3, false)));
printLine(field(a.ChangeFieldType(i, 5, true)));
printLine(field(a.ChangeFieldType(i, 8, false)));
printLine(field(a.GetUserDefinedFieldFromProgId("SuperOffice:3", 7)) + " " + a.DetectColumnIdChanges(7).toString());`),
    ).toBe(
      // Account code: string column 61 of udcontactSmall (35 * 256 + 61); long text goes to udcontactLarge (36 * 256 + 2, after
      // Delivery notes), an unlimited date stays in a string column, a decimal takes double02 (Credit limit has double01)
      '9021 2 39 true\n9218 3 39 false\n9021 5 0 true\n9062 8 0 false\n9021 2 39 true false\n',
    );
  });

  it('detects a saved change of value column against the published layout', () => {
    expect(
      run(`NSUserDefinedFieldInfo i = a.GetUserDefinedFieldFromProgId("SuperOffice:3", 7);
a.SaveUserDefinedFieldInfo(a.ChangeFieldType(i, 3, false));
printLine(a.DetectColumnIdChanges(7).toString() + " " + a.DetectColumnIdChanges(8).toString() + " " + a.DetectUnpublishedChanges(7).toString());
a.SetPublishStartSystemEvent(7);
a.Publish(7);
printLine(a.DetectColumnIdChanges(7).toString());`),
    ).toBe('true false true\nfalse\n');
  });

  it('refuses what is not a field type', () => {
    expect(sandbox(PRELUDE + 'a.ChangeFieldType(a.GetUserDefinedFieldFromProgId("SuperOffice:3", 7), 9, false);').error).toBe('NSUserDefinedFieldInfoAgent.ChangeFieldType: 9 is not a field type (UDefFieldType 1 to 8)');
  });
});
