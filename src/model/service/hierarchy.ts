import { MAX_GENERATED_TERRITORIES, type DataLevel, type hierarchyCalls } from '../../shared/api/hierarchy';
import { emptyGeography, isTextField, type Language, type Rule, type Territory } from '../../shared/domain';
import { historyLabel, type HistoryLabel } from '../../shared/history';
import { countryName } from '../../shared/countryNames';
import { ModelError, type ErrorKey } from '../../shared/errors';
import {
  duplicateSubtree,
  moveTerritories,
  movesProblem,
  nextSortOrder,
  planDeletion,
  uniqueCode,
  type MoveProblem,
} from '../engine/hierarchy';
import {
  bandEdges,
  bandLevel,
  countGroups,
  groupRows,
  placeLevel,
  proposeTerritories,
  textLevel,
  type DataGroup,
} from '../engine/hierarchyFromData';
import { regionsOfConditions } from '../engine/geo/regionsOfRule';
import { subtreeIds, territoryPalette } from '../../shared/hierarchy';
import { placeFieldKeys } from '../../shared/places';
import { subdivisionName, type PlaceResolver } from '../import/geo/placeResolver';
import { placeResolver } from './geoData';
import { runAssignment } from '../engine/rules/run';
import type { Assignment } from '../engine/rules/assignment';
import { planAssignments, runInputOf } from './planAssignments';
import type { RecordTable } from '../records/recordTable';
import type { Handlers, ModelContext } from './context';
import { requireTerritory as territoryOf } from './territoryLookup';
import { historyState, stepHistory, type PlanEdit } from './history';

export { territoryPalette };

const moveKeys: Record<MoveProblem, ErrorKey> = {
  isRoot: 'moveRoot',
  intoItself: 'moveIntoItself',
  intoOwnSubtree: 'moveIntoOwnSubtree',
  unknownTerritory: 'territoryMissing',
};

const moveMessages: Record<MoveProblem, string> = {
  isRoot: 'The organisation is the root of the plan and cannot move',
  intoItself: 'A territory cannot be placed under itself',
  intoOwnSubtree: 'A territory cannot be placed under one of its own sub-territories',
  unknownTerritory: 'That territory does not exist in this plan',
};

/** Names of ISO countries and subdivisions in the planner's language. */
function placeNamer(language: Language, places: PlaceResolver) {
  return (code: string): string => {
    if (/^[A-Z]{2}$/.test(code)) return countryName(language, code);
    const subdivision = places.byCode(code);
    if (!subdivision) return code;
    return subdivisionName(language, subdivision);
  };
}

/** "Country" and "Region" levels read the canonical places: one territory per real country or subdivision. */
const canonicalLevel: Record<string, string> = {
  country: placeFieldKeys.country,
  [placeFieldKeys.country]: placeFieldKeys.country,
  region: placeFieldKeys.region,
  [placeFieldKeys.region]: placeFieldKeys.region,
  [placeFieldKeys.subregion]: placeFieldKeys.subregion,
};

/**
 * Groups the live accounts (those in `include`) by the given levels, or says which field cannot be used. Country
 * and region levels group by ISO code and name each in `language`.
 */
function groupAccounts(
  table: RecordTable,
  levels: readonly DataLevel[],
  include: (row: number) => boolean,
  nameOf: (code: string) => string,
): DataGroup[] {
  const built = levels.map((level) => {
    const placeKey = canonicalLevel[level.field];
    const placeColumn = placeKey ? table.columns.get(placeKey) : undefined;
    if (placeColumn?.type === 'text') return placeLevel(placeKey, placeColumn, nameOf);
    const field = table.fields.find((f) => f.key === level.field);
    const column = table.columns.get(level.field);
    if (!field || !column) {
      throw new ModelError(
        'NOT_FOUND',
        `Accounts have no field named ${level.field}`,
        { kind: 'account', field: level.field },
        'fieldMissing',
      );
    }
    if (column.type === 'text' && isTextField(field.type)) {
      return textLevel(field.key, column);
    }
    if (column.type === 'number' && (field.type === 'number' || field.type === 'money')) {
      const edges = bandEdges(column.values.subarray(0, table.rowCount), level.bands ?? 4, include);
      return bandLevel(field.key, field.label || field.key, column.values.subarray(0, table.rowCount), edges);
    }
    throw new ModelError(
      'CONFLICT',
      `Territories cannot be made from the ${field.type} field ${field.key}`,
      { field: field.label || field.key, type: field.type },
      'fieldCannotMakeTerritories',
    );
  });
  return groupRows(built, table.rowCount, include);
}

/**
 * Each plan's territories in sibling order, kept in memory between reads: the model host is the only writer, and
 * every write announces itself with a `changed` event naming territories (or plans), which drops the copy. Reading
 * 10,000 territories from IndexedDB took 0.6–0.9 s in Chromium; every edit made each window read them again.
 */
class TerritoryCache {
  private readonly lists = new Map<string, Territory[]>();
  /** Bumped on every change, so a read that started before a change never stores what it read. */
  private readonly versions = new Map<string | null, number>();

  constructor(ctx: ModelContext) {
    ctx.subscribe((event) => {
      if (event.type !== 'changed' || !(event.what.includes('territories') || event.what.includes('plans'))) return;
      if (event.planId === null) {
        this.lists.clear();
        this.versions.set(null, (this.versions.get(null) ?? 0) + 1);
      } else {
        this.lists.delete(event.planId);
        this.versions.set(event.planId, (this.versions.get(event.planId) ?? 0) + 1);
      }
    });
  }

  private version(planId: string): string {
    return `${this.versions.get(null) ?? 0}:${this.versions.get(planId) ?? 0}`;
  }

  async get(planId: string, read: () => Promise<Territory[]>): Promise<Territory[]> {
    const cached = this.lists.get(planId);
    if (cached) return cached;
    const before = this.version(planId);
    const list = (await read()).sort((a, b) => a.sortOrder - b.sortOrder);
    if (this.version(planId) === before) this.lists.set(planId, list);
    return list;
  }
}

export function hierarchyHandlers(ctx: ModelContext): Handlers<typeof hierarchyCalls> {
  const { db } = ctx;
  const live = (table: RecordTable) => (row: number) => table.deleted[row] === 0;

  /**
   * Where the plan's rules and manual placements put its accounts now, whether or not they were run or applied
   * (Start from data under a territory just made by Start from data needs no run first). One full run per plan
   * state, kept until something the assignment depends on changes.
   */
  const placements = new Map<string, { revision: string; assignment: Promise<Assignment> }>();
  function rulesPlacement(planId: string, table: RecordTable): Promise<Assignment> {
    const assignments = planAssignments(ctx);
    const revision = assignments.revision(planId);
    let found = placements.get(planId);
    if (!found || found.revision !== revision) {
      const assignment = assignments
        .planData(planId)
        .then((data) => runAssignment(runInputOf(ctx, data, 'account', table)).assignment);
      assignment.catch(() => placements.delete(planId));
      placements.set(planId, (found = { revision, assignment }));
    }
    return found.assignment;
  }

  /**
   * The live accounts of a territory: all of them under the organisation; under another territory, those the
   * plan's rules and manual placements put in it or below it, as they stand now (no run or apply needed).
   */
  async function accountsUnder(planId: string, parentId: string, table: RecordTable) {
    const territories = await db.territories.where({ planId }).toArray();
    const parent = territories.find((t) => t.id === parentId);
    if (!parent || parent.parentId === null) return live(table);
    const assignment = await rulesPlacement(planId, table);
    const subtree = new Set(subtreeIds(territories, parentId));
    const inSubtree = Uint8Array.from(assignment.territoryIds, (id) => (subtree.has(id) ? 1 : 0));
    const under = new Uint8Array(table.rowCount);
    for (let row = 0; row < Math.min(table.rowCount, assignment.rowCount); row++) {
      for (let e = assignment.offsets[row]; e < assignment.offsets[row + 1]; e++) {
        if (inSubtree[assignment.territories[e]] === 1) {
          under[row] = 1;
          break;
        }
      }
    }
    return (row: number) => table.deleted[row] === 0 && under[row] === 1;
  }
  const territoriesOf = (planId: string) => db.territories.where({ planId }).toArray();
  const cache = new TerritoryCache(ctx);
  const childrenOf = (planId: string, parentId: string) =>
    db.territories.where('[planId+parentId]').equals([planId, parentId]).toArray();

  const requireTerritory = (planId: string, territoryId: string) => territoryOf(db, planId, territoryId);

  async function requireUniqueCode(planId: string, code: string, exceptId?: string): Promise<void> {
    if (code === '') return;
    const clash = await db.territories
      .where({ planId })
      .filter((t) => t.code === code && t.id !== exceptId)
      .first();
    if (clash) {
      throw new ModelError(
        'CONFLICT',
        `Code ${code} is already used by territory "${clash.name}"`,
        { field: 'code', territoryId: clash.id, code, name: clash.name },
        'codeTaken',
      );
    }
  }

  async function takenCodes(planId: string): Promise<Set<string>> {
    return new Set((await territoriesOf(planId)).map((t) => t.code).filter((c) => c !== ''));
  }

  /**
   * The part of the tree a move needs: the moving territories and the new parent, each with its ancestors, and the
   * new parent's children. A few indexed reads instead of the whole plan, so a move stays fast on 10,000 territories.
   */
  async function moveSlice(planId: string, ids: readonly string[], newParentId: string): Promise<Territory[]> {
    const byId = new Map<string, Territory>();
    const load = async (wanted: string[]) => {
      const rows = await db.territories.bulkGet(wanted);
      rows.forEach((row) => row && row.planId === planId && byId.set(row.id, row));
    };
    await load([...new Set([...ids, newParentId])]);
    // Climb all chains level by level: one bulk read per level of depth.
    let frontier = [...byId.values()];
    while (frontier.length > 0) {
      const parents = [
        ...new Set(frontier.map((t) => t.parentId).filter((p): p is string => p !== null && !byId.has(p))),
      ];
      if (parents.length === 0) break;
      const before = byId.size;
      await load(parents);
      frontier = parents.map((p) => byId.get(p)).filter((t): t is Territory => t !== undefined);
      if (byId.size === before) break;
    }
    for (const child of await childrenOf(planId, newParentId)) if (!byId.has(child.id)) byId.set(child.id, child);
    return [...byId.values()];
  }

  async function move(
    planId: string,
    ids: readonly string[],
    newParentId: string,
    index: number | undefined,
    label: HistoryLabel,
  ) {
    return ctx.edit(planId, label, async (edit) => {
      const slice = await moveSlice(planId, ids, newParentId);
      const problem = movesProblem(slice, ids, newParentId);
      if (problem) {
        const name = slice.find((t) => t.id === problem.territoryId)?.name;
        const message = moveMessages[problem.problem] + (ids.length > 1 && name ? ` ("${name}")` : '');
        throw new ModelError(
          problem.problem === 'unknownTerritory' ? 'NOT_FOUND' : 'CONFLICT',
          message,
          { reason: problem.problem, territoryId: problem.territoryId, newParentId, name: ids.length > 1 ? name : '' },
          moveKeys[problem.problem],
        );
      }
      const changed = moveTerritories(slice, ids, newParentId, index);
      for (const territory of changed) await edit.put('territories', territory);
      return changed;
    });
  }

  /** Creates proposed territories (and their rules) under a parent, as one step of an edit. */
  async function addTree(
    planId: string,
    parent: Territory,
    rows: {
      parent: number;
      name: string;
      code: string;
      color?: string;
      typeLabel: string;
      description?: string;
      depth: number;
      sortOrder: number;
      conditions?: Rule['conditions'];
      /** Region keys the territory covers (Start from data: its country or subdivision). */
      regions?: string[];
    }[],
    edit: PlanEdit,
  ): Promise<{ created: number; topIds: string[] }> {
    const siblings = await childrenOf(planId, parent.id);
    const firstOrder = siblings.reduce((max, s) => Math.max(max, s.sortOrder + 1), 0);
    let priority = await db.territories.where({ planId }).count();
    const ids: string[] = [];
    const topIds: string[] = [];
    for (const row of rows) {
      const territoryId = ctx.newId();
      ids.push(territoryId);
      if (row.parent < 0) topIds.push(territoryId);
      const territory: Territory = {
        id: territoryId,
        planId,
        parentId: row.parent < 0 ? parent.id : ids[row.parent],
        name: row.name,
        code: row.code,
        description: row.description ?? '',
        color: row.color ?? territoryPalette[(row.sortOrder + row.depth * 5) % territoryPalette.length],
        typeLabel: row.typeLabel,
        sortOrder: row.parent < 0 ? firstOrder + row.sortOrder : row.sortOrder,
        priority: priority++,
        rulesWhenEmpty: 'inherit',
        geography: { ...emptyGeography(), regions: row.regions ?? [] },
      };
      await edit.put('territories', territory);
      if (row.conditions) {
        await edit.put('rules', {
          id: ctx.newId(),
          planId,
          territoryId,
          recordKind: 'account',
          conditions: row.conditions,
          pattern: '',
          enabled: true,
        });
      }
    }
    return { created: rows.length, topIds };
  }

  return {
    async listTerritories({ planId }) {
      await ctx.requirePlan(planId);
      // A copy of the list: callers in the same process (tests, headless use) may sort or change it.
      return [...(await cache.get(planId, () => territoriesOf(planId)))];
    },

    createTerritory: ({ planId, parentId, name, code, color, afterSiblingId }) =>
      ctx.edit(planId, historyLabel('addTerritory', { name }), async (edit) => {
        await requireTerritory(planId, parentId);
        // Siblings and a count by index: adding stays fast however large the plan.
        const siblings = await childrenOf(planId, parentId);
        const count = await db.territories.where({ planId }).count();
        await requireUniqueCode(planId, code ?? '');
        const territory: Territory = {
          id: ctx.newId(),
          planId,
          parentId,
          name,
          code: code ?? '',
          description: '',
          color: color ?? territoryPalette[count % territoryPalette.length],
          typeLabel: '',
          sortOrder: nextSortOrder(siblings, parentId, afterSiblingId),
          priority: count,
          rulesWhenEmpty: 'inherit',
          geography: emptyGeography(),
        };
        await edit.put('territories', territory);
        return territory;
      }),

    updateTerritory: ({ planId, territoryId, patch }) =>
      ctx.edit(planId, historyLabel('editTerritory'), async (edit) => {
        const territory = await requireTerritory(planId, territoryId);
        if (patch.code !== undefined && patch.code !== territory.code) {
          await requireUniqueCode(planId, patch.code, territoryId);
        }
        const updated: Territory = { ...territory, ...patch, geography: patch.geography ?? territory.geography };
        await edit.put('territories', updated);
        return updated;
      }),

    moveTerritory: ({ planId, territoryId, newParentId, index }) =>
      move(planId, [territoryId], newParentId, index, historyLabel('moveTerritory')),

    moveTerritories: ({ planId, territoryIds, newParentId, index }) =>
      move(
        planId,
        territoryIds,
        newParentId,
        index,
        territoryIds.length > 1
          ? historyLabel('moveTerritories', { count: territoryIds.length })
          : historyLabel('moveTerritory'),
      ),

    duplicateTerritory: ({ planId, territoryId, name }) =>
      ctx.edit(planId, historyLabel('duplicateTerritory'), async (edit) => {
        const original = await requireTerritory(planId, territoryId);
        if (original.parentId === null) {
          throw new ModelError(
            'CONFLICT',
            'The organisation is the root of the plan and cannot be copied',
            undefined,
            'rootCannotBeCopied',
          );
        }
        const territories = await territoriesOf(planId);
        const taken = new Set(territories.map((t) => t.code).filter((c) => c !== ''));
        const { copies, renumbered } = duplicateSubtree(territories, territoryId, {
          newId: () => ctx.newId(),
          name,
          takenCodes: taken,
        });
        let priority = territories.length;
        for (const sibling of renumbered) await edit.put('territories', sibling);
        for (const copy of copies) await edit.put('territories', { ...copy, priority: priority++ });
        return copies;
      }),

    addTerritories: ({ planId, parentId, territories }) =>
      ctx.edit(planId, historyLabel('addTerritories', { count: territories.length }), async (edit) => {
        const parent = await requireTerritory(planId, parentId);
        const indexOf = new Map<string, number>();
        territories.forEach((t, i) => {
          if (indexOf.has(t.ref))
            throw new ModelError('CONFLICT', `Reference ${t.ref} is used twice`, { ref: t.ref }, 'referenceUsedTwice');
          indexOf.set(t.ref, i);
        });
        // Parents first, whatever order they came in; a reference to an unknown or circular parent is refused.
        const parentIndex = territories.map((t) => {
          if (t.parentRef === null) return -1;
          const p = indexOf.get(t.parentRef);
          if (p === undefined)
            throw new ModelError(
              'NOT_FOUND',
              `No territory with reference ${t.parentRef}`,
              { ref: t.parentRef },
              'referenceMissing',
            );
          return p;
        });
        const order: number[] = [];
        const placed = new Uint8Array(territories.length);
        for (let i = 0; i < territories.length; i++) {
          const chain: number[] = [];
          for (let at = i; at >= 0 && placed[at] === 0; at = parentIndex[at]) {
            if (chain.length > territories.length) {
              throw new ModelError(
                'CONFLICT',
                'Those territories refer to each other in a circle',
                undefined,
                'referenceCircle',
              );
            }
            chain.push(at);
          }
          for (let c = chain.length - 1; c >= 0; c--) {
            placed[chain[c]] = 1;
            order.push(chain[c]);
          }
        }
        // Siblings keep the order they were given in.
        const sortOrder = new Map<number, number>();
        const siblingsSoFar = new Map<number, number>();
        parentIndex.forEach((p, i) => {
          const n = siblingsSoFar.get(p) ?? 0;
          sortOrder.set(i, n);
          siblingsSoFar.set(p, n + 1);
        });
        const position = new Map(order.map((i, at) => [i, at]));
        const depth = new Map<number, number>();
        const taken = await takenCodes(planId);
        const rows = order.map((i) => {
          const t = territories[i];
          const p = parentIndex[i];
          depth.set(i, p < 0 ? 0 : depth.get(p)! + 1);
          return {
            parent: p < 0 ? -1 : position.get(p)!,
            name: t.name,
            code: uniqueCode(t.code ?? '', taken),
            color: t.color,
            typeLabel: t.typeLabel ?? '',
            description: t.description,
            depth: depth.get(i)!,
            sortOrder: sortOrder.get(i)!,
          };
        });
        return addTree(planId, parent, rows, edit);
      }),

    deleteTerritory: ({ planId, territoryId, policy }) =>
      ctx.edit(planId, historyLabel('deleteTerritory'), async (edit) => {
        const territory = await requireTerritory(planId, territoryId);
        if (territory.parentId === null) {
          throw new ModelError(
            'CONFLICT',
            'The organisation is the root of the plan and cannot be deleted',
            undefined,
            'rootCannotBeDeleted',
          );
        }
        // Only the territories concerned, read level by level through the parent index.
        const slice = new Map<string, Territory>([[territory.id, territory]]);
        if (policy === 'deleteSubtree') {
          let level = [territory.id];
          while (level.length > 0) {
            const below = await db.territories
              .where('[planId+parentId]')
              .anyOf(level.map((id) => [planId, id]))
              .toArray();
            below.forEach((t) => slice.set(t.id, t));
            level = below.map((t) => t.id);
          }
        } else {
          for (const t of await childrenOf(planId, territoryId)) slice.set(t.id, t);
          for (const t of await childrenOf(planId, territory.parentId)) slice.set(t.id, t);
        }
        const { deleted, moved } = planDeletion([...slice.values()], territoryId, policy);
        for (const move of moved) await edit.put('territories', { ...slice.get(move.id)!, ...move });
        const gone = new Set(deleted);
        for (const id of deleted) await edit.remove('territories', id);
        // What hung on the deleted territories goes with them; manual placements go up to the parent when the
        // children are kept, so no account the planner placed by hand silently falls out of the plan.
        const keys = deleted.map((id) => [planId, id]);
        for (const table of ['memberships', 'rules', 'targets'] as const) {
          const rows = await db[table].where('[planId+territoryId]').anyOf(keys).toArray();
          for (const row of rows) await edit.remove(table, row.id);
        }
        const manual = await db.manualAssignments.where({ planId }).toArray();
        for (const row of manual) {
          if (!gone.has(row.territoryId)) continue;
          if (policy === 'moveChildrenToParent') {
            await edit.put('manualAssignments', { ...row, territoryId: territory.parentId });
          } else {
            await edit.remove('manualAssignments', row.id);
          }
        }
        return undefined;
      }),

    async territoryRules({ planId, territoryId }) {
      await requireTerritory(planId, territoryId);
      const rules = await db.rules.where('[planId+territoryId]').equals([planId, territoryId]).toArray();
      return rules.map((rule) => ({
        id: rule.id,
        recordKind: rule.recordKind,
        enabled: rule.enabled,
        conditionCount: rule.conditions.length,
        fields: [...new Set(rule.conditions.map((c) => c.field).filter((f) => f !== ''))],
        pattern: rule.pattern,
      }));
    },

    async previewHierarchyFromData({ levels, planId, parentId, language }) {
      const table = await ctx.planRecords(planId, 'account');
      const include = planId && parentId ? await accountsUnder(planId, parentId, table) : live(table);
      const groups = groupAccounts(table, levels, include, placeNamer(language ?? 'en', await placeResolver(ctx)));
      const { perLevel, total } = countGroups(groups);
      return {
        perLevel,
        total,
        groups: groups
          .slice(0, 100)
          .map((g) => ({ label: g.group.label, accounts: g.count, children: g.children.length })),
        tooMany: total > MAX_GENERATED_TERRITORIES,
      };
    },

    async generateHierarchyFromData({ planId, parentId, levels, withRules, language }) {
      const table = await ctx.planRecords(await ctx.requireWritablePlan(planId), 'account');
      const include = await accountsUnder(planId, parentId, table);
      const groups = groupAccounts(table, levels, include, placeNamer(language ?? 'en', await placeResolver(ctx)));
      const { total } = countGroups(groups);
      if (total === 0)
        throw new ModelError(
          'CONFLICT',
          'There are no accounts to build territories from',
          undefined,
          'noAccountsToBuildFrom',
        );
      if (total > MAX_GENERATED_TERRITORIES) {
        throw new ModelError(
          'CONFLICT',
          `That would create ${total} territories (at most ${MAX_GENERATED_TERRITORIES}): use fewer levels or bands`,
          { total, max: MAX_GENERATED_TERRITORIES },
          'tooManyTerritories',
        );
      }
      const labelOf = new Map(table.fields.map((f) => [f.key, f.label || f.key]));
      return ctx.edit(planId, historyLabel('generateTerritories', { count: total }), async (edit) => {
        const parent = await requireTerritory(planId, parentId);
        const taken = await takenCodes(planId);
        const prefix = parent.parentId === null ? '' : parent.code;
        const proposed = proposeTerritories(groups, prefix, (code) => uniqueCode(code, taken));
        const rows = proposed.map((p) => ({
          ...p,
          typeLabel: labelOf.get(levels[p.depth].field) ?? levels[p.depth].field,
          conditions: withRules ? p.conditions : undefined,
          // A Country territory covers its country, a Region territory its subdivision: shaded on the map at once.
          regions: regionsOfConditions(p.conditions),
        }));
        return addTree(planId, parent, rows, edit);
      });
    },

    async getHistory({ planId }) {
      await ctx.requirePlan(planId);
      return historyState(db, planId);
    },

    async undo({ planId }) {
      const topics = await stepHistory(ctx, planId, 'undo');
      ctx.changed(planId, ...topics, 'history');
      return historyState(db, planId);
    },

    async redo({ planId }) {
      const topics = await stepHistory(ctx, planId, 'redo');
      ctx.changed(planId, ...topics, 'history');
      return historyState(db, planId);
    },
  };
}
