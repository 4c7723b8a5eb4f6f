// MacroParameter and MacroReturnValue: how a script describes the parameters a macro action takes
// (name, control type and its configuration, label, help, optional, a fixed value or one read
// from elsewhere, the source path) and the values it gives back (name, description). In
// SuperOffice they describe actions that scripts add to the macro editor. This product's macro
// actions are its own catalog (src/macros/actions.ts), so these are the values alone: a script can
// build, read and change them, and nothing in the product reads them.
import type { NativeClass } from './registry.js';
import { mapOf, type CrmMap } from './map.js';

export class CrmMacroParameter {
  name = '';
  type = '';
  controlConfig: [string, string][] = [];
  label = '';
  description = '';
  isOptional = false;
  value = '';
  isFixedValue = false;
  sourcePath = '';
}

export class CrmMacroReturnValue {
  name = '';
  description = '';
}

/** A Map's entries in its order (kept as a copy: the script's Map can change later). */
const entriesOf = (m: CrmMap): [string, string][] => [...m.data.entries()];

function parameter(name: string, type: string, config: CrmMap, label: string, description: string, isOptional: boolean, value = '', isFixed = false): CrmMacroParameter {
  const p = new CrmMacroParameter();
  Object.assign(p, { name, type, controlConfig: entriesOf(config), label, description, isOptional, value, isFixedValue: isFixed });
  return p;
}

/** get<Name>()/set<Name>(<Type>) for each field: [member name, field, CRMScript type]. */
function accessors<T extends object>(fields: [string, keyof T & string, string][]): NonNullable<NativeClass['methods']> {
  const out: NonNullable<NativeClass['methods']> = {};
  for (const [member, field, type] of fields) {
    out[`get${member}()`] = (self: T) => self[field];
    out[`set${member}(${type})`] = (self: T, v: unknown) => void ((self as Record<string, unknown>)[field] = v);
  }
  return out;
}

export const MacroParameterClass: NativeClass = {
  name: 'MacroParameter',
  defaultValue: () => new CrmMacroParameter(),
  ctors: {
    '()': () => new CrmMacroParameter(),
    '(String,String,Map,String,String,Bool)': (n: string, t: string, c: CrmMap, l: string, d: string, o: boolean) => parameter(n, t, c, l, d, o),
    '(String,String,Map,String,String,Bool,String,Bool)': (n: string, t: string, c: CrmMap, l: string, d: string, o: boolean, v: string, f: boolean) => parameter(n, t, c, l, d, o, v, f),
  },
  methods: {
    ...accessors<CrmMacroParameter>([
      ['Name', 'name', 'String'],
      ['Type', 'type', 'String'],
      ['Label', 'label', 'String'],
      ['Description', 'description', 'String'],
      ['IsOptional', 'isOptional', 'Bool'],
      ['Value', 'value', 'String'],
      ['IsFixedValue', 'isFixedValue', 'Bool'],
      ['SourcePath', 'sourcePath', 'String'],
    ]),
    'getControlConfig()': (p: CrmMacroParameter) => mapOf(p.controlConfig),
    'setControlConfig(Map)': (p: CrmMacroParameter, m: CrmMap) => void (p.controlConfig = entriesOf(m)),
  },
};

export const MacroReturnValueClass: NativeClass = {
  name: 'MacroReturnValue',
  defaultValue: () => new CrmMacroReturnValue(),
  ctors: {
    '()': () => new CrmMacroReturnValue(),
    '(String,String)': (name: string, description: string) => Object.assign(new CrmMacroReturnValue(), { name, description }),
  },
  methods: accessors<CrmMacroReturnValue>([
    ['Name', 'name', 'String'],
    ['Description', 'description', 'String'],
  ]),
};
