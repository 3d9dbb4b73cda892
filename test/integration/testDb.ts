import { PlannerDb } from '../../src/model/db/schema';
import { loadRecordTable } from '../../src/model/records/storage';
import { getCell } from '../../src/model/records/recordTable';
import { recordKinds } from '../../src/shared/domain';
import { createModelService } from '../../src/model/service';
import { createModelClient, type TerritoryBridge } from '../../src/shared/bridge';
import type { ModelApi } from '../../src/shared/api';
import { geoSource } from '../unit/import/helpers';

/** What the test models are given besides their database: the shipped geo files, read from disk (the app fetches them). */
export const testDeps = { geoSource };

let counter = 0;

/** A model service over a fresh database, and the typed client the UI would use on it (no port in between). */
export async function openTestModel(): Promise<{
  db: PlannerDb;
  api: ModelApi;
  service: ReturnType<typeof createModelService>;
}> {
  const db = new PlannerDb(`test-${Date.now()}-${counter++}`);
  await db.open();
  const service = createModelService(db, testDeps);
  const bridge: TerritoryBridge = {
    call: (method, input) => service.call(method, input) as never,
    onEvent: (listener) => service.subscribe(listener),
  };
  return { db, api: createModelClient(bridge), service };
}

/** A second model over an existing database (the first one closed), as after a reload of the app. */
export async function reopenTestModel(name: string): Promise<{ api: ModelApi; db: PlannerDb }> {
  const db = new PlannerDb(name);
  await db.open();
  const service = createModelService(db, testDeps);
  const api = createModelClient({
    call: (method, input) => service.call(method, input) as never,
    onEvent: (listener) => service.subscribe(listener),
  });
  return { api, db };
}

/**
 * Every live record with its non-empty cells and data set, the sales people, data sets, placements by hand and
 * memberships, as stored. A column an import added stays after its undo, empty: empty cells are left out here.
 */
export async function storedState(db: PlannerDb) {
  const records: Record<string, Record<string, unknown>[]> = {};
  for (const kind of recordKinds) {
    const table = await loadRecordTable(db, kind);
    const rows = [];
    for (let row = 0; row < table.rowCount; row++) {
      if (table.deleted[row] !== 0) continue;
      const cells: Record<string, unknown> = { row, dataSet: table.dataSet[row] };
      for (const field of table.fields) {
        const value = getCell(table, field.key, row);
        if (value !== null) cells[field.key] = value;
      }
      rows.push(cells);
    }
    records[kind] = rows;
  }
  const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => a.id.localeCompare(b.id));
  return {
    records,
    users: byId(await db.users.toArray()),
    dataSets: byId(await db.dataSets.toArray()),
    manual: byId(await db.manualAssignments.toArray()),
    memberships: byId(await db.memberships.toArray()),
  };
}
