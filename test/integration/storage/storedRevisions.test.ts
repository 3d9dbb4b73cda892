/**
 * Stored plan revisions (schema v9): a rules preview taken by one model is refused with CONFLICT when another model
 * on the same database (a second tab without the one-writer lock, a host restarted while the old one finished a
 * write) changed the plan since. The in-memory counter alone could not see that: on main before v9 the stale
 * preview applied over the newer rule.
 */
import { describe, expect, it } from 'vitest';
import { PlannerDb } from '../../../src/model/db/schema';
import { EVERY_PLAN, storedRevision } from '../../../src/model/db/revisions';
import { createModelService } from '../../../src/model/service';
import { createModelClient, type TerritoryBridge } from '../../../src/shared/bridge';
import type { ModelApi } from '../../../src/shared/api';
import type { ModelError } from '../../../src/shared/errors';
import { coreFieldDefs } from '../../../src/shared/records';
import { appendRow, createRecordTable } from '../../../src/model/records/recordTable';
import { saveRecordTable } from '../../../src/model/records/storage';

let counter = 0;

async function openModel(name: string): Promise<{ db: PlannerDb; api: ModelApi }> {
  const db = new PlannerDb(name);
  await db.open();
  const service = createModelService(db);
  const bridge: TerritoryBridge = {
    call: (method, input) => service.call(method, input) as never,
    onEvent: (listener) => service.subscribe(listener),
  };
  return { db, api: createModelClient(bridge) };
}

async function setup() {
  const name = `revisions-${Date.now()}-${counter++}`;
  const first = await openModel(name);
  const accounts = createRecordTable('account', coreFieldDefs('account'));
  for (const [externalId, country] of [
    ['A1', 'FR'],
    ['A2', 'FR'],
    ['A3', 'DE'],
  ]) {
    appendRow(accounts, { externalId, name: externalId, country });
  }
  await saveRecordTable(first.db, accounts);
  const plan = await first.api.createPlan({ name: 'FY27' });
  const [root] = await first.api.listTerritories({ planId: plan.id });
  const france = await first.api.createTerritory({ planId: plan.id, parentId: root.id, name: 'France', code: 'FR' });
  const { rule } = await first.api.createRule({
    planId: plan.id,
    territoryId: france.id,
    recordKind: 'account',
    conditions: [{ field: 'country', operator: 'is', value: 'FR' }],
  });
  return { name, first, planId: plan.id, france, rule };
}

describe('stored plan revisions', () => {
  it('refuses a preview when another model on the database changed a rule since the run', async () => {
    const { name, first, planId, rule } = await setup();
    const preview = await first.api.runRules({ planId, scope: { type: 'plan' } });
    expect(preview.kinds.find((k) => k.kind === 'account')?.moved).toBe(2);

    // A second model (as after a restart, or in a second tab) narrows the rule to nothing.
    const second = await openModel(name);
    // As the rules view does before an edit (a fresh model loads the records outside the edit's transaction).
    await second.api.fieldValues({ kind: 'account', field: 'country' });
    await second.api.updateRule({
      planId,
      ruleId: rule.id,
      patch: { conditions: [{ field: 'country', operator: 'is', value: 'ES' }] },
    });

    const error = (await first.api
      .applyPreview({ previewId: preview.previewId })
      .catch((e: unknown) => e)) as ModelError;
    expect(error).toMatchObject({ code: 'CONFLICT', key: 'planChangedSinceRun' });
    expect(await first.db.assignmentBlocks.where({ planId }).count()).toBe(0);

    // A run taken after the change applies.
    const fresh = await first.api.runRules({ planId, scope: { type: 'plan' } });
    await expect(first.api.applyPreview({ previewId: fresh.previewId })).resolves.toMatchObject({ moved: 0 });
    first.db.close();
    second.db.close();
  });

  it('refuses a preview when another model applied its own run in between (no lost update)', async () => {
    const { name, first, planId } = await setup();
    const stale = await first.api.runRules({ planId, scope: { type: 'plan' } });
    const second = await openModel(name);
    const newer = await second.api.runRules({ planId, scope: { type: 'plan' } });
    await second.api.applyPreview({ previewId: newer.previewId });
    const error = (await first.api.applyPreview({ previewId: stale.previewId }).catch((e: unknown) => e)) as ModelError;
    expect(error.code).toBe('CONFLICT');
    first.db.close();
    second.db.close();
  });

  it('bumps the plan’s revision inside each write, and the every-plan one for records', async () => {
    const { first, planId, france } = await setup();
    const before = await storedRevision(first.db, planId);
    await first.api.updateTerritory({ planId, territoryId: france.id, patch: { name: 'France métropolitaine' } });
    const afterEdit = await storedRevision(first.db, planId);
    expect(afterEdit).not.toBe(before);
    expect(afterEdit.split(':')[0]).toBe(before.split(':')[0]);

    // A write that fails rolls its bump back with it.
    await first.db
      .transaction('rw', first.db.territories, async () => {
        await first.db.territories.update(france.id, { name: 'Gone' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    expect(await storedRevision(first.db, planId)).toBe(afterEdit);

    // Records concern every plan.
    const everyBefore = (await first.db.planRevisions.get(EVERY_PLAN))?.revision ?? 0;
    const contacts = createRecordTable('contact', coreFieldDefs('contact'));
    appendRow(contacts, { externalId: 'C1', accountExternalId: 'A1', firstName: 'Léa', lastName: 'Martin' });
    await saveRecordTable(first.db, contacts);
    expect((await first.db.planRevisions.get(EVERY_PLAN))?.revision).toBeGreaterThan(everyBefore);
    first.db.close();
  });
});
