// Variable-length integers for the recording's byte streams (format.ts, version 3): 7 bits a
// byte, low bits first, the high bit set on every byte but the last; signed values go through
// zigzag (0, -1, 1, -2, ... → 0, 1, 2, 3, ...) so small magnitudes take one byte. The recorder
// writes them inline where it fills a ByteStream (chunk-buffer.ts, frames.ts), for speed.

/** A growable byte buffer the recorder appends varints to. */
export class ByteStream {
  bytes: Uint8Array;
  length = 0;

  constructor(size = 4096) {
    this.bytes = new Uint8Array(size);
  }

  /** Makes room for `more` bytes. */
  reserve(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const b = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more));
    b.set(this.bytes.subarray(0, this.length));
    this.bytes = b;
  }

  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }
}

export function unzigzag(u: number): number {
  return (u >>> 1) ^ -(u & 1);
}

/** Reads varints from a byte range; `pos` is the next byte. */
export class ByteReader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  more(): boolean {
    return this.pos < this.end;
  }

  uint(): number {
    const b = this.bytes;
    let x = b[this.pos++];
    if (x < 0x80) return x;
    x &= 0x7f;
    let shift = 7;
    for (;;) {
      if (this.pos >= this.end) throw new RangeError('varint runs past its stream');
      const c = b[this.pos++];
      x += (c & 0x7f) * 2 ** shift;
      if (c < 0x80) return x;
      shift += 7;
    }
  }

  int(): number {
    return unzigzag(this.uint());
  }
}
