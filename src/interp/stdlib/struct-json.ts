// The built-in struct methods toJson(JSONBuilder) and fromXMLNode(XMLNode), and the arrays' own
// (CRMScript 10.1.4): toJson, toJsonString, fromXMLNode and fromJsonString of a whole array.
//
// They handle fields and elements of type Bool, Float, Integer, Long, String, nested structs, and
// arrays of those; struct fields of other types (Date, Map, ...) are left out, as the docs say JSON
// has no form for them (an array of such elements is a check error). An array's fromXMLNode and
// fromJsonString append the elements read to those it has, as the docs say.
import { CrmError, structMetaOf, type StructMeta, type StructFieldMeta } from '../runtime/values.js';
import { rt } from '../runtime/context.js';
import { CrmJSONBuilder } from './jsonbuilder.js';
import { CrmXMLNode } from './xml-node.js';
import { parseJsonToNode } from './xml-json.js';
import { NULL_LONG, big, wrapLongPrefix, type LongValue } from '../runtime/long.js';

type Obj = Record<string, unknown>;

/**
 * The JS property holding a field. The compiler stores field `x` as `f_x`; a meta entry may also
 * name its property explicitly (`js`), and plain objects use the field name itself.
 */
function fieldKey(obj: Obj, f: StructFieldMeta): string {
  const js = (f as StructFieldMeta & { js?: string }).js;
  if (js) return js;
  const prefixed = 'f_' + f.name;
  return prefixed in obj ? prefixed : f.name;
}

function isArrayType(t: string): boolean {
  return t.endsWith('[]');
}

function elementType(t: string): string {
  return t.slice(0, -2);
}

function baseType(t: string): string {
  return t.replace(/(\[\])+$/, '');
}

const SCALARS = new Set(['Integer', 'Float', 'Bool', 'String', 'Byte', 'Long']);

function supported(t: string): boolean {
  const b = baseType(t);
  return SCALARS.has(b) || rt.structs.has(b);
}

function metaOf(obj: unknown, what: string): StructMeta {
  const meta = structMetaOf(obj);
  if (!meta) throw new CrmError(`${what} can only be used on a struct.`);
  return meta;
}

// ---------------------------------------------------------------------------------------------
// toJson

function writeFields(obj: Obj, meta: StructMeta, jb: CrmJSONBuilder): void {
  for (const f of meta.fields) {
    const v = obj[fieldKey(obj, f)];
    if (!supported(f.type) && !structMetaOf(v)) continue;
    writeValue(jb, f.name, f.type, v);
  }
}

function writeValue(jb: CrmJSONBuilder, key: string, type: string, v: unknown): void {
  if (isArrayType(type)) {
    jb.pushArray(key);
    if (Array.isArray(v)) for (const el of v) writeValue(jb, '', elementType(type), el);
    jb.popLevel();
    return;
  }
  switch (type) {
    case 'Integer':
    case 'Byte':
      jb.addInteger(key, (v as number) ?? 0);
      return;
    case 'Float':
      jb.addFloat(key, (v as number) ?? 0);
      return;
    case 'Long':
      // a JSON number with all its digits (a double would lose those past 2^53)
      jb.addRaw(key, big((v as LongValue) ?? 0).toString());
      return;
    case 'Bool':
      jb.addBoolean(key, v === true);
      return;
    case 'String':
      jb.addString(key, (v as string) ?? '');
      return;
  }
  const meta = structMetaOf(v);
  if (!meta) {
    jb.addRaw(key, 'null');
    return;
  }
  jb.pushObject(key);
  writeFields(v as Obj, meta, jb);
  jb.popLevel();
}

/** struct.toJson(jb): writes the struct as one JSON object into the builder. */
export function structToJson(obj: unknown, jsonBuilder: unknown): void {
  const meta = metaOf(obj, 'toJson');
  if (!(jsonBuilder instanceof CrmJSONBuilder)) throw new CrmError('toJson needs a JSONBuilder.');
  jsonBuilder.pushObject('');
  writeFields(obj as Obj, meta, jsonBuilder);
  jsonBuilder.popLevel();
}

// ---------------------------------------------------------------------------------------------
// fromXMLNode

const SKIP = Symbol('skip');

function toInteger(text: string): number {
  const t = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Math.trunc(Number(t)) | 0;
  const m = /^[+-]?\d+/.exec(t);
  return m ? Number(m[0]) | 0 : 0;
}

function toFloat(text: string): number {
  const m = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.trim());
  return m ? Number(m[0]) : 0;
}

function toBool(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === '' || t === 'false') return false;
  const n = Number(t);
  return !Number.isNaN(n) && n !== 0;
}

function defaultOf(type: string): unknown {
  if (isArrayType(type)) return [];
  switch (type) {
    case 'Integer':
    case 'Byte':
    case 'Float':
      return 0;
    case 'Long':
      return NULL_LONG;
    case 'Bool':
      return false;
    case 'String':
      return '';
  }
  const C = rt.structs.get(type);
  return C ? new C() : null;
}

function readFields(obj: Obj, meta: StructMeta, node: CrmXMLNode): void {
  for (const f of meta.fields) {
    if (!supported(f.type)) continue;
    const child = node.child(f.name);
    if (!child) continue; // members the node lacks keep their values
    const key = fieldKey(obj, f);
    const v = readValue(f.type, child, obj[key]);
    if (v !== SKIP) obj[key] = v;
  }
}

function readValue(type: string, node: CrmXMLNode, current: unknown): unknown {
  if (node.params.get('type') === 'null') return SKIP;
  if (isArrayType(type)) {
    const et = elementType(type);
    const values = node.children.map((c) => {
      const v = readValue(et, c, undefined);
      return v === SKIP ? defaultOf(et) : v;
    });
    // fill the existing array so other references to it see the new contents
    const arr = Array.isArray(current) ? current : [];
    arr.length = 0;
    for (const v of values) arr.push(v);
    return arr;
  }
  switch (type) {
    case 'Integer':
      return toInteger(node.text);
    case 'Byte':
      return toInteger(node.text) & 0xff;
    case 'Long':
      return wrapLongPrefix(node.text);
    case 'Float':
      return toFloat(node.text);
    case 'Bool':
      return toBool(node.text);
    case 'String':
      return node.text;
  }
  const C = rt.structs.get(type);
  if (!C) return SKIP;
  const existing = structMetaOf(current);
  const inst = existing && existing.name === type ? (current as Obj) : new C();
  readFields(inst, C.__crm, node);
  return inst;
}

/** struct.fromXMLNode(node): sets each member from the child node of the same name. */
export function structFromXMLNode(obj: unknown, node: unknown): void {
  const meta = metaOf(obj, 'fromXMLNode');
  if (!(node instanceof CrmXMLNode)) throw new CrmError('fromXMLNode needs an XMLNode.');
  readFields(obj as Obj, meta, node);
}

/** struct.toJsonString(): the struct as JSON text, as toJson writes it into a new JSONBuilder. */
export function structToJsonString(obj: unknown): string {
  metaOf(obj, 'toJsonString');
  const jb = new CrmJSONBuilder();
  structToJson(obj, jb);
  return jb.getString();
}

/** struct.fromJsonString(json): sets the members from JSON text, as fromXMLNode(parseJSON(json)) does. */
export function structFromJsonString(obj: unknown, json: string): void {
  metaOf(obj, 'fromJsonString');
  structFromXMLNode(obj, parseJsonToNode(json, 'fromJsonString', true));
}

// ---------------------------------------------------------------------------------------------
// arrays: `type` is the array's own type ('String[]', 'Point[][]', ...)

/** array.toJson(jb): writes the array as one JSON array into the builder. */
export function arrayToJson(arr: unknown[], type: string, jsonBuilder: unknown): void {
  if (!(jsonBuilder instanceof CrmJSONBuilder)) throw new CrmError('toJson needs a JSONBuilder.');
  writeValue(jsonBuilder, '', type, arr);
}

/** array.toJsonString(): the array as JSON text. */
export function arrayToJsonString(arr: unknown[], type: string): string {
  const jb = new CrmJSONBuilder();
  arrayToJson(arr, type, jb);
  return jb.getString();
}

/** array.fromXMLNode(node): appends an element read from each child node. */
export function arrayFromXMLNode(arr: unknown[], type: string, node: unknown): void {
  if (!(node instanceof CrmXMLNode)) throw new CrmError('fromXMLNode needs an XMLNode.');
  const et = elementType(type);
  for (const c of node.children) {
    const v = readValue(et, c, undefined);
    arr.push(v === SKIP ? defaultOf(et) : v);
  }
}

/** array.fromJsonString(json): appends the elements of a JSON array, as fromXMLNode(parseJSON(json)) does. */
export function arrayFromJsonString(arr: unknown[], type: string, json: string): void {
  arrayFromXMLNode(arr, type, parseJsonToNode(json, 'fromJsonString', true));
}
