// Issue #15: the check step's likely duplicates (findImportDuplicates) against a plain pairwise comparison written
// from the rules the Duplicates dialog states: same normalised name and country with the same postal code or the
// same city; the same website domain; one's external ID in the other's "Legacy ID" column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../../src/shared/domain';
import { companyKey, domainKey, findImportDuplicates } from '../../../src/model/engine/duplicates';
import { appendRow, createRecordTable, type RecordTable } from '../../../src/model/records/recordTable';

interface Row {
  externalId: string;
  name: string;
  postalCode: string;
  city: string;
  countryCode: string;
  website: string;
  legacyId: string;
  deleted: boolean;
}

const fields: FieldDef[] = [
  ['externalId', 'text'],
  ['name', 'text'],
  ['postalCode', 'postalCode'],
  ['city', 'text'],
  ['countryCode', 'picklist'],
].map(([key, type]) => ({ kind: 'account', key, label: key, type, custom: false }) as FieldDef);
fields.push(
  { kind: 'account', key: 'website', label: 'Website', type: 'text', custom: true },
  { kind: 'account', key: 'legacyId', label: 'Legacy ID', type: 'text', custom: true },
);

function tableOf(rows: Row[]): RecordTable {
  const table = createRecordTable('account', fields);
  for (const row of rows) {
    const r = appendRow(table, { ...row, deleted: null } as never);
    if (row.deleted) table.deleted[r] = 1;
  }
  return table;
}

const pick = <T>(values: T[]) => fc.constantFrom(...values);
const rowArb = (prefix: string) =>
  fc.record({
    externalId: fc.integer({ min: 0, max: 30 }).map((n) => `${prefix}-${n}`),
    name: pick(['Acme Corp', 'ACME', 'Acme Tools', 'Société Générale S.A.', 'societe generale', 'Nordwind GmbH', '']),
    postalCode: pick(['', '75009', '02134', '20095']),
    city: pick(['', 'Paris', 'paris', 'Boston', 'Hamburg']),
    countryCode: pick(['', 'FR', 'US', 'DE']),
    website: pick(['', 'https://www.acme.com', 'acme.com/about', 'nordwind.de', 'not a site']),
    legacyId: pick(['', 'S-1', 'S-2', 'N-3', 'X-9']),
    deleted: fc.boolean(),
  });

/** The pairwise rule, written plainly. */
function alike(a: Row, b: Row): boolean {
  const na = companyKey(a.name);
  const nb = companyKey(b.name);
  if (na && na === nb && a.countryCode === b.countryCode) {
    if (a.postalCode && a.postalCode === b.postalCode) return true;
    if (a.city && a.city.toLowerCase() === b.city.toLowerCase()) return true;
  }
  const da = domainKey(a.website);
  return da !== '' && da === domainKey(b.website);
}
const idLinked = (stored: Row, staged: Row) =>
  (staged.legacyId !== '' && staged.legacyId === stored.externalId) ||
  (stored.legacyId !== '' && stored.legacyId === staged.externalId);

describe('likely duplicates of an import', () => {
  it('match a plain pairwise comparison', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb('S'), { maxLength: 12 }),
        fc.array(rowArb('N'), { maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (stored, staged, newRows) => {
          const stagedRows = staged.map((r) => ({ ...r, deleted: false }));
          // Stored IDs are distinct, as the records table keeps them.
          const storedRows = stored.filter((r, i) => stored.findIndex((o) => o.externalId === r.externalId) === i);
          const found = findImportDuplicates(tableOf(storedRows), tableOf(stagedRows), (r) => newRows[r]);
          const byRow = new Map(found.map((d) => [d.row, d]));
          stagedRows.forEach((row, r) => {
            const live = storedRows.filter((s) => !s.deleted);
            const storedMatch = live.some((s) => alike(s, row) || idLinked(s, row));
            const earlierMatch = stagedRows.slice(0, r).some((o, i) => newRows[i] && alike(o, row));
            const d = byRow.get(r);
            if (!newRows[r]) return expect(d).toBeUndefined();
            expect(Boolean(d)).toBe(storedMatch || earlierMatch);
            if (!d) return;
            if (storedMatch) {
              // Stored accounts come first; the one named is a real match.
              expect(d.storedRow).toBeGreaterThanOrEqual(0);
              const s = storedRows[d.storedRow];
              expect(s.deleted).toBe(false);
              expect(alike(s, row) || idLinked(s, row)).toBe(true);
            } else {
              expect(d.stagedRow).toBeLessThan(r);
              expect(newRows[d.stagedRow]).toBe(true);
              expect(alike(stagedRows[d.stagedRow], row)).toBe(true);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
