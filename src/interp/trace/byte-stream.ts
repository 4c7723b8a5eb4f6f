// The recorder's byte streams (format.ts, version 3: S, A and L hold varints). The recorder
// writes the varints inline where it fills them (chunk-buffer.ts, frames.ts), for speed.

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
