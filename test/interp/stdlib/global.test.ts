import { beforeEach, describe, expect, it } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { ExitRequest, globalFunctions as F, htmlToText } from '../../../src/interp/stdlib/global.js';
import { MapClass } from '../../../src/interp/stdlib/map.js';
import { VectorClass } from '../../../src/interp/stdlib/vector.js';
import { CrmError, NULL_STRING } from '../../../src/interp/runtime/values.js';
import { newRunContext, setRunContext, type RunContext } from '../../../src/interp/runtime/context.js';

let out = '';
let logged: string[] = [];
let ctx: RunContext;

function install(partial: Partial<RunContext> = {}): void {
  out = '';
  logged = [];
  ctx = newRunContext({ out: (t) => (out += t), log: (t) => logged.push(t), ...partial });
  setRunContext(ctx);
}
beforeEach(() => install());

const mapGet = (m: unknown, k: string) => MapClass.methods!['get(String)'](m, k);
const mapSize = (m: unknown) => MapClass.methods!['size()'](m);

describe('output (conformance 001)', () => {
  it('print, printLine, printBinary', () => {
    F['print(String)']('Hello');
    F['print(String)'](', ');
    F['printLine(String)']('world');
    F['printBinary(Byte[])']([65, 0xe6, 10]);
    // bytes from 0x80 up are kept as U+F780–U+F7FF until the output is written (util/output-bytes.ts)
    expect(out).toBe('Hello, world\nA\uf7e6\n');
  });
  it('log, logMessage and printDebug go to the run log', () => {
    F['log(String)']('a');
    F['logMessage(String)']('b');
    F['printDebug(String)']('c');
    expect(logged).toEqual(['a', 'b', 'c']);
    expect(out).toBe('');
  });
});

describe('variables (conformance 024)', () => {
  it('getVariable / setVariable / getVariables', () => {
    install({ variables: new Map([['customerId', '17'], ['mode', 'test']]) });
    expect(F['getVariable(String)']('customerId')).toBe('17');
    expect(F['getVariable(String)']('notSet')).toBe(NULL_STRING); // no value
    F['setVariable(String,String)']('mode', 'live');
    expect(F['getVariable(String)']('mode')).toBe('live');
    F['SetVariable(String,String)']('x', 'y');
    expect(ctx.variables.get('x')).toBe('y');
    const m = F['getVariables()']();
    expect(mapSize(m)).toBe(3);
    expect(mapGet(m, 'mode')).toBe('live');
  });
  it('current and global values live for one run', () => {
    F['setCurrent(String,String)']('k', 'v');
    F['SetGlobalVariable(String,String)']('g', '1');
    expect(F['getCurrent(String)']('k')).toBe('v');
    expect(F['getGlobalVariable(String)']('g')).toBe('1');
    expect(F['getCurrent(String)']('other')).toBe(NULL_STRING);
    const sm = F['getGlobalStaticMap()']();
    expect(F['getGlobalStaticMap()']()).toBe(sm);
    install();
    expect(F['getCurrent(String)']('k')).toBe(NULL_STRING);
    expect(F['getGlobalVariable(String)']('g')).toBe(NULL_STRING);
    expect(F['getGlobalStaticMap()']()).not.toBe(sm);
  });
  it('session variables live for one run; an empty name takes the next free number', () => {
    expect(F['setSessionVariable(String,String)']('color', 'blue')).toBe('color');
    expect(F['setSessionVariable(String,String)']('', 'a')).toBe('1');
    expect(F['setSessionVariable(String,String)']('', 'b')).toBe('2');
    expect(F['getSessionVariable(String)']('color')).toBe('blue');
    expect(F['getSessionVariable(String)']('1')).toBe('a');
    expect(F['getSessionVariable(String)']('none')).toBe('');
    const m = F['getSessionVariables()']();
    expect(mapSize(m)).toBe(3);
    expect(mapGet(m, '2')).toBe('b');
    install();
    expect(F['getSessionVariable(String)']('color')).toBe('');
    expect(mapSize(F['getSessionVariables()']())).toBe(0);
  });
  it('convertStatus names a ticket base status', () => {
    expect([1, 2, 3, 4, 5].map((n) => F['convertStatus(Integer)'](n))).toEqual(['Active', 'Closed', 'Postponed', 'Deleted', 'Merged']);
    expect(F['convertStatus(Integer)'](0)).toBe('');
    expect(F['convertStatus(Integer)'](1001)).toBe('');
  });
  it('mapValue', () => {
    const m = F['mapValue(String)']('42');
    expect(mapSize(m)).toBe(1);
    expect(mapGet(m, 'value')).toBe('42');
  });
});

describe('debug hooks and exit', () => {
  it('enableDebug and debugWait call the run context', () => {
    const calls: string[] = [];
    install({ enableDebug: (k) => calls.push('enable:' + k), debugWait: (i) => calls.push('wait:' + i) });
    F['enableDebug(String)']('key1');
    F['debugWait(String)']('here');
    expect(calls).toEqual(['enable:key1', 'wait:here']);
  });
  it('exitWithMessage prints and throws an ExitRequest that is not a CrmError', () => {
    let err: unknown;
    try {
      F['exitWithMessage(String)']('No access');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExitRequest);
    expect(err).not.toBeInstanceOf(CrmError);
    expect((err as ExitRequest).exitMessage).toBe('No access');
    expect(out).toBe('No access\n');
  });
});

describe('host access is gated', () => {
  it('refuses getEnvVariable and runProgram unless enabled', () => {
    expect(() => F['getEnvVariable(String)']('PATH')).toThrow(/disabled.*--allow-run-program/);
    expect(() => F['runProgram(String)']('echo hi')).toThrow(CrmError);
    expect(() => F['runProgram(String,String)']('echo hi', 'utf-8')).toThrow(/--allow-run-program/);
  });
  it('runs programs and reads the environment when enabled', () => {
    install({ features: { runProgram: true, file: false, http: false } });
    process.env.CRMSCRIPT_TUI_TEST_VAR = 'set!';
    expect(F['getEnvVariable(String)']('CRMSCRIPT_TUI_TEST_VAR')).toBe('set!');
    expect(F['getEnvVariable(String)']('CRMSCRIPT_TUI_NOT_SET_X')).toBe('');
    expect(F['runProgram(String)']('echo hello')).toBe('hello\n');
    expect(F['runProgram(String,String)']("printf '\\346'", 'iso-8859-1')).toBe('\u00e6');
    expect(F['runProgram(String)']('echo partial; exit 3')).toBe('partial\n');
  });
  it('getPID and getExecutable describe this process, with runProgram on', () => {
    install({ features: { runProgram: true, file: false, http: false } });
    expect(F['getPID()']()).toBe(process.pid);
    expect(F['getExecutable()']()).toBe(process.execPath);
    install();
    expect(() => F['getPID()']()).toThrow(/getPID is disabled/);
    expect(() => F['getExecutable()']()).toThrow(/getExecutable is disabled/);
  });
});

describe('maths', () => {
  it('modulo and pow', () => {
    expect(F['modulo(Integer,Integer)'](7, 3)).toBe(1);
    expect(F['modulo(Integer,Integer)'](-7, 3)).toBe(-1);
    expect(() => F['modulo(Integer,Integer)'](1, 0)).toThrow(/division by zero/);
    expect(F['pow(Float,Float)'](2, 10)).toBe(1024);
    expect(F['pow(Float,Float)'](9, 0.5)).toBe(3);
  });
  it('rand stays within [min, max]', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const r = F['rand(Integer,Integer)'](1, 3);
      expect(r).toBeGreaterThanOrEqual(1);
      expect(r).toBeLessThanOrEqual(3);
      seen.add(r);
    }
    expect(seen.size).toBe(3);
    expect(F['rand(Integer,Integer)'](5, 5)).toBe(5);
    const swapped = F['rand(Integer,Integer)'](10, 8);
    expect(swapped >= 8 && swapped <= 10).toBe(true);
  });
  it('sleep blocks for about the given time', () => {
    const t0 = Date.now();
    F['sleep(Float)'](0.05);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    F['sleep(Float)'](-1); // no-op
  });
  it('makePassword', () => {
    const p = F['makePassword(Integer)'](12);
    expect(p).toHaveLength(12);
    expect(p).toMatch(/^[A-Za-z0-9]+$/);
    expect(F['makePassword(Integer,String)'](8, 'ab')).toMatch(/^[ab]{8}$/);
    expect(F['makePassword(Integer)'](0)).toBe('');
  });
});

describe('encoding and hashing', () => {
  it('base64 round trip, with optional line wrapping', () => {
    expect(F['encodeBase64(Byte[])']([72, 105])).toBe('SGk=');
    expect(F['decodeBase64(String)']('SGk=')).toEqual([72, 105]);
    const long = Array.from({ length: 100 }, (_, i) => i);
    const wrapped = F['encodeBase64(Byte[],Bool)'](long, true) as string;
    expect(wrapped.split('\r\n').map((l) => l.length)).toEqual([76, 60]);
    expect(F['encodeBase64(Byte[],Bool)'](long, false)).not.toContain('\n');
    expect(F['decodeBase64(String)'](wrapped)).toEqual(long);
  });
  it('SHA1 and keyed SHA256 match the API examples', () => {
    expect(F['encodeSHA1(String)']('Hello there!')).toBe('6b19cb3790b6da8f7c34b4d8895d78a56d078624');
    expect(F['encodeSHA1(String)']('Hello world!')).toBe('d3486ae9136e7856bc42212385ea797094475802');
    expect(F['encodeSHA256(String,String)']('test', 'Hello there!')).toBe(
      '39bf407008986fa79eac9cb0b3c8da3fb46acdd6f71721e38e6c4bbf1d14c222',
    );
    expect(F['encodeSHA256(String,String)']('test', 'Hello world!')).toBe(
      '1700f488c1e47cf1a8e8337c0a51d176291a5b4a200fe9bab866765a86edc0a4',
    );
  });
  it('HMAC variants', () => {
    expect(F['encodeHMACSHA1(String,String)']('k', 'v')).toBe(createHmac('sha1', 'k').update('v').digest('hex'));
    expect(F['encodeHMACSHA256(String,String)']('k', 'v')).toEqual(
      Array.from(createHmac('sha256', 'k').update('v').digest()),
    );
    const h512 = F['encodeHMACSHA512(String,String)']('k', 'v') as number[];
    expect(h512).toHaveLength(64);
    expect(h512).toEqual(Array.from(createHmac('sha512', 'k').update('v').digest()));
    expect(createHash('sha1').update('x').digest('hex')).toHaveLength(40);
  });
  it('simpleTwoWay undoes itself', () => {
    const data = [1, 2, 3, 250, 0];
    const enc = F['simpleTwoWay(Byte[])'](data) as number[];
    expect(enc).not.toEqual(data);
    expect(F['simpleTwoWay(Byte[])'](enc)).toEqual(data);
  });
});

describe('text helpers', () => {
  it('htmlConvToText', () => {
    expect(htmlToText('<p>Hello <b>there</b>&nbsp;&amp; bye</p><p>Two<br>lines</p>')).toBe(
      'Hello there & bye\n\nTwo\nlines',
    );
    expect(F['htmlConvToText(String)']('<html><head><title>x</title></head><body><script>1<2</script>Hi</body></html>')).toBe('Hi');
    expect(F['htmlConvToText(String)']('<ul><li>a</li><li>b</li></ul>')).toBe('- a\n- b');
  });
  it('idToLang and langToId', () => {
    expect(F['idToLang(Integer)'](0)).toBe('no');
    expect(F['idToLang(Integer)'](1)).toBe('en');
    expect(F['idToLang(Integer)'](2)).toBe('de');
    expect(F['idToLang(Integer)'](99)).toBe('');
    expect(F['langToId(String)']('EN')).toBe(1);
    expect(F['langToId(String)']('sv-SE')).toBe(3);
    expect(F['langToId(String)']('GE')).toBe(2);
    expect(F['langToId(String)']('xx')).toBe(0);
    expect(F['getSystemLang()']()).toBe('en');
    expect(F['getUserLang()']()).toBe('en');
  });
  it('decodeDBValue and isValidPhoneNumber', () => {
    expect(F['decodeDBValue(String)']('[I:23]')).toBe('23');
    expect(F['decodeDBValue(String)']('[DT:2024-01-02]')).toBe('2024-01-02');
    expect(F['decodeDBValue(String)']('plain')).toBe('plain');
    expect(F['isValidPhoneNumber(String,Bool)']('+47 22 11 22 33', false)).toBe(true);
    expect(F['isValidPhoneNumber(String,Bool)']('call me', false)).toBe(false);
    expect(F['isValidPhoneNumber(String,Bool)']('12345, +1 (555) 123-4567', true)).toBe(true);
    expect(F['isValidPhoneNumber(String,Bool)']('12345, nope', true)).toBe(false);
  });
  it('combineHtmlStrings', () => {
    const v = VectorClass.methods!;
    const vector = VectorClass.defaultValue?.() ?? VectorClass.ctors!['()']();
    v['pushBack(String)'](vector, '<html><head><title>One</title><style>a{}</style></head><body><p>1</p></body></html>');
    v['pushBack(String)'](vector, '<html><head><title>Two</title></head><body id="b"><p>2</p></body></html>');
    expect(F['combineHtmlStrings(Vector)'](vector)).toBe(
      '<html><head><title>One</title><style>a{}</style></head><body><p>1</p><div id="b"><p>2</p></div></body></html>',
    );
  });
});

describe('assertions', () => {
  it('pass silently on success and throw a CrmError on failure', () => {
    F['assert(Bool)'](true);
    F['assertEquals(Integer,Integer)'](3, 3);
    F['assertEquals(String,String)']('a', 'a');
    F['assertEquals(Bool,Bool)'](false, false);
    F['assertEquals(Float,Float)'](1.5, 1.5);
    expect(() => F['assert(Bool)'](false)).toThrow(CrmError);
    expect(() => F['assertEquals(String,String)']('a', 'b')).toThrow('assertEquals failed: "a" is not equal to "b".');
    expect(() => F['assertEquals(Integer,Integer)'](1, 2)).toThrow('assertEquals failed: 1 is not equal to 2.');
    expect(() => F['assertEquals(Bool,Bool)'](true, false)).toThrow(/true is not equal to false/);
    expect(() => F['assertEquals(Float,Float)'](0.1 + 0.2, 0.3)).toThrow(CrmError);
  });
});
