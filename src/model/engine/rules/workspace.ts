/**
 * Buffers a run needs only while it runs, kept for the next run. A million-row run would otherwise allocate some
 * 60 MB of typed arrays each time, and V8 answers that much new external memory with a full mark-compact of the
 * whole heap (the record tables' strings included): about 200 ms measured on the benchmark machine.
 * The model keeps one workspace on its context and hands it to every run (`AssignmentRunInput.workspace`); a run
 * given none makes its own. Runs are synchronous and never nested, so one workspace serves every run of a model;
 * what a run returns is never taken from here.
 */
export class RunWorkspace {
  private readonly u32 = new Map<string, Uint32Array>();
  private readonly i32 = new Map<string, Int32Array>();
  private readonly u8 = new Map<string, Uint8Array>();

  /** A scratch Uint32Array of `size` elements; its content is whatever the last user left. */
  scratchU32(name: string, size: number): Uint32Array {
    return sized(this.u32, name, size, (n) => new Uint32Array(n));
  }

  /** A scratch Int32Array of `size` elements; its content is whatever the last user left. */
  scratchI32(name: string, size: number): Int32Array {
    return sized(this.i32, name, size, (n) => new Int32Array(n));
  }

  /** A scratch Uint8Array of `size` elements; its content is whatever the last user left. */
  scratchU8(name: string, size: number): Uint8Array {
    return sized(this.u8, name, size, (n) => new Uint8Array(n));
  }
}

function sized<T extends Uint32Array | Int32Array | Uint8Array>(
  pool: Map<string, T>,
  name: string,
  size: number,
  make: (n: number) => T,
): T {
  let buffer = pool.get(name);
  if (!buffer || buffer.length < size) {
    // Some headroom, so that a table growing by a few rows between runs does not reallocate each time.
    buffer = make(Math.max(size, Math.ceil(size * 1.25), 1024));
    pool.set(name, buffer);
  }
  return buffer.subarray(0, size) as T;
}

/**
 * Last-in first-out space for the keys of a parent's rows: a parent's keys live from its first keyed child to its
 * last child, and in tree order every descendant's keys come and go within that window.
 */
export class KeyStack {
  private top = 0;

  constructor(private buffer: Uint32Array) {}

  /** Where the stack stands, to release everything above it later. */
  mark(): number {
    return this.top;
  }

  allocate(size: number): Uint32Array {
    if (this.top + size > this.buffer.length) return new Uint32Array(size); // rare: deep trees of large lists
    const keys = this.buffer.subarray(this.top, this.top + size);
    this.top += size;
    return keys;
  }

  release(mark: number): void {
    this.top = Math.min(this.top, mark);
  }
}
