// NetServer entities, carriers and list items: derived from the API catalog, every Get…/Set…
// pair holds a value of its declared type, nested carriers and arrays included.
import { describe, it, expect } from 'vitest';
import { catalog as catalogOf } from '../../../src/interp/catalog.js';
import { natives } from '../../../src/interp/stdlib/index.js';
import { NSObject } from '../../../src/interp/stdlib/netserver/index.js';
import { CrmMap } from '../../../src/interp/stdlib/map.js';
import { CrmStream } from '../../../src/interp/stdlib/nsstream.js';
import { CrmDateTime, CrmTimeSpan, makeDateTime, timeSpanOfTotal } from '../../../src/interp/stdlib/time/values.js';
import { runScript } from '../../helpers.js';

const catalog = () => catalogOf(natives);
const nsValueClasses = [...catalog().values()].filter((c) => c.kind === 'Class' && /^NS[A-Z]/.test(c.name) && c.name !== 'NSStream' && !c.name.endsWith('Agent'));

/** A value of a declared type, different from that type's default. */
function sample(type: string): unknown {
  if (type.endsWith('[]')) return [sample(type.slice(0, -2))];
  switch (type) {
    case 'Integer':
      return 42;
    case 'Float':
      return 2.5;
    case 'Bool':
      return true;
    case 'String':
      return 'text';
    case 'DateTime':
      return makeDateTime(2024, 5, 17, 10, 30, 0);
    case 'TimeSpan':
      return timeSpanOfTotal(90);
    case 'Map': {
      const m = new CrmMap();
      m.insert('k', 'v');
      return m;
    }
    case 'Byte':
      return 7;
  }
  return new NSObject(type);
}

function isOfType(v: unknown, type: string): boolean {
  if (type.endsWith('[]')) return Array.isArray(v);
  switch (type) {
    case 'Integer':
    case 'Float':
    case 'Byte':
      return typeof v === 'number';
    case 'Bool':
      return typeof v === 'boolean';
    case 'String':
      return typeof v === 'string';
    case 'DateTime':
      return v instanceof CrmDateTime;
    case 'TimeSpan':
      return v instanceof CrmTimeSpan;
    case 'Map':
      return v instanceof CrmMap;
    case 'NSStream':
      return v instanceof CrmStream;
  }
  if (catalog().get(type)?.kind === 'Class') return v instanceof NSObject && v.cls === type;
  return v === null; // a type the catalog lacks (NSBinary) has no value
}

describe('NetServer value classes derived from the catalog', () => {
  it('covers the catalog', () => {
    expect(nsValueClasses.length).toBeGreaterThan(300);
  });

  it('is built only when a class is first used', () => {
    const c = catalog().get('NSWebhook')!;
    const d = Object.getOwnPropertyDescriptor(c, 'native')!;
    expect(typeof d.get === 'function' || d.value !== undefined).toBe(true);
    expect(c.native?.name).toBe('NSWebhook');
    expect(Object.getOwnPropertyDescriptor(c, 'native')!.get).toBeUndefined();
  });

  it.each(nsValueClasses.map((c) => [c.name]))('%s: defaults of the declared types, setters and getters agree', (name) => {
    const cls = catalog().get(name)!;
    const native = cls.native!;
    const o = native.ctors!['()']() as NSObject;
    expect(native.defaultValue!()).toBeInstanceOf(NSObject);
    for (const [m, sigs] of cls.methods) {
      if (!m.startsWith('Get')) continue;
      for (const s of sigs) {
        if (s.params.length) continue;
        const v = native.methods![s.key](o);
        expect(isOfType(v, s.returns), `${name}.${s.key} returned ${String(v)}`).toBe(true);
        const setter = cls.methods.get('Set' + m.slice(3))?.find((x) => x.params[0] === s.returns);
        if (!setter) continue;
        const want = sample(s.returns);
        native.methods![setter.key](o, want);
        expect(native.methods![s.key](o)).toBe(want);
      }
    }
  });
});

describe('NetServer values in scripts', () => {
  it('holds nested carriers, arrays, maps and defaults', () => {
    const r = runScript(`
NSContactEntity c;
printLine("[" + c.GetName() + "] " + c.GetContactId().toString() + " " + c.GetXstop().toString() + " " + c.GetCreatedDate().isNull().toString());
c.SetName("Acme");
NSAssociate a;
a.SetName("SAL");
c.SetAssociate(a);
c.GetCategory().SetValue("VIP");
NSEntityElement e;
e.SetValue("x@acme.com");
NSEntityElement[] emails;
emails.pushBack(e);
c.SetEmails(emails);
Map m = c.GetCustomFields();
m.insert("k", "v");
printLine(c.GetName() + " " + c.GetAssociate().GetName() + " " + c.GetCategory().GetValue() + " " + c.GetEmails()[0].GetValue() + " " + c.GetCustomFields().get("k"));
NSContactEntity d = NSContactEntity();
printLine("[" + d.GetName() + "] " + d.GetEmails().length().toString());
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).toBe('[] 0 false true\nAcme SAL VIP x@acme.com v\n[] 0\n');
  });

  it('SetAddress takes the NSAddress GetAddress returns as well as the reference\'s NSLocalizedField[][]', () => {
    const r = runScript(`
NSLocalizedField f;
f.SetName("city");
f.SetValue("Oslo");
NSLocalizedField[] line;
line.pushBack(f);
NSLocalizedField[][] rows;
rows.pushBack(line);
NSContactEntity c;
c.SetAddress(rows);
NSPersonEntity p;
p.SetAddress(c.GetAddress());
printLine(p.GetAddress().GetLocalizedAddress()[0][0].GetValue());
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).toBe('Oslo\n');
  });

  it('accepts the spellings the reference garbles (SetCategory for SSetCategory) and enum-typed members as Integer', () => {
    const r = runScript(`
NSContactEntity c;
NSCategory cat;
cat.SetValue("A");
c.SetCategory(cat);
NSAppointment ap;
ap.SetPrivate(2);
Integer p = ap.GetPrivate();
printLine(c.GetCategory().GetValue() + p.toString());
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('A2\n');
  });

  it('a variable declared with an enum\'s name holds an Integer, as the members typed with it do', () => {
    const r = runScript(`
AppointmentPrivate p = AppointmentPrivate.PrivateUser;
NSAppointment ap;
ap.SetPrivate(p);
AppointmentPrivate back = ap.GetPrivate();
AppointmentPrivate[] all;
all.pushBack(back);
all.pushBack(AppointmentPrivate.Public);
Integer[] numbers = all;
printLine(back.toString() + " " + numbers.length().toString() + " " + (back == AppointmentPrivate.PrivateUser).toString());
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toMatch(/^\d+ 2 true\n$/);
  });

  it('takes the type names of the reference\'s generated examples: a carrier without NS, an enum with it', () => {
    const r = runScript(`
ParticipantInfo participant;
participant.SetAssociateId(7);
NSParticipantInfo same = participant;
NSDocumentTemplate t;
NSDocTmplType recordType = t.GetRecordType();
Integer n = recordType;
printLine(same.GetAssociateId().toString() + " " + n.toString());
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('7 0\n');
  });

  it('an agent method with no sandbox meaning names itself', () => {
    const r = runScript('NSLicenseAgent a;\na.GetLicenseFromDB("x");');
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBe('NSLicenseAgent.GetLicenseFromDB is not available in crmscript-tui');
  });
});
