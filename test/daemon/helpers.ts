import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import type { TargetOutcome, TargetRun, TargetRunner } from '../../src/daemon/target.js';

const made: string[] = [];

export function tempDir(prefix = 'crms-daemon-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  while (made.length > 0) rmSync(made.pop()!, { recursive: true, force: true });
}

export async function emptyStore(): Promise<Store> {
  return Store.open(tempDir(), { seed: false });
}

/** A fake clock the tests move by hand. */
export class Clock {
  constructor(public t: number) {}
  now = (): Date => new Date(this.t);
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface FakeRun {
  targetId: string;
  finish(outcome: Partial<TargetOutcome>): void;
  stopped: boolean;
}

/**
 * A TargetRunner whose runs end when the test says so (or at once with `auto`),
 * so scheduler logic is tested without workers. stop() ends a run as the engine
 * does ("stopped").
 */
export class FakeRunner {
  runs: FakeRun[] = [];
  auto: ((targetId: string) => Partial<TargetOutcome>) | null = null;

  runner: TargetRunner = (_store, _kind, id) => {
    let settle!: (o: TargetOutcome) => void;
    const result = new Promise<TargetOutcome>((res) => (settle = res));
    const run: FakeRun = {
      targetId: id,
      stopped: false,
      finish: (o) => settle({ ok: true, output: '', error: null, durationMs: 1, ...o }),
    };
    this.runs.push(run);
    if (this.auto) {
      const o = this.auto(id);
      queueMicrotask(() => run.finish(o));
    }
    const handle: TargetRun = {
      result,
      stop: () => {
        run.stopped = true;
        settle({ ok: false, output: '', error: 'the run was stopped', durationMs: 1, stopped: 'stopped' });
      },
    };
    return handle;
  };
}

/** Poll until `fn` returns a truthy value (or fail after `ms`). */
export async function waitFor<T>(fn: () => T | Promise<T>, ms = 10_000, what = 'the condition'): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
