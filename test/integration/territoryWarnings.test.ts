// Issue #15: hierarchy warnings over the real schema. A territory created without rules takes its parent's match
// (under "all deepest" the organisation's: every account, American ones included); one whose rule matches nothing
// holds no accounts. Both show in the plan's warnings and in the finalize checklist, and go once fixed.
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import { fixture } from '../unit/import/helpers';
import { openTestModel } from './testDb';

let tasks = 0;
async function importAccounts(api: ModelApi) {
  const analysis = await api.analyzeImportFile({
    fileName: 'e2e-accounts.csv',
    bytes: fixture('e2e-accounts.csv'),
    kind: 'account',
  });
  await api.checkImport({ importId: analysis.importId, taskId: `c${tasks++}`, mapping: analysis.mapping });
  await api.commitImport({ importId: analysis.importId, taskId: `m${tasks++}`, onlyValidRows: false });
}

async function runAndApply(api: ModelApi, planId: string) {
  const preview = await api.runRules({ planId, scope: { type: 'plan' } });
  await api.applyPreview({ previewId: preview.previewId });
}

describe('hierarchy warnings', () => {
  it('flags a territory taking its parent’s accounts and one holding none, until fixed', async () => {
    const { api } = await openTestModel();
    await importAccounts(api);
    const plan = await api.createPlan({ name: 'Warnings' });
    const planId = plan.id;
    const [root] = (await api.listTerritories({ planId })).filter((t) => t.parentId === null);
    const europe = await api.createTerritory({ planId, parentId: root.id, name: 'Europe' });
    const france = await api.createTerritory({ planId, parentId: europe.id, name: 'France' });
    const america = await api.createTerritory({ planId, parentId: root.id, name: 'North America' });
    const asia = await api.createTerritory({ planId, parentId: root.id, name: 'Asia' });
    const rule = (territoryId: string, regions: string[]) =>
      api.createRule({
        planId,
        territoryId,
        recordKind: 'account',
        conditions: [{ field: '', operator: 'inRegions', value: regions }],
        pattern: '',
      });
    await rule(france.id, ['FR']);
    await rule(america.id, ['US', 'CA']);
    await rule(asia.id, ['JP']);

    // Before any run: Europe's missing rules are said already; emptiness waits for an assignment.
    expect(await api.territoryWarnings({ planId })).toEqual([
      { code: 'inheritsParent', territoryId: europe.id, parentId: root.id, accounts: 0, alsoElsewhere: 0 },
    ]);

    await runAndApply(api, planId);
    const figures = (await api.assignmentFigures({ planId })).byTerritory;
    const total = (await api.queryRecords({ kind: 'account', offset: 0, limit: 1, planId })).total;
    expect(figures[america.id].accounts).toBeGreaterThan(0);
    const warnings = await api.territoryWarnings({ planId });
    // One list in the tree's stored order: compare regardless of it.
    expect(warnings.sort((a, b) => b.code.localeCompare(a.code))).toEqual([
      {
        code: 'inheritsParent',
        territoryId: europe.id,
        parentId: root.id,
        // Europe itself holds every account France does not take, American ones included.
        accounts: total - figures[france.id].accounts,
        alsoElsewhere: figures[america.id].accounts,
      },
      { code: 'holdsNoAccounts', territoryId: asia.id },
    ]);

    const items = (await api.finalizeChecklist({ planId })).items;
    const item = (code: string) => items.find((i) => i.code === code)!;
    expect(item('emptyTerritories')).toMatchObject({ count: 1, territoryIds: [asia.id], fixIn: 'hierarchy' });
    expect(item('territoriesInheritingParent')).toMatchObject({
      count: 1,
      territoryIds: [europe.id],
      fixIn: 'rules',
    });

    // Fixed: Europe gets a rule, Asia goes. Nothing left to warn about.
    await rule(europe.id, ['FR', 'DE', 'GB', 'ES', 'IT', 'CH']);
    await api.deleteTerritory({ planId, territoryId: asia.id, policy: 'deleteSubtree' });
    await runAndApply(api, planId);
    expect(await api.territoryWarnings({ planId })).toEqual([]);
    const after = (await api.finalizeChecklist({ planId })).items;
    expect(after.find((i) => i.code === 'emptyTerritories')!.count).toBe(0);
    expect(after.find((i) => i.code === 'territoriesInheritingParent')!.count).toBe(0);
  });
});
