// GetCustomFields / SetCustomFields of the entities with user-defined and extra fields: one Map
// of both, the extra fields being the x_ keys (with their x_name:DisplayText), the rest the
// user-defined fields. Setting splits the Map into the two (replacing what each held).
import type { NativeFn } from '../registry.js';
import { CrmMap } from '../map.js';
import type { NSObject } from './object.js';

const CUSTOM_ENTITIES = new Set(['NSContactEntity', 'NSPersonEntity', 'NSProjectEntity', 'NSSaleEntity', 'NSAppointmentEntity', 'NSDocumentEntity']);

const isExtraKey = (key: string): boolean => key.toLowerCase().startsWith('x_');

function copyInto(to: CrmMap, from: unknown): void {
  if (from instanceof CrmMap) for (const [k, v] of from.data) to.put(k, v);
}

/** The custom-field methods of an entity class, or none for other classes. */
export function customFieldMethods(cls: string): Record<string, NativeFn> {
  if (!CUSTOM_ENTITIES.has(cls)) return {};
  return {
    'GetCustomFields()': (self: NSObject) => {
      const m = new CrmMap();
      copyInto(m, self.f.UserDefinedFields);
      copyInto(m, self.f.ExtraFields);
      return m;
    },
    'SetCustomFields(Map)': (self: NSObject, m: unknown) => {
      const udefs = new CrmMap();
      const extras = new CrmMap();
      if (m instanceof CrmMap) for (const [k, v] of m.data) (isExtraKey(k) ? extras : udefs).put(k, v);
      self.f.UserDefinedFields = udefs;
      self.f.ExtraFields = extras;
    },
  };
}
