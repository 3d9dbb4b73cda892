/**
 * The rules service (issue 5): rule editing (undoable, validated against the records), runs with a preview,
 * apply and discard, manual assignments (undoable), explanations, per-territory figures and the CSV export.
 */
import type {
  AssignmentFigures,
  ManualAssignmentRow,
  RecordExplanation,
  RecordHit,
  RuleProblemInfo,
  ruleCalls,
  RuleWithProblems,
  TerritoryExplanation,
  TerritoryFigures,
} from '../../shared/api/rules';
import type { ManualAssignment, RecordKind, Rule, Territory } from '../../shared/domain';
import { historyLabel } from '../../shared/history';
import { ModelError } from '../../shared/errors';
import { countLive, subtreeFigures, territoryTree } from '../engine/figures';
import { placementsOf, type Assignment } from '../engine/rules/assignment';
import { validateRule } from '../engine/rules/compileRule';
import { explainAssignment, type Explanation, type TerritoryCheck } from '../engine/rules/explain';
import { foldText } from '../engine/rules/normalize';
import { territoryWarnings } from '../engine/warnings';
import { getCell, type RecordTable } from '../records/recordTable';
import { externalIdOf, recordName } from './assignmentsCsv';
import type { Handlers, ModelContext } from './context';
import { requireTerritory as territoryOf } from './territoryLookup';
import type { PlanEdit } from './history';
import { mayPlaceRecords } from './assignmentLookups';
import { manualInputs, planAssignments, sortRules } from './planAssignments';
import { liveRecordCount } from './records';
import { applyRun, computeRun, previewRows, summarize, type PreviewState } from './rulePreviews';

function problemInfo(problems: readonly RuleProblemInfo[]): RuleProblemInfo[] {
  return problems.map(({ ruleId, territoryId, conditionNumber, code, message, position }) => ({
    ruleId,
    territoryId,
    ...(conditionNumber !== undefined && { conditionNumber }),
    code,
    message,
    ...(position !== undefined && { position }),
  }));
}

function refuseProblems(problems: readonly RuleProblemInfo[]): void {
  if (problems.length === 0) return;
  throw new ModelError(
    'INVALID_INPUT',
    problems[0].message,
    { problems: problemInfo(problems), problem: problems[0].message },
    'ruleInvalid',
  );
}

function live(records: RecordTable, row: number): boolean {
  return row >= 0 && row < records.rowCount && records.deleted[row] === 0;
}

function placeOf(records: RecordTable, row: number): string {
  return [getCell(records, 'city', row), getCell(records, 'country', row)]
    .filter((v) => v !== null && v !== '')
    .join(', ');
}

function hitOf(records: RecordTable, row: number, assignment: Assignment | null): RecordHit {
  return {
    kind: records.kind,
    recordId: row,
    externalId: externalIdOf(records, row),
    name: recordName(records, row),
    place: placeOf(records, row),
    territories: assignment ? placementsOf(assignment, row) : [],
  };
}

function stepOf(check: TerritoryCheck) {
  return {
    territoryId: check.territoryId,
    name: check.name,
    outcome: check.outcome,
    rules: check.rules.map((rule) => ({ ...rule, problems: problemInfo(rule.problems) })),
  };
}

function explanationOf(explanation: Explanation): TerritoryExplanation {
  return {
    territoryId: explanation.territoryId,
    assigned: explanation.assigned,
    source: explanation.source,
    reason: explanation.reason,
    path: explanation.path.map(stepOf),
    failedAt: explanation.failedAt ? stepOf(explanation.failedAt) : null,
    ...(explanation.account && {
      account: {
        recordId: explanation.account.row,
        externalId: explanation.account.externalId,
        name: explanation.account.name,
        territoryIds: explanation.account.territoryIds,
      },
    }),
    manualTerritoryIds: explanation.manualTerritoryIds,
    summary: explanation.summary,
  };
}

/**
 * Accounts, revenue and potential per territory. A territory counts the records placed in it or below it, each
 * once, so a region shows what its districts hold.
 */
export function figuresOf(
  assignment: Assignment | null,
  records: RecordTable,
  territories: readonly Territory[],
): AssignmentFigures {
  const byTerritory: Record<string, TerritoryFigures> = {};
  if (!assignment) {
    return { byTerritory, unassignedAccounts: countLive(records.deleted, records.rowCount), applied: false };
  }
  const numbers = (key: string) => {
    const column = records.columns.get(key);
    return column?.type === 'number' ? column.values : null;
  };
  const tree = territoryTree(territories);
  const figures = subtreeFigures(tree, assignment, records.deleted, records.rowCount, [
    numbers('annualRevenue'),
    numbers('potential'),
  ]);
  const [revenue, potential] = figures.measures;
  territories.forEach((t, i) => {
    byTerritory[t.id] = {
      accounts: figures.count[i],
      revenue: revenue[i],
      potential: potential[i],
      ownAccounts: figures.own[i],
    };
  });
  return { byTerritory, unassignedAccounts: figures.unassigned, applied: true };
}

/** Runs the plan's rules and applies them at once (the sample plan opens assigned). */
export async function runAndApply(ctx: ModelContext, planId: string): Promise<void> {
  const state = await computeRun(ctx, planId, { type: 'plan' });
  await applyRun(ctx, state);
}

export function ruleHandlers(ctx: ModelContext): Handlers<typeof ruleCalls> {
  const { db } = ctx;
  const assignments = planAssignments(ctx);
  /** The waiting preview of each plan, and the same by preview id. */
  const previews = new Map<string, PreviewState>();

  function previewById(previewId: string): PreviewState {
    for (const state of previews.values()) if (state.id === previewId) return state;
    throw new ModelError(
      'NOT_FOUND',
      'That preview is gone (applied, discarded or replaced): run the rules again',
      { previewId },
      'previewGone',
    );
  }

  const requireTerritory = (planId: string, territoryId: string) => territoryOf(db, planId, territoryId);

  async function withProblems(rule: Rule, territory?: Territory): Promise<RuleWithProblems> {
    const records = await ctx.planRecords(rule.planId, rule.recordKind);
    const where = territory ?? (await db.territories.get(rule.territoryId));
    if (!where) return { rule, problems: [] };
    return { rule, problems: problemInfo(validateRule(rule, records, where)) };
  }

  async function requireRule(edit: PlanEdit, planId: string, ruleId: string): Promise<Rule> {
    const rule = await edit.get('rules', ruleId);
    if (!rule || rule.planId !== planId)
      throw new ModelError('NOT_FOUND', 'That rule does not exist in this plan', { ruleId }, 'ruleMissing');
    return rule;
  }

  async function requireLiveRecords(
    planId: string,
    kind: RecordKind,
    recordIds: readonly number[],
  ): Promise<RecordTable> {
    const records = await ctx.planRecords(planId, kind);
    const missing = recordIds.find((row) => !live(records, row));
    if (missing !== undefined) {
      throw new ModelError(
        'NOT_FOUND',
        `No ${kind} record with id ${missing}`,
        { kind, recordId: missing },
        'recordMissing',
      );
    }
    return records;
  }

  async function manualOfRecords(
    planId: string,
    kind: RecordKind,
    recordIds: readonly number[],
  ): Promise<ManualAssignment[]> {
    const keys = [...new Set(recordIds)].map((row) => [planId, kind, row]);
    return db.manualAssignments.where('[planId+recordKind+recordId]').anyOf(keys).toArray();
  }

  return {
    async listRules({ planId, territoryId, recordKind }) {
      await ctx.requirePlan(planId);
      const rules = sortRules(await db.rules.where({ planId }).toArray()).filter(
        (r) => (!territoryId || r.territoryId === territoryId) && (!recordKind || r.recordKind === recordKind),
      );
      const territories = new Map((await db.territories.where({ planId }).toArray()).map((t) => [t.id, t]));
      return Promise.all(rules.map((rule) => withProblems(rule, territories.get(rule.territoryId))));
    },

    async checkRule({ planId, territoryId, recordKind, conditions, pattern }) {
      const territory = await requireTerritory(planId, territoryId);
      const draft: Rule = { id: 'draft', planId, territoryId, recordKind, conditions, pattern, enabled: true };
      return problemInfo(validateRule(draft, await ctx.planRecords(planId, recordKind), territory));
    },

    async createRule({ planId, territoryId, recordKind, conditions, pattern, enabled }) {
      const territory = await requireTerritory(planId, territoryId);
      if (territory.parentId === null) {
        throw new ModelError(
          'CONFLICT',
          'The organisation takes every record: rules go on the territories below it',
          { territoryId },
          'noRulesOnRoot',
        );
      }
      const siblings = await db.rules.where('[planId+territoryId]').equals([planId, territoryId]).toArray();
      const rule: Rule = {
        id: ctx.newId(),
        planId,
        territoryId,
        recordKind,
        conditions: conditions ?? [],
        pattern: pattern ?? '',
        enabled: enabled ?? true,
        sortOrder: siblings.reduce((max, r) => Math.max(max, r.sortOrder ?? 0), 0) + 1,
      };
      const checked = await withProblems(rule, territory);
      refuseProblems(checked.problems);
      await ctx.edit(planId, historyLabel('addRule'), (edit) => edit.put('rules', rule));
      return checked;
    },

    async updateRule({ planId, ruleId, patch }) {
      // Load the records the check reads before the edit's transaction, which holds only the plan's tables.
      const existing = await db.rules.get(ruleId);
      if (existing) await ctx.planRecords(planId, existing.recordKind);
      return ctx.edit(planId, historyLabel('editRule'), async (edit) => {
        const rule = { ...(await requireRule(edit, planId, ruleId)), ...patch };
        const checked = await withProblems(rule);
        refuseProblems(checked.problems);
        await edit.put('rules', rule);
        return checked;
      });
    },

    async deleteRule({ planId, ruleId }) {
      await ctx.edit(planId, historyLabel('deleteRule'), async (edit) => {
        await requireRule(edit, planId, ruleId);
        await edit.remove('rules', ruleId);
      });
    },

    async reorderRules({ planId, territoryId, recordKind, ruleIds }) {
      return ctx.edit(planId, historyLabel('reorderRules'), async (edit) => {
        const rules = await db.rules.where('[planId+territoryId]').equals([planId, territoryId]).toArray();
        const ofKind = rules.filter((r) => r.recordKind === recordKind);
        if (ofKind.length !== ruleIds.length || !ofKind.every((r) => ruleIds.includes(r.id))) {
          throw new ModelError(
            'CONFLICT',
            'The order must list each rule of the territory for that kind once',
            { territoryId },
            'reorderMismatch',
          );
        }
        const byId = new Map(ofKind.map((r) => [r.id, r]));
        const ordered = ruleIds.map((id, i) => ({ ...byId.get(id)!, sortOrder: i + 1 }));
        for (const rule of ordered) if (rule.sortOrder !== byId.get(rule.id)!.sortOrder) await edit.put('rules', rule);
        return ordered;
      });
    },

    async fieldValues({ kind, field, search, limit }) {
      const records = await ctx.records(kind);
      const column = records.columns.get(field);
      if (!column)
        throw new ModelError('NOT_FOUND', `${kind} records have no field "${field}"`, { kind, field }, 'fieldMissing');
      if (column.type !== 'text') return [];
      const counts = new Uint32Array(column.values.length);
      for (let row = 0; row < records.rowCount; row++) if (records.deleted[row] === 0) counts[column.codes[row]]++;
      const needle = search ? foldText(search) : '';
      const found: { value: string; count: number }[] = [];
      for (let code = 1; code < counts.length; code++) {
        if (counts[code] === 0) continue;
        const value = column.values[code];
        if (needle && !foldText(value).includes(needle)) continue;
        found.push({ value, count: counts[code] });
      }
      found.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      return found.slice(0, limit ?? 50);
    },

    async runRules({ planId, scope, taskId }) {
      await ctx.requirePlan(planId);
      const state = await ctx.runTask(taskId ?? `rules-${ctx.newId()}`, (task) => computeRun(ctx, planId, scope, task));
      previews.set(planId, state);
      return summarize(ctx, state);
    },

    async getPreview({ planId }) {
      const state = previews.get(planId);
      return state ? summarize(ctx, state) : null;
    },

    async listPreviewRecords({ previewId, kind, list, territoryId, change, offset, limit }) {
      return previewRows(previewById(previewId), { kind, list, territoryId, change, offset, limit });
    },

    async applyPreview({ previewId }) {
      const state = previewById(previewId);
      const result = await applyRun(ctx, state);
      if (previews.get(state.planId) === state) previews.delete(state.planId);
      return result;
    },

    async discardPreview({ previewId }) {
      const state = previewById(previewId);
      previews.delete(state.planId);
    },

    async assignManually({ planId, kind, recordIds, territoryId, mode }) {
      const territory = await requireTerritory(planId, territoryId);
      if (territory.parentId === null) {
        throw new ModelError(
          'CONFLICT',
          'Records cannot be assigned to the organisation itself: pick a territory',
          { territoryId },
          'noManualOnRoot',
        );
      }
      await requireLiveRecords(planId, kind, recordIds);
      const label = historyLabel('assignByHand', { count: new Set(recordIds).size, territory: territory.name });
      return ctx.edit(planId, label, async (edit) => {
        const existing = await manualOfRecords(planId, kind, recordIds);
        const already = new Set(existing.filter((m) => m.territoryId === territoryId).map((m) => m.recordId));
        if (mode === 'replace') {
          for (const m of existing) if (m.territoryId !== territoryId) await edit.remove('manualAssignments', m.id);
        }
        let assigned = 0;
        const now = ctx.now();
        for (const recordId of new Set(recordIds)) {
          if (already.has(recordId)) continue;
          await edit.put('manualAssignments', {
            id: ctx.newId(),
            planId,
            recordKind: kind,
            recordId,
            territoryId,
            createdAt: now,
          });
          assigned++;
        }
        return { assigned };
      });
    },

    async listManualAssignments({ planId, kind, territoryId, offset, limit }) {
      await ctx.requirePlan(planId);
      const all = (await db.manualAssignments.where({ planId }).toArray())
        .filter((m) => (!kind || m.recordKind === kind) && (!territoryId || m.territoryId === territoryId))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.recordId - b.recordId);
      const page = all.slice(offset, offset + limit);
      const tables = new Map<RecordKind, RecordTable>();
      for (const m of page)
        if (!tables.has(m.recordKind)) tables.set(m.recordKind, await ctx.planRecords(planId, m.recordKind));
      const rows: ManualAssignmentRow[] = page.map((m) => {
        const records = tables.get(m.recordKind)!;
        const known = live(records, m.recordId);
        return {
          id: m.id,
          recordKind: m.recordKind,
          recordId: m.recordId,
          externalId: known ? externalIdOf(records, m.recordId) : '',
          name: known ? recordName(records, m.recordId) : '',
          territoryId: m.territoryId,
          createdAt: m.createdAt,
        };
      });
      return { total: all.length, offset, rows };
    },

    async releaseManual({ planId, ids, records }) {
      const chosen: ManualAssignment[] = [];
      if (ids && ids.length > 0) {
        const rows = await db.manualAssignments.bulkGet(ids);
        for (const row of rows) if (row && row.planId === planId) chosen.push(row);
      }
      if (records && records.recordIds.length > 0)
        chosen.push(...(await manualOfRecords(planId, records.kind, records.recordIds)));
      const unique = [...new Map(chosen.map((m) => [m.id, m])).values()];
      if (unique.length === 0) return { released: 0 };
      const label = historyLabel('releaseToRules', { count: unique.length });
      return ctx.edit(planId, label, async (edit) => {
        for (const m of unique) await edit.remove('manualAssignments', m.id);
        return { released: unique.length };
      });
    },

    async findRecords({ planId, kind, search, offset, limit }) {
      const records = await ctx.planRecords(await ctx.requirePlan(planId), kind);
      const { assignment } = await assignments.currentOf(planId, kind);
      const needle = foldText(search);
      const hits: RecordHit[] = [];
      const columns = ['name', 'externalId', 'firstName', 'lastName']
        .map((key) => records.columns.get(key))
        .filter((c) => c?.type === 'text');
      // Each distinct value is tested once; rows then read a flag per column.
      const matches = columns.map((column) =>
        column?.type === 'text'
          ? Uint8Array.from(column.values, (v) => (needle === '' || (v !== '' && foldText(v).includes(needle)) ? 1 : 0))
          : new Uint8Array(0),
      );
      let skipped = 0;
      for (let row = 0; row < records.rowCount && hits.length < limit; row++) {
        if (records.deleted[row] === 1) continue;
        const found = columns.some((column, i) => column?.type === 'text' && matches[i][column.codes[row]] === 1);
        if (!found) continue;
        if (skipped < offset) skipped++;
        else hits.push(hitOf(records, row, assignment));
      }
      return hits;
    },

    async explainRecord({ planId, kind, recordId, territoryId }) {
      const data = await assignments.planData(planId);
      const records = await ctx.planRecords(planId, kind);
      if (!live(records, recordId))
        throw new ModelError('NOT_FOUND', `No ${kind} record with id ${recordId}`, { kind, recordId }, 'recordMissing');
      const { assignment } = await assignments.currentOf(planId, kind);
      const accountRecords = await ctx.planRecords(planId, 'account');
      const accounts =
        kind === 'contact' || kind === 'deal'
          ? { records: accountRecords, assignment: (await assignments.currentOf(planId, 'account')).assignment }
          : undefined;
      const root = data.territories.find((t) => t.parentId === null);
      let asked: string[];
      if (territoryId) asked = [territoryId];
      else {
        asked = assignment ? placementsOf(assignment, recordId).map((p) => p.territoryId) : [];
        // In no territory: why not, at the first level.
        if (asked.length === 0)
          asked = data.territories
            .filter((t) => root && t.parentId === root.id)
            .map((t) => t.id)
            .slice(0, 50);
      }
      const explanations = asked.map((id) =>
        explanationOf(
          explainAssignment({
            kind,
            records,
            row: recordId,
            territoryId: id,
            territories: data.territories,
            rules: data.rules,
            matchMode: data.plan.matchMode,
            manual: manualInputs(data.manual, kind),
            regionShapes: data.regionShapes,
            assignment,
            accounts,
          }),
        ),
      );
      const result: RecordExplanation = { record: hitOf(records, recordId, assignment), explanations };
      return result;
    },

    async recordTerritories({ planId, kind, recordIds }) {
      await ctx.requirePlan(planId);
      const { assignment } = await assignments.currentOf(planId, kind);
      return recordIds.map((row) => (assignment ? placementsOf(assignment, row).map((p) => p.territoryId) : []));
    },

    async assignmentFigures({ planId }) {
      // A plan that places no account yet (just opened, never run) has nothing to figure but the count: answer it
      // without the rows, which a plan of a million accounts would load for seconds.
      if (!(await mayPlaceRecords(ctx, planId, 'account'))) {
        const plan = await ctx.requirePlan(planId);
        return { byTerritory: {}, unassignedAccounts: await liveRecordCount(ctx, plan, 'account'), applied: false };
      }
      const data = await assignments.planData(planId);
      const { assignment } = await assignments.currentOf(planId, 'account');
      return figuresOf(assignment, await ctx.planRecords(planId, 'account'), data.territories);
    },

    async territoryWarnings({ planId }) {
      await ctx.requirePlan(planId);
      const [territories, rules] = await Promise.all([
        ctx.db.territories.where({ planId }).toArray(),
        ctx.db.rules.where({ planId }).toArray(),
      ]);
      // Without an assignment the warnings need no account (engine/warnings.ts): a plan that places none yet
      // answers without loading its rows.
      if (!(await mayPlaceRecords(ctx, planId, 'account'))) {
        return territoryWarnings({
          territories,
          rules,
          assignment: null,
          accounts: { rowCount: 0, deleted: new Uint8Array(0) },
        });
      }
      const { assignment } = await assignments.currentOf(planId, 'account');
      return territoryWarnings({ territories, rules, assignment, accounts: await ctx.planRecords(planId, 'account') });
    },
  };
}
