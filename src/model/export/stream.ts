/**
 * Files written in chunks. Every writer of src/model/export produces its file as a generator of byte chunks
 * (csvChunks, xlsxChunks, zipChunks...); the export service consumes them through `pacedChunks`, which hands the
 * worker back to its event loop between chunks so that a Stop message is heard while a file is being written, and
 * `collectFile`, which keeps the chunks and joins them only once the last one is written. A stopped export throws
 * (CANCELLED) before that: the chunks written so far are dropped, and no part of a file is ever handed on.
 */
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { yieldToEventLoop } from '../import/delimited';
import { concatChunks } from './byteSink';

export interface PaceOptions {
  signal?: AbortSignal;
  /** Gives the event loop a turn (a Stop message, a progress event); a macrotask by default. */
  pause?: () => Promise<void>;
  /** Writing time between two pauses. */
  everyMs?: number;
}

/** The chunks of a writer, with a turn of the event loop about every `everyMs` of writing, and Stop checked. */
export async function* pacedChunks(
  chunks: Iterable<Uint8Array>,
  options: PaceOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const { signal, pause = yieldToEventLoop, everyMs = 40 } = options;
  signal?.throwIfAborted();
  let since = performance.now();
  for (const chunk of chunks) {
    signal?.throwIfAborted();
    yield chunk;
    if (performance.now() - since >= everyMs) {
      await pause();
      signal?.throwIfAborted();
      since = performance.now();
    }
  }
  await pause();
  signal?.throwIfAborted();
}

/** The whole file, once its last chunk is written; nothing if the writing stops or fails before. */
export async function collectFile(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const kept: Uint8Array[] = [];
  for await (const chunk of chunks) kept.push(chunk);
  return concatChunks(kept);
}

/** A zip of entries each written in chunks (CRM files), deflated as they come; the zip in chunks too. */
export function* zipChunks(
  entries: readonly { name: string; chunks: Iterable<Uint8Array> }[],
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
): Generator<Uint8Array, void, undefined> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else out.push(data);
  });
  const ready = () => {
    if (failure) throw failure;
    return out.splice(0);
  };
  for (const entry of entries) {
    const part = new ZipDeflate(entry.name, { level });
    zip.add(part);
    for (const chunk of entry.chunks) {
      part.push(chunk);
      yield* ready();
    }
    part.push(new Uint8Array(0), true);
    yield* ready();
  }
  zip.end();
  yield* ready();
}

/** Text already built (a GeoJSON document) as UTF-8 chunks of about a megabyte. */
export function* textChunks(text: string, chars = 1 << 20): Generator<Uint8Array, void, undefined> {
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + chars);
    // A surrogate pair stays whole.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    yield strToU8(text.slice(at, end));
    at = end;
  }
}
