// Integer, Float, Bool and Byte: the numeric value types.
import type { NativeClass } from './registry.js';
import { NULL_INTEGER, isNullInteger } from '../runtime/values.js';
import { big, isNullLong, type LongValue } from '../runtime/long.js';

// ---- parsing and formatting helpers (also used by String and Generic) ----

/**
 * C `atoi`-style parse: optional leading whitespace, an optional sign, then digits up to the
 * first character that is not a digit. No digits gives 0. The docs of String.isNumber show this
 * prefix behaviour ("123nok" converts to 123).
 */
export function parseIntegerPrefix(s: string): number {
  // the common case, a short text of plain ASCII digits: small enough for V8 to inline at the call
  const n = s.length;
  if (n === 0 || n > 9) return parseIntegerText(s);
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    // digits then something else: the digits are the prefix (no sign or blank came first)
    if (d < 0 || d > 9) return i > 0 ? v : parseIntegerText(s);
    v = v * 10 + d;
  }
  return v;
}

/** parseIntegerPrefix of any text: blanks, a sign, more digits than an Integer holds. */
function parseIntegerText(s: string): number {
  let c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    let v = 0;
    for (let i = 0; i < s.length && (c = s.charCodeAt(i)) >= 48 && c <= 57; i++) v = v * 10 + (c - 48);
    return v > 2147483647 ? 2147483647 : v | 0;
  }
  const m = /^\s*([+-]?)(\d+)/.exec(s);
  if (!m) return 0;
  const n = Number(m[2]);
  const v = m[1] === '-' ? -n : n;
  // Out-of-range input saturates like strtol rather than wrapping.
  if (v > 2147483647) return 2147483647;
  if (v < -2147483648) return -2147483648;
  return v | 0;
}

/** True when `s` starts with an (optionally signed) integer. */
export function startsWithInteger(s: string): boolean {
  return /^\s*[+-]?\d/.test(s);
}

/**
 * `strtod`-style parse of the leading number. A comma is accepted as the decimal separator
 * (the docs convert "150,3" with toFloat). No number gives 0.
 */
export function parseFloatPrefix(s: string): number {
  const m = /^\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?)/.exec(s);
  if (!m) return 0;
  // + 0: "-0" reads as 0, not as the null Float (-0)
  return Number(m[1].replace(',', '.')) + 0;
}

/** The null Float uses the same convention as the null Integer: -0 (see isNullFloat). */
export function isNullFloat(f: number): boolean {
  return Object.is(f, -0);
}

/**
 * Fixed-point formatting as printf("%.*f") does it: the exact binary value rounded to `decimals`
 * digits, a value exactly halfway between two results going to the one whose last digit is even
 * (2.5 with 0 decimals is "2", 0.125 with 2 is "0.12"; 2.675 is 2.67499… and gives "2.67").
 */
export function formatFloat(f: number, decimals: number): string {
  const d = Math.max(0, Math.min(100, decimals | 0));
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f < 0 ? '-inf' : 'inf';
  if (Object.is(f, -0)) f = 0;
  if (Math.abs(f) < 1e21) {
    // toFixed rounds the exact value too, but takes the larger of two equally near results
    const text = f.toFixed(d);
    return halfwayAt(f, d) ? towardEven(text, d) : text;
  }
  // toFixed switches to exponent notation above 1e21; such values are integral anyway.
  const whole = BigInt(f).toString();
  return d > 0 ? `${whole}.${'0'.repeat(d)}` : whole;
}

const bits = new DataView(new ArrayBuffer(8));

/** Whether |f|·10^d lies exactly halfway between two integers (f finite). */
function halfwayAt(f: number, d: number): boolean {
  // f is m·2^e exactly; |f|·10^d is halfway when m·10^d·2^(e+1) is an odd integer
  bits.setFloat64(0, f);
  const raw = bits.getBigUint64(0);
  const biased = Number((raw >> 52n) & 0x7ffn);
  const frac = raw & 0xfffffffffffffn;
  const m = biased === 0 ? frac : frac | 0x10000000000000n;
  const k = BigInt(-((biased === 0 ? -1074 : biased - 1075) + 1));
  if (m === 0n || k < 0n) return false;
  const n = m * 10n ** BigInt(d);
  return n % (1n << k) === 0n && ((n >> k) & 1n) === 1n;
}

/** toFixed's text of a halfway value, moved to the even neighbour when toFixed took the odd one. */
function towardEven(text: string, d: number): string {
  const negative = text.startsWith('-');
  const digits = BigInt(text.replace('-', '').replace('.', ''));
  if ((digits & 1n) === 0n) return text;
  const s = (digits - 1n).toString().padStart(d + 1, '0');
  return (negative ? '-' : '') + (d > 0 ? `${s.slice(0, -d)}.${s.slice(-d)}` : s);
}

/** Float to Integer, rounding half away from zero (C `round`), saturated to 32 bits. */
export function roundToInteger(f: number): number {
  return toInt32Saturated(Math.sign(f) * Math.round(Math.abs(f)));
}

export function toInt32Saturated(f: number): number {
  if (Number.isNaN(f)) return 0;
  if (f >= 2147483647) return 2147483647;
  if (f <= -2147483648) return -2147483648;
  return f | 0;
}

/** Integer to lowercase hex; negative numbers show their 32-bit two's complement. */
export function integerToHex(n: number): string {
  return (n >>> 0).toString(16);
}

// ---- Integer ----

export const IntegerClass: NativeClass = {
  name: 'Integer',
  defaultValue: () => NULL_INTEGER,
  ctors: {
    // A default-constructed Integer has no value, like a declared one.
    '()': () => NULL_INTEGER,
    '(Integer)': (v: number) => v,
    '(String)': (s: string) => parseIntegerPrefix(s),
  },
  methods: {
    'toString()': (self: number) => String(self | 0),
    'toBool()': (self: number) => self !== 0,
    'abs()': (self: number) => Math.abs(self) | 0,
    'toHex()': (self: number) => integerToHex(self),
    // The docs describe toHex(Integer) as converting its argument rather than the receiver.
    'toHex(Integer)': (_self: number, v: number) => integerToHex(v),
    'isNull()': (self: number) => isNullInteger(self),
  },
};

// ---- Float ----

export const FloatClass: NativeClass = {
  name: 'Float',
  defaultValue: () => -0,
  ctors: {
    '()': () => -0,
    '(Float)': (v: number) => v,
    '(Integer)': (v: number) => v | 0,
    '(String)': (s: string) => parseFloatPrefix(s),
    // CRMScript 10.1 (newer than the reference); past 2^53 the nearest double
    '(Long)': (v: LongValue) => (isNullLong(v) ? -0 : Number(big(v))),
  },
  methods: {
    'toString(Integer)': (self: number, decimals: number) => formatFloat(self, decimals),
    'abs()': (self: number) => Math.abs(self),
    'floor()': (self: number) => toInt32Saturated(Math.floor(self)),
    'round()': (self: number) => roundToInteger(self),
    'isNull()': (self: number) => isNullFloat(self),
  },
};

// ---- Bool ----

export const BoolClass: NativeClass = {
  name: 'Bool',
  defaultValue: () => false,
  ctors: {
    '()': () => false,
    '(Bool)': (v: boolean) => v,
  },
  methods: {
    'toInteger()': (self: boolean) => (self ? 1 : 0),
    'toString()': (self: boolean) => (self ? 'true' : 'false'),
  },
};

// ---- Byte ----

export const ByteClass: NativeClass = {
  name: 'Byte',
  defaultValue: () => 0,
  ctors: {
    '()': () => 0,
    // Values outside 0..255 are masked, as the docs state.
    '(Integer)': (v: number) => v & 0xff,
  },
  methods: {
    'toHex()': (self: number) => (self & 0xff).toString(16),
    // "padding" is taken as the minimum number of digits, filled with leading zeros.
    'toHex(Integer)': (self: number, padding: number) =>
      (self & 0xff).toString(16).padStart(Math.max(0, Math.min(64, padding | 0)), '0'),
    'toString()': (self: number) => String(self & 0xff),
    'toInteger()': (self: number) => self & 0xff,
    'toBool()': (self: number) => (self & 0xff) !== 0,
  },
};
