// The run worker `run FILE` starts before the program loads (src/interp/isolation/early-worker.ts)
// and the pool that adopts it as its next new worker of that heap limit (src/interp/pool.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { startEarlyWorker, takeEarlyWorker, TAIL_BYTES } from '../../src/interp/isolation/early-worker.js';
import { WorkerPool } from '../../src/interp/pool.js';

const IDLE = new URL('data:text/javascript,setInterval(() => {}, 60000)');
const OTHER = new URL('data:text/javascript,setInterval(() => {}, 59000)');
const started: Worker[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.terminate()));
});

const exited = (w: Worker): Promise<number> => new Promise((resolve) => w.once('exit', resolve));

describe('the early run worker', () => {
  it('is handed over once, for the heap limit and entry it was started with', async () => {
    startEarlyWorker(IDLE, 64);
    const taken = takeEarlyWorker(IDLE, 64);
    expect(taken).not.toBeNull();
    started.push(taken!.worker);
    expect(taken!.tail.byteLength).toBe(TAIL_BYTES);
    expect(takeEarlyWorker(IDLE, 64)).toBeNull();
  });

  it('goes when the run wants another heap limit or entry', async () => {
    startEarlyWorker(IDLE, 64);
    expect(takeEarlyWorker(IDLE, 128)).toBeNull();
    startEarlyWorker(IDLE, 64);
    expect(takeEarlyWorker(OTHER, 64)).toBeNull();
    expect(takeEarlyWorker(IDLE, 64)).toBeNull();
  });

  it('is not handed over once it has ended', async () => {
    const ends = new URL('data:text/javascript,process.exit(0)');
    await exited(startEarlyWorker(ends, 64));
    expect(takeEarlyWorker(ends, 64)).toBeNull();
  });

  it('is the pool\'s next new worker of its heap limit, with its tail buffer', () => {
    const early = new Worker(IDLE);
    const earlyTail = new SharedArrayBuffer(TAIL_BYTES);
    started.push(early);
    const spawned: Array<{ started: Worker | undefined; tail: SharedArrayBuffer }> = [];
    let offered = 0;
    const pool = new WorkerPool({
      max: 4,
      tailBytes: TAIL_BYTES,
      adopt: (memoryMb) => (memoryMb === 64 && offered++ === 0 ? { worker: early, tail: earlyTail } : null),
      spawn: (_limits, tail, _slot, given) => {
        spawned.push({ started: given, tail });
        const w = given ?? new Worker(IDLE);
        if (!given) started.push(w);
        return w;
      },
    });
    pool.prewarm(128);
    pool.prewarm(64);
    expect(spawned).toHaveLength(2);
    expect(spawned[0]!.started).toBeUndefined();
    expect(spawned[0]!.tail).not.toBe(earlyTail);
    expect(spawned[1]!.started).toBe(early);
    expect(spawned[1]!.tail).toBe(earlyTail);
    pool.drain();
  });
});
