// Keys that come from files and name what every JavaScript object has (__proto__, toString...): a column keyed
// `__proto__` vanished from stored blocks after a restart, and a saved profile looked a `toString` header up in
// Object.prototype (a function in the mapping: the wizard's answer could not cross the bridge). Issue #12.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PlannerDb } from '../../../src/model/db/schema';
import { headerSignature } from '../../../src/model/import';
import { loadRecordTable } from '../../../src/model/records/storage';
import { getCell } from '../../../src/model/records/recordTable';
import { ModelError } from '../../../src/shared/errors';
import { openTestModel } from '../testDb';
import { utf8 } from '../../unit/import/helpers';

type TestModel = Awaited<ReturnType<typeof openTestModel>>;
let tasks = 0;

async function saveProfile(model: TestModel, headers: string[], mappingJson: string) {
  await model.db.importProfiles.put({
    id: `profile-${tasks++}`,
    kind: 'account',
    signature: headerSignature(headers),
    name: 'Saved earlier',
    // JSON.parse makes "__proto__" an own key, as a stored profile holds it (an object literal would not).
    mapping: JSON.parse(mappingJson) as Record<string, string | null>,
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
}

async function importCsv(model: TestModel, text: string) {
  const analysis = await model.api.analyzeImportFile({ fileName: 'accounts.csv', bytes: utf8(text), kind: 'account' });
  // What the UI receives must survive the structured clone of the bridge (no function in it).
  expect(() => structuredClone(analysis)).not.toThrow();
  await model.api.checkImport({ importId: analysis.importId, taskId: `check-${tasks++}`, mapping: analysis.mapping });
  await model.api.commitImport({ importId: analysis.importId, taskId: `commit-${tasks++}`, onlyValidRows: false });
  return analysis;
}

/** The stored accounts as a fresh model host reads them after a restart: the database closed and opened again. */
async function afterRestart(model: TestModel) {
  const name = model.db.name;
  model.db.close();
  const db = new PlannerDb(name);
  await db.open();
  const table = await loadRecordTable(db, 'account');
  db.close();
  return table;
}

describe('prototype-named keys from files', () => {
  it('keeps the data of a `__proto__` column, mapped by a saved profile, across a restart', async () => {
    const model = await openTestModel();
    const headers = ['Account ID', 'Account Name', '__proto__'];
    await saveProfile(model, headers, '{"Account ID":"externalId","Account Name":"name","__proto__":"__proto__"}');
    const analysis = await importCsv(model, `${headers.join(',')}\r\nA-1,Acme,kept after restart\r\n`);
    const mapped = analysis.mapping[2];
    expect(mapped).toMatchObject({ header: '__proto__', custom: true });
    expect(mapped.field).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    const table = await afterRestart(model);
    const field = table.fields.find((f) => f.label === '__proto__');
    expect(field).toBeDefined();
    expect(getCell(table, field!.key, 0)).toBe('kept after restart');
  });

  it('maps a `toString` header by its own name when a saved profile of the same shape does not list it', async () => {
    const model = await openTestModel();
    // Saved from a file whose header was written TOSTRING: same signature, but the profile has no "toString" key.
    await saveProfile(
      model,
      ['Account ID', 'Account Name', 'TOSTRING'],
      '{"Account ID":"externalId","Account Name":"name","TOSTRING":null}',
    );
    const analysis = await importCsv(model, 'Account ID,Account Name,toString\r\nA-1,Acme,a value\r\n');
    expect(analysis.profile?.name).toBe('Saved earlier');
    expect(analysis.mapping[2]).toMatchObject({ header: 'toString', field: 'tostring', custom: true, type: 'text' });
    const table = await afterRestart(model);
    expect(getCell(table, 'tostring', 0)).toBe('a value');
  });

  it('refuses a mapping whose field key is a reserved or unsafe name, naming the rule', async () => {
    const model = await openTestModel();
    const analysis = await model.api.analyzeImportFile({
      fileName: 'accounts.csv',
      bytes: utf8('Account ID,Account Name,Notes\r\nA-1,Acme,x\r\n'),
      kind: 'account',
    });
    for (const field of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'has space', '1st']) {
      const mapping = analysis.mapping.map((m) => (m.column === 2 ? { ...m, field } : m));
      const error = await model.api
        .checkImport({ importId: analysis.importId, taskId: `check-${tasks++}`, mapping })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error, field).toBeInstanceOf(ModelError);
      expect((error as ModelError).code).toBe('INVALID_INPUT');
    }
  });
});
