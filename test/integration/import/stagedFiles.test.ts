/**
 * Electron hands a chosen file's bytes straight to the model host (main -> host preload -> host page), and the UI
 * names the file by the id it is staged under: the wizard's first call and File > Open plan read it from there.
 */
import { describe, expect, it } from 'vitest';
import { MODEL_FILE_STAGED_MESSAGE, MODEL_STAGE_FILE_MESSAGE } from '../../../src/shared/hostMessages';
import { stageFileFromMessage } from '../../../src/model/host/stagedFileMessages';
import { KEPT_STAGED_FILES } from '../../../src/model/service/stagedFiles';
import { ModelError } from '../../../src/shared/errors';
import { openTestModel } from '../testDb';

const csv = new TextEncoder().encode('Account Name,Billing Country\nAcme,France\nGlobex,Germany\n');

async function stage(service: Awaited<ReturnType<typeof openTestModel>>['service'], id: string, bytes: Uint8Array) {
  return stageFileFromMessage(Promise.resolve(service), { type: MODEL_STAGE_FILE_MESSAGE, id, bytes });
}

describe('files staged on the model host', () => {
  it('are read by the id the UI got, once, and answer importGone after', async () => {
    const { api, service } = await openTestModel();
    expect(await stage(service, 'file-1', csv)).toEqual({ type: MODEL_FILE_STAGED_MESSAGE, id: 'file-1' });
    const analysis = await api.analyzeImportFile({ fileName: 'accounts.csv', stagedFileId: 'file-1', kind: 'account' });
    expect(analysis.headers).toEqual(['Account Name', 'Billing Country']);
    expect(analysis.preview[0]).toEqual(['Acme', 'France']);
    const again = api.analyzeImportFile({ fileName: 'accounts.csv', stagedFileId: 'file-1', kind: 'account' });
    await expect(again).rejects.toMatchObject({ code: 'NOT_FOUND', key: 'importGone' });
    await expect(again).rejects.toBeInstanceOf(ModelError);
  });

  it('keep only the newest few: a file nobody asked for does not stay in memory', async () => {
    const { api, service } = await openTestModel();
    for (let i = 1; i <= KEPT_STAGED_FILES + 1; i++) await stage(service, `file-${i}`, csv);
    expect(service.context.stagedFiles.size).toBe(KEPT_STAGED_FILES);
    await expect(
      api.analyzeImportFile({ fileName: 'a.csv', stagedFileId: 'file-1', kind: 'account' }),
    ).rejects.toMatchObject({ key: 'importGone' });
    await expect(
      api.analyzeImportFile({ fileName: 'a.csv', stagedFileId: `file-${KEPT_STAGED_FILES + 1}`, kind: 'account' }),
    ).resolves.toMatchObject({ headers: ['Account Name', 'Billing Country'] });
  });

  it('refuses a call with both the bytes and a staged id, or with neither', async () => {
    const { api } = await openTestModel();
    await expect(
      api.analyzeImportFile({ fileName: 'a.csv', bytes: csv, stagedFileId: 'file-1', kind: 'account' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api.analyzeImportFile({ fileName: 'a.csv', kind: 'account' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(api.openPlanFile({ fileName: 'p.territory.json' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('ignores messages that are not a well-formed stage-file message', async () => {
    const { service } = await openTestModel();
    const model = Promise.resolve(service);
    expect(await stageFileFromMessage(model, { type: 'territory-planner:model-port' })).toBeNull();
    expect(await stageFileFromMessage(model, { type: MODEL_STAGE_FILE_MESSAGE, id: 'x', bytes: 'text' })).toBeNull();
    expect(await stageFileFromMessage(model, { type: MODEL_STAGE_FILE_MESSAGE, id: '', bytes: csv })).toBeNull();
    expect(await stageFileFromMessage(model, null)).toBeNull();
    expect(service.context.stagedFiles.size).toBe(0);
  });

  it('opens a plan file staged the same way', async () => {
    const { api, service } = await openTestModel();
    const plan = await api.createPlan({ name: 'Staged plan' });
    const exported = await api.exportPlan({ planId: plan.id, what: 'planFile' });
    const file = exported.files[0];
    await stage(service, 'plan-file', file.bytes);
    const opened = await api.openPlanFile({ fileName: file.fileName, stagedFileId: 'plan-file' });
    expect(opened.plan.name).toContain('Staged plan');
  });
});
