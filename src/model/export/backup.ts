/**
 * The backup file (issue 10): every table of the database in one zip (fflate), readable back to the same rows.
 *
 *   manifest.json          format, format version, the database's schema version, when, row counts, and the
 *                          SHA-256 of every other entry
 *   tables/<name>.json     the table's rows as JSON, each typed array (record columns, assignment blocks) replaced
 *                          by a reference into the table's binary entry, dates and `undefined` tagged
 *   tables/<name>.bin      those typed arrays' bytes end to end
 *
 * Pure: no Dexie here. Reading checks the whole file (zip, checksums, JSON, references) before the caller writes
 * anything, so a damaged file is refused with nothing changed.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

export const BACKUP_FORMAT = 'territory-planner-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** The Dexie schema version of the database the backup was taken from. */
  schemaVersion: number;
  createdAt: string;
  /** Rows per table. */
  tables: Record<string, number>;
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

/** The backup file of these tables (rows as Dexie gives them). */
export async function writeBackup(
  tables: BackupTables,
  meta: { schemaVersion: number; createdAt: string },
): Promise<{ bytes: Uint8Array; manifest: BackupManifest }> {
  const entries: Record<string, Uint8Array> = {};
  const counts: Record<string, number> = {};
  for (const [name, rows] of Object.entries(tables)) {
    const blobs = { parts: [] as Uint8Array[], length: 0 };
    const json = JSON.stringify(rows.map((row) => encodeValue(row, blobs)));
    entries[`tables/${name}.json`] = strToU8(json);
    entries[`tables/${name}.bin`] = concat(blobs.parts, blobs.length);
    counts[name] = rows.length;
  }
  const checksums: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(entries)) checksums[path] = await sha256(bytes);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: meta.schemaVersion,
    createdAt: meta.createdAt,
    tables: counts,
    checksums,
  };
  const zip: Zippable = { 'manifest.json': strToU8(JSON.stringify(manifest, null, 2)) };
  // Level 1: typed arrays of a million rows deflate slowly at higher levels for little gain.
  for (const [path, bytes] of Object.entries(entries)) zip[path] = [bytes, { level: 1 }];
  return { bytes: zipSync(zip), manifest };
}

function unzipped(bytes: Uint8Array): Record<string, Uint8Array> {
  // A zip starts with a local file header "PK\x03\x04".
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 3 || bytes[3] !== 4) {
    throw new BackupRefused('notBackup', 'not a zip file');
  }
  try {
    return unzipSync(bytes);
  } catch (error) {
    throw new BackupRefused('corrupt', `the zip cannot be read: ${error instanceof Error ? error.message : error}`);
  }
}

function manifestOf(files: Record<string, Uint8Array>): BackupManifest {
  const raw = files['manifest.json'];
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
    manifest.checksums === null
  ) {
    throw new BackupRefused('corrupt', 'manifest.json lacks fields');
  }
  return manifest as BackupManifest;
}

/** What a backup holds, from its manifest only (for the confirmation): refuses what is not a backup. */
export function inspectBackupFile(bytes: Uint8Array): BackupManifest {
  return manifestOf(unzipped(bytes));
}

/**
 * Reads the whole backup, checked: the manifest, the schema version (not above `supportedVersion`), every entry's
 * checksum, the JSON and the array references. Throws BackupRefused; returns the rows of every table.
 */
export async function readBackup(
  bytes: Uint8Array,
  supportedVersion: number,
): Promise<{ manifest: BackupManifest; tables: BackupTables }> {
  const files = unzipped(bytes);
  const manifest = manifestOf(files);
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION || manifest.schemaVersion > supportedVersion) {
    throw new BackupRefused('newerVersion', `database version ${manifest.schemaVersion}`, {
      version: manifest.schemaVersion,
      supported: supportedVersion,
    });
  }
  // An older version is read as well: the service upgrades its tables (service/backup.ts).
  if (!Number.isInteger(manifest.schemaVersion) || manifest.schemaVersion < 1) {
    throw new BackupRefused('olderVersion', `database version ${manifest.schemaVersion}`, {
      version: manifest.schemaVersion,
      supported: supportedVersion,
    });
  }
  for (const [path, expected] of Object.entries(manifest.checksums)) {
    const entry = files[path];
    if (!entry) throw new BackupRefused('corrupt', `${path} is missing`);
    if ((await sha256(entry)) !== expected) throw new BackupRefused('corrupt', `${path} does not match its checksum`);
  }
  const tables: BackupTables = {};
  for (const [name, count] of Object.entries(manifest.tables)) {
    const json = files[`tables/${name}.json`];
    const blob = files[`tables/${name}.bin`];
    if (!json || !blob || !manifest.checksums[`tables/${name}.json`] || !manifest.checksums[`tables/${name}.bin`]) {
      throw new BackupRefused('corrupt', `table ${name} is missing`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(strFromU8(json));
    } catch {
      throw new BackupRefused('corrupt', `table ${name} is not JSON`);
    }
    if (!Array.isArray(parsed) || parsed.length !== count) {
      throw new BackupRefused('corrupt', `table ${name} does not have its ${count} rows`);
    }
    tables[name] = parsed.map((row, i) => decodeValue(row, blob, `${name} row ${i + 1}`));
  }
  return { manifest, tables };
}
