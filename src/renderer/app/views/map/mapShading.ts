/**
 * Territories on the boundaries: each claimed region gets its territory's colour as a feature state; regions
 * claimed twice are copied into the hatched `overlaps` source; regions with accounts but no territory are marked
 * orphan; drawn areas go to the `areas` source. Feature states make re-shading thousands of regions cheap.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { RegionFigure } from '../../../../shared/api/map';
import type { Territory } from '../../../../shared/domain';
import { boundaryKeyOf } from '../../../../shared/regionAliases';
import type { BoundaryLevel, MapData } from './mapData';
import { boundarySource, showWhenFilled } from './basemap';

export interface Claims {
  /** Boundary key -> the territories that list its place, in plan order. */
  byKey: Map<string, Territory[]>;
}

export function claimsOf(territories: readonly Territory[]): Claims {
  const byKey = new Map<string, Territory[]>();
  for (const t of territories) {
    if (t.parentId === null) continue;
    for (const region of t.geography.regions) {
      // Territories hold canonical codes ("FR-75C"); the map draws the place under its boundary key ("FR-75").
      const key = boundaryKeyOf(region);
      byKey.set(key, [...(byKey.get(key) ?? []), t]);
    }
  }
  return { byKey };
}

type StateKey = `${BoundaryLevel}:${string}`;

/** What the map was last given, so the next shading clears only what it set. */
export class Shading {
  private readonly set = new Set<StateKey>();
  private readonly featureOf = new Map<string, Feature<Polygon | MultiPolygon>>();

  constructor(
    private readonly map: MapLibreMap,
    private readonly data: MapData,
  ) {}

  private feature(level: BoundaryLevel, key: string): Feature<Polygon | MultiPolygon> | undefined {
    if (this.featureOf.size === 0) {
      for (const l of ['countries', 'regions', 'subdivisions', 'counties'] as const) {
        for (const f of this.data.shapes[l].features) this.featureOf.set(`${l}:${f.properties.key}`, f);
      }
    }
    return this.featureOf.get(`${level}:${key}`);
  }

  private state(level: BoundaryLevel, key: string, value: Record<string, unknown>): void {
    this.map.setFeatureState({ source: boundarySource, id: key }, value);
    this.set.add(`${level}:${key}`);
  }

  /**
   * Shades every claimed region, hatches those claimed twice, marks orphans and outlines `selected` and
   * `changed` keys. Answers the number of regions shaded.
   */
  apply(options: {
    territories: readonly Territory[];
    figures: readonly RegionFigure[];
    selected: ReadonlySet<string>;
    changed: ReadonlySet<string>;
  }): number {
    for (const k of this.set) {
      const colon = k.indexOf(':');
      this.map.removeFeatureState({ source: boundarySource, id: k.slice(colon + 1) });
    }
    this.set.clear();
    const { byKey } = claimsOf(options.territories);
    const overlaps: Feature[] = [];
    for (const [key, claimants] of byKey) {
      const level = this.data.levelOf.get(key);
      if (!level) continue;
      this.state(level, key, { fill: claimants[0].color, claims: claimants.length });
      if (claimants.length > 1) {
        const shape = this.feature(level, key);
        if (shape) overlaps.push(shape);
      }
    }
    for (const figure of options.figures) {
      const key = boundaryKeyOf(figure.key);
      if (figure.unassigned === 0 || byKey.has(key)) continue;
      const level = this.data.levelOf.get(key);
      if (level) this.state(level, key, { orphan: true });
    }
    for (const selected of options.selected) {
      const key = boundaryKeyOf(selected);
      const level = this.data.levelOf.get(key);
      if (level) this.state(level, key, { selected: true });
    }
    for (const changed of options.changed) {
      const key = boundaryKeyOf(changed);
      const level = this.data.levelOf.get(key);
      if (level) this.state(level, key, { changed: true });
    }
    showWhenFilled(this.map, 'overlaps', overlaps);

    const areas: Feature[] = [];
    for (const t of options.territories) {
      t.geography.areas.forEach((area, i) =>
        areas.push({
          type: 'Feature',
          properties: { color: t.color, territoryId: t.id, index: i },
          geometry: { type: 'Polygon', coordinates: area },
        }),
      );
    }
    showWhenFilled(this.map, 'areas', areas);
    return byKey.size;
  }
}

/** Pairs of territories that touch: their regions share a border, or one region is claimed by both. */
export function touchingTerritories(data: MapData, territories: readonly Territory[]): [string, string][] {
  const { byKey } = claimsOf(territories);
  const pairs = new Set<string>();
  const add = (a: Territory[], b: Territory[]) => {
    for (const x of a)
      for (const y of b) if (x.id !== y.id) pairs.add(x.id < y.id ? `${x.id} ${y.id}` : `${y.id} ${x.id}`);
  };
  for (const claimants of byKey.values()) add(claimants, claimants);
  for (const [a, b] of data.touching) {
    const ca = byKey.get(a);
    const cb = byKey.get(b);
    if (ca && cb) add(ca, cb);
  }
  return [...pairs].map((p) => p.split(' ') as [string, string]);
}
