import { describe, it, expect, beforeEach } from 'vitest';
import { structToJson, structFromXMLNode } from '../../../src/interp/stdlib/struct-json.js';
import { CrmJSONBuilder } from '../../../src/interp/stdlib/jsonbuilder.js';
import { xmlGlobals } from '../../../src/interp/stdlib/xml.js';
import { newRunContext, setRunContext, rt } from '../../../src/interp/runtime/context.js';
import { CrmError, type StructClass, type StructMeta } from '../../../src/interp/runtime/values.js';

// Struct classes shaped like the compiler's: field `x` lives in property `f_x`.
function defineStruct(meta: StructMeta, init: () => Record<string, unknown>): StructClass {
  const C = class {
    constructor() {
      Object.assign(this, init());
    }
  } as unknown as StructClass;
  C.__crm = meta;
  rt.structs.set(meta.name, C);
  return C;
}

let Engine: StructClass;
let Truck: StructClass;

beforeEach(() => {
  setRunContext(newRunContext());
  Engine = defineStruct({ name: 'Engine', fields: [{ name: 'hp', type: 'Integer' }, { name: 'fuel', type: 'String' }] }, () => ({ f_hp: 0, f_fuel: '' }));
  Truck = defineStruct(
    {
      name: 'Truck',
      fields: [
        { name: 'name', type: 'String' },
        { name: 'load', type: 'Float' },
        { name: 'active', type: 'Bool' },
        { name: 'engine', type: 'Engine' },
        { name: 'axles', type: 'Integer[]' },
        { name: 'spares', type: 'Engine[]' },
        { name: 'grid', type: 'String[][]' },
        { name: 'when', type: 'Date' },
      ],
    },
    () => ({ f_name: '', f_load: 0, f_active: false, f_engine: new Engine(), f_axles: [], f_spares: [], f_grid: [], f_when: { d: 1 } }),
  );
});

describe('struct toJson', () => {
  it('writes every supported member, nested structs and arrays, skipping others', () => {
    const t = new Truck() as Record<string, any>;
    t.f_name = 'Hauler "X"';
    t.f_load = 1.5;
    t.f_active = true;
    t.f_engine.f_hp = 450;
    t.f_axles.push(2, 3);
    const e = new Engine() as Record<string, any>;
    e.f_hp = 90;
    e.f_fuel = 'diesel';
    t.f_spares.push(e);
    t.f_grid.push(['a', 'b'], []);
    const jb = new CrmJSONBuilder();
    structToJson(t, jb);
    const s = jb.getString();
    expect(s).toBe(
      '{"name": "Hauler \\"X\\"","load": 1.500000,"active": true,"engine": {"hp": 450,"fuel": ""},"axles": [2,3],' +
        '"spares": [{"hp": 90,"fuel": "diesel"}],"grid": [["a","b"],[]]}',
    );
    expect(JSON.parse(s).engine.hp).toBe(450);
  });

  it('a single String member gives {"who": "World"}', () => {
    const Hello = defineStruct({ name: 'Hello', fields: [{ name: 'who', type: 'String' }] }, () => ({ f_who: 'World' }));
    const jb = new CrmJSONBuilder();
    structToJson(new Hello(), jb);
    expect(jb.getString()).toBe('{"who": "World"}');
  });

  it('writes into an array already open in the builder', () => {
    const jb = new CrmJSONBuilder();
    jb.pushArray('');
    structToJson(new Engine(), jb);
    structToJson(new Engine(), jb);
    jb.popLevel();
    expect(jb.getString()).toBe('[{"hp": 0,"fuel": ""},{"hp": 0,"fuel": ""}]');
  });

  it('rejects non-structs and missing builders', () => {
    expect(() => structToJson({}, new CrmJSONBuilder())).toThrow(CrmError);
    expect(() => structToJson(new Engine(), null)).toThrow(/JSONBuilder/);
  });
});

describe('struct fromXMLNode', () => {
  it('reads members from parseJSON output, nested structs and arrays included', () => {
    const t = new Truck() as Record<string, any>;
    const axles = t.f_axles;
    const node = xmlGlobals['parseJSON(String)'](
      JSON.stringify({
        name: 'Loaded',
        load: 2.75,
        active: true,
        engine: { hp: 300, fuel: 'gas' },
        axles: [4, '5', 6.9],
        spares: [{ hp: 1 }, { hp: 2, fuel: 'x' }],
        grid: [['p'], ['q', 'r']],
        when: 'ignored',
        extra: 1,
      }),
    );
    structFromXMLNode(t, node);
    expect(t.f_name).toBe('Loaded');
    expect(t.f_load).toBe(2.75);
    expect(t.f_active).toBe(true);
    expect(t.f_engine.f_hp).toBe(300);
    expect(t.f_engine.f_fuel).toBe('gas');
    expect(t.f_axles).toEqual([4, 5, 6]);
    expect(t.f_axles).toBe(axles); // same array, refilled
    expect(t.f_spares).toHaveLength(2);
    expect(t.f_spares[0]).toBeInstanceOf(Engine);
    expect(t.f_spares[0].f_hp).toBe(1);
    expect(t.f_spares[0].f_fuel).toBe('');
    expect(t.f_spares[1].f_fuel).toBe('x');
    expect(t.f_grid).toEqual([['p'], ['q', 'r']]);
    expect(t.f_when).toEqual({ d: 1 });
  });

  it('reads XML documents and leaves members the node lacks alone', () => {
    const Hello = defineStruct(
      { name: 'Hello', fields: [{ name: 'who', type: 'String' }, { name: 'n', type: 'Integer' }, { name: 'ok', type: 'Bool' }] },
      () => ({ f_who: 'nobody', f_n: 7, f_ok: true }),
    );
    const h = new Hello() as Record<string, any>;
    structFromXMLNode(h, xmlGlobals['parseXML(String)']('<root><who>World</who></root>'));
    expect(h.f_who).toBe('World');
    expect(h.f_n).toBe(7);
    structFromXMLNode(h, xmlGlobals['parseXML(String)']('<root><n>x</n><ok>0</ok></root>'));
    expect(h.f_n).toBe(0);
    expect(h.f_ok).toBe(false);
  });

  it('JSON null keeps the current value', () => {
    const e = new Engine() as Record<string, any>;
    e.f_fuel = 'kept';
    structFromXMLNode(e, xmlGlobals['parseJSON2(String)']('{"fuel": null, "hp": 12}'));
    expect(e.f_fuel).toBe('kept');
    expect(e.f_hp).toBe(12);
  });

  it('toJson output reads back into an equal struct', () => {
    const a = new Truck() as Record<string, any>;
    a.f_name = 'Round\ntrip';
    a.f_load = -3.5;
    a.f_engine.f_hp = 5;
    a.f_axles.push(1);
    const jb = new CrmJSONBuilder();
    structToJson(a, jb);
    const b = new Truck() as Record<string, any>;
    structFromXMLNode(b, xmlGlobals['parseJSON2(String)'](jb.getString()));
    expect(b.f_name).toBe('Round\ntrip');
    expect(b.f_load).toBe(-3.5);
    expect(b.f_engine.f_hp).toBe(5);
    expect(b.f_axles).toEqual([1]);
  });

  it('rejects non-structs and missing nodes', () => {
    expect(() => structFromXMLNode(new Engine(), 'x')).toThrow(/XMLNode/);
    expect(() => structFromXMLNode(null, xmlGlobals['parseXML(String)']('<a/>'))).toThrow(CrmError);
  });
});
