// NSStream: a byte stream, as the NetServer API passes binary data around. Here it wraps a Byte[].
import type { NativeClass } from './registry.js';

export class CrmStream {
  constructor(public bytes: number[] = []) {}
}

export const NSStreamClass: NativeClass = {
  name: 'NSStream',
  ctors: { '()': () => new CrmStream() },
  methods: {
    'GetStream()': (s: CrmStream) => s.bytes.slice(),
    'SetStream(Byte[])': (s: CrmStream, b: number[]) => {
      s.bytes = b.slice();
    },
  },
  defaultValue: () => new CrmStream(),
};
