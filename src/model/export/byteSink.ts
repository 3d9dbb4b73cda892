/**
 * Bytes written straight into preallocated chunks, for million-row exports. Building the text first (one string per
 * row, or `+=` into a big string) measured several times slower than the writing itself: V8 keeps such strings as
 * trees of pieces, and flattening millions of them (to join or to encode) dominated the export. Here each cell is
 * copied once, as UTF-8, into a 1 MB chunk; repeated cells are encoded once and copied as bytes.
 */
const CHUNK_BYTES = 1 << 20;
const encoder = new TextEncoder();

export class ByteSink {
  private readonly done: Uint8Array[] = [];
  private buffer: Uint8Array;
  private at = 0;
  /** Bytes written before the current chunk. */
  private before = 0;
  /**
   * `onChunk` is called with each full chunk (a streaming consumer: a zip entry, a writer's generator), which it
   * then owns (the sink writes on in a fresh one); chunks are kept for `result()` otherwise. `chunkBytes` is the
   * size of a chunk (small ones in tests, to cut cells and characters across chunks).
   */
  constructor(
    private readonly onChunk?: (chunk: Uint8Array) => void,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {
    this.buffer = new Uint8Array(chunkBytes);
  }

  get length(): number {
    return this.before + this.at;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    this.flush();
    if (bytes > this.buffer.length) this.buffer = new Uint8Array(bytes);
  }

  /** Hands the bytes written so far on (to `onChunk`, or to the kept list) and starts a fresh chunk. */
  flush(): void {
    if (this.at === 0) return;
    const chunk = this.buffer.subarray(0, this.at);
    if (this.onChunk) this.onChunk(chunk);
    else this.done.push(chunk);
    this.before += this.at;
    this.buffer = new Uint8Array(this.chunkBytes);
    this.at = 0;
  }

  byte(value: number): void {
    if (this.at === this.buffer.length) this.room(1);
    this.buffer[this.at++] = value;
  }

  /** Text as UTF-8: ASCII copied char by char (the usual case, and cheaper than a call out), the rest encoded. */
  text(text: string): void {
    const length = text.length;
    this.room(length * 3);
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        at += encoder.encodeInto(text.slice(i), buffer.subarray(at)).written;
        break;
      }
      buffer[at++] = code;
    }
    this.at = at;
  }

  /** Bytes already encoded (a cell written before). */
  bytes(bytes: Uint8Array): void {
    const length = bytes.length;
    this.room(length);
    if (length > 32) {
      this.buffer.set(bytes, this.at);
      this.at += length;
      return;
    }
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < length; i++) buffer[at++] = bytes[i];
    this.at = at;
  }

  /** A non-negative integer in decimal, without a string in between. */
  integer(value: number): void {
    if (value < 10) {
      this.byte(48 + value);
      return;
    }
    this.room(16);
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = this.at + digits;
    this.at = at;
    for (let rest = value; digits > 0; digits--) {
      this.buffer[--at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
  }

  /** Everything written, in one array (only without `onChunk`). */
  result(): Uint8Array {
    this.flush();
    if (this.done.length === 1) return this.done[0];
    const bytes = new Uint8Array(this.before);
    let at = 0;
    for (const chunk of this.done) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  }
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Chunks as one array (the whole file). */
export function concatChunks(chunks: Iterable<Uint8Array>): Uint8Array {
  const list = [...chunks];
  if (list.length === 1) return list[0];
  let size = 0;
  for (const chunk of list) size += chunk.length;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of list) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
