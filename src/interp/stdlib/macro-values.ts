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

type P = CrmMacroParameter;

export const MacroParameterClass: NativeClass = {
  name: 'MacroParameter',
  defaultValue: () => new CrmMacroParameter(),
  ctors: {
    '()': () => new CrmMacroParameter(),
    '(String,String,Map,String,String,Bool)': (n: string, t: string, c: CrmMap, l: string, d: string, o: boolean) => parameter(n, t, c, l, d, o),
    '(String,String,Map,String,String,Bool,String,Bool)': (n: string, t: string, c: CrmMap, l: string, d: string, o: boolean, v: string, f: boolean) => parameter(n, t, c, l, d, o, v, f),
  },
  methods: {
    'getName()': (p: P) => p.name,
    'setName(String)': (p: P, v: string) => void (p.name = v),
    'getType()': (p: P) => p.type,
    'setType(String)': (p: P, v: string) => void (p.type = v),
    'getControlConfig()': (p: P) => mapOf(p.controlConfig),
    'setControlConfig(Map)': (p: P, m: CrmMap) => void (p.controlConfig = entriesOf(m)),
    'getLabel()': (p: P) => p.label,
    'setLabel(String)': (p: P, v: string) => void (p.label = v),
    'getDescription()': (p: P) => p.description,
    'setDescription(String)': (p: P, v: string) => void (p.description = v),
    'getIsOptional()': (p: P) => p.isOptional,
    'setIsOptional(Bool)': (p: P, v: boolean) => void (p.isOptional = v),
    'getValue()': (p: P) => p.value,
    'setValue(String)': (p: P, v: string) => void (p.value = v),
    'getIsFixedValue()': (p: P) => p.isFixedValue,
    'setIsFixedValue(Bool)': (p: P, v: boolean) => void (p.isFixedValue = v),
    'getSourcePath()': (p: P) => p.sourcePath,
    'setSourcePath(String)': (p: P, v: string) => void (p.sourcePath = v),
  },
};

type R = CrmMacroReturnValue;

export const MacroReturnValueClass: NativeClass = {
  name: 'MacroReturnValue',
  defaultValue: () => new CrmMacroReturnValue(),
  ctors: {
    '()': () => new CrmMacroReturnValue(),
    '(String,String)': (name: string, description: string) => Object.assign(new CrmMacroReturnValue(), { name, description }),
  },
  methods: {
    'getName()': (r: R) => r.name,
    'setName(String)': (r: R, v: string) => void (r.name = v),
    'getDescription()': (r: R) => r.description,
    'setDescription(String)': (r: R, v: string) => void (r.description = v),
  },
};
