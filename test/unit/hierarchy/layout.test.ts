/** The hierarchy graph's layout: every drawn territory placed once, none overlapping, parents before children. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultCollapsed,
  descendantCounts,
  layoutTree,
  NODE_HEIGHT,
  NODE_WIDTH,
  type LayoutDirection,
  type PlacedTerritory,
} from '../../../src/renderer/app/views/hierarchy/layout';
import { subtreeIds, type TreeNode } from '../../../src/shared/hierarchy';

const treeArb = fc
  .integer({ min: 1, max: 60 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.nat(), { minLength: n, maxLength: n }),
      fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    ),
  )
  .map(([parents, collapse]) => {
    const tree: TreeNode[] = parents.map((p, i) => ({
      id: `t${i}`,
      parentId: i === 0 ? null : `t${p % i}`,
      sortOrder: i,
    }));
    const collapsed = new Set(tree.filter((_, i) => collapse[i] && i % 4 === 0).map((t) => t.id));
    return { tree, collapsed };
  });

function overlap(a: PlacedTerritory, b: PlacedTerritory): boolean {
  return a.x < b.x + NODE_WIDTH && b.x < a.x + NODE_WIDTH && a.y < b.y + NODE_HEIGHT && b.y < a.y + NODE_HEIGHT;
}

/** The first two boxes that overlap, found with a sweep along x (the plans here reach a few thousand boxes). */
function firstOverlap(placed: readonly PlacedTerritory[]): [string, string] | null {
  const sorted = [...placed].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].x < sorted[i].x + NODE_WIDTH; j++) {
      if (overlap(sorted[i], sorted[j])) return [sorted[i].id, sorted[j].id];
    }
  }
  return null;
}

describe('hierarchy layout', () => {
  for (const direction of ['TB', 'LR'] as LayoutDirection[]) {
    it(`draws exactly the territories outside collapsed ones, without overlap (${direction})`, () => {
      fc.assert(
        fc.property(treeArb, ({ tree, collapsed }) => {
          const { placed, edges, order } = layoutTree(tree, collapsed, direction);
          const hidden = new Set([...collapsed].flatMap((id) => subtreeIds(tree, id).filter((x) => x !== id)));
          expect(new Set(placed.map((p) => p.id))).toEqual(
            new Set(tree.map((t) => t.id).filter((id) => !hidden.has(id))),
          );
          expect(order).toHaveLength(placed.length);
          expect(edges).toHaveLength(placed.length - 1);
          expect(firstOverlap(placed)).toBeNull();
          const at = new Map(placed.map((p) => [p.id, p]));
          for (const edge of edges) {
            const parent = at.get(edge.source)!;
            const child = at.get(edge.target)!;
            // Children come after their parent in the reading direction.
            if (direction === 'TB') expect(child.y).toBeGreaterThan(parent.y);
            else expect(child.x).toBeGreaterThan(parent.x);
            expect(child.depth).toBe(parent.depth + 1);
          }
          const counts = descendantCounts(tree);
          for (const p of placed) expect(p.hiddenCount).toBe(collapsed.has(p.id) ? counts.get(p.id) : 0);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('sets wide fan-outs in rows without overlap, every link running from its parent to its child', () => {
    // Wide trees: a root with many children, each with many, some with leaves: the shapes that get rows.
    const wideArb = fc
      .array(fc.array(fc.nat({ max: 8 }), { minLength: 0, maxLength: 14 }), { minLength: 4, maxLength: 14 })
      .map((regions) => {
        const tree: TreeNode[] = [{ id: 'org', parentId: null, sortOrder: 0 }];
        regions.forEach((areas, r) => {
          tree.push({ id: `r${r}`, parentId: 'org', sortOrder: r });
          areas.forEach((leaves, a) => {
            tree.push({ id: `r${r}a${a}`, parentId: `r${r}`, sortOrder: a });
            for (let l = 0; l < leaves; l++) tree.push({ id: `r${r}a${a}l${l}`, parentId: `r${r}a${a}`, sortOrder: l });
          });
        });
        return tree;
      });
    fc.assert(
      fc.property(wideArb, (tree) => {
        const { placed, edges } = layoutTree(tree, new Set(), 'TB');
        expect(placed).toHaveLength(tree.length);
        expect(firstOverlap(placed)).toBeNull();
        const at = new Map(placed.map((p) => [p.id, p]));
        for (const edge of edges) {
          const parent = at.get(edge.source)!;
          const child = at.get(edge.target)!;
          const [x0, y0] = edge.points;
          const [x1, y1] = edge.points.slice(-2);
          // Leaves the parent at its bottom edge, reaches the child at its top or left edge.
          expect(y0).toBe(parent.y + NODE_HEIGHT);
          expect(x0).toBeGreaterThanOrEqual(parent.x);
          expect(x0).toBeLessThanOrEqual(parent.x + NODE_WIDTH);
          const onTop = y1 === child.y && x1 >= child.x && x1 <= child.x + NODE_WIDTH;
          const onLeft = x1 === child.x && y1 >= child.y && y1 <= child.y + NODE_HEIGHT;
          if (!onTop || !onLeft) expect(onTop || onLeft).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('keeps a 2,000-territory plan unfolded closer to a screen than to a strip', () => {
    const tree: TreeNode[] = [{ id: 'org', parentId: null, sortOrder: 0 }];
    for (let r = 0; r < 10; r++) {
      tree.push({ id: `r${r}`, parentId: 'org', sortOrder: r });
      for (let a = 0; a < 20; a++) {
        tree.push({ id: `r${r}a${a}`, parentId: `r${r}`, sortOrder: a });
        for (let t = 0; t < 9; t++) tree.push({ id: `r${r}a${a}t${t}`, parentId: `r${r}a${a}`, sortOrder: t });
      }
    }
    const { placed } = layoutTree(tree, new Set(), 'TB');
    const width = Math.max(...placed.map((p) => p.x + NODE_WIDTH)) - Math.min(...placed.map((p) => p.x));
    const height = Math.max(...placed.map((p) => p.y + NODE_HEIGHT)) - Math.min(...placed.map((p) => p.y));
    expect(width / height).toBeLessThan(4);
    expect(width / height).toBeGreaterThan(0.5);
  });

  it('stacks leaves in a column under their parent, top-down', () => {
    const tree: TreeNode[] = [
      { id: 'org', parentId: null, sortOrder: 0 },
      ...['a', 'b', 'c', 'd'].map((id, i) => ({ id, parentId: 'org', sortOrder: i })),
    ];
    const { placed, edges } = layoutTree(tree, new Set(), 'TB');
    const leaves = placed.filter((p) => p.id !== 'org');
    expect(leaves.every((p) => p.stacked && p.x === leaves[0].x)).toBe(true);
    expect(leaves.map((p) => p.y)).toEqual([...leaves.map((p) => p.y)].sort((x, y) => x - y));
    expect(edges.every((e) => e.stacked)).toBe(true);
    // Left-right, the same leaves are side by side (one above the other) as a plain tree.
    expect(layoutTree(tree, new Set(), 'LR').placed.some((p) => p.stacked)).toBe(false);
  });

  it('collapses the level that keeps a large plan within budget', () => {
    const tree: TreeNode[] = [{ id: 'org', parentId: null, sortOrder: 0 }];
    for (let r = 0; r < 10; r++) {
      tree.push({ id: `r${r}`, parentId: 'org', sortOrder: r });
      for (let a = 0; a < 20; a++) {
        tree.push({ id: `r${r}a${a}`, parentId: `r${r}`, sortOrder: a });
        for (let t = 0; t < 9; t++) tree.push({ id: `r${r}a${a}t${t}`, parentId: `r${r}a${a}`, sortOrder: t });
      }
    }
    const collapsed = defaultCollapsed(tree, 250);
    expect(collapsed.size).toBe(200);
    expect(layoutTree(tree, collapsed, 'TB').placed).toHaveLength(211);
    expect(defaultCollapsed(tree.slice(0, 100), 250).size).toBe(0);
  });

  it('lays out 2,000 territories in well under a frame budget', () => {
    const tree: TreeNode[] = [{ id: 'org', parentId: null, sortOrder: 0 }];
    for (let r = 0; r < 10; r++) {
      tree.push({ id: `r${r}`, parentId: 'org', sortOrder: r });
      for (let a = 0; a < 20; a++) {
        tree.push({ id: `r${r}a${a}`, parentId: `r${r}`, sortOrder: a });
        for (let t = 0; t < 9; t++) tree.push({ id: `r${r}a${a}t${t}`, parentId: `r${r}a${a}`, sortOrder: t });
      }
    }
    const start = performance.now();
    const { placed } = layoutTree(tree, new Set(), 'TB');
    expect(placed).toHaveLength(2011);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
