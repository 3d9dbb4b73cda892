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
  .chain((n) => fc.tuple(fc.array(fc.nat(), { minLength: n, maxLength: n }), fc.array(fc.boolean(), { minLength: n, maxLength: n })))
  .map(([parents, collapse]) => {
    const tree: TreeNode[] = parents.map((p, i) => ({ id: `t${i}`, parentId: i === 0 ? null : `t${p % i}`, sortOrder: i }));
    const collapsed = new Set(tree.filter((_, i) => collapse[i] && i % 4 === 0).map((t) => t.id));
    return { tree, collapsed };
  });

function overlap(a: PlacedTerritory, b: PlacedTerritory): boolean {
  return a.x < b.x + NODE_WIDTH && b.x < a.x + NODE_WIDTH && a.y < b.y + NODE_HEIGHT && b.y < a.y + NODE_HEIGHT;
}

describe('hierarchy layout', () => {
  for (const direction of ['TB', 'LR'] as LayoutDirection[]) {
    it(`draws exactly the territories outside collapsed ones, without overlap (${direction})`, () => {
      fc.assert(
        fc.property(treeArb, ({ tree, collapsed }) => {
          const { placed, edges, order } = layoutTree(tree, collapsed, direction);
          const hidden = new Set([...collapsed].flatMap((id) => subtreeIds(tree, id).filter((x) => x !== id)));
          expect(new Set(placed.map((p) => p.id))).toEqual(new Set(tree.map((t) => t.id).filter((id) => !hidden.has(id))));
          expect(order).toHaveLength(placed.length);
          expect(edges).toHaveLength(placed.length - 1);
          for (let i = 0; i < placed.length; i++) {
            for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i], placed[j])).toBe(false);
          }
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
