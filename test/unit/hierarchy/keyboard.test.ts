/** Arrow keys in the hierarchy graph follow the drawing, whichever way it is laid out. */
import { describe, expect, it } from 'vitest';
import { neighbourOf, reorderOffset, type NavigationTree } from '../../../src/renderer/app/views/hierarchy/keyboard';
import { childrenByParent, type TreeNode } from '../../../src/shared/hierarchy';

const tree: TreeNode[] = [
  { id: 'org', parentId: null, sortOrder: 0 },
  { id: 'emea', parentId: 'org', sortOrder: 0 },
  { id: 'na', parentId: 'org', sortOrder: 1 },
  { id: 'fr', parentId: 'emea', sortOrder: 0 },
  { id: 'de', parentId: 'emea', sortOrder: 1 },
];

function nav(collapsed: string[] = [], stacked: string[] = []): NavigationTree {
  return {
    children: childrenByParent(tree),
    byId: new Map(tree.map((t) => [t.id, t])),
    collapsed: new Set(collapsed),
    stacked: (id) => stacked.includes(id),
  };
}

describe('keyboard navigation', () => {
  it('goes up to the parent, down to the first child and sideways to siblings, top-down', () => {
    expect(neighbourOf(nav(), 'emea', 'ArrowDown', 'TB')).toBe('fr');
    expect(neighbourOf(nav(), 'fr', 'ArrowUp', 'TB')).toBe('emea');
    expect(neighbourOf(nav(), 'emea', 'ArrowRight', 'TB')).toBe('na');
    expect(neighbourOf(nav(), 'emea', 'ArrowLeft', 'TB')).toBeNull();
    expect(neighbourOf(nav(), 'org', 'ArrowUp', 'TB')).toBeNull();
  });

  it('turns with the layout left to right', () => {
    expect(neighbourOf(nav(), 'emea', 'ArrowRight', 'LR')).toBe('fr');
    expect(neighbourOf(nav(), 'fr', 'ArrowLeft', 'LR')).toBe('emea');
    expect(neighbourOf(nav(), 'fr', 'ArrowDown', 'LR')).toBe('de');
  });

  it('moves up and down a column of stacked leaves, the first one leading back to the parent', () => {
    const n = nav([], ['fr', 'de']);
    expect(neighbourOf(n, 'fr', 'ArrowDown', 'TB')).toBe('de');
    expect(neighbourOf(n, 'de', 'ArrowUp', 'TB')).toBe('fr');
    expect(neighbourOf(n, 'fr', 'ArrowUp', 'TB')).toBe('emea');
    expect(neighbourOf(n, 'de', 'ArrowLeft', 'TB')).toBe('emea');
    expect(reorderOffset('ArrowDown', 'TB', true)).toBe(1);
    expect(reorderOffset('ArrowRight', 'TB', false)).toBe(1);
    expect(reorderOffset('ArrowUp', 'TB', false)).toBe(0);
  });

  it('does not enter a folded territory', () => {
    expect(neighbourOf(nav(['emea']), 'emea', 'ArrowDown', 'TB')).toBeNull();
  });
});
