// CRMScript's File class: reading and writing host files, only when the operator allows it
// (`run --allow-file [DIR]`, or the store's settings.features.file) and only inside one
// directory (the DIR given, the store's settings.features.fileDirectory, or <data dir>/files).
// A path that leads outside it, through `..` or a symbolic link, is refused.
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { NativeClass } from './registry.js';
import { CrmError, NULL_STRING } from '../runtime/values.js';
import { rt } from '../runtime/context.js';

export class CrmFile {
  path = '';
  /** Read modes: the file's text and the read position. */
  text = '';
  pos = 0;
  fd: number | null = null;
  encoding: BufferEncoding = 'utf8';
}

function root(): string {
  if (!rt.features.file) throw new CrmError('File is disabled: scripts may not touch host files. Enable it with --allow-file [DIR].');
  const dir = rt.features.fileDir;
  if (!dir) throw new CrmError('File is enabled but no directory is set for it (settings.features.fileDirectory).');
  mkdirSync(dir, { recursive: true });
  return realpathSync(dir);
}

/** The real path of `path` inside the allowed directory; throws when it is outside or a link. */
export function confined(path: string): string {
  const top = root();
  const abs = resolve(top, path);
  let parent: string;
  try {
    parent = realpathSync(dirname(abs));
  } catch {
    throw new CrmError(`File: the directory of "${path}" does not exist`);
  }
  const full = join(parent, basename(abs));
  if (full !== top && !full.startsWith(top + sep)) throw new CrmError(`File: "${path}" is outside the directory scripts may use (${top})`);
  if (existsSync(full) && !lstatSync(full).isFile()) throw new CrmError(`File: "${path}" is not a regular file`);
  return full;
}

function encodingOf(name: string): BufferEncoding {
  return /^(iso-?8859-?1|latin-?1|windows-?1252)$/i.test(name.trim()) ? 'latin1' : 'utf8';
}

function open(f: CrmFile, path: string, mode: string, encoding: string): boolean {
  close(f);
  const full = confined(path);
  f.path = full;
  f.encoding = encodingOf(encoding);
  f.text = '';
  f.pos = 0;
  const m = mode.replace('b', '');
  try {
    if (m.startsWith('r')) {
      f.text = readFileSync(full).toString(f.encoding);
      if (m === 'r+') f.fd = openSync(full, 'a');
    } else f.fd = openSync(full, m.startsWith('a') ? 'a' : 'w');
    return true;
  } catch {
    return false;
  }
}

function close(f: CrmFile): void {
  if (f.fd !== null) closeSync(f.fd);
  f.fd = null;
}

function writable(f: CrmFile): number {
  if (f.fd === null) throw new CrmError('File.write: the file is not open for writing');
  return f.fd;
}

export const FileClass: NativeClass = {
  name: 'File',
  ctors: { '()': () => new CrmFile() },
  methods: {
    'open(String,String)': (f: CrmFile, path: string, mode: string) => open(f, path, mode, 'UTF-8'),
    'open(String,String,String)': (f: CrmFile, path: string, mode: string, enc: string) => open(f, path, mode, enc),
    'close()': (f: CrmFile) => close(f),
    'flush()': () => {},
    'eof()': (f: CrmFile) => f.pos >= f.text.length,
    'rewind()': (f: CrmFile) => {
      f.pos = 0;
    },
    'readAll()': (f: CrmFile) => {
      const rest = f.text.slice(f.pos);
      f.pos = f.text.length;
      return rest;
    },
    'readLine()': (f: CrmFile) => {
      if (f.pos >= f.text.length) return NULL_STRING; // the end of the file: no value
      const nl = f.text.indexOf('\n', f.pos);
      const end = nl < 0 ? f.text.length : nl;
      const line = f.text.slice(f.pos, end).replace(/\r$/, '');
      f.pos = nl < 0 ? f.text.length : nl + 1;
      return line;
    },
    'readBinary()': (f: CrmFile) => {
      const bytes = [...Buffer.from(f.text.slice(f.pos), f.encoding)];
      f.pos = f.text.length;
      return bytes;
    },
    'write(String)': (f: CrmFile, s: string) => {
      writeSync(writable(f), Buffer.from(s, f.encoding));
    },
    'writeBinary(Byte[])': (f: CrmFile, b: number[]) => {
      writeSync(writable(f), Buffer.from(b));
    },
    'unlink()': (f: CrmFile) => {
      if (!f.path) return false;
      close(f);
      try {
        unlinkSync(f.path);
        return true;
      } catch {
        return false;
      }
    },
  },
  defaultValue: () => new CrmFile(),
};
