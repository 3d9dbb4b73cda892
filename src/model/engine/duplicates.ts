/**
 * Likely duplicate accounts, across imports: the same company under two IDs. Pure functions over the record
 * columns. Two live accounts are a likely pair when they have
 *  - the same normalised name (case, accents, punctuation and legal forms such as SA, GmbH, Inc. ignored) and the
 *    same postal code, or the same city when either has no postal code;
 *  - the same website domain (www. and the scheme ignored);
 *  - one's external ID in another ID-like column of the other (a "Legacy ID", "Zoho ID" kept as a custom field).
 * Pairs are grouped (a group holds every account linked to another by one of these), largest groups first.
 */
import type { RecordTable, TextColumn } from '../records/recordTable';

export type DuplicateReason = 'nameAndPlace' | 'website' | 'externalId';

export interface DuplicateGroup {
  rows: number[];
  reasons: DuplicateReason[];
}

const LEGAL_FORMS = new Set([
  'sa',
  'sas',
  'sasu',
  'sarl',
  'eurl',
  'sci',
  'gmbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'bv',
  'nv',
  'spa',
  'srl',
  'ab',
  'as',
  'oy',
  'the',
]);

/** A company name compared without case, accents, punctuation or legal form: "Société Générale S.A." = "societe generale". */
export function companyKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/(\p{L})\.(?=\p{L}\b)/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1])) words.pop();
  while (words.length > 1 && LEGAL_FORMS.has(words[0])) words.shift();
  return words.join(' ');
}

/** The domain of a website or e-mail ("https://www.Acme.com/about" -> "acme.com"); '' when there is none. */
export function domainKey(value: string): string {
  const text = value.trim().toLowerCase();
  if (!text) return '';
  const at = text.lastIndexOf('@');
  const host = (at >= 0 ? text.slice(at + 1) : text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '')).split(/[/?#:\s]/)[0];
  const bare = host.replace(/^www\d?\./, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(bare) ? bare : '';
}

class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = this.parent.get(node) ?? node;
      this.parent.set(node, root);
      node = next;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
}

const text = (column: TextColumn | undefined, row: number): string => (column ? column.values[column.codes[row]] : '');

function textColumn(table: RecordTable, key: string): TextColumn | undefined {
  const column = table.columns.get(key);
  return column?.type === 'text' ? column : undefined;
}

/** Custom text fields that hold websites (by their key or label). */
function websiteFields(table: RecordTable): string[] {
  return table.fields
    .filter((f) => f.type === 'text' && /web|site|domain|url|homepage/i.test(`${f.key} ${f.label}`))
    .map((f) => f.key);
}

/** Custom text fields that hold another system's IDs ("Legacy ID", "Zoho ID", "SF Account Id"). */
function idFields(table: RecordTable): string[] {
  return table.fields
    .filter(
      (f) => f.custom && f.type === 'text' && /(^|[^a-z])id($|[^a-z])|identifier|legacy/i.test(`${f.key} ${f.label}`),
    )
    .map((f) => f.key);
}

/**
 * The keys under which a row of a table meets its likely duplicates: "n" name + country + postal code, "c" name +
 * country + city, "w" website domain. Two rows, of the same table or of two tables (a file being imported and
 * the stored accounts), are a likely pair when they share a key. Names are normalised once per distinct name.
 */
export function duplicateKeyer(table: RecordTable): (row: number) => { key: string; reason: DuplicateReason }[] {
  const names = textColumn(table, 'name');
  const postal = textColumn(table, 'postalKey') ?? textColumn(table, 'postalCode');
  const city = textColumn(table, 'city');
  const country = textColumn(table, 'countryCode');
  const sites = websiteFields(table).map((key) => textColumn(table, key));
  const nameKeys = new Map<number, string>();
  const nameOf = (row: number) => {
    if (!names) return '';
    const code = names.codes[row];
    let key = nameKeys.get(code);
    if (key === undefined) nameKeys.set(code, (key = code === 0 ? '' : companyKey(names.values[code])));
    return key;
  };
  return (row) => {
    const keys: { key: string; reason: DuplicateReason }[] = [];
    const name = nameOf(row);
    if (name) {
      const where = text(country, row);
      const p = text(postal, row);
      if (p) keys.push({ key: `n\u0000${name}\u0000${where}\u0000${p}`, reason: 'nameAndPlace' });
      const c = text(city, row).trim().toLowerCase();
      if (c) keys.push({ key: `c\u0000${name}\u0000${where}\u0000${c}`, reason: 'nameAndPlace' });
    }
    for (const column of sites) {
      const domain = domainKey(text(column, row));
      if (domain) keys.push({ key: `w\u0000${domain}`, reason: 'website' });
    }
    return keys;
  };
}

/** Values of a row's ID-like custom columns (another system's IDs), trimmed, non-empty. */
export function otherIdsOf(table: RecordTable): (row: number) => string[] {
  const columns = idFields(table).map((key) => textColumn(table, key)!);
  return (row) => {
    const out: string[] = [];
    for (const column of columns) {
      const id = text(column, row).trim();
      if (id) out.push(id);
    }
    return out;
  };
}

/**
 * Groups of likely duplicates among the live rows (`keptApart`: pairs the planner said are different, as
 * "row,row" with the smaller first).
 */
export function findDuplicates(
  table: RecordTable,
  keptApart: ReadonlySet<string> = new Set(),
  limit = 500,
): DuplicateGroup[] {
  if (!textColumn(table, 'name')) return [];
  const ids = textColumn(table, 'externalId');
  const groups = new UnionFind();
  const reasons = new Map<string, Set<DuplicateReason>>();
  const link = (a: number, b: number, reason: DuplicateReason) => {
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    if (keptApart.has(key)) return;
    groups.union(a, b);
    let set = reasons.get(key);
    if (!set) reasons.set(key, (set = new Set()));
    set.add(reason);
  };
  // Same name and postal code; or same name and city (in the same country); or the same website domain.
  const keysOf = duplicateKeyer(table);
  const first = new Map<string, number[]>();
  for (let row = 0; row < table.rowCount; row++) {
    if (table.deleted[row] !== 0) continue;
    for (const { key, reason } of keysOf(row)) {
      const list = first.get(key);
      if (list) {
        for (const other of list) link(other, row, reason);
        if (list.length < 20) list.push(row);
      } else first.set(key, [row]);
    }
  }
  if (ids) {
    const rowOfId = new Map<string, number>();
    for (let row = 0; row < table.rowCount; row++) {
      const id = text(ids, row);
      if (id && table.deleted[row] === 0) rowOfId.set(id, row);
    }
    const otherIds = otherIdsOf(table);
    for (let row = 0; row < table.rowCount; row++) {
      if (table.deleted[row] !== 0) continue;
      for (const id of otherIds(row)) {
        const other = rowOfId.get(id);
        if (other !== undefined && other !== row) link(other, row, 'externalId');
      }
    }
  }
  const members = new Map<number, number[]>();
  for (const key of reasons.keys()) {
    for (const row of key.split(',').map(Number)) {
      const root = groups.find(row);
      const list = members.get(root) ?? [];
      if (!list.includes(row)) list.push(row);
      members.set(root, list);
    }
  }
  const out: DuplicateGroup[] = [];
  for (const rows of members.values()) {
    rows.sort((a, b) => a - b);
    const why = new Set<DuplicateReason>();
    for (const [key, set] of reasons) {
      const [a] = key.split(',').map(Number);
      if (rows.includes(a)) for (const r of set) why.add(r);
    }
    out.push({ rows, reasons: [...why].sort() });
  }
  return out.sort((a, b) => b.rows.length - a.rows.length || a.rows[0] - b.rows[0]).slice(0, limit);
}

/** A row of a file being imported that looks like a stored account, or like an earlier new row of the same file. */
export interface ImportDuplicate {
  /** Row of the staged table. */
  row: number;
  /** The stored account it looks like, or -1. */
  storedRow: number;
  /** The earlier staged row it looks like, or -1. */
  stagedRow: number;
  reason: DuplicateReason;
}

/**
 * Likely duplicates an import would create, by the rules of findDuplicates: each staged row that `isNew` (it
 * creates a record rather than updating one) is matched against the stored live accounts and the earlier new rows
 * of the same file. At most one match per row (the first found), in row order.
 */
export function findImportDuplicates(
  stored: RecordTable,
  staged: RecordTable,
  isNew: (row: number) => boolean,
): ImportDuplicate[] {
  const storedKeys = duplicateKeyer(stored);
  const stagedKeys = duplicateKeyer(staged);
  const storedByKey = new Map<string, number>();
  for (let row = 0; row < stored.rowCount; row++) {
    if (stored.deleted[row] !== 0) continue;
    for (const { key } of storedKeys(row)) if (!storedByKey.has(key)) storedByKey.set(key, row);
  }
  // IDs: a staged row's other-ID column naming a stored account, or a stored account's other-ID naming the row.
  const storedIds = textColumn(stored, 'externalId');
  const stagedIds = textColumn(staged, 'externalId');
  const stagedOtherIds = otherIdsOf(staged);
  const storedOtherIds = otherIdsOf(stored);
  const storedRowOfId = new Map<string, number>();
  const storedRowOfOtherId = new Map<string, number>();
  for (let row = 0; row < stored.rowCount; row++) {
    if (stored.deleted[row] !== 0) continue;
    const id = text(storedIds, row);
    if (id) storedRowOfId.set(id, row);
    for (const other of storedOtherIds(row)) if (!storedRowOfOtherId.has(other)) storedRowOfOtherId.set(other, row);
  }
  const stagedByKey = new Map<string, number>();
  const out: ImportDuplicate[] = [];
  for (let row = 0; row < staged.rowCount; row++) {
    if (!isNew(row)) continue;
    let found: ImportDuplicate | null = null;
    const keys = stagedKeys(row);
    for (const { key, reason } of keys) {
      const storedRow = storedByKey.get(key);
      if (storedRow !== undefined) {
        found = { row, storedRow, stagedRow: -1, reason };
        break;
      }
    }
    if (!found) {
      for (const id of stagedOtherIds(row)) {
        const storedRow = storedRowOfId.get(id);
        if (storedRow !== undefined) {
          found = { row, storedRow, stagedRow: -1, reason: 'externalId' };
          break;
        }
      }
    }
    if (!found) {
      const storedRow = storedRowOfOtherId.get(text(stagedIds, row).trim());
      if (storedRow !== undefined && text(stagedIds, row).trim())
        found = { row, storedRow, stagedRow: -1, reason: 'externalId' };
    }
    if (!found) {
      for (const { key, reason } of keys) {
        const stagedRow = stagedByKey.get(key);
        if (stagedRow !== undefined) {
          found = { row, storedRow: -1, stagedRow, reason };
          break;
        }
      }
    }
    for (const { key } of keys) if (!stagedByKey.has(key)) stagedByKey.set(key, row);
    if (found) out.push(found);
  }
  return out;
}
