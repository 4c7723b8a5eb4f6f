// Reading a multipart/form-data body (RFC 7578): text fields, files with bytes that look like
// line ends and boundaries, names in quotes, an empty file field, a body cut short.
import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart } from '../../../src/interp/stdlib/multipart.js';
import { cgiForm } from '../../../src/interp/stdlib/web.js';

const B = 'XyZ123';
const part = (headers: string, body: string | Buffer): Buffer => Buffer.concat([Buffer.from(`--${B}\r\n${headers}\r\n\r\n`), Buffer.from(body as string, typeof body === 'string' ? 'utf8' : undefined), Buffer.from('\r\n')]);
const end = Buffer.from(`--${B}--\r\n`);

describe('multipart/form-data', () => {
  it('finds the boundary, quoted or not, and nothing for other types', () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b;c"')).toBe('a b;c');
    expect(multipartBoundary('application/x-www-form-urlencoded')).toBeNull();
    expect(multipartBoundary('multipart/form-data')).toBeNull();
  });

  it('gives text fields in order and files with their bytes, including CR LF and "--" inside', () => {
    const bytes = Buffer.from([0x0d, 0x0a, 0x2d, 0x2d, 0x58, 0x00, 0xff, 0x0d, 0x0a]);
    const body = Buffer.concat([
      part('Content-Disposition: form-data; name="title"', 'Line one\r\nLine two'),
      part('Content-Disposition: form-data; name="doc"; filename="a \\"b\\" %22c%22.bin"\r\nContent-Type: application/octet-stream', bytes),
      part('Content-Disposition: form-data; name=plain', 'ünïcode'),
      part('Content-Disposition: form-data; name="empty"; filename=""\r\nContent-Type: application/octet-stream', ''),
      end,
    ]);
    const f = parseMultipart(body, B);
    expect(f.fields).toEqual([
      ['title', 'Line one\r\nLine two'],
      ['doc', 'a "b" "c".bin'],
      ['plain', 'ünïcode'],
      ['empty', ''],
    ]);
    expect(f.files).toHaveLength(1);
    expect(f.files[0]).toMatchObject({ field: 'doc', name: 'a "b" "c".bin', contentType: 'application/octet-stream' });
    expect(Buffer.from(f.files[0]!.data)).toEqual(bytes);
  });

  it('keeps the parts before a body that is cut short, and reads nothing from one without its boundary', () => {
    const whole = part('Content-Disposition: form-data; name="a"', '1');
    const cut = Buffer.concat([whole, Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="b"\r\n\r\nno end`)]);
    expect(parseMultipart(cut, B).fields).toEqual([['a', '1']]);
    expect(parseMultipart(Buffer.from('just text'), B)).toEqual({ fields: [], files: [] });
  });

  it('cgiForm puts the query first, then the form fields; a form-encoded body still works', () => {
    const body = Buffer.concat([part('Content-Disposition: form-data; name="x"', 'from form'), end]);
    const f = cgiForm(new URLSearchParams('q=1&x=from+query'), `multipart/form-data; boundary=${B}`, body);
    expect(f.variables).toEqual([['q', '1'], ['x', 'from query'], ['x', 'from form']]);
    expect(cgiForm(new URLSearchParams(), 'application/x-www-form-urlencoded', Buffer.from('a=1&b=%C3%A5')).variables).toEqual([['a', '1'], ['b', 'å']]);
  });
});
