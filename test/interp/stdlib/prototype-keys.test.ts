// Issue 13, item 7: keys a script supplies ("constructor", "__proto__", "toString") are plain
// missing keys everywhere, never JavaScript's Object.prototype members.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runScript } from '../../helpers.js';
import { compileScript } from '../../../src/interp/compile-script.js';
import { runIsolated } from '../../../src/interp/isolation/isolate.js';

const KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe('script-supplied keys', () => {
  it('leave HTML and XML entities they do not name as they are', () => {
    for (const k of KEYS) {
      const r = runScript(`printLine("&${k};".htmlDecode());\nprintLine("&${k};".xmlDecode());`);
      expect(r.error, k).toBeNull();
      expect(r.output, k).toBe(`&${k};\n&${k};\n`);
    }
  });

  it('are unknown entities in parseXML', () => {
    const r = runScript('XMLNode x = parseXML("<a>&constructor;</a>");\nprintLine(x.getText());');
    expect(r.output).not.toMatch(/function|native code/);
    expect(r.error ?? '').not.toMatch(/internal error/);
  });

  it('are ordinary header names in Email.setValue', () => {
    const r = runScript('Email e;\ne.setValue("__proto__", "x");\ne.setValue("constructor", "y");\ne.setValue("toString", "z");\ne.setValue("to", "a@example.com");\ne.send();\nprintLine("sent");');
    expect(r.error).toBeNull();
    expect(r.output).toBe('sent\n');
  });

  it('are not POSIX classes in regexp', () => {
    const r = runScript('printLine("abc".regexp("[[:constructor:]]").toString());\nprintLine("a1".regexp("[[:digit:]]").toString());');
    expect(r.output).not.toMatch(/function|native code/);
    expect(r.error ?? '').not.toMatch(/internal error/);
  });

  it('are not code pages', () => {
    const r = runScript('printLine(encodeBase64("x", "constructor"));');
    expect(r.error ?? '').not.toMatch(/internal error/);
  });
});

describe('HTTP response headers', () => {
  let server: http.Server;
  let base = '';
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'X-Real': 'yes' });
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('give "" for names the response does not have, "constructor" included', async () => {
    const source = `HTTP h;\nh.get("${base}/");\n${KEYS.map((k) => `printLine("[" + h.getResponseHeader("${k}") + "]");`).join('\n')}\nprintLine(h.getResponseHeader("x-real"));`;
    const c = compileScript({ source, file: 'h.crm' });
    const r = await runIsolated(c.compiled!, { features: { http: true }, timeoutMs: 20_000 }).result;
    expect(r.error).toBeNull();
    expect(r.output).toBe(KEYS.map(() => '[]\n').join('') + 'yes\n');
  });
});
