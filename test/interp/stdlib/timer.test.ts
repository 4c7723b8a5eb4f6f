import { describe, expect, it } from 'vitest';
import { TimerClass, CrmTimer } from '../../../src/interp/stdlib/timer.js';

const m = (name: string, t: CrmTimer) => TimerClass.methods![name](t);

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* spin */
  }
}

describe('Timer', () => {
  it('a declared Timer is a fresh stopwatch reading 0', () => {
    const t: CrmTimer = TimerClass.defaultValue!();
    expect(t).toBeInstanceOf(CrmTimer);
    expect(m('getSeconds()', t)).toBe(0);
    expect(TimerClass.ctors!['()']()).not.toBe(t);
  });
  it('measures the seconds between start and stop', () => {
    const t: CrmTimer = TimerClass.ctors!['()']();
    m('start()', t);
    busyWait(30);
    m('stop()', t);
    const s = m('getSeconds()', t);
    expect(s).toBeGreaterThanOrEqual(0.029);
    expect(s).toBeLessThan(5);
    // stopped: the reading no longer changes
    busyWait(10);
    expect(m('getSeconds()', t)).toBe(s);
  });
  it('reads the running time before stop, and start() restarts', () => {
    const t: CrmTimer = TimerClass.ctors!['()']();
    m('start()', t);
    busyWait(15);
    const a = m('getSeconds()', t);
    busyWait(15);
    expect(m('getSeconds()', t)).toBeGreaterThan(a);
    m('stop()', t);
    m('start()', t);
    expect(m('getSeconds()', t)).toBeLessThan(a);
  });
  it('stop without start keeps 0', () => {
    const t: CrmTimer = TimerClass.ctors!['()']();
    m('stop()', t);
    expect(m('getSeconds()', t)).toBe(0);
  });
  it('getTimer is the system clock in seconds; getHiResTimer is monotonic', () => {
    const t: CrmTimer = TimerClass.ctors!['()']();
    expect(Math.abs(m('getTimer()', t) - Date.now() / 1000)).toBeLessThan(2);
    const a = m('getHiResTimer()', t);
    busyWait(5);
    const b = m('getHiResTimer()', t);
    expect(b - a).toBeGreaterThanOrEqual(0.004);
    expect(b - a).toBeLessThan(5);
  });
});
