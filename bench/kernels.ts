// Compute kernels: each CRMScript workload runs on the product's real path (compiled by the
// engine, run by runIsolated on a pooled worker with the default limits) and its time is the
// run's own duration as the worker measured it; the same algorithm in plain JavaScript runs in
// this process. Every run prints a checksum that must equal the JavaScript result.
import { compileScript } from '../src/interp/compile-script.js';
import { runIsolated } from '../src/interp/isolation/isolate.js';
import { median } from './lib.js';

export interface Kernel {
  name: string;
  target: number;
  crm: string;
  js: () => string;
}

export const KERNELS: Kernel[] = [
  {
    name: 'fib(30)',
    target: 1.2,
    crm: `Integer fib(Integer n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
print(fib(30).toString());`,
    js: () => {
      const fib = (n: number): number => (n < 2 ? n : (fib(n - 1) + fib(n - 2)) | 0);
      return String(fib(30));
    },
  },
  {
    name: 'loop / string / Map (200,000 iterations)',
    target: 1.2,
    crm: `Map m;
String acc = "";
Integer total = 0;
for (Integer i = 0; i < 200000; i++) {
  String k = "k" + (i % 1000).toString();
  if (m.exists(k)) m.insert(k, (m.get(k).toInteger() + 1).toString());
  else m.insert(k, "1");
  if (i % 100 == 0) acc += k.subString(0, 2);
  total += k.getLength();
}
print(m.size().toString() + " " + acc.getLength().toString() + " " + total.toString() + " " + m.get("k7"));`,
    js: () => {
      const m = new Map<string, string>();
      let acc = '';
      let total = 0;
      for (let i = 0; i < 200000; i++) {
        const k = 'k' + String(i % 1000);
        if (m.has(k)) m.set(k, String(parseInt(m.get(k)!, 10) + 1));
        else m.set(k, '1');
        if (i % 100 === 0) acc += k.substring(0, 2);
        total = (total + k.length) | 0;
      }
      return `${m.size} ${acc.length} ${total} ${m.get('k7')}`;
    },
  },
  {
    name: '300,000 structs + quicksort',
    target: 1.5,
    crm: `struct Item { Integer key; Float weight; };
Item[] items;
Integer seed = 12345;
for (Integer i = 0; i < 300000; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483647;
  if (seed < 0) seed = -seed;
  Item it;
  it.key = seed % 1000000;
  it.weight = it.key / 7.0;
  items.pushBack(it);
}
Void qsort(Item[] a, Integer lo, Integer hi) {
  while (lo < hi) {
    Integer p = a[(lo + hi) / 2].key;
    Integer i = lo;
    Integer j = hi;
    while (i <= j) {
      while (a[i].key < p) i++;
      while (a[j].key > p) j--;
      if (i <= j) { Item t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { qsort(a, lo, j); lo = i; } else { qsort(a, i, hi); hi = j; }
  }
}
qsort(items, 0, items.length() - 1);
Integer check = 0;
for (Integer i = 0; i < items.length(); i += 1000) check = (check * 31 + items[i].key) % 1000003;
print(check.toString());`,
    js: () => {
      const items: { key: number; weight: number }[] = [];
      let seed = 12345;
      for (let i = 0; i < 300000; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) % 2147483647 | 0;
        if (seed < 0) seed = -seed;
        const key = seed % 1000000;
        items.push({ key, weight: key / 7.0 });
      }
      const qsort = (a: typeof items, lo: number, hi: number): void => {
        while (lo < hi) {
          const p = a[((lo + hi) / 2) | 0]!.key;
          let i = lo;
          let j = hi;
          while (i <= j) {
            while (a[i]!.key < p) i++;
            while (a[j]!.key > p) j--;
            if (i <= j) {
              const t = a[i]!;
              a[i] = a[j]!;
              a[j] = t;
              i++;
              j--;
            }
          }
          if (j - lo < hi - i) {
            qsort(a, lo, j);
            lo = i;
          } else {
            qsort(a, i, hi);
            hi = j;
          }
        }
      };
      qsort(items, 0, items.length - 1);
      let check = 0;
      for (let i = 0; i < items.length; i += 1000) check = (Math.imul(check, 31) + items[i]!.key) % 1000003;
      return String(check);
    },
  },
  {
    name: 'Integer-array sieve (2,000,000)',
    target: 1.5,
    crm: `Integer n = 2000000;
Integer[2000001] composite;
Integer count = 0;
for (Integer i = 2; i <= n; i++) {
  if (composite[i] == 0) {
    count++;
    for (Integer j = i * 2; j <= n; j += i) composite[j] = 1;
  }
}
print(count.toString());`,
    js: () => {
      const n = 2000000;
      const composite = new Array<number>(n + 1).fill(0);
      let count = 0;
      for (let i = 2; i <= n; i++) {
        if (composite[i] === 0) {
          count++;
          for (let j = i * 2; j <= n; j += i) composite[j] = 1;
        }
      }
      return String(count);
    },
  },
  {
    name: 'Float loop (3,000,000 iterations)',
    target: 1.5,
    crm: `Float x = 0.5;
Float sum = 0.0;
for (Integer i = 1; i <= 3000000; i++) {
  x = x * 1.0000001 + 1.0 / i;
  sum = sum + x / (i + 1.5);
}
print(sum.toString(6));`,
    js: () => {
      let x = 0.5;
      let sum = 0.0;
      for (let i = 1; i <= 3000000; i++) {
        x = x * 1.0000001 + 1.0 / i;
        sum = sum + x / (i + 1.5);
      }
      return sum.toFixed(6);
    },
  },
];

export interface KernelFigures {
  name: string;
  crmMs: number;
  jsMs: number;
  ratio: number;
  target: number;
}

/** Median of `samples` runs each side, alternating; throws when a checksum differs. */
export async function benchKernel(k: Kernel, samples = 7): Promise<KernelFigures> {
  const out = compileScript({ source: k.crm, file: `${k.name}.crm` });
  if (!out.compiled) throw new Error(`${k.name}: ${out.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('; ')}`);
  const crm: number[] = [];
  const js: number[] = [];
  for (let i = 0; i < samples; i++) {
    const r = await runIsolated(out.compiled).result;
    if (!r.ok) throw new Error(`${k.name}: ${r.error?.message}`);
    const t = performance.now();
    const expected = k.js();
    js.push(performance.now() - t);
    if (r.output !== expected) throw new Error(`${k.name}: checksum ${JSON.stringify(r.output)} is not ${JSON.stringify(expected)}`);
    crm.push(r.durationMs);
  }
  const crmMs = median(crm);
  const jsMs = median(js);
  return { name: k.name, crmMs, jsMs, ratio: crmMs / jsMs, target: k.target };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const k of KERNELS) {
    const f = await benchKernel(k);
    console.log(`${f.name.padEnd(42)} ${f.crmMs.toFixed(1).padStart(8)} ms vs ${f.jsMs.toFixed(1).padStart(8)} ms JS  ${f.ratio.toFixed(2)}× (target ≤ ${f.target}×)`);
  }
}
