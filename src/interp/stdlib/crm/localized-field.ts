// LocalizedField: one field of a formatted address as the native classes name it. Company's
// getFormattedAddress() gives its rows, which the API declares NetServer's NSLocalizedField[][] and
// SuperOffice's own LocalizedField example keeps in a LocalizedField[][]; both names are one value
// (type-rules.ts lets them assign to each other), an NSLocalizedField carrier (netserver/object.ts).
import type { NativeClass, NativeFn } from '../registry.js';
import { NSObject, getProp, nsObject } from '../netserver/object.js';

const CARRIER = 'NSLocalizedField';
const noNested = (): boolean => false;

function read(prop: string): NativeFn {
  return (self: NSObject) => String(getProp(self, prop, 'String', noNested) ?? '');
}

function write(prop: string): NativeFn {
  return (self: NSObject, value: string) => {
    self.f[prop] = value;
  };
}

export const LocalizedFieldClass: NativeClass = {
  name: 'LocalizedField',
  defaultValue: () => nsObject(CARRIER),
  ctors: { '()': () => nsObject(CARRIER) },
  methods: {
    'getAddressType()': read('AddressType'),
    'getLabel()': read('Label'),
    'getName()': read('Name'),
    'getTooltip()': read('Tooltip'),
    'getValue()': read('Value'),
    // a String here, where NSLocalizedField's GetValueLength is an Integer
    'getValueLength()': (self: NSObject) => String(getProp(self, 'ValueLength', 'Integer', noNested) ?? 0),
    'setName(String)': write('Name'),
    'setTooltip(String)': write('Tooltip'),
    'setValue(String)': write('Value'),
  },
};
