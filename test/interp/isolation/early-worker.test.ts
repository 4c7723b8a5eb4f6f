// The run worker started before the program loads (src/interp/isolation/early-worker.ts): given
// out once, and only to a pool that asks for a worker of the same entry and heap limit, with the
// tail buffer it was started with.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startEarlyWorker, takeEarlyWorker } from '../../../src/interp/isolation/early-worker.js';
import { cleanupTempDirs, tempDir } from '../../common.js';

afterEach(cleanupTempDirs);

/** A worker entry that writes 7 into its tail buffer and answers with the buffer's size and its heap limit. */
function entry(): URL {
  const file = join(tempDir('crms-early-'), 'w.cjs');
  writeFileSync(
    file,
    "const { parentPort, workerData, resourceLimits } = require('node:worker_threads');\n" +
      'new Uint16Array(workerData.tail)[2] = 7;\n' +
      'parentPort.postMessage({ bytes: workerData.tail.byteLength, heap: resourceLimits.maxOldGenerationSizeMb });\n',
  );
  return pathToFileURL(file);
}

const answer = (w: Worker) => new Promise<{ bytes: number; heap: number }>((resolve) => w.once('message', resolve));

describe('the early run worker', () => {
  it('goes once to the asker of its entry and heap limit, with its tail buffer and heap limit', async () => {
    const url = entry();
    startEarlyWorker(url, 100, 1024);
    expect(takeEarlyWorker(entry(), 100)).toBeNull();
    expect(takeEarlyWorker(url, 64)).toBeNull();
    const early = takeEarlyWorker(url, 100)!;
    expect(early).not.toBeNull();
    expect(takeEarlyWorker(url, 100)).toBeNull();
    const said = await answer(early.worker);
    // the heap limit every run worker gets for a 100 MB run (limits.ts: v8HeapLimitMb)
    expect(said).toEqual({ bytes: 1024, heap: 264 });
    expect(new Uint16Array(early.tail)[2]).toBe(7);
    await early.worker.terminate();
  });
});
