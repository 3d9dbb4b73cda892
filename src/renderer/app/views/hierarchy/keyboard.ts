/**
 * Arrow keys in the hierarchy graph follow the drawing: towards the parent, the first child, or a sibling,
 * whichever way the tree is laid out (and up and down among leaves stacked in a column). Pure, unit-tested.
 */
import type { TreeNode } from '../../../../shared/hierarchy';
import type { LayoutDirection } from './layout';

export type Arrow = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';
type Step = 'parent' | 'child' | 'previous' | 'next' | null;

export interface NavigationTree {
  children: ReadonlyMap<string | null, readonly TreeNode[]>;
  byId: ReadonlyMap<string, TreeNode>;
  collapsed: ReadonlySet<string>;
  /** Whether the territory is drawn in a column of stacked leaves. */
  stacked: (id: string) => boolean;
}

/** What an arrow means for a territory: in a column of leaves siblings are above and below each other. */
export function stepOf(arrow: Arrow, direction: LayoutDirection, stacked: boolean): Step {
  if (direction === 'LR') {
    return { ArrowLeft: 'parent', ArrowRight: 'child', ArrowUp: 'previous', ArrowDown: 'next' }[arrow] as Step;
  }
  if (stacked) {
    return { ArrowLeft: 'parent', ArrowRight: null, ArrowUp: 'previous', ArrowDown: 'next' }[arrow] as Step;
  }
  return { ArrowUp: 'parent', ArrowDown: 'child', ArrowLeft: 'previous', ArrowRight: 'next' }[arrow] as Step;
}

/** The territory an arrow key leads to, or null when there is none that way. */
export function neighbourOf(tree: NavigationTree, id: string, arrow: Arrow, direction: LayoutDirection): string | null {
  const territory = tree.byId.get(id);
  if (!territory) return null;
  const step = stepOf(arrow, direction, tree.stacked(id));
  const siblings = tree.children.get(territory.parentId) ?? [];
  const at = siblings.findIndex((s) => s.id === id);
  switch (step) {
    case 'parent':
      return territory.parentId;
    case 'child':
      return tree.collapsed.has(id) ? null : (tree.children.get(id)?.[0]?.id ?? null);
    case 'previous':
      // The first of a stacked column goes up to its parent, as the drawing suggests.
      if (at === 0 && tree.stacked(id)) return territory.parentId;
      return siblings[at - 1]?.id ?? null;
    case 'next':
      return siblings[at + 1]?.id ?? null;
    default:
      return null;
  }
}

/** Alt+arrow moves a territory among its siblings: -1 earlier, +1 later, 0 when that arrow does not reorder. */
export function reorderOffset(arrow: Arrow, direction: LayoutDirection, stacked: boolean): -1 | 0 | 1 {
  const step = stepOf(arrow, direction, stacked);
  return step === 'previous' ? -1 : step === 'next' ? 1 : 0;
}
