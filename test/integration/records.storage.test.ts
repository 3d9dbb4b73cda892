import { describe, expect, it } from 'vitest';
import { coreFieldDefs } from '../../src/shared/records';
import { PlannerDb } from '../../src/model/db/schema';
import { addField, appendRow, createRecordTable, getCell, setCell } from '../../src/model/records/recordTable';
import { BLOCK_ROWS, loadRecordTable, saveRecordTable } from '../../src/model/records/storage';

describe('records in column blocks', () => {
  it('saves and loads every value, across several blocks, with custom fields and deletions', async () => {
    const db = new PlannerDb(`records-${Date.now()}`);
    await db.open();
    const table = createRecordTable('account', coreFieldDefs('account'));
    const rows = BLOCK_ROWS * 2 + 17;
    for (let i = 0; i < rows; i++) {
      appendRow(table, {
        externalId: `A${i}`,
        name: i % 3 === 0 ? `Zoë ${i}` : `Acme ${i}`,
        postalCode: i % 2 === 0 ? '01000' : null,
        annualRevenue: i % 5 === 0 ? null : i * 1.5,
      });
    }
    addField(table, { kind: 'account', key: 'segment', label: 'Segment', type: 'picklist', custom: true });
    setCell(table, 'segment', rows - 1, 'Enterprise');
    table.deleted[3] = 1;
    await saveRecordTable(db, table);
    expect(await db.recordBlocks.count()).toBe(3);

    const loaded = await loadRecordTable(db, 'account');
    expect(loaded.rowCount).toBe(rows);
    expect(getCell(loaded, 'externalId', rows - 1)).toBe(`A${rows - 1}`);
    expect(getCell(loaded, 'name', 3)).toBe('Zoë 3');
    expect(getCell(loaded, 'postalCode', 0)).toBe('01000');
    expect(getCell(loaded, 'postalCode', 1)).toBeNull();
    expect(getCell(loaded, 'annualRevenue', 5)).toBeNull();
    expect(getCell(loaded, 'annualRevenue', 7)).toBe(10.5);
    expect(getCell(loaded, 'segment', rows - 1)).toBe('Enterprise');
    expect(getCell(loaded, 'segment', 0)).toBeNull();
    expect(loaded.deleted[3]).toBe(1);
    expect(loaded.deleted[4]).toBe(0);
    expect(loaded.fields.map((f) => f.key)).toContain('segment');
  });

  it('rewrites only the blocks from a given row on, keeping codes valid', async () => {
    const db = new PlannerDb(`records-append-${Date.now()}`);
    await db.open();
    const table = createRecordTable('account', coreFieldDefs('account'));
    for (let i = 0; i < BLOCK_ROWS + 10; i++) appendRow(table, { externalId: `A${i}`, country: 'FR' });
    await saveRecordTable(db, table);
    const firstBlockBefore = await db.recordBlocks.get(['account', 0]);
    for (let i = 0; i < 5; i++) appendRow(table, { externalId: `B${i}`, country: 'CA' });
    await saveRecordTable(db, table, BLOCK_ROWS + 10);
    expect(await db.recordBlocks.get(['account', 0])).toEqual(firstBlockBefore);
    const loaded = await loadRecordTable(db, 'account');
    expect(loaded.rowCount).toBe(BLOCK_ROWS + 15);
    expect(getCell(loaded, 'country', 0)).toBe('FR');
    expect(getCell(loaded, 'country', BLOCK_ROWS + 14)).toBe('CA');
  });

  it('answers an empty table with the core fields for a kind never imported', async () => {
    const db = new PlannerDb(`records-empty-${Date.now()}`);
    await db.open();
    const loaded = await loadRecordTable(db, 'lead');
    expect(loaded.rowCount).toBe(0);
    expect(loaded.fields.map((f) => f.key)).toEqual(coreFieldDefs('lead').map((f) => f.key));
  });
});
