/**
 * The territory tree's pure operations, checked on random trees: whatever the planner does, the plan keeps one
 * organisation at the root, every territory reachable from it, and no territory lost or invented.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  childrenByParent,
  duplicateSubtree,
  moveProblem,
  moveTerritories,
  moveTerritory,
  movesProblem,
  planDeletion,
  reorderTerritory,
  subtreeIds,
  uniqueCode,
} from '../../../src/model/engine/hierarchy';
import { seenFrom, topmostOf } from '../../../src/shared/hierarchy';

interface Node {
  id: string;
  parentId: string | null;
  sortOrder: number;
  name: string;
  code: string;
}

/** A random tree: node i hangs under one of the nodes before it; sort orders are arbitrary and may tie. */
const treeArb = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.nat(), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([parents, orders]) =>
    parents.map((p, i): Node => ({
      id: `t${i}`,
      parentId: i === 0 ? null : `t${p % i}`,
      sortOrder: orders[i],
      name: `Territory ${i}`,
      code: i % 3 === 0 ? '' : `C${i % 7}`,
    })),
  );

function apply<T extends Node>(tree: readonly T[], changed: readonly T[]): T[] {
  const byId = new Map(changed.map((t) => [t.id, t]));
  return tree.map((t) => byId.get(t.id) ?? t);
}

/** One root, every parent known, every territory reachable from the root (so: no cycle). */
function expectTree(tree: readonly Node[]): void {
  const roots = tree.filter((t) => t.parentId === null);
  expect(roots).toHaveLength(1);
  const ids = new Set(tree.map((t) => t.id));
  expect(ids.size).toBe(tree.length);
  for (const t of tree) if (t.parentId !== null) expect(ids.has(t.parentId)).toBe(true);
  expect(new Set(subtreeIds(tree, roots[0].id))).toEqual(ids);
}

const childOrder = (tree: readonly Node[], parentId: string) =>
  (childrenByParent(tree).get(parentId) ?? []).map((t) => t.id);

/** A tree with two territories picked in it. */
const treeAndTwo = treeArb.chain((tree) =>
  fc.tuple(fc.constant(tree), fc.nat({ max: tree.length - 1 }), fc.nat({ max: tree.length - 1 }), fc.nat({ max: 50 })),
);

describe('moving a territory', () => {
  it('keeps a tree, loses nothing, and refuses exactly the moves into the territory itself or below it', () => {
    fc.assert(
      fc.property(treeAndTwo, ([tree, a, b, index]) => {
        const id = tree[a].id;
        const target = tree[b].id;
        const problem = moveProblem(tree, id, target);
        const below = subtreeIds(tree, id);
        if (a === 0) expect(problem).toBe('isRoot');
        else if (id === target) expect(problem).toBe('intoItself');
        else if (below.includes(target)) expect(problem).toBe('intoOwnSubtree');
        else expect(problem).toBeNull();
        if (problem) {
          expect(() => moveTerritory(tree, id, target, index)).toThrow(problem);
          return;
        }
        const after = apply(tree, moveTerritory(tree, id, target, index));
        expectTree(after);
        expect(after.find((t) => t.id === id)!.parentId).toBe(target);
        // The subtree travels whole.
        expect(new Set(subtreeIds(after, id))).toEqual(new Set(below));
        // It lands at the asked position among the other children.
        const others = childOrder(tree, target).filter((x) => x !== id);
        const expected = [...others];
        expected.splice(Math.min(index, others.length), 0, id);
        expect(childOrder(after, target)).toEqual(expected);
      }),
    );
  });

  it('touches only the moving territory while there is room between its new neighbours', () => {
    const tree: Node[] = [
      { id: 'org', parentId: null, sortOrder: 0, name: 'Org', code: '' },
      ...Array.from({ length: 10 }, (_, i) => ({
        id: `c${i}`,
        parentId: 'org',
        sortOrder: i,
        name: `C${i}`,
        code: '',
      })),
      { id: 'x', parentId: 'c0', sortOrder: 0, name: 'X', code: '' },
    ];
    const changed = moveTerritory(tree, 'x', 'org', 5);
    expect(changed.map((t) => t.id)).toEqual(['x']);
    expect(childOrder(apply(tree, changed), 'org').indexOf('x')).toBe(5);
  });

  it('renumbers the siblings once the gap between two of them is used up, never mixing their order', () => {
    let tree: Node[] = [
      { id: 'org', parentId: null, sortOrder: 0, name: 'Org', code: '' },
      { id: 'a', parentId: 'org', sortOrder: 0, name: 'A', code: '' },
      { id: 'b', parentId: 'org', sortOrder: 1, name: 'B', code: '' },
    ];
    for (let i = 0; i < 80; i++) {
      tree.push({ id: `n${i}`, parentId: 'a', sortOrder: 0, name: `N${i}`, code: '' });
      tree = apply(tree, moveTerritory(tree, `n${i}`, 'org', 1));
      const order = childOrder(tree, 'org');
      expect(order[0]).toBe('a');
      expect(order[1]).toBe(`n${i}`);
      expect(order[order.length - 1]).toBe('b');
      expect(order).toHaveLength(i + 3);
    }
  });

  it('answers no change for a move to where the territory already is', () => {
    const tree: Node[] = [
      { id: 'org', parentId: null, sortOrder: 0, name: 'Org', code: '' },
      { id: 'a', parentId: 'org', sortOrder: 0, name: 'A', code: '' },
      { id: 'b', parentId: 'org', sortOrder: 1, name: 'B', code: '' },
    ];
    expect(moveTerritory(tree, 'b', 'org', 1)).toEqual([]);
    expect(moveTerritory(tree, 'b', 'org')).toEqual([]);
  });
});

describe('moving several territories at once', () => {
  const treeAndMany = treeArb.chain((tree) =>
    fc.tuple(
      fc.constant(tree),
      fc.uniqueArray(fc.nat({ max: tree.length - 1 }), { minLength: 1, maxLength: 6 }),
      fc.nat({ max: tree.length - 1 }),
      fc.option(fc.nat({ max: 20 }), { nil: undefined }),
    ),
  );

  it('puts the topmost ones side by side under the new parent, carrying the others along, or refuses all', () => {
    fc.assert(
      fc.property(treeAndMany, ([tree, picked, b, index]) => {
        const ids = picked.map((i) => tree[i].id);
        const target = tree[b].id;
        const byId = new Map(tree.map((t) => [t.id, t]));
        const problem = movesProblem(tree, ids, target);
        const refused = ids.some((id) => moveProblem(tree, id, target) !== null);
        expect(problem !== null).toBe(refused);
        if (problem) {
          expect(() => moveTerritories(tree, ids, target, index)).toThrow(problem.problem);
          return;
        }
        const top = topmostOf(byId, ids);
        const after = apply(tree, moveTerritories(tree, ids, target, index));
        expectTree(after);
        const order = childOrder(after, target);
        const at = order.indexOf(top[0]);
        expect(order.slice(at, at + top.length)).toEqual(top);
        if (index !== undefined) {
          expect(at).toBe(Math.min(index, order.length - top.length));
        }
        // Territories below a moving one stay below it.
        for (const id of ids) {
          if (!top.includes(id)) expect(after.find((t) => t.id === id)!.parentId).toBe(byId.get(id)!.parentId);
        }
        // Nothing else changed parent.
        const moved = new Set(top);
        for (const t of after) if (!moved.has(t.id)) expect(t.parentId).toBe(byId.get(t.id)!.parentId);
      }),
    );
  });
});

describe('reordering siblings', () => {
  it('shifts a territory among its siblings and keeps the others in order', () => {
    fc.assert(
      fc.property(treeAndTwo, fc.integer({ min: -3, max: 3 }), ([tree, a], offset) => {
        const territory = tree[a];
        if (territory.parentId === null) {
          expect(reorderTerritory(tree, territory.id, offset)).toEqual([]);
          return;
        }
        const before = childOrder(tree, territory.parentId);
        const after = apply(tree, reorderTerritory(tree, territory.id, offset));
        expectTree(after);
        const order = childOrder(after, territory.parentId);
        const from = before.indexOf(territory.id);
        const to = Math.max(0, Math.min(before.length - 1, from + offset));
        expect(order.indexOf(territory.id)).toBe(to);
        expect(order.filter((x) => x !== territory.id)).toEqual(before.filter((x) => x !== territory.id));
      }),
    );
  });
});

describe('deleting a territory', () => {
  it('either moves its children up to its parent or deletes the subtree; the rest stays a tree', () => {
    fc.assert(
      fc.property(treeAndTwo, fc.boolean(), ([tree, a], keepChildren) => {
        const territory = tree[a];
        const policy = keepChildren ? 'moveChildrenToParent' : 'deleteSubtree';
        if (territory.parentId === null) {
          expect(() => planDeletion(tree, territory.id, policy)).toThrow('isRoot');
          return;
        }
        const { deleted, moved } = planDeletion(tree, territory.id, policy);
        const gone = new Set(deleted);
        const movedById = new Map(moved.map((m) => [m.id, m]));
        const after = tree.filter((t) => !gone.has(t.id)).map((t) => ({ ...t, ...movedById.get(t.id) }));
        expectTree(after);
        const children = childOrder(tree, territory.id);
        if (keepChildren) {
          expect(deleted).toEqual([territory.id]);
          expect(after).toHaveLength(tree.length - 1);
          // The children follow their former siblings, in their order.
          const order = childOrder(after, territory.parentId);
          expect(order.slice(order.length - children.length)).toEqual(children);
        } else {
          expect(new Set(deleted)).toEqual(new Set(subtreeIds(tree, territory.id)));
          expect(after).toHaveLength(tree.length - deleted.length);
        }
      }),
    );
  });
});

describe('duplicating a subtree', () => {
  it('adds a copy of the same shape right after the original, with fresh ids and unique codes', () => {
    fc.assert(
      fc.property(treeAndTwo, ([tree, a]) => {
        const original = tree[a];
        let next = 0;
        const options = () => ({
          newId: () => `copy${next++}`,
          name: 'Copy of it',
          takenCodes: new Set(tree.map((t) => t.code).filter((c) => c !== '')),
        });
        if (original.parentId === null) {
          expect(() => duplicateSubtree(tree, original.id, options())).toThrow('isRoot');
          return;
        }
        const opts = options();
        const { copies, renumbered } = duplicateSubtree(tree, original.id, opts);
        const after = [...apply(tree, renumbered), ...copies];
        expectTree(after);
        const below = subtreeIds(tree, original.id);
        expect(copies).toHaveLength(below.length);
        expect(after).toHaveLength(tree.length + below.length);
        expect(copies[0].name).toBe('Copy of it');
        expect(copies[0].parentId).toBe(original.parentId);
        // Same shape: the copy's subtree, walked in order, mirrors the original's.
        const shape = (t: readonly Node[], id: string): unknown => ({
          children: childOrder(t, id).map((c) => shape(t, c)),
        });
        expect(shape(after, copies[0].id)).toEqual(shape(tree, original.id));
        const order = childOrder(after, original.parentId);
        expect(order[order.indexOf(original.id) + 1]).toBe(copies[0].id);
        const codes = after.map((t) => t.code).filter((c) => c !== '');
        const originalCodes = tree.map((t) => t.code).filter((c) => c !== '');
        // Copies never reuse a code; codes the plan already had (duplicates included) stay as they were.
        expect(codes.length - originalCodes.length).toBe(copies.filter((c) => c.code !== '').length);
        for (const copy of copies) if (copy.code) expect(originalCodes).not.toContain(copy.code);
        expect(new Set(copies.map((c) => c.code).filter((c) => c !== '')).size).toBe(
          copies.filter((c) => c.code !== '').length,
        );
      }),
    );
  });

  it('gives codes a number until they are free', () => {
    const taken = new Set(['FR', 'FR-2']);
    expect(uniqueCode('FR', taken)).toBe('FR-3');
    expect(uniqueCode('DE', taken)).toBe('DE');
    expect(uniqueCode('DE', taken)).toBe('DE-2');
    expect(uniqueCode('', taken)).toBe('');
  });
});

describe('who sees what', () => {
  it('sees the territories of the person and everything below them', () => {
    fc.assert(
      fc.property(treeAndTwo, ([tree, a, b]) => {
        const seen = seenFrom(tree, [tree[a].id, tree[b].id]);
        expect(seen).toEqual(new Set([...subtreeIds(tree, tree[a].id), ...subtreeIds(tree, tree[b].id)]));
      }),
    );
  });
});
