/**
 * The backup file (issue 10): every table of the database in one zip (fflate), readable back to the same rows.
 *
 *   tables/<name>/<n>.json page n of the table's rows as JSON, each typed array (record columns, assignment
 *                          blocks) replaced by a reference into the page's binary entry, dates and `undefined` tagged
 *   tables/<name>/<n>.bin  those typed arrays' bytes end to end
 *   manifest.json          (last) format, format version, the database's schema version, when, row counts, pages
 *                          per table, and the SHA-256 of every other entry
 *
 * Format 1 (still read) had one entry pair per table, tables/<name>.json and .bin, and the manifest first.
 *
 * Written and read a page at a time (BackupWriter, openBackup), so neither the database nor its JSON is ever whole
 * in memory: only the compressed file and one page. Pure: no Dexie here. Reading checks every entry's checksum
 * before the caller writes anything, so a damaged file is refused with nothing changed; a page that does not decode
 * throws while the caller writes, inside its transaction (service/backup.ts), which then rolls back.
 */
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
import { concatChunks } from './byteSink';

export const BACKUP_FORMAT = 'territory-planner-backup';
export const BACKUP_FORMAT_VERSION = 2;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** The Dexie schema version of the database the backup was taken from. */
  schemaVersion: number;
  createdAt: string;
  /** Rows per table. */
  tables: Record<string, number>;
  /** Pages per table (format 2). */
  pages?: Record<string, number>;
  /** SHA-256 (hex) of each entry but the manifest. */
  checksums: Record<string, string>;
}

export type BackupTables = Record<string, unknown[]>;

/** Why a file is refused; put into words by the UI. */
export type BackupProblem = 'notBackup' | 'corrupt' | 'newerVersion' | 'olderVersion' | 'unreadable';

export class BackupRefused extends Error {
  constructor(
    readonly reason: BackupProblem,
    readonly detail: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(detail);
  }
}

const typedArrays = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedArrayName = keyof typeof typedArrays;
type AnyTypedArray = InstanceType<(typeof typedArrays)[TypedArrayName]>;

const TAG = '$tp';

/** Replaces typed arrays by references into `blobs`; tags what JSON cannot say. */
function encodeValue(value: unknown, blobs: { parts: Uint8Array[]; length: number }): unknown {
  if (value === undefined) return { [TAG]: 'u' };
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return { [TAG]: 'n', v: String(value) };
    if (typeof value === 'bigint') return { [TAG]: 'b', v: value.toString() };
    return value;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedArrayName;
    if (!(name in typedArrays)) throw new Error(`Cannot back up a ${name}`);
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    // Each array starts at a multiple of 8, so it can be viewed in place when read back.
    const pad = (8 - (blobs.length % 8)) % 8;
    if (pad > 0) {
      blobs.parts.push(new Uint8Array(pad));
      blobs.length += pad;
    }
    const at = blobs.length;
    blobs.parts.push(bytes.slice());
    blobs.length += bytes.byteLength;
    return { [TAG]: 'a', t: name, o: at, n: (value as AnyTypedArray).length };
  }
  if (value instanceof Date) return { [TAG]: 'd', v: value.toISOString() };
  if (value instanceof ArrayBuffer) return encodeValue(new Uint8Array(value), blobs);
  if (Array.isArray(value)) return value.map((item) => encodeValue(item, blobs));
  if (value instanceof Map || value instanceof Set) throw new Error('Cannot back up a Map or Set');
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = encodeValue(item, blobs);
  // An object that itself has the tag key is wrapped, so it is not taken for a tagged value.
  return TAG in out ? { [TAG]: 'o', v: out } : out;
}

function decodeValue(value: unknown, blob: Uint8Array, where: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => decodeValue(item, blob, where));
  const record = value as Record<string, unknown>;
  if (TAG in record) {
    switch (record[TAG]) {
      case 'u':
        return undefined;
      case 'n':
        return Number(record.v);
      case 'b':
        return BigInt(String(record.v));
      case 'd':
        return new Date(String(record.v));
      case 'o': {
        const inner = record.v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(inner)) out[key] = decodeValue(item, blob, where);
        return out;
      }
      case 'a': {
        const type = typedArrays[record.t as TypedArrayName];
        const offset = record.o;
        const length = record.n;
        if (!type || !Number.isInteger(offset) || !Number.isInteger(length)) {
          throw new BackupRefused('corrupt', `${where}: a bad array reference`);
        }
        const end = (offset as number) + (length as number) * type.BYTES_PER_ELEMENT;
        if ((offset as number) < 0 || end > blob.byteLength) {
          throw new BackupRefused('corrupt', `${where}: an array reference outside its data`);
        }
        // A copy: the rows outlive the file's buffer and each array owns exactly its bytes (IndexedDB stores them).
        const bytes = blob.slice(offset as number, end);
        return new type(bytes.buffer, 0, length as number) as AnyTypedArray;
      }
      default:
        throw new BackupRefused('corrupt', `${where}: an unknown tag`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = decodeValue(item, blob, where);
  return out;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A page of rows as its two entries. */
function encodePage(rows: readonly unknown[]): { json: Uint8Array; bin: Uint8Array } {
  const blobs = { parts: [] as Uint8Array[], length: 0 };
  const json = strToU8(JSON.stringify(rows.map((row) => encodeValue(row, blobs))));
  return { json, bin: concat(blobs.parts, blobs.length) };
}

/**
 * A backup written a page at a time (rows as Dexie gives them): each page is encoded, deflated into the zip and
 * its checksum started at once, so what stays in memory is the compressed file, not the tables.
 */
export class BackupWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private failure: Error | null = null;
  private readonly digests: Promise<[string, string]>[] = [];
  private readonly counts: Record<string, number> = {};
  private readonly pages: Record<string, number> = {};
  private written = 0;

  constructor(private readonly meta: { schemaVersion: number; createdAt: string }) {
    this.zip = new Zip((error, data) => {
      if (error) this.failure = error;
      else {
        this.chunks.push(data);
        this.written += data.length;
      }
    });
  }

  /** Bytes of the file so far. */
  get length(): number {
    return this.written;
  }

  /** A table of the backup, rows or not. */
  table(name: string): void {
    this.counts[name] ??= 0;
    this.pages[name] ??= 0;
  }

  /** The next page of a table's rows; answers its bytes before compression (to size the next page). */
  addRows(name: string, rows: readonly unknown[]): number {
    this.table(name);
    const page = this.pages[name]++;
    this.counts[name] += rows.length;
    const { json, bin } = encodePage(rows);
    // Level 1: typed arrays of a million rows deflate slowly at higher levels for little gain.
    this.entry(`tables/${name}/${page}.json`, json, 1);
    this.entry(`tables/${name}/${page}.bin`, bin, 1);
    return json.length + bin.length;
  }

  private entry(path: string, bytes: Uint8Array, level: 1 | 6): void {
    // The digest copies the bytes now; its answer is awaited in finish (not here: the caller may be inside an
    // IndexedDB transaction, which must not wait on anything else).
    this.digests.push(sha256(bytes).then((hash): [string, string] => [path, hash]));
    const file = new ZipDeflate(path, { level });
    this.zip.add(file);
    file.push(bytes, true);
    if (this.failure) throw this.failure;
  }

  /** The manifest, then the whole file. */
  async finish(): Promise<{ bytes: Uint8Array; manifest: BackupManifest }> {
    const checksums = Object.fromEntries(await Promise.all(this.digests));
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      schemaVersion: this.meta.schemaVersion,
      createdAt: this.meta.createdAt,
      tables: this.counts,
      pages: this.pages,
      checksums,
    };
    const file = new ZipDeflate('manifest.json', { level: 6 });
    this.zip.add(file);
    file.push(strToU8(JSON.stringify(manifest, null, 2)), true);
    this.zip.end();
    if (this.failure) throw this.failure;
    return { bytes: concatChunks(this.chunks), manifest };
  }
}

function isZip(bytes: Uint8Array): boolean {
  // A zip starts with a local file header "PK\x03\x04".
  return bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

/** One entry of the zip, inflated alone (the others are skipped); undefined if the zip has none by that name. */
function entryOf(bytes: Uint8Array, path: string): Uint8Array | undefined {
  try {
    return unzipSync(bytes, { filter: (file) => file.name === path })[path];
  } catch (error) {
    throw new BackupRefused('corrupt', `the zip cannot be read: ${error instanceof Error ? error.message : error}`);
  }
}

function manifestOf(bytes: Uint8Array): BackupManifest {
  if (!isZip(bytes)) throw new BackupRefused('notBackup', 'not a zip file');
  const raw = entryOf(bytes, 'manifest.json');
  if (!raw) throw new BackupRefused('notBackup', 'no manifest.json');
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(strFromU8(raw)) as Partial<BackupManifest>;
  } catch {
    throw new BackupRefused('corrupt', 'manifest.json is not JSON');
  }
  if (manifest.format !== BACKUP_FORMAT) throw new BackupRefused('notBackup', 'not a Territory Planner backup');
  if (
    typeof manifest.formatVersion !== 'number' ||
    typeof manifest.schemaVersion !== 'number' ||
    typeof manifest.createdAt !== 'string' ||
    typeof manifest.tables !== 'object' ||
    manifest.tables === null ||
    typeof manifest.checksums !== 'object' ||
    manifest.checksums === null ||
    (manifest.formatVersion >= 2 && (typeof manifest.pages !== 'object' || manifest.pages === null))
  ) {
    throw new BackupRefused('corrupt', 'manifest.json lacks fields');
  }
  return manifest as BackupManifest;
}

export interface OpenedBackup {
  manifest: BackupManifest;
  /** Checks every entry against its checksum, one entry in memory at a time; throws BackupRefused. */
  verify(): Promise<void>;
  /**
   * The rows of a table, a page at a time, decoded as they are asked for; throws BackupRefused (bad JSON, a bad
   * array reference, not the rows the manifest counts) at the page that is wrong.
   */
  pages(name: string): Generator<unknown[], void, undefined>;
}

/**
 * A backup file opened for reading: its manifest read and its versions checked (the schema version not above
 * `supportedVersion`: an older one is read as well, the service upgrades its tables).
 */
export function openBackup(bytes: Uint8Array, supportedVersion: number): OpenedBackup {
  const manifest = manifestOf(bytes);
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION || manifest.schemaVersion > supportedVersion) {
    throw new BackupRefused('newerVersion', `database version ${manifest.schemaVersion}`, {
      version: manifest.schemaVersion,
      supported: supportedVersion,
    });
  }
  if (!Number.isInteger(manifest.schemaVersion) || manifest.schemaVersion < 1) {
    throw new BackupRefused('olderVersion', `database version ${manifest.schemaVersion}`, {
      version: manifest.schemaVersion,
      supported: supportedVersion,
    });
  }
  /** The entry pairs of a table, in order. */
  const pairsOf = (name: string): [string, string][] => {
    if (manifest.formatVersion < 2) return [[`tables/${name}.json`, `tables/${name}.bin`]];
    const pages = manifest.pages![name];
    if (!Number.isInteger(pages) || pages < 0) throw new BackupRefused('corrupt', `table ${name} has no pages`);
    return Array.from({ length: pages }, (_, i): [string, string] => [
      `tables/${name}/${i}.json`,
      `tables/${name}/${i}.bin`,
    ]);
  };
  const read = (path: string): Uint8Array => {
    const entry = manifest.checksums[path] ? entryOf(bytes, path) : undefined;
    if (!entry) throw new BackupRefused('corrupt', `${path} is missing`);
    return entry;
  };
  return {
    manifest,
    async verify() {
      for (const name of Object.keys(manifest.tables))
        for (const path of pairsOf(name).flat())
          if (!manifest.checksums[path]) throw new BackupRefused('corrupt', `table ${name} is missing`);
      for (const [path, expected] of Object.entries(manifest.checksums)) {
        if ((await sha256(read(path))) !== expected)
          throw new BackupRefused('corrupt', `${path} does not match its checksum`);
      }
    },
    *pages(name) {
      const count = manifest.tables[name];
      let rows = 0;
      for (const [jsonPath, binPath] of pairsOf(name)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(strFromU8(read(jsonPath)));
        } catch (error) {
          if (error instanceof BackupRefused) throw error;
          throw new BackupRefused('corrupt', `table ${name} is not JSON`);
        }
        if (!Array.isArray(parsed)) throw new BackupRefused('corrupt', `table ${name} is not a list of rows`);
        const blob = read(binPath);
        const at = rows;
        rows += parsed.length;
        if (rows > count) throw new BackupRefused('corrupt', `table ${name} does not have its ${count} rows`);
        yield parsed.map((row, i) => decodeValue(row, blob, `${name} row ${at + i + 1}`));
      }
      if (rows !== count) throw new BackupRefused('corrupt', `table ${name} does not have its ${count} rows`);
    },
  };
}

/** Every table of an opened backup, whole. */
export function tablesOf(backup: OpenedBackup): BackupTables {
  const tables: BackupTables = {};
  for (const name of Object.keys(backup.manifest.tables)) tables[name] = [...backup.pages(name)].flat();
  return tables;
}
