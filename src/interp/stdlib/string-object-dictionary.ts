// StringObjectDictionary (newer than ../shared's reference; declared in SuperOffice's language-service
// definitions): a key → value store whose values keep their type (Integer, Float, String, Bool,
// DateTime). Inserting a key again replaces its value. Reading a key that is not there gives the
// type's empty value (0, "", false, the null DateTime); reading it as another type than it holds
// is an error that says which type it holds.
import type { NativeClass } from './registry.js';
import { CrmError, NULL_STRING } from '../runtime/values.js';
import { charge } from '../runtime/memory.js';
import { DateTimeClass } from './datetime.js';
import { withArticle } from '../util/plural.js';

type Kind = 'Integer' | 'Float' | 'String' | 'Bool' | 'DateTime';

export class CrmStringObjectDictionary {
  readonly data = new Map<string, { kind: Kind; value: unknown }>();
}

type D = CrmStringObjectDictionary;

const EMPTY: Record<Kind, () => unknown> = {
  Integer: () => 0,
  Float: () => 0,
  String: () => NULL_STRING,
  Bool: () => false,
  DateTime: () => DateTimeClass.ctors!['(String)'](''),
};

const methods: Record<string, (...a: never[]) => unknown> = {};
for (const kind of Object.keys(EMPTY) as Kind[]) {
  methods[`insert${kind}(String,${kind})`] = (self: D, key: string, value: unknown) => {
    const k = String(key);
    if (!self.data.has(k)) charge(64 + 2 * k.length + (typeof value === 'string' ? 2 * value.length : 16));
    self.data.set(k, { kind, value });
  };
  methods[`get${kind}(String)`] = (self: D, key: string) => {
    const e = self.data.get(String(key));
    if (!e) return EMPTY[kind]();
    if (e.kind !== kind) throw new CrmError(`StringObjectDictionary.get${kind}: "${String(key)}" holds ${withArticle(e.kind)}`);
    return e.value;
  };
}

export const StringObjectDictionaryClass: NativeClass = {
  name: 'StringObjectDictionary',
  defaultValue: () => new CrmStringObjectDictionary(),
  ctors: { '()': () => new CrmStringObjectDictionary() },
  methods,
  extraSignatures: (Object.keys(EMPTY) as Kind[]).flatMap((k) => [`Void insert${k}(String key, ${k} value)`, `${k} get${k}(String key)`]),
};
