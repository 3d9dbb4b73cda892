// Issue #15: forecasts see imported deals. Deals imported from a CRM export (French and English stage names,
// ISO close dates) closing next quarter show in Won and Pipeline for that quarter; the fiscal years offered come
// from the deals; the stage mapping is listed and can be changed.
import { describe, expect, it } from 'vitest';
import type { ModelApi } from '../../src/shared/api';
import { fixture } from '../unit/import/helpers';
import { openTestModel } from './testDb';

let tasks = 0;

async function importFile(api: ModelApi, name: string, kind: 'account' | 'deal', bytes: Uint8Array) {
  const analysis = await api.analyzeImportFile({ fileName: name, bytes, kind });
  await api.checkImport({ importId: analysis.importId, taskId: `c${tasks++}`, mapping: analysis.mapping });
  return api.commitImport({ importId: analysis.importId, taskId: `m${tasks++}`, onlyValidRows: false });
}

/** The first day of the calendar quarter after today's, and its fiscal year and quarter for a year starting in `start`. */
function nextQuarter(start: number) {
  const now = new Date();
  const q = Math.floor(now.getUTCMonth() / 3);
  const first = new Date(Date.UTC(now.getUTCFullYear(), (q + 1) * 3, 15));
  const month = first.getUTCMonth() + 1;
  const fiscalYear = start === 1 || month < start ? first.getUTCFullYear() : first.getUTCFullYear() + 1;
  const offset = (month - start + 12) % 12;
  return { date: first.toISOString().slice(0, 10), fiscalYear, quarter: Math.floor(offset / 3) };
}

describe('forecasts of imported deals', () => {
  it('counts deals closing next quarter as won or pipeline in that quarter, whatever the stage language', async () => {
    const { api } = await openTestModel();
    await importFile(api, 'e2e-accounts.csv', 'account', fixture('e2e-accounts.csv'));
    const { date, fiscalYear, quarter } = nextQuarter(1);
    const deals = [
      'Opportunity ID;Opportunity Name;Account ID;Amount;Stage;Close Date',
      `D-1;Renouvellement;E-001;1000;Fermé gagné;${date}`,
      `D-2;Extension;E-002;2000;Closed Won;${date}`,
      `D-3;Nouveau site;E-004;4000;Négociation;${date}`,
      `D-4;Perdu d'avance;E-001;8000;Perdu;${date}`,
      `D-5;Pilot;E-002;16000;Proposal/Price Quote;${date}`,
      `D-6;Old;E-002;32000;Gagné;2019-03-01`,
    ].join('\n');
    await importFile(api, 'opportunites.csv', 'deal', new TextEncoder().encode(deals));

    const plan = await api.createPlan({ name: 'FY' });
    const [org] = await api.listTerritories({ planId: plan.id });
    await api.createTerritory({ planId: plan.id, parentId: org.id, name: 'Everything' });
    const preview = await api.runRules({ planId: plan.id, scope: { type: 'plan' } });
    await api.applyPreview({ previewId: preview.previewId });

    const sheet = await api.getForecast({ planId: plan.id, fiscalYear });
    expect(sheet.yearsWithDeals).toContain(fiscalYear);
    expect(sheet.yearsWithDeals).toContain(2019);
    expect(sheet.currentFiscalYear).toBe(new Date().getUTCFullYear());
    expect(sheet.dealsAssigned).toBe(true);
    const root = sheet.rows.find((r) => r.territoryId === org.id)!;
    const expectedAchieved = [0, 0, 0, 0];
    expectedAchieved[quarter] = 3000;
    const expectedPipeline = [0, 0, 0, 0];
    expectedPipeline[quarter] = 20000;
    expect(root.achieved).toEqual(expectedAchieved);
    expect(root.pipeline).toEqual(expectedPipeline);

    // The mapping is visible, and changing it moves the deals.
    const stages = await api.listDealStages({ planId: plan.id });
    const statusOf = new Map(stages.map((s) => [s.stage, s.status]));
    expect(Object.fromEntries(statusOf)).toEqual({
      'Fermé gagné': 'won',
      'Closed Won': 'won',
      Négociation: 'open',
      Perdu: 'lost',
      'Proposal/Price Quote': 'open',
      Gagné: 'won',
    });
    expect(await api.setDealStageStatus({ stage: 'Proposal/Price Quote', status: 'won' })).toEqual({ deals: 1 });
    const after = (await api.getForecast({ planId: plan.id, fiscalYear })).rows.find((r) => r.territoryId === org.id)!;
    expect(after.achieved[quarter]).toBe(19000);
    expect(after.pipeline[quarter]).toBe(4000);
    expect((await api.listDealStages({})).find((s) => s.stage === 'Proposal/Price Quote')).toMatchObject({
      status: 'won',
      chosen: true,
    });
  });
});
