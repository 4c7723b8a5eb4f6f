// CRMScript's Timer: a stopwatch (reference type, mutated in place).
import type { NativeClass } from './registry.js';

export class CrmTimer {
  /** performance.now() at start(), or null before the first start */
  startedAt: number | null = null;
  /** performance.now() at stop(), or null while running */
  stoppedAt: number | null = null;
}

export const TimerClass: NativeClass = {
  name: 'Timer',
  ctors: {
    '()': () => new CrmTimer(),
  },
  methods: {
    'start()': (t: CrmTimer) => {
      t.startedAt = performance.now();
      t.stoppedAt = null;
    },
    'stop()': (t: CrmTimer) => {
      if (t.startedAt !== null) t.stoppedAt = performance.now();
    },
    // seconds between start() and stop(); while running, up to now; 0 if never started
    'getSeconds()': (t: CrmTimer) => {
      if (t.startedAt === null) return 0;
      return ((t.stoppedAt ?? performance.now()) - t.startedAt) / 1000;
    },
    // the system clock in seconds since 1970 (the product calls it a low-resolution timer)
    'getTimer()': () => Date.now() / 1000,
    // a monotonic high-resolution clock in seconds, for measuring intervals
    'getHiResTimer()': () => performance.now() / 1000,
  },
  defaultValue: () => new CrmTimer(),
};
