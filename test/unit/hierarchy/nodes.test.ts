/**
 * What the hierarchy canvas draws (hierarchyNodes.ts): each placed territory's node with its selection, tab stop
 * and people; unchanged nodes kept as the same objects; where a dragged territory lands and when that is refused.
 */
import { describe, expect, it } from 'vitest';
import type { Membership, SalesUser, Territory } from '../../../src/shared/domain';
import {
  NodeCache,
  dropAt,
  peopleOf,
  refusedDrop,
  territoryNodes,
  type NodesInput,
} from '../../../src/renderer/app/views/hierarchy/hierarchyNodes';
import { layoutTree, NODE_HEIGHT, NODE_WIDTH } from '../../../src/renderer/app/views/hierarchy/layout';
import { reshaped } from '../../../src/renderer/app/views/hierarchy/useFitOnReshape';

const territory = (id: string, parentId: string | null, sortOrder = 0) =>
  ({ id, parentId, name: id.toUpperCase(), code: id, sortOrder, color: '#000' }) as Territory;
const territories = [
  territory('org', null),
  territory('emea', 'org', 0),
  territory('amer', 'org', 1),
  territory('fr', 'emea', 0),
  territory('de', 'emea', 1),
];
const byId = new Map(territories.map((t) => [t.id, t]));
const layout = layoutTree(territories, new Set(), 'TB');
const people = peopleOf(
  [
    { id: 'm1', territoryId: 'fr', userId: 'u1', role: 'manager' },
    { id: 'm2', territoryId: 'fr', userId: 'u2', role: 'member' },
  ] as Membership[],
  [{ id: 'u1', name: 'Ana' }] as SalesUser[],
);
const input = (over: Partial<NodesInput> = {}): NodesInput => ({
  layout,
  byId,
  stats: {},
  people,
  collapsed: new Set(),
  selection: [],
  currency: 'EUR',
  readOnly: false,
  language: 'en',
  ...over,
});

describe('territory nodes', () => {
  it('draws every placed territory, the root as the tab stop while nothing is picked', () => {
    const { nodes } = territoryNodes(input(), new Map());
    expect(nodes.map((n) => n.id).sort()).toEqual(territories.map((t) => t.id).sort());
    const tabStops = nodes.filter((n) => n.domAttributes?.tabIndex === 0).map((n) => n.id);
    expect(tabStops).toEqual(['org']);
    const fr = nodes.find((n) => n.id === 'fr')!;
    expect(fr.data.manager).toBe('Ana');
    expect(fr.data.members).toBe(2);
    expect(fr.domAttributes?.['aria-level']).toBe(3);
    expect(nodes.find((n) => n.id === 'emea')!.domAttributes?.['aria-expanded']).toBe(true);
    expect(nodes.find((n) => n.id === 'org')!.draggable).toBe(false);
    expect(fr.draggable).toBe(true);
    expect(territoryNodes(input({ readOnly: true }), new Map()).nodes.every((n) => !n.draggable)).toBe(true);
  });

  it('marks the selection, the last one picked being the tab stop', () => {
    const { nodes } = territoryNodes(input({ selection: ['fr', 'de'] }), new Map());
    expect(
      nodes
        .filter((n) => n.selected)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['de', 'fr']);
    expect(nodes.filter((n) => n.domAttributes?.tabIndex === 0).map((n) => n.id)).toEqual(['de']);
  });

  it('hands back the same object for a node that did not change, and a new one for one that did', () => {
    const cache = new NodeCache();
    const first = territoryNodes(input(), cache.previous());
    cache.keep(first.byId);
    const again = territoryNodes(input(), cache.previous());
    expect(again.nodes.every((n, i) => n === first.nodes[i])).toBe(true);
    const picked = territoryNodes(input({ selection: ['de'] }), cache.previous());
    const changed = picked.nodes
      .filter((n, i) => n !== first.nodes[i])
      .map((n) => n.id)
      .sort();
    // de is selected and the tab stop now; the root is no longer the tab stop.
    expect(changed).toEqual(['de', 'org']);
    const renamed = territoryNodes(input({ language: 'fr' }), cache.previous());
    expect(renamed.nodes.every((n, i) => n !== first.nodes[i])).toBe(true);
  });
});

describe('dropping a dragged territory', () => {
  const placed = (id: string) => layout.placed.find((p) => p.id === id)!;

  it('lands inside a node in its middle, beside it on its outer fifths, inside only on the organisation', () => {
    const de = placed('de');
    // Siblings stacked in a column are before and after each other along y, otherwise along x.
    const at = (f: number) =>
      de.stacked
        ? { x: de.x + NODE_WIDTH / 2, y: de.y + f * NODE_HEIGHT }
        : { x: de.x + f * NODE_WIDTH, y: de.y + NODE_HEIGHT / 2 };
    const none = new Set<string>();
    expect(dropAt(layout.placed, byId, 'TB', at(0.5), none)).toEqual({ targetId: 'de', zone: 'inside' });
    expect(dropAt(layout.placed, byId, 'TB', at(0.1), none)).toEqual({ targetId: 'de', zone: 'before' });
    expect(dropAt(layout.placed, byId, 'TB', at(0.9), none)).toEqual({ targetId: 'de', zone: 'after' });
    expect(dropAt(layout.placed, byId, 'TB', at(0.9), new Set(['de']))).toBeNull();
    const org = placed('org');
    expect(dropAt(layout.placed, byId, 'TB', { x: org.x + 2, y: org.y + 2 }, none)).toEqual({
      targetId: 'org',
      zone: 'inside',
    });
  });

  it('is refused beside the organisation and into the moved territory itself or below it', () => {
    expect(refusedDrop(byId, ['fr'], 'org', 'before')).toBe(true);
    expect(refusedDrop(byId, ['emea'], 'fr', 'inside')).toBe(true);
    expect(refusedDrop(byId, ['emea'], 'emea', 'inside')).toBe(true);
    expect(refusedDrop(byId, ['fr'], 'amer', 'inside')).toBe(false);
    expect(refusedDrop(byId, ['fr'], 'amer', 'after')).toBe(false);
  });
});

describe('fitting the drawing', () => {
  it('refits when it goes from one box to several or changes size wholesale, not on a small change', () => {
    expect(reshaped(5, 1)).toBe(true);
    expect(reshaped(40, 30)).toBe(false);
    expect(reshaped(2000, 30)).toBe(true);
    // Shrinking is never wholesale by this measure: folding everything asks for its own fit.
    expect(reshaped(30, 2000)).toBe(false);
    expect(reshaped(1, 1)).toBe(false);
  });
});
