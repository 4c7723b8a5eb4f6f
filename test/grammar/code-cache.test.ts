// A CommonJS file loaded with the build's V8 code cache (src/grammar/code-cache.ts): loaded as
// require() would, and a cache file that is missing, truncated, foreign, stale or not V8's data
// at all is left unused instead of breaking the load.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_CACHE_DIR, codeCachePath, loadCommonJs, readCodeCache, writeCodeCache } from '../../src/grammar/code-cache.js';
import { cleanupTempDirs, tempDir } from '../common.js';

const savedDir = process.env[CODE_CACHE_DIR];
afterEach(() => {
  if (savedDir === undefined) delete process.env[CODE_CACHE_DIR];
  else process.env[CODE_CACHE_DIR] = savedDir;
  cleanupTempDirs();
});

/** A CommonJS module (a.cjs) that requires its neighbour and reports what require() gives a module. */
function commonJsFiles(): { dir: string; file: string } {
  const dir = tempDir('crms-code-cache-');
  writeFileSync(join(dir, 'b.cjs'), 'module.exports = { twice: (n) => 2 * n };\n');
  writeFileSync(
    join(dir, 'a.cjs'),
    "const { twice } = require('./b.cjs');\nexports.answer = twice(21);\nexports.where = [__filename, __dirname, module.filename];\nexports.path = typeof require('node:path').join;\n",
  );
  return { dir, file: join(dir, 'a.cjs') };
}

describe('loading a CommonJS file with a code cache', () => {
  it('runs the file as require() would, with no cache there', () => {
    const { dir, file } = commonJsFiles();
    process.env[CODE_CACHE_DIR] = tempDir('crms-code-cache-dir-');
    const m = loadCommonJs(file, 'a') as { answer: number; where: string[]; path: string };
    expect(m.answer).toBe(42);
    expect(m.where).toEqual([file, dir, file]);
    expect(m.path).toBe('function');
  });

  it('is one instance with what require() gives: a file it loads that requires it back shares its state', () => {
    const dir = tempDir('crms-code-cache-');
    writeFileSync(join(dir, 'main.cjs'), "exports.state = { user: null };\nexports.setUser = (u) => (exports.state.user = u);\nexports.chunk = () => require('./chunk.cjs');\n");
    writeFileSync(join(dir, 'chunk.cjs'), "const main = require('./main.cjs');\nexports.user = () => main.state.user;\n");
    const main = loadCommonJs(join(dir, 'main.cjs'), 'shared-state') as { setUser(u: string): void; chunk(): { user(): string | null } };
    main.setUser('admin');
    expect(main.chunk().user()).toBe('admin');
    expect(loadCommonJs(join(dir, 'main.cjs'), 'shared-state')).toBe(main);
  });

  it('reads back the cache it wrote for the same source, and nothing else', () => {
    const cacheDir = tempDir('crms-code-cache-dir-');
    const path = join(cacheDir, 'x.v8');
    const source = Buffer.from('exports.x = 1;\n');
    const data = Buffer.from('some V8 data');
    writeCodeCache(path, source, data);
    expect(readCodeCache(path, source)?.equals(data)).toBe(true);
    // written whole: no temporary file is left beside it
    expect(readdirSync(cacheDir)).toEqual(['x.v8']);
    // another source, even of the same length
    expect(readCodeCache(path, Buffer.from('exports.y = 1;\n'))).toBeUndefined();
    // missing, truncated, extended
    expect(readCodeCache(join(cacheDir, 'none.v8'), source)).toBeUndefined();
    const whole = readFileSync(path);
    for (const cut of [0, 5, whole.indexOf(10), whole.length - 1]) {
      writeFileSync(path, whole.subarray(0, cut));
      expect(readCodeCache(path, source)).toBeUndefined();
    }
    writeFileSync(path, Buffer.concat([whole, Buffer.from('more')]));
    expect(readCodeCache(path, source)).toBeUndefined();
    // made by another Node or on another architecture, or not a cache file at all
    const header = JSON.parse(whole.subarray(0, whole.indexOf(10)).toString()) as Record<string, unknown>;
    for (const other of [{ node: 'v0.0.1' }, { arch: 'elsewhere' }, { format: 99 }]) {
      writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, ...other })}\n`), whole.subarray(whole.indexOf(10) + 1)]));
      expect(readCodeCache(path, source)).toBeUndefined();
    }
    writeFileSync(path, 'not a cache\nat all');
    expect(readCodeCache(path, source)).toBeUndefined();
  });

  it('still loads the file when the cache for its source holds what V8 does not take', () => {
    const { file } = commonJsFiles();
    const cacheDir = tempDir('crms-code-cache-dir-');
    process.env[CODE_CACHE_DIR] = cacheDir;
    const source = readFileSync(file);
    for (const data of [Buffer.from('not V8 data'), Buffer.alloc(4096, 0x5a)]) {
      writeCodeCache(codeCachePath('a'), source, data);
      expect(readCodeCache(codeCachePath('a'), source)).toBeDefined();
      expect((loadCommonJs(file, 'a') as { answer: number }).answer).toBe(42);
    }
    expect(existsSync(join(cacheDir, 'a.v8'))).toBe(true);
  });
});
