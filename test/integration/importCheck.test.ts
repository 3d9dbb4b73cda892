// Issue #15: the check step says which rows update existing records and which create new ones, flags likely
// duplicates before the import (the Duplicates dialog's rules), and lists values a planner would question
// (negative, another currency than the plan's, dates far off, probabilities out of range) with row and column,
// importable but marked. Over the real schema (fake-indexeddb), with CRM-shaped files.
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import { fixture } from '../unit/import/helpers';
import { openTestModel } from './testDb';

let tasks = 0;
async function check(api: ModelApi, name: string, kind: 'account' | 'deal', planId?: string) {
  const analysis = await api.analyzeImportFile({ fileName: name, bytes: fixture(name), kind });
  const result = await api.checkImport({
    importId: analysis.importId,
    taskId: `c${tasks++}`,
    mapping: analysis.mapping,
    planId,
  });
  return { analysis, result };
}
async function commit(api: ModelApi, importId: string) {
  return api.commitImport({ importId, taskId: `m${tasks++}`, onlyValidRows: false });
}

describe('the import check step', () => {
  it('says which rows update existing accounts, which create, and which look like duplicates', async () => {
    const { api } = await openTestModel();
    const first = await check(api, 'e2e-accounts.csv', 'account');
    // A first import creates everything and compares the file's rows with each other only.
    expect(first.result.reconcile).toMatchObject({ updates: 0, warningUpdates: 0, updatedRows: [] });
    expect(first.result.reconcile!.creates + first.result.reconcile!.warningCreates).toBe(
      first.result.validRows + first.result.rowsWithWarnings,
    );
    await commit(api, first.analysis.importId);

    const { analysis, result } = await check(api, 'reexport-hubspot-en.csv', 'account');
    const reconcile = result.reconcile!;
    expect(reconcile.updates + reconcile.warningUpdates).toBe(2);
    expect(reconcile.updatedRows.map((r) => [r.row, r.externalId])).toEqual([
      [2, 'E-002'],
      [3, 'E-005'],
    ]);
    expect(reconcile.creates + reconcile.warningCreates).toBe(5);
    expect(reconcile.duplicatesTooMany).toBe(false);
    const dups = reconcile.duplicates!.map((d) => [d.row, d.externalId, d.reason, d.like.externalId, d.like.row]);
    expect(dups).toEqual([
      // ACME Corporation, Boston 02134 = Acme Corp already stored (legal form and case aside).
      [4, 'H-10', 'nameAndPlace', 'E-002', null],
      // Nordwind in Hamburg 20095: row 5 of the same file.
      [6, 'H-12', 'nameAndPlace', 'H-11', 5],
    ]);
    expect(reconcile.duplicateCount).toBe(2);
    expect(reconcile.duplicates![0].like.dataSet).toBe('e2e-accounts.csv');

    // What the check said is what the commit does.
    const done = await commit(api, analysis.importId);
    expect(done.updated).toBe(2);
    expect(done.created).toBe(5);
  });

  it('looks for duplicates among the accounts of the plan’s data sets only, and updates by ID in any', async () => {
    const { api } = await openTestModel();
    await commit(api, (await check(api, 'e2e-accounts.csv', 'account')).analysis.importId);
    const set = (await api.listDataSets({})).find((s) => s.name === 'e2e-accounts.csv')!;
    const over = await api.createPlan({ name: 'Over the first file' });
    const without = await api.createPlan({ name: 'Without it' });
    await api.updatePlan({ planId: without.id, patch: { excludedDataSetIds: [set.id] } });
    const dupsIn = async (planId: string) => {
      const { result } = await check(api, 'reexport-hubspot-en.csv', 'account', planId);
      return {
        updates: result.reconcile!.updates + result.reconcile!.warningUpdates,
        dups: result.reconcile!.duplicates!.map((d) => [d.externalId, d.like.externalId]),
      };
    };
    // ACME Corporation doubles Acme Corp (E-002) only in a plan that plans over the first file.
    expect(await dupsIn(over.id)).toEqual({
      updates: 2,
      dups: [
        ['H-10', 'E-002'],
        ['H-12', 'H-11'],
      ],
    });
    expect(await dupsIn(without.id)).toEqual({ updates: 2, dups: [['H-12', 'H-11']] });
  });

  it('matches an old ID kept in another column, as the Duplicates dialog does', async () => {
    const { api } = await openTestModel();
    await commit(api, (await check(api, 'e2e-accounts.csv', 'account')).analysis.importId);
    const { result } = await check(api, 'duplicates-zoho-fr.csv', 'account');
    const dups = result.reconcile!.duplicates!.map((d) => [d.externalId, d.reason, d.like.externalId]);
    expect(dups).toEqual(
      expect.arrayContaining([
        ['Z-1', 'nameAndPlace', 'E-001'],
        ['Z-2', 'externalId', 'E-004'],
        ['Z-3', 'nameAndPlace', 'E-003'],
      ]),
    );
    expect(dups.some(([id]) => id === 'Z-4')).toBe(false);
    expect(result.reconcile!.updates).toBe(0);
  });

  it('flags values to question with row and column, and still imports them', async () => {
    const { api } = await openTestModel();
    await commit(api, (await check(api, 'e2e-accounts.csv', 'account')).analysis.importId);
    const plan = await api.createPlan({ name: 'Plan 2026' });
    expect(plan.currency).toBe('EUR');
    const { analysis, result } = await check(api, 'deals-flags-salesforce.csv', 'deal', plan.id);
    const flagged = result.problems
      .filter((p) => ['negativeValue', 'otherCurrency', 'farOffDate', 'probabilityOutOfRange'].includes(p.code))
      .map((p) => [p.row, p.column, p.code, p.value, p.detail ?? null, p.severity]);
    expect(flagged).toEqual([
      [3, 'Amount', 'negativeValue', '-1,200.00', null, 'notice'],
      [4, 'Amount', 'otherCurrency', '$5,000', 'USD', 'notice'],
      [5, 'Close Date', 'farOffDate', '1900-01-01', 'past', 'notice'],
      [6, 'Probability (%)', 'probabilityOutOfRange', '150', null, 'notice'],
      [6, 'Close Date', 'farOffDate', '2099-12-31', 'future', 'notice'],
    ]);
    // Importable: notices never skip a row.
    expect(result.validRows).toBe(5);
    expect(result.reconcile).toMatchObject({ creates: 5, updates: 0, duplicates: null });
    const done = await commit(api, analysis.importId);
    expect(done.created).toBe(5);
  });

  it('flags a currency column naming another currency, and nothing without a plan', async () => {
    const { api } = await openTestModel();
    const plan = await api.createPlan({ name: 'Plan' });
    const withPlan = await check(api, 'reexport-hubspot-en.csv', 'account', plan.id);
    const currency = withPlan.result.problems.filter((p) => p.code === 'otherCurrency');
    expect(currency.map((p) => [p.row, p.column, p.value])).toEqual([[8, 'Currency', 'USD']]);
    const negative = withPlan.result.problems.filter((p) => p.code === 'negativeValue');
    expect(negative.map((p) => [p.row, p.column])).toEqual([[7, 'Annual Revenue']]);
    const withoutPlan = await check(api, 'reexport-hubspot-en.csv', 'account');
    expect(withoutPlan.result.counts.otherCurrency).toBeUndefined();
  });
});
