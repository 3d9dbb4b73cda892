/**
 * Reading a plan file checks its big arrays (external IDs, offsets, entries, sources, record columns) with a plain
 * loop instead of zod: a bad entry deep in a large array is refused with its index, and on corrupted files the
 * reader refuses exactly when the published schema (zod, docs/plan-file.schema.json) does, at the same place.
 */
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Plan, Territory } from '../../../src/shared/domain';
import { emptyGeography } from '../../../src/shared/domain';
import { ModelError } from '../../../src/shared/errors';
import { coreFieldDefs } from '../../../src/shared/records';
import { buildPlanFile, planFileSchema, readPlanFile, type PlanFile } from '../../../src/model/export/planFile';
import { emptyAssignment } from '../../../src/model/engine/rules/assignment';
import { appendRow, createRecordTable } from '../../../src/model/records/recordTable';
import { planDefaults } from '../../../src/model/service/plans';

const now = '2026-12-01T00:00:00.000Z';

/** A valid plan file: two territories, `rows` accounts (every other one in the territory), records included. */
function planFile(rows: number, includeRecords: boolean): PlanFile {
  const plan: Plan = { id: 'p', name: 'Big', ...planDefaults, createdAt: now, updatedAt: now };
  const territory = (id: string, parentId: string | null): Territory => ({
    id,
    planId: plan.id,
    parentId,
    name: id,
    code: id,
    description: '',
    color: '#336699',
    typeLabel: '',
    sortOrder: 0,
    priority: 0,
    rulesWhenEmpty: 'inherit',
    geography: emptyGeography(),
  });
  const territories = [territory('root', null), territory('eu', 'root')];
  const records = createRecordTable('account', coreFieldDefs('account'));
  for (let i = 0; i < rows; i++) appendRow(records, { externalId: `A${i}`, name: `Account ${i}`, annualRevenue: i });
  const assignment = emptyAssignment('account', rows, ['root', 'eu']);
  const entries: number[] = [];
  for (let row = 0; row < rows; row++) {
    if (row % 2 === 0) entries.push(1);
    assignment.offsets[row + 1] = entries.length;
  }
  assignment.territories = Uint32Array.from(entries);
  assignment.sources = new Uint8Array(entries.length);
  return buildPlanFile({
    plan,
    territories,
    users: [],
    memberships: [],
    rules: [],
    targets: [],
    manualAssignments: [],
    kinds: [{ kind: 'account', records, assignment }],
    includeRecords,
    exportedAt: now,
  });
}

function refusal(json: unknown): { reason: string; path: string; message: string } | null {
  try {
    readPlanFile(strToU8(JSON.stringify(json)), 'bad.territory.json');
    return null;
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    const details = error.details as { reason: string; path?: string };
    return { reason: details.reason, path: details.path ?? '', message: error.message };
  }
}

describe('plan file: big arrays checked without zod', () => {
  it('refuses a bad entry deep in a 75,000-entry array, naming its index', () => {
    const good = planFile(150_000, true);
    expect(refusal(good)).toBeNull();
    const cases: [(file: PlanFile) => void, string][] = [
      [(f) => (f.assignments[0].externalIds[74_000] = ''), 'assignments.0.externalIds.74000'],
      [(f) => ((f.assignments[0].offsets as unknown[])[60_001] = -1), 'assignments.0.offsets.60001'],
      [(f) => ((f.assignments[0].territories as unknown[])[70_000] = 0.5), 'assignments.0.territories.70000'],
      [(f) => (f.assignments[0].sources[74_999] = 3), 'assignments.0.sources.74999'],
      [
        (f) => ((f.records![0].columns.externalId as { codes: unknown[] }).codes[149_999] = 'x'),
        'records.0.columns.externalId.codes.149999',
      ],
      [
        (f) => ((f.records![0].columns.annualRevenue as { values: unknown[] }).values[120_000] = '12'),
        'records.0.columns.annualRevenue.values.120000',
      ],
    ];
    for (const [spoil, path] of cases) {
      const file = structuredClone(good);
      spoil(file);
      const refused = refusal(file);
      expect(refused).toMatchObject({ reason: 'schema', path });
      expect(refused!.message).toContain(path);
    }
  }, 120_000);

  it('refuses exactly what the published schema refuses, at the same entry', () => {
    const good = planFile(12, true);
    const arrays = (file: PlanFile): unknown[][] => [
      file.assignments[0].externalIds,
      file.assignments[0].offsets,
      file.assignments[0].territories,
      file.assignments[0].sources,
      ...Object.values(file.records![0].columns).flatMap((c) => {
        const lists: unknown[][] = c.type === 'text' ? [c.values, c.codes] : [c.values];
        return lists;
      }),
    ];
    const count = arrays(good).length;
    const spoiled = fc.oneof(fc.constantFrom('', 'x', -1, 0.5, 3, 1e300, null, true, [], {}), fc.jsonValue());
    fc.assert(
      fc.property(fc.nat(count - 1), fc.nat(), spoiled, (which, at, value) => {
        const file = structuredClone(good);
        const array = arrays(file)[which];
        if (array.length === 0) return;
        array[at % array.length] = value;
        const zod = planFileSchema.safeParse(file);
        const refused = refusal(file);
        if (zod.success) expect(refused?.reason ?? null).not.toBe('schema');
        else {
          expect(refused?.reason).toBe('schema');
          // zod names a bad union member by its column; the reader goes down to the entry.
          expect(refused!.path.startsWith(zod.error.issues[0].path.map(String).join('.'))).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
