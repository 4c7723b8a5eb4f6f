// Global functions (the catalog's Void class) that need no CRM database, web request, parser or
// SuperOffice services.
import { CrmStream } from './nsstream.js';
import { hostChildProcess, hostCrypto } from '../util/lazy-builtins.js';
import type { NativeGlobals } from './registry.js';
import { AssertFailure, CrmError, orNullString } from '../runtime/values.js';
import { blocking, rt } from '../runtime/context.js';
import { decodeBytes, encodeBase32 } from './string-encoding.js';
import { binaryChars } from '../util/output-bytes.js';
import { extractHtmlBody, extractHtmlHead, htmlDecode } from './string-markup.js';
import { mapOf } from './map.js';
import { SESSION_VARIABLES } from './crm-natives.js';
import { VectorClass } from './vector.js';
import { shared } from './run-shared.js';

/**
 * Thrown by exitWithMessage to end the run early. It is not a CrmError, so script try/catch does
 * not catch it; the executor treats it as a normal end of the run.
 */
export class ExitRequest extends Error {
  constructor(public readonly exitMessage: string) {
    super(exitMessage);
    this.name = 'ExitRequest';
  }
}

/** setSessionVariable: an empty name stores the value under the next free number, which it returns. */
function setSession(name: string, value: string): string {
  const session = shared().session;
  let key = name.valueOf();
  if (key === '') for (let n = 1; session.has((key = String(n))); n++);
  session.set(key, value.valueOf());
  return key;
}

function requireRunProgram(fn: string): void {
  if (!rt.features.runProgram) {
    throw new CrmError(
      `${fn} is disabled: scripts may not reach the host system. Enable it with --allow-run-program.`,
    );
  }
}

function runProgram(command: string, codePage: string): string {
  requireRunProgram('runProgram');
  const r = blocking(() => hostChildProcess().spawnSync(command, { shell: true, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }));
  if (r.error) throw new CrmError(`runProgram could not start "${command}": ${r.error.message}`);
  return decodeBytes(Array.from(r.stdout ?? []), codePage);
}

function sleepSeconds(seconds: number): void {
  const ms = Math.max(0, Math.min(seconds * 1000, 2 ** 31 - 1));
  if (!(ms > 0)) return;
  blocking(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms));
}

const DEFAULT_PASSWORD_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function makePassword(length: number, seed: string): string {
  const chars = seed.length === 0 ? DEFAULT_PASSWORD_CHARS : seed;
  let out = '';
  for (let i = 0; i < length; i++) out += chars[hostCrypto().randomInt(chars.length)];
  return out;
}

function encodeBase64(bytes: readonly number[], wrapLines: boolean): string {
  const b64 = Buffer.from(Uint8Array.from(bytes, (b) => b & 0xff)).toString('base64');
  if (!wrapLines) return b64;
  // MIME line length.
  return b64.replace(/(.{76})(?=.)/g, '$1\r\n');
}

function decodeBase64(s: string): number[] {
  return Array.from(Buffer.from(s.replace(/\s+/g, ''), 'base64'));
}

const hex = (algo: string, value: string) => hostCrypto().createHash(algo).update(value, 'utf8').digest('hex');
/**
 * A key made from bytes (String(Byte[]), as SuperOffice's JWT library does with a decoded key)
 * holds one character per byte: it is used as those bytes. Other keys are UTF-8.
 */
const keyBytes = (key: string): Buffer => Buffer.from(key, /^[\0-\xff]*$/.test(key) ? 'latin1' : 'utf8');
const hmac = (algo: string, key: string, value: string) => hostCrypto().createHmac(algo, keyBytes(key)).update(value, 'utf8').digest();

function describe(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

function assertEquals(a: unknown, b: unknown): void {
  if (a !== b) throw new AssertFailure('assertEquals failed', `${describe(a)} is not equal to ${describe(b)}.`);
}

// Language ids as SuperOffice numbers them, with ISO 639-1 codes.
const LANGUAGES: Array<[string, string[]]> = [
  ['no', ['nb', 'nn', 'nor']],
  ['en', ['us', 'gb', 'uk', 'eng']],
  ['de', ['ge', 'ger', 'deu']],
  ['sv', ['sw', 'se', 'swe']],
  ['da', ['dk', 'dan']],
  ['nl', ['du', 'dut', 'nld']],
  ['fr', ['fra', 'fre']],
  ['es', ['sp', 'spa']],
  ['it', ['ita']],
  ['cs', ['cz', 'ces', 'cze']],
  ['fi', ['fin']],
  ['pl', ['pol']],
];

function langToId(code: string): number {
  const c = code.trim().toLowerCase().split(/[-_]/)[0];
  const i = LANGUAGES.findIndex(([iso, aliases]) => iso === c || aliases.includes(c));
  // The API: no match gives 0 (Norwegian).
  return i < 0 ? 0 : i;
}

const BLOCK_TAGS = /^(p|div|br|li|tr|h[1-6]|ul|ol|table|blockquote|pre|hr|dt|dd|section|article|header|footer)$/i;

/** HTML to plain text: drops tags, scripts and styles, keeps line structure, decodes entities. */
export function htmlToText(html: string): string {
  let s = html.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  s = s.replace(/\s+/g, ' ');
  s = s.replace(/<\/?([A-Za-z][A-Za-z0-9]*)\b[^>]*>/g, (tag, name: string) => {
    if (/^li$/i.test(name)) return tag.startsWith('</') ? '' : '\n- ';
    if (/^(td|th)$/i.test(name) && tag.startsWith('</')) return '\t';
    return BLOCK_TAGS.test(name) ? '\n' : '';
  });
  s = htmlDecode(s).replace(/\u00a0/g, ' ');
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/g, '').replace(/^ +/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "[I:23]" → "23": strips the type prefix of a NetServer archive value. */
function decodeDbValue(v: string): string {
  const m = /^\[([A-Za-z]+):([\s\S]*)\]$/.exec(v.trim());
  return m ? m[2] : v;
}

function combineHtml(docs: string[]): string {
  if (docs.length === 0) return '';
  const title = /<title\b[^>]*>[\s\S]*?<\/title\s*>/i.exec(extractHtmlHead(docs[0], false))?.[0] ?? '';
  const head = title + docs.map((d) => extractHtmlHead(d, true)).join('');
  const body = docs.map((d, i) => extractHtmlBody(d, i > 0)).join('');
  return `<html><head>${head}</head><body>${body}</body></html>`;
}

function vectorStrings(v: unknown): string[] {
  const toArr = VectorClass.methods?.['toStringArray()'];
  if (!toArr) throw new CrmError('Vector.toStringArray is not available.');
  return toArr(v) as string[];
}

// Fixed key for simpleTwoWay: XOR is its own inverse, so applying it twice restores the data.
// (The product's algorithm is not published; data encrypted there will not decrypt here.)
const TWO_WAY_KEY = Buffer.from('crmscript-tui/simpleTwoWay', 'utf8');

function isValidPhoneNumber(nr: string, isMultiple: boolean): boolean {
  const one = (p: string) => {
    const t = p.trim();
    return /^\+?[0-9 ()./-]+$/.test(t) && (t.match(/[0-9]/g) ?? []).length >= 3;
  };
  return isMultiple ? nr.split(',').every(one) : one(nr);
}

/**
 * The variables SuperOffice's session gives every script about the user it runs for, when the run
 * was not given a value of its own (a trigger's `activeUser` input, --var): `activeUser` (the
 * ejuser id), `activeUsername` (the login name) and `activeAssociateId`.
 */
function sessionVariable(name: string): string | undefined {
  if (!SESSION_VARIABLES.includes(name)) return undefined;
  // a run readies the CRM when its program names one of these (stdlib/crm-natives.ts)
  if (!rt.crm || rt.crmReady === false) return undefined;
  const a = rt.crm.actor();
  if (name === 'activeUsername') return a.loginName;
  const id = name === 'activeUser' ? a.userId : a.associateId;
  return id ? String(id) : undefined;
}

const TICKET_BASE_STATUS: Record<number, string> = { 1: 'Active', 2: 'Closed', 3: 'Postponed', 4: 'Deleted', 5: 'Merged' };

export const globalFunctions: NativeGlobals = {
  // NetServer's caches: the sandbox keeps none, so there is nothing to flush
  'flushCaches()': () => undefined,
  // ---- output and logging ----
  'print(String)': (s: string) => rt.out(s),
  'printLine(String)': (s: string) => rt.out(s + '\n'),
  // bytes, not text: see util/output-bytes.ts
  'printBinary(Byte[])': (b: number[]) => rt.out(binaryChars(b)),
  'printBinary(NSStream)': (s: CrmStream) => rt.out(binaryChars(s.bytes)),
  'log(String)': (s: string) => rt.log(s),
  'logMessage(String)': (s: string) => rt.log(s),
  'printDebug(String)': (s: string) => rt.log(s),

  // ---- run environment ----
  'getVariable(String)': (name: string) => orNullString(rt.variables.get(name.valueOf()) ?? sessionVariable(name.valueOf())),
  'setVariable(String,String)': (name: string, value: string) => {
    rt.variables.set(name.valueOf(), value);
  },
  // a trace kept only on an exception keeps this run's recording too (the last call decides)
  'forceSaveTrace(Bool)': (doSave: boolean) => {
    rt.traceForced = doSave === true;
  },
  // the pause depth after the call; a traced run records on (see README, Tracing)
  'pauseTracing(Bool)': (pause: boolean) => (rt.tracePauses = Math.max(0, (rt.tracePauses ?? 0) + (pause ? 1 : -1))),
  'getVariables()': () => mapOf(rt.variables),
  'getCurrent(String)': (key: string) => orNullString(shared().current.get(key.valueOf())),
  'setCurrent(String,String)': (key: string, value: string) => {
    shared().current.set(key.valueOf(), value);
  },
  'getGlobalVariable(String)': (name: string) => orNullString(shared().globals.get(name.valueOf())),
  'setGlobalVariable(String,String)': (name: string, value: string) => {
    shared().globals.set(name.valueOf(), value);
  },
  'getGlobalStaticMap()': () => {
    const s = shared();
    if (s.staticMap === undefined) s.staticMap = mapOf([]);
    return s.staticMap;
  },
  // the session is the run's (see SharedState)
  'setSessionVariable(String,String)': setSession,
  'getSessionVariable(String)': (name: string) => shared().session.get(name.valueOf()) ?? '',
  'getSessionVariables()': () => mapOf(shared().session),
  // a ticket's base status (TicketBaseStatus) by name, in the sandbox user's language (English); '' for another number
  'convertStatus(Integer)': (status: number) => TICKET_BASE_STATUS[status] ?? '',
  'getSystemLang()': () => 'en',
  'getUserLang()': () => 'en',
  'idToLang(Integer)': (id: number) => LANGUAGES[id]?.[0] ?? '',
  'langToId(String)': (code: string) => langToId(code),
  'mapValue(String)': (value: string) => mapOf([['value', value]]),
  'enableDebug(String)': (key: string) => rt.enableDebug(key),
  'debugWait(String)': (info: string) => rt.debugWait(info),
  'exitWithMessage(String)': (message: string) => {
    if (message.length > 0) rt.out(message.endsWith('\n') ? message : message + '\n');
    throw new ExitRequest(message);
  },

  // ---- host process ----
  'getEnvVariable(String)': (name: string) => {
    requireRunProgram('getEnvVariable');
    return Object.hasOwn(process.env, name) ? (process.env[name] ?? '') : '';
  },
  'runProgram(String)': (command: string) => runProgram(command, 'utf-8'),
  'runProgram(String,String)': (command: string, codePage: string) => runProgram(command, codePage),
  // facts about the host process: host access, like runProgram
  'getPID()': () => {
    requireRunProgram('getPID');
    return process.pid;
  },
  'getExecutable()': () => {
    requireRunProgram('getExecutable');
    return process.execPath;
  },
  'sleep(Float)': (seconds: number) => sleepSeconds(seconds),

  // ---- maths and random ----
  'modulo(Integer,Integer)': (a: number, b: number) => {
    if (b === 0) throw new CrmError('modulo: division by zero.');
    return a % b | 0;
  },
  'pow(Float,Float)': (base: number, exp: number) => Math.pow(base, exp),
  'rand(Integer,Integer)': (min: number, max: number) => {
    const lo = Math.min(min, max);
    const hi = Math.max(min, max);
    return (lo + Math.floor(Math.random() * (hi - lo + 1))) | 0;
  },
  'makePassword(Integer)': (length: number) => makePassword(length, ''),
  'makePassword(Integer,String)': (length: number, seed: string) => makePassword(length, seed),

  // ---- encoding and hashing ----
  'encodeBase64(Byte[])': (b: number[]) => encodeBase64(b, false),
  'encodeBase32(Byte[])': (b: number[]) => encodeBase32(b),
  'encodeHMACSHA1(Byte[],Byte[])': (key: number[], value: number[]) => [...hostCrypto().createHmac('sha1', Buffer.from(key)).update(Buffer.from(value)).digest()],
  'encodeBase64(Byte[],Bool)': (b: number[], wrap: boolean) => encodeBase64(b, wrap),
  'decodeBase64(String)': (s: string) => decodeBase64(s),
  'decodeBase64AsStream(String)': (s: string) => new CrmStream(decodeBase64(s)),
  'encodeBase64(NSStream)': (s: CrmStream) => encodeBase64(s.bytes, false),
  'encodeBase64(NSStream,Bool)': (s: CrmStream, wrap: boolean) => encodeBase64(s.bytes, wrap),
  'encodeSHA1(String)': (v: string) => hex('sha1', v),
  // Despite its name this is keyed: the API's examples are HMAC-SHA256 digests in hex.
  'encodeSHA256(String,String)': (key: string, v: string) => hmac('sha256', key, v).toString('hex'),
  'encodeHMACSHA1(String,String)': (key: string, v: string) => hmac('sha1', key, v).toString('hex'),
  'encodeHMACSHA256(String,String)': (key: string, v: string) => Array.from(hmac('sha256', key, v)),
  'encodeHMACSHA512(String,String)': (key: string, v: string) => Array.from(hmac('sha512', key, v)),
  'simpleTwoWay(Byte[])': (b: number[]) => b.map((x, i) => (x ^ TWO_WAY_KEY[i % TWO_WAY_KEY.length]) & 0xff),

  // ---- text ----
  'htmlConvToText(String)': (html: string) => htmlToText(html),
  'combineHtmlStrings(Vector)': (v: unknown) => combineHtml(vectorStrings(v)),
  'decodeDBValue(String)': (v: string) => decodeDbValue(v),
  'isValidPhoneNumber(String,Bool)': (nr: string, multiple: boolean) => isValidPhoneNumber(nr, multiple),

  // ---- unit testing ----
  'assert(Bool)': (cond: boolean) => {
    if (!cond) throw new AssertFailure('assert failed', 'the condition is false.');
  },
  'assertEquals(Bool,Bool)': (a: boolean, b: boolean) => assertEquals(a, b),
  'assertEquals(Integer,Integer)': (a: number, b: number) => assertEquals(a | 0, b | 0),
  'assertEquals(String,String)': (a: string, b: string) => assertEquals(a, b),
  'assertEquals(Float,Float)': (a: number, b: number) => assertEquals(a, b),
};

// The catalog spells some setters with a capital S (SetVariable, SetCurrent, SetGlobalVariable)
// in their signatures; scripts use the lower-case names. Register both spellings.
globalFunctions['SetVariable(String,String)'] = globalFunctions['setVariable(String,String)'];
globalFunctions['SetCurrent(String,String)'] = globalFunctions['setCurrent(String,String)'];
globalFunctions['SetGlobalVariable(String,String)'] = globalFunctions['setGlobalVariable(String,String)'];
