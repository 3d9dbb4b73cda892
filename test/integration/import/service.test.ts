// The import calls and the records query as the UI uses them: through the typed client, over the real Dexie schema.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { ModelEvent } from '../../../src/shared/api';
import type { ImportKind } from '../../../src/shared/imports';
import { ModelError } from '../../../src/shared/errors';
import { openTestModel } from '../testDb';
import { fixture, utf8 } from '../../unit/import/helpers';

type TestModel = Awaited<ReturnType<typeof openTestModel>>;
let tasks = 0;

/** Analyse, check and commit a file, the way the wizard does. */
async function importFile(
  model: TestModel,
  bytes: Uint8Array,
  kind: ImportKind,
  options: { onlyValidRows?: boolean; profileName?: string } = {},
) {
  const { api } = model;
  const analysis = await api.analyzeImportFile({ fileName: 'file.csv', bytes, kind });
  const check = await api.checkImport({
    importId: analysis.importId,
    taskId: `check-${tasks++}`,
    mapping: analysis.mapping,
  });
  const result = await api.commitImport({
    importId: analysis.importId,
    taskId: `commit-${tasks++}`,
    onlyValidRows: options.onlyValidRows ?? true,
    profileName: options.profileName,
  });
  return { analysis, check, result };
}

/** Everything stored about records, users and imports, to compare before and after a failed import. */
async function snapshot({ db }: TestModel) {
  return {
    meta: await db.recordMeta.toArray(),
    dicts: await db.recordDicts.toArray(),
    blocks: await db.recordBlocks.toArray(),
    log: await db.importLog.count(),
    users: await db.users.toArray(),
  };
}

async function errorOf(work: Promise<unknown>): Promise<ModelError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

/** Cancels the task as soon as it reports the phase. */
function cancelOn(model: TestModel, taskId: string, phase: string): () => void {
  return model.service.subscribe((event: ModelEvent) => {
    if (event.type === 'progress' && event.taskId === taskId && event.phase === phase)
      model.service.context.cancelTask(taskId);
  });
}

describe('the import calls', () => {
  it('reads, checks and commits a file the UI sent once, then refreshes the record counts', async () => {
    const model = await openTestModel();
    const events: ModelEvent[] = [];
    model.service.subscribe((e) => events.push(e));
    const { analysis, check, result } = await importFile(model, fixture('accounts-en-bom.csv'), 'account');
    expect(analysis).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      fileName: 'file.csv',
      profile: null,
    });
    expect(analysis.preview[0][1]).toBe('Société Générale');
    expect(analysis.mapping.find((m) => m.header === 'Account Name')).toMatchObject({ field: 'name', custom: false });
    expect(analysis.fields.map((f) => f.key)).toContain('geoPrecision');
    expect(analysis.requiredFieldGroups).toEqual([['externalId'], ['name']]);
    expect(check).toMatchObject({
      rowsRead: 3,
      validRows: 3,
      rowsWithErrors: 0,
      rowsWithWarnings: 0,
      hasProblemRows: false,
    });
    // The French row (75009 Paris) by its postal code too, like the US and Canadian ones.
    expect(check.geocoded).toEqual({ postal: 3 });
    expect(result).toMatchObject({ kind: 'account', created: 3, updated: 0, skipped: 0, rowsRead: 3 });
    expect(await model.api.countRecords({})).toMatchObject({ account: 3 });
    expect(events).toContainEqual({ type: 'changed', planId: null, what: ['records'] });
    expect(events.some((e) => e.type === 'progress' && e.phase === 'reading')).toBe(true);
    const log = await model.api.listImportLog({});
    expect(log).toEqual([expect.objectContaining({ kind: 'account', fileName: 'file.csv', created: 3 })]);
  });

  it('re-imports by external ID: updates, never duplicates', async () => {
    const model = await openTestModel();
    await importFile(model, fixture('accounts-en-bom.csv'), 'account');
    const again = 'Account ID,Account Name,Annual Revenue\nA-003,Maple Leaf Limited,"$20,000"\nA-004,New One,1\n';
    const { result } = await importFile(model, utf8(again), 'account');
    expect(result).toMatchObject({ created: 1, updated: 1 });
    const page = await model.api.queryRecords({ kind: 'account', offset: 0, limit: 10 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.values.name)).toEqual([
      'Société Générale',
      'Acme Corp',
      'Maple Leaf Limited',
      'New One',
    ]);
    expect(page.rows[2].values.city).toBe('Toronto');
  });

  it('commits a checked import once: the file is forgotten afterwards', async () => {
    const model = await openTestModel();
    const { analysis } = await importFile(model, fixture('accounts-en-bom.csv'), 'account');
    const again = await errorOf(
      model.api.commitImport({ importId: analysis.importId, taskId: 'again', onlyValidRows: true }),
    );
    expect(again.code).toBe('NOT_FOUND');
    expect(await model.api.countRecords({})).toMatchObject({ account: 3 });
  });

  it('refuses to commit a file that was not checked', async () => {
    const model = await openTestModel();
    const analysis = await model.api.analyzeImportFile({
      fileName: 'a.csv',
      bytes: fixture('accounts-en-bom.csv'),
      kind: 'account',
    });
    expect(
      (await errorOf(model.api.commitImport({ importId: analysis.importId, taskId: 't', onlyValidRows: true }))).code,
    ).toBe('CONFLICT');
  });

  it('names problems by row and column, counts them, and gives the problem rows as CSV', async () => {
    const model = await openTestModel();
    const text = 'Account ID,Account Name,Employees\nA-1,Fine,10\nA-2,Warned,many\n,No ID,3\nA-1,Twice,4\n';
    const analysis = await model.api.analyzeImportFile({ fileName: 'broken.csv', bytes: utf8(text), kind: 'account' });
    const check = await model.api.checkImport({ importId: analysis.importId, taskId: 'c', mapping: analysis.mapping });
    expect(check).toMatchObject({
      rowsRead: 4,
      validRows: 1,
      rowsWithWarnings: 1,
      rowsWithErrors: 2,
      hasProblemRows: true,
    });
    expect(check.counts).toEqual({ notANumber: 1, missingRequired: 1, duplicateExternalId: 1 });
    expect(check.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'Employees', code: 'notANumber', severity: 'warning', value: 'many' }),
      expect.objectContaining({
        row: 4,
        column: 'Account ID',
        code: 'missingRequired',
        severity: 'error',
        detail: 'externalId',
      }),
      expect.objectContaining({ row: 5, column: 'Account ID', code: 'duplicateExternalId', value: 'A-1', detail: '2' }),
    ]);
    const { fileName, csv } = await model.api.importProblemRowsCsv({ importId: analysis.importId });
    expect(fileName).toBe('broken-problems.csv');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv).toContain('3,"Employees: ""many"" is not a number; the cell is left empty",A-2,Warned,many');
    const { created, skipped } = await model.api.commitImport({
      importId: analysis.importId,
      taskId: 'i',
      onlyValidRows: false,
    });
    expect({ created, skipped }).toEqual({ created: 2, skipped: 2 });
  });

  it('saves the mapping as a profile and proposes it for a file of the same shape', async () => {
    const model = await openTestModel();
    const text = 'Ref,Label,Secteur\nX-1,One,Retail\n';
    const analysis = await model.api.analyzeImportFile({ fileName: 'odd.csv', bytes: utf8(text), kind: 'account' });
    // The headers name no field: the planner maps them by hand.
    expect(analysis.mappingErrors.length).toBeGreaterThan(0);
    const mapping = analysis.mapping.map((m) =>
      m.header === 'Ref'
        ? { ...m, field: 'externalId', custom: false, type: 'text' as const }
        : m.header === 'Label'
          ? { ...m, field: 'name', custom: false, type: 'text' as const }
          : m,
    );
    await model.api.checkImport({ importId: analysis.importId, taskId: 'c', mapping });
    await model.api.commitImport({
      importId: analysis.importId,
      taskId: 'i',
      onlyValidRows: true,
      profileName: 'Odd export',
    });
    const profiles = await model.api.listImportProfiles({ kind: 'account' });
    expect(profiles).toEqual([
      expect.objectContaining({
        name: 'Odd export',
        mapping: { Ref: 'externalId', Label: 'name', Secteur: 'industry' },
      }),
    ]);
    const next = await model.api.analyzeImportFile({
      fileName: 'odd2.csv',
      bytes: utf8('Ref,Label,Secteur\nX-2,Two,Energy\n'),
      kind: 'account',
    });
    expect(next.profile).toEqual({ id: profiles[0].id, name: 'Odd export', placeFixes: [] });
    expect(next.mappingErrors).toEqual([]);
    expect(next.mapping.map((m) => m.field)).toEqual(['externalId', 'name', 'industry']);
    // Not proposed for another kind.
    expect((await model.api.reanalyzeImport({ importId: next.importId, kind: 'lead' })).profile).toBeNull();
    await model.api.deleteImportProfile({ profileId: profiles[0].id });
    expect(await model.api.listImportProfiles({})).toEqual([]);
  });

  it('reads the kept file again with another delimiter or kind, without the bytes', async () => {
    const model = await openTestModel();
    const analysis = await model.api.analyzeImportFile({
      fileName: 'semi.csv',
      bytes: utf8('ID;Name\n1;A\n'),
      kind: 'account',
    });
    expect(analysis.delimiter).toBe(';');
    const forced = await model.api.reanalyzeImport({ importId: analysis.importId, kind: 'account', delimiter: ',' });
    expect(forced.headers).toEqual(['ID;Name']);
    await model.api.discardImport({ importId: analysis.importId });
    expect((await errorOf(model.api.reanalyzeImport({ importId: analysis.importId, kind: 'account' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('answers a planner-worded error for files it cannot read, and keeps nothing', async () => {
    const model = await openTestModel();
    expect(
      (
        await errorOf(
          model.api.analyzeImportFile({ fileName: 'empty.csv', bytes: fixture('empty.csv'), kind: 'account' }),
        )
      ).code,
    ).toBe('BAD_FILE');
    expect(
      (
        await errorOf(
          model.api.analyzeImportFile({ fileName: 'binary.csv', bytes: fixture('binary.csv'), kind: 'account' }),
        )
      ).code,
    ).toBe('BAD_FILE');
    const invalid = await errorOf(
      model.api.analyzeImportFile({ fileName: 'x.csv', bytes: 'not bytes' as unknown as Uint8Array, kind: 'account' }),
    );
    expect(invalid.code).toBe('INVALID_INPUT');
  });

  it('imports sales people: upserts users and refreshes people', async () => {
    const model = await openTestModel();
    const events: ModelEvent[] = [];
    model.service.subscribe((e) => events.push(e));
    const { analysis, result } = await importFile(model, fixture('users.csv'), 'user');
    expect(analysis.fields.map((f) => f.key)).toContain('managerExternalId');
    expect(result).toMatchObject({ kind: 'user', created: 3 });
    expect(events).toContainEqual({ type: 'changed', planId: null, what: ['people'] });
    const again = await importFile(model, utf8('User ID,Full Name,Title\nu-2,Pierre Curie,Director\n'), 'user');
    expect(again.result).toMatchObject({ created: 0, updated: 1 });
    const users = await model.api.listUsers({});
    expect(users).toHaveLength(3);
    expect(users.find((u) => u.externalId === 'u-2')?.title).toBe('Director');
  });
});

describe('all or nothing, through the service', () => {
  it('changes nothing when the check is cancelled', async () => {
    const model = await openTestModel();
    const before = await snapshot(model);
    // Several chunks of text, so that the cancel lands between two of them.
    const rows = Array.from({ length: 400_000 }, (_, i) => `R-${i},Name ${i}`);
    const analysis = await model.api.analyzeImportFile({
      fileName: 'big.csv',
      bytes: utf8(['Account ID,Account Name', ...rows].join('\n')),
      kind: 'account',
    });
    cancelOn(model, 'check', 'reading');
    const error = await errorOf(
      model.api.checkImport({ importId: analysis.importId, taskId: 'check', mapping: analysis.mapping }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(
      (await errorOf(model.api.commitImport({ importId: analysis.importId, taskId: 'i', onlyValidRows: true }))).code,
    ).toBe('CONFLICT');
    expect(await snapshot(model)).toEqual(before);
  });

  it('changes nothing when the commit is cancelled, and can commit the same checked rows afterwards', async () => {
    const model = await openTestModel();
    await importFile(model, fixture('accounts-en-bom.csv'), 'account');
    const before = await snapshot(model);
    const text = 'Account ID,Account Name\nA-001,Changed\nA-5,New\n';
    const analysis = await model.api.analyzeImportFile({ fileName: 'b.csv', bytes: utf8(text), kind: 'account' });
    await model.api.checkImport({ importId: analysis.importId, taskId: 'c', mapping: analysis.mapping });
    const stop = cancelOn(model, 'commit', 'merging');
    expect(
      (await errorOf(model.api.commitImport({ importId: analysis.importId, taskId: 'commit', onlyValidRows: true })))
        .code,
    ).toBe('CANCELLED');
    stop();
    expect(await snapshot(model)).toEqual(before);
    expect((await model.api.queryRecords({ kind: 'account', offset: 0, limit: 5 })).rows[0].values.name).toBe(
      'Société Générale',
    );
    const retried = await model.api.commitImport({
      importId: analysis.importId,
      taskId: 'commit2',
      onlyValidRows: true,
    });
    expect(retried).toMatchObject({ created: 1, updated: 1 });
  });

  it('changes nothing when writing fails half-way', async () => {
    const model = await openTestModel();
    await importFile(model, fixture('accounts-en-bom.csv'), 'account');
    const before = await snapshot(model);
    const spy = vi.spyOn(model.db.importLog, 'add').mockRejectedValue(new Error('disk full'));
    const analysis = await model.api.analyzeImportFile({
      fileName: 'b.csv',
      bytes: utf8('Account ID,Account Name\nA-001,Changed\nA-9,New\n'),
      kind: 'account',
    });
    await model.api.checkImport({ importId: analysis.importId, taskId: 'c', mapping: analysis.mapping });
    const error = await errorOf(
      model.api.commitImport({ importId: analysis.importId, taskId: 'i', onlyValidRows: true }),
    );
    spy.mockRestore();
    expect(error.message).toContain('disk full');
    expect(await snapshot(model)).toEqual(before);
    expect((await model.api.countRecords({})).account).toBe(3);
  });
});

describe('queryRecords', () => {
  async function accounts() {
    const model = await openTestModel();
    const text = [
      'Account ID,Account Name,Industry,Employees,Billing City,Billing Country,Latitude,Longitude',
      'A-1,Zèbre SA,Retail,10,Lyon,France,,',
      'A-2,alpha corp,Banking,200,Boston,United States,,',
      'A-3,Beta GmbH,Retail,,Nowhere-on-earth,,,',
      'A-4,Gamma Ltd,Energy,55,,,45.5,-73.6',
      'A-10,Account 10,Retail,5,Paris,France,,',
      'A-9,Account 9,Energy,7,Paris,France,,',
    ].join('\n');
    await importFile(model, utf8(text), 'account', { onlyValidRows: false });
    return model;
  }

  const names = (page: { rows: { values: Record<string, unknown> }[] }) => page.rows.map((r) => r.values.name);

  it('searches the text of every field, ignoring case and accents', async () => {
    const { api } = await accounts();
    expect(names(await api.queryRecords({ kind: 'account', search: 'zebre', offset: 0, limit: 10 }))).toEqual([
      'Zèbre SA',
    ]);
    expect(names(await api.queryRecords({ kind: 'account', search: 'PARIS account', offset: 0, limit: 10 }))).toEqual([
      'Account 10',
      'Account 9',
    ]);
    expect((await api.queryRecords({ kind: 'account', search: 'nothing like it', offset: 0, limit: 10 })).total).toBe(
      0,
    );
  });

  it('filters by any field, geo precision included', async () => {
    const { api } = await accounts();
    const q = (filters: Parameters<typeof api.queryRecords>[0]['filters']) =>
      api.queryRecords({ kind: 'account', filters, offset: 0, limit: 10 });
    expect(names(await q([{ field: 'geoPrecision', operator: 'is', value: 'exact' }]))).toEqual(['Gamma Ltd']);
    expect(names(await q([{ field: 'geoPrecision', operator: 'isAnyOf', value: ['city', 'none'] }]))).toEqual([
      'Zèbre SA',
      'alpha corp',
      'Beta GmbH',
      'Account 10',
      'Account 9',
    ]);
    expect(
      names(
        await q([
          { field: 'industry', operator: 'is', value: 'retail' },
          { field: 'employees', operator: 'ge', value: 6 },
        ]),
      ),
    ).toEqual(['Zèbre SA']);
    expect(names(await q([{ field: 'employees', operator: 'between', value: [5, 55] }]))).toEqual([
      'Zèbre SA',
      'Gamma Ltd',
      'Account 10',
      'Account 9',
    ]);
    expect(names(await q([{ field: 'employees', operator: 'isEmpty', value: null }]))).toEqual(['Beta GmbH']);
    expect(names(await q([{ field: 'city', operator: 'startsWith', value: 'bo' }]))).toEqual(['alpha corp']);
    expect(names(await q([{ field: 'name', operator: 'notContains', value: 'O' }]))).toEqual([
      'Zèbre SA',
      'Beta GmbH',
      'Gamma Ltd',
    ]);
    expect((await errorOf(q([{ field: 'nope', operator: 'is', value: 'x' }]))).code).toBe('INVALID_INPUT');
    expect((await errorOf(q([{ field: 'employees', operator: 'contains', value: 'x' }]))).code).toBe('INVALID_INPUT');
  });

  it('sorts either way with empty values last, and pages', async () => {
    const { api } = await accounts();
    const sorted = (field: string, direction: 'asc' | 'desc') =>
      api.queryRecords({ kind: 'account', sort: { field, direction }, offset: 0, limit: 10 });
    expect(names(await sorted('name', 'asc'))).toEqual([
      'Account 9',
      'Account 10',
      'alpha corp',
      'Beta GmbH',
      'Gamma Ltd',
      'Zèbre SA',
    ]);
    expect(names(await sorted('employees', 'desc'))).toEqual([
      'alpha corp',
      'Gamma Ltd',
      'Zèbre SA',
      'Account 9',
      'Account 10',
      'Beta GmbH',
    ]);
    expect(names(await sorted('city', 'desc')).slice(-1)).toEqual(['Gamma Ltd']);
    const page = await api.queryRecords({
      kind: 'account',
      sort: { field: 'name', direction: 'asc' },
      offset: 2,
      limit: 2,
    });
    expect(page).toMatchObject({ total: 6 });
    expect(names(page)).toEqual(['alpha corp', 'Beta GmbH']);
    expect(page.rows[0].values).toMatchObject({ externalId: 'A-2', employees: 200, latitude: expect.any(Number) });
    expect(page.rows[0].territories).toBeUndefined();
  });

  it('sees an import at once: the cached answers are dropped when the records change', async () => {
    const model = await accounts();
    const query = {
      kind: 'account' as const,
      filters: [{ field: 'industry', operator: 'is' as const, value: 'Energy' }],
      offset: 0,
      limit: 10,
    };
    expect((await model.api.queryRecords(query)).total).toBe(2);
    await importFile(
      model,
      utf8('Account ID,Account Name,Industry\nA-1,Zèbre SA,Energy\nA-11,New,Energy\n'),
      'account',
    );
    expect(names(await model.api.queryRecords(query))).toEqual(['Zèbre SA', 'Gamma Ltd', 'Account 9', 'New']);
  });
});
