// Output that mixes text and the bytes printBinary writes becomes the right bytes where it is
// written (stdout of `run`, a web endpoint's body): the text as UTF-8, the bytes as they were.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binaryChars, outputBytes } from '../../../src/interp/util/output-bytes.js';
import { CLI, cleanupTempDirs, requireBuiltCli, tempDir } from '../../common.js';

afterAll(cleanupTempDirs);

describe('output bytes', () => {
  it('keeps every byte value through the output and writes text as UTF-8 around it', () => {
    const all = Array.from({ length: 256 }, (_, i) => i);
    expect([...outputBytes(binaryChars(all))]).toEqual(all);
    const mixed = 'æ€😀' + binaryChars([0xff, 0x00, 0x61, 0x80]) + 'ø';
    expect(outputBytes(mixed).toString('hex')).toBe(Buffer.from('æ€😀', 'utf8').toString('hex') + 'ff006180' + Buffer.from('ø', 'utf8').toString('hex'));
    expect(outputBytes('plain text').toString('utf8')).toBe('plain text');
  });

  it('`run` writes printBinary bytes to stdout as bytes, text as UTF-8', () => {
    requireBuiltCli();
    const dir = tempDir('crms-binary-');
    const file = join(dir, 'binary.crm');
    writeFileSync(file, 'print("æ");\nprintBinary(decodeBase64("/wBhgA=="));\nprintLine("ø");');
    const r = spawnSync(process.execPath, [CLI, '--data-dir', dir, 'run', file]);
    expect(r.status).toBe(0);
    expect(r.stdout.toString('hex')).toBe('c3a6' + 'ff006180' + 'c3b80a');
  });
});
