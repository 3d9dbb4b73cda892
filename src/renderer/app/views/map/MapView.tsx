import { useQuery } from '@tanstack/react-query';
import Flatbush from 'flatbush';
import {
  ChevronDown,
  ChevronUp,
  Ellipsis,
  Hand,
  Lasso,
  Map as MapIcon,
  MousePointerClick,
  Pentagon,
  SquarePen,
} from 'lucide-react';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { useEffect, useMemo, useRef, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RecordPoints } from '../../../../shared/api';
import type { PointDetails, RegionFigure } from '../../../../shared/api/map';
import type { Polygon, Territory } from '../../../../shared/domain';
import { attempt } from '../../actions';
import { desktop } from '../../bridge';
import { callModel, fetchModel, useModelQuery } from '../../data';
import { EmptyState } from '../../components/EmptyState';
import { formatNumber } from '../../i18n';
import { errorText } from '../../modelWords';
import { selectedTerritoryId as selectedOf, selectTerritory, usePlanStore } from '../../stores/planStore';
import { notify, showView } from '../../stores/uiStore';
import { addFilter, setRecordKind } from '../accounts/accountsStore';
import { explainRecord } from '../rules/rulesStore';
import { basemapStyle, followDeferredLevels, hatchImage, mapColors, pickLevel, skipInvisibleSky } from './basemap';
import { drawStyles, editCursors } from './drawStyles';
import { MapLabels, type Box } from './labels';
import { regionsInLasso, ringBounds } from './lassoRegions';
import { loadMapData, placeName } from './mapData';
import { Shading, touchingTerritories } from './mapShading';
import './map.css';
import { pointColors, PointsLayer, samePoints, toMercator } from './pointsLayer';
import { AndMore } from '../../components/AndMore';
import { motionMs } from '../../components/motion';
import { useViewCommands } from '../../shell/viewCommands';
import { tooltipOf } from '../../viewActions';
import { editingModes, mapAction, mapActions, mapModes as modes, type MapMode } from './mapActions';

// MapLibre's worker, bundled with the app: the CSP allows workers from the app itself only.
maplibregl.setWorkerUrl(workerUrl);

/** The most accounts one lasso selects (a placement by hand of more is a rule's job). */
const maxLassoAccounts = 100_000;

/** No region figures yet (or no plan): a constant, so the shading is not applied again for nothing. */
const noFigures: readonly RegionFigure[] = [];

const initialView = { center: [-30, 45] as [number, number], zoom: 1.6 };

/** Whether the planner folded the legend away, remembered by this window's storage from one visit to the next. */
const legendFoldedKey = 'territory-planner.map.legend-folded';
function legendFoldedAtStart(): boolean {
  try {
    return localStorage.getItem(legendFoldedKey) === '1';
  } catch {
    return false;
  }
}
function rememberLegendFolded(folded: boolean): void {
  try {
    localStorage.setItem(legendFoldedKey, folded ? '1' : '0');
  } catch {
    // Storage refused (private window, quota): folded for this visit only.
  }
}

type Mode = MapMode;

/** Each mode's icon: on a narrow map (200 % zoom) the mode buttons show it alone, their name in a tooltip. */
const modeIcons: Record<Mode, typeof Hand> = {
  pan: Hand,
  pick: MousePointerClick,
  lasso: Lasso,
  draw: Pentagon,
  edit: SquarePen,
};
/** What a lasso selects: one kind at a time. */
type LassoKind = 'accounts' | 'regions';

interface LegendEntry {
  index: number;
  territoryId: string;
  color: string;
  count: number;
}

/** The territories that hold points, largest first. */
function legendOf(points: RecordPoints, territories: readonly Territory[]): LegendEntry[] {
  const { territoryOfPoint, territoryIds } = points;
  if (!territoryOfPoint || !territoryIds) return [];
  const colorOf = new Map(territories.map((t) => [t.id, t.color]));
  const counts = new Map<number, number>();
  for (const t of territoryOfPoint) if (t >= 0) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .map(([index, count]) => ({
      index,
      count,
      territoryId: territoryIds[index],
      color: colorOf.get(territoryIds[index]) ?? mapColors.unassigned,
    }))
    .sort((a, b) => b.count - a.count);
}

/** The box around all points, or around those of some territories (indexes into `points.territoryIds`). */
function boundsOf(
  points: RecordPoints,
  territories: ReadonlySet<number> | null = null,
): maplibregl.LngLatBoundsLike | null {
  let [minX, minY, maxX, maxY] = [180, 90, -180, -90];
  let any = false;
  for (let i = 0; i < points.recordIds.length; i++) {
    if (territories !== null && !territories.has(points.territoryOfPoint?.[i] ?? -1)) continue;
    any = true;
    const x = points.lonLat[2 * i];
    const y = points.lonLat[2 * i + 1];
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return any ? [minX, minY, maxX, maxY] : null;
}

/** Room around framed accounts: the legend and toolbar sit over the map's left and top edges. */
const framePadding = { top: 60, bottom: 40, right: 40, left: 300 };

/** Indexes (into `points.territoryIds`) of a territory and its sub-territories. */
function territoryIndexes(
  points: RecordPoints,
  territories: readonly Territory[],
  territoryId: string,
): ReadonlySet<number> {
  const within = new Set([territoryId]);
  // Parents come before their children in no particular order: repeat until nothing joins.
  for (let grew = true; grew;) {
    grew = false;
    for (const x of territories) {
      if (x.parentId !== null && within.has(x.parentId) && !within.has(x.id)) {
        within.add(x.id);
        grew = true;
      }
    }
  }
  const indexes = new Set<number>();
  points.territoryIds?.forEach((id, i) => within.has(id) && indexes.add(i));
  return indexes;
}

/** Even-odd point in polygon over one ring, for lasso selections (screen-sized, so a plain ray cast). */
function inRing(x: number, y: number, ring: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Each point's size (0 to 1, by the square root of its share of the largest value): the area follows the value. */
function sizesOf(values: Float32Array): Float32Array {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const sizes = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) sizes[i] = max > 0 && values[i] > 0 ? Math.sqrt(values[i] / max) : 0;
  return sizes;
}

interface Compared {
  /** 1 for each point (in this plan's order) whose territory differs in the other plan. */
  moved: Uint8Array;
  count: number;
  /** Region keys claimed by a different territory (or only one plan). */
  regions: Set<string>;
}

/**
 * What differs between this plan and another: each point's territory and each region's, matched by territory code
 * (or name). Both point lists are in record order (getRecordPoints), walked side by side.
 */
function compareWith(
  points: RecordPoints,
  territories: readonly Territory[],
  other: RecordPoints,
  otherTerritories: readonly Territory[],
): Compared {
  const label = (x: Territory | undefined) => (x ? x.code || x.name : '');
  const here = new Map(territories.map((x) => [x.id, x]));
  const there = new Map(otherTerritories.map((x) => [x.id, x]));
  const moved = new Uint8Array(points.recordIds.length);
  let count = 0;
  let j = 0;
  for (let i = 0; i < points.recordIds.length; i++) {
    while (j < other.recordIds.length && other.recordIds[j] < points.recordIds[i]) j++;
    const a = points.territoryOfPoint?.[i] ?? -1;
    const b =
      j < other.recordIds.length && other.recordIds[j] === points.recordIds[i]
        ? (other.territoryOfPoint?.[j] ?? -1)
        : -1;
    const la = a >= 0 ? label(here.get(points.territoryIds![a])) : '';
    const lb = b >= 0 ? label(there.get(other.territoryIds![b])) : '';
    if (la !== lb) {
      moved[i] = 1;
      count++;
    }
  }
  const claim = (list: readonly Territory[]) => {
    const byKey = new Map<string, string>();
    for (const x of list) if (x.parentId !== null) for (const key of x.geography.regions) byKey.set(key, label(x));
    return byKey;
  };
  const a = claim(territories);
  const b = claim(otherTerritories);
  const regions = new Set([...a.keys(), ...b.keys()].filter((key) => a.get(key) !== b.get(key)));
  return { moved, count, regions };
}

interface Hover {
  x: number;
  y: number;
  details: PointDetails | null;
  index: number;
}

/** The fill of saved areas (basemap.ts) and terra-draw's fill of the polygons being drawn or edited. */
const savedAreaFill = 'areas-fill';
const drawnAreaFill = 'td-polygon';

/**
 * Water stays water under a drawn area's tint: its fill goes under the large lakes (drawn opaque over the land
 * and its shading, basemap.ts), as the territories' shading does, so Lake Michigan is not tinted by an area around
 * Chicago. Its outline, and terra-draw's vertices and handles, stay on top.
 */
function keepLakesOver(map: maplibregl.Map, fill: string): void {
  if (map.getLayer(fill) && map.getLayer('lakes')) map.moveLayer(fill, 'lakes');
}

/** The panels floating over the map (toolbar, legend, hint, MapLibre's controls), in the map's CSS pixels. */
function panelsOver(mapElement: HTMLElement): Box[] {
  const frame = mapElement.getBoundingClientRect();
  const panels =
    mapElement.parentElement?.querySelectorAll('.map-toolbar, .map-legend, .map-hint, .maplibregl-ctrl') ?? [];
  const boxes: Box[] = [];
  for (const panel of panels) {
    const r = panel.getBoundingClientRect();
    if (r.width > 0 && r.height > 0)
      boxes.push({
        x0: r.left - frame.left,
        y0: r.top - frame.top,
        x1: r.right - frame.left,
        y1: r.bottom - frame.top,
      });
  }
  return boxes;
}

/**
 * MapLibre's own words, in the planner's language: its canvas region (MapLibre names it "Map", like the view around
 * it: two landmarks of one name), the zoom buttons and the attribution toggle. Given to the map when it is built;
 * MapLibre has no call to change them later, so a switch of language renames the elements (`nameMapControls`).
 */
const mapWords = [
  { key: 'Map.Title', word: 'a11y.mapCanvas', selector: '.maplibregl-canvas', title: false },
  { key: 'NavigationControl.ZoomIn', word: 'a11y.zoomIn', selector: '.maplibregl-ctrl-zoom-in', title: true },
  { key: 'NavigationControl.ZoomOut', word: 'a11y.zoomOut', selector: '.maplibregl-ctrl-zoom-out', title: true },
  {
    key: 'AttributionControl.ToggleAttribution',
    word: 'a11y.toggleAttribution',
    selector: '.maplibregl-ctrl-attrib-button',
    title: true,
  },
] as const;

/** Names MapLibre's canvas and controls in the current language, as MapLibre does (title and aria-label). */
function nameMapControls(mapElement: HTMLElement): void {
  for (const { word, selector, title } of mapWords) {
    const text = i18next.t(word);
    for (const element of mapElement.querySelectorAll(selector)) {
      element.setAttribute('aria-label', text);
      if (title) element.setAttribute('title', text);
    }
  }
}

/** Accounts and territories on an offline map: pick regions, draw areas, lasso accounts, compare, export. */
export function MapView() {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const labelCanvas = useRef<HTMLCanvasElement>(null);
  const lassoSvg = useRef<SVGSVGElement>(null);
  const accountCount = usePlanStore((s) => s.recordCounts.account);
  const planId = usePlanStore((s) => s.planId);
  const plans = usePlanStore((s) => s.plans);
  const territories = usePlanStore((s) => s.territories);
  const selectedTerritoryId = usePlanStore(selectedOf);
  const [ready, setReady] = useState(false);
  const [chosenMode, setMode] = useState<Mode>('pan');
  const [lassoKind, setLassoKind] = useState<LassoKind>('accounts');
  const [selectedRegions, setSelectedRegions] = useState<string[]>([]);
  const [selectedPoints, setSelectedPoints] = useState<number[]>([]);
  const [focused, setFocused] = useState<string | null>(null);
  const [sizeByRevenue, setSizeByRevenue] = useState(false);
  const [comparePlanId, setComparePlanId] = useState('');
  const [hover, setHover] = useState<Hover | null>(null);
  const [legendFolded, setLegendFolded] = useState(legendFoldedAtStart);
  const [lasso, setLasso] = useState<[number, number][] | null>(null);
  const [moreOpen, setMoreOpen] = useState(false);
  const toolbar = useRef<HTMLDivElement>(null);
  const moreToggle = useRef<HTMLButtonElement>(null);
  const [drawnSelection, setDrawnSelection] = useState<string | null>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const layerRef = useRef<PointsLayer | null>(null);
  const shadingRef = useRef<Shading | null>(null);
  const drawRef = useRef<TerraDraw | null>(null);
  /** The hover card's spatial index, built on the first hover over a set of points. */
  const pointIndexRef = useRef<{ points: RecordPoints; index: Flatbush } | null>(null);
  /** The areas terra-draw last saved (JSON): they come back as the territory's, already shown. */
  const savedFromDraw = useRef<string | null>(null);
  /** Whether the camera was moved: until then the accounts may still be framed. */
  const cameraMoved = useRef(false);
  const plan = plans.find((p) => p.id === planId) ?? null;
  // The plan's points (typed arrays, as the model answers them: never copied into objects) and accounts per region,
  // asked again whenever the model says records, assignments or territories changed (data/invalidation.ts).
  const shown = accountCount !== 0;
  // The boundaries and place names: files of the app, loaded once per window, held by the same cache.
  const data = useQuery({ queryKey: ['mapData'], queryFn: loadMapData, enabled: shown }).data ?? null;
  const points =
    useModelQuery('getRecordPoints', shown ? { kind: 'account', planId: planId ?? undefined } : null, {
      keepPrevious: true,
      same: samePoints,
    }).data ?? null;
  const figures = useModelQuery('regionFigures', shown && planId ? { planId } : null).data ?? noFigures;
  // Another plan to compare with: its points and territories, matched by territory code (or name).
  const comparing = shown && planId !== null && comparePlanId !== '' && comparePlanId !== planId;
  const otherPoints = useModelQuery('getRecordPoints', comparing ? { kind: 'account', planId: comparePlanId } : null);
  const otherTerritories = useModelQuery('listTerritories', comparing ? { planId: comparePlanId } : null);
  // Revenue per point, in the points' order, asked only while points are sized by it.
  const revenue = useModelQuery(
    'pointValues',
    shown && sizeByRevenue ? { field: 'annualRevenue', planId: planId ?? undefined } : null,
  );
  // What differs from the compared plan, per point and per region.
  const compared = useMemo(
    () =>
      comparing && points && otherPoints.data && otherTerritories.data
        ? compareWith(points, territories, otherPoints.data, otherTerritories.data)
        : null,
    [comparing, points, territories, otherPoints.data, otherTerritories.data],
  );
  // A final or archived plan is shown, never changed: editing modes and edit buttons are off (the model refuses too).
  const readOnly = plan !== null && plan.status !== 'draft';
  const mode: Mode = readOnly && editingModes.has(chosenMode) ? 'pan' : chosenMode;
  const latest = useRef({ mode, points, selectedRegions, territoryId: selectedTerritoryId, planId, territories });
  const editable = territories.filter((x) => x.parentId !== null);
  const target = territories.find((x) => x.id === selectedTerritoryId && x.parentId !== null) ?? null;
  const language = i18n.language;
  const drawnTerritory = territories.find((x) => x.id === selectedTerritoryId);
  /** The colour of areas being drawn or edited: the chosen territory's. */
  const drawColour = (drawnTerritory?.color ?? mapColors.selected) as `#${string}`;
  const editedAreas = drawnTerritory?.geography.areas;

  useEffect(() => {
    latest.current = { mode, points, selectedRegions, territoryId: selectedTerritoryId, planId, territories };
  });

  // The map itself, once the boundaries are there.
  useEffect(() => {
    if (!container.current || !data) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: basemapStyle(data),
      center: initialView.center,
      zoom: initialView.zoom,
      attributionControl: { compact: true, customAttribution: 'Natural Earth, U.S. Census Bureau, GeoNames' },
      renderWorldCopies: false,
      boxZoom: false,
      doubleClickZoom: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
      locale: Object.fromEntries(mapWords.map(({ key, word }) => [key, i18next.t(word)])),
    });
    skipInvisibleSky(map);
    mapRef.current = map;
    // A handle for end-to-end tests and the benchmark, which steer the camera and read frame times.
    (window as unknown as { territoryMap?: maplibregl.Map }).territoryMap = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl(), 'bottom-left');
    const layer = new PointsLayer();
    layerRef.current = layer;
    // Place names wait for the land they name: drawn from the first frame, they showed over an empty sea while the
    // boundaries were still being cut into tiles.
    let landDrawn = false;
    const labels = labelCanvas.current ? new MapLabels(labelCanvas.current, map, data) : null;
    const redrawLabels = () => {
      // The global instance: useTranslation's `i18n` is a snapshot whose language stays the one of its render.
      if (landDrawn) labels?.draw(i18next.language, panelsOver(map.getContainer()));
    };
    map.on('render', redrawLabels);
    followDeferredLevels(map, data, () => {
      landDrawn = true;
      map.triggerRepaint();
    });
    // Whether anyone moved the camera (a drag, a zoom, a jump): a move is one movestart … moveend; a resize of the
    // window fires its own 'resize' in between and is no move of the planner's.
    let moving = false;
    map.on('movestart', () => (moving = true));
    map.on('resize', () => (moving = false));
    map.on('moveend', () => {
      if (moving) cameraMoved.current = true;
      moving = false;
    });
    // Points and shading as soon as the style is there: MapLibre's `load` waits for every tile in view, the
    // first-level regions' included, which a loaded machine takes many seconds to cut.
    map.once('style.load', () => {
      map.addImage('hatch', hatchImage());
      keepLakesOver(map, savedAreaFill);
      map.addLayer(layer);
      shadingRef.current = new Shading(map, data);
      setReady(true);
    });

    // Hover card: the nearest account within a few pixels.
    const nearestPoint = (e: maplibregl.MapMouseEvent): number => {
      const pts = latest.current.points;
      if (!pts || pts.recordIds.length === 0) return -1;
      if (pointIndexRef.current?.points !== pts) {
        const index = new Flatbush(pts.recordIds.length);
        for (let i = 0; i < pts.recordIds.length; i++) {
          const x = pts.lonLat[2 * i];
          const y = pts.lonLat[2 * i + 1];
          index.add(x, y, x, y);
        }
        index.finish();
        pointIndexRef.current = { points: pts, index };
      }
      const a = map.unproject([e.point.x - 6, e.point.y + 6]);
      const b = map.unproject([e.point.x + 6, e.point.y - 6]);
      const found = pointIndexRef.current.index.neighbors(
        e.lngLat.lng,
        e.lngLat.lat,
        1,
        Math.max(b.lng - a.lng, b.lat - a.lat) / 2,
      );
      return found.length > 0 ? found[0] : -1;
    };
    let hoverToken = 0;
    map.on('mousemove', (e) => {
      const { mode: current, points: pts, planId: plan } = latest.current;
      if (current === 'draw' || current === 'edit' || current === 'lasso') return;
      const index = nearestPoint(e);
      if (index < 0 || !pts) {
        setHover(null);
        map.getCanvas().style.cursor = current === 'pick' ? 'pointer' : '';
        return;
      }
      map.getCanvas().style.cursor = 'pointer';
      const token = ++hoverToken;
      setHover((h) => (h?.index === index ? h : { x: e.point.x, y: e.point.y, details: null, index }));
      void fetchModel('pointDetails', { planId: plan ?? undefined, recordId: pts.recordIds[index] }).then(
        (details) => {
          if (token === hoverToken) setHover({ x: e.point.x, y: e.point.y, details, index });
        },
        () => token === hoverToken && setHover(null),
      );
    });
    map.on('click', (e) => {
      const { mode: current, points: pts } = latest.current;
      if (current === 'pan') {
        const index = nearestPoint(e);
        if (index >= 0 && pts) {
          explainRecord({ kind: 'account', recordId: pts.recordIds[index] });
          showView('rules');
        }
        return;
      }
      if (current !== 'pick') return;
      const country = map
        .queryRenderedFeatures(e.point, { layers: ['shade-countries'] })
        .map((f) => String(f.properties.key))[0];
      const level = pickLevel(map.getZoom(), country ?? null);
      const hit = map.queryRenderedFeatures(e.point, { layers: [`shade-${level}`] })[0];
      const key = hit ? String(hit.properties.key) : null;
      if (!key) return;
      setSelectedRegions((selected) => {
        if (!e.originalEvent.shiftKey) return selected.length === 1 && selected[0] === key ? [] : [key];
        return selected.includes(key) ? selected.filter((k) => k !== key) : [...selected, key];
      });
    });

    return () => {
      shadingRef.current = null;
      layerRef.current = null;
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
    // The map is built once per set of boundaries; a switch of language renames its controls (below) and redraws
    // its labels (on each render), in the words of the global i18next instance.
  }, [data]);

  // MapLibre's controls follow a switch of language with the map open.
  useEffect(() => {
    const map = mapRef.current;
    if (map) nameMapControls(map.getContainer());
  }, [language, data]);

  // The narrow map's "more tools" panel closes when the planner clicks or taps anywhere else.
  useEffect(() => {
    if (!moreOpen) return;
    const away = (e: PointerEvent) => {
      if (!toolbar.current?.contains(e.target as Node)) setMoreOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [moreOpen]);

  // Names in the new language, or clear of a legend folded or unfolded and a new mode's hint: the labels redraw
  // with the next frame.
  useEffect(() => {
    mapRef.current?.triggerRepaint();
  }, [language, legendFolded, mode]);

  /** Stores the selected territory's areas as terra-draw has them (after drawing or editing). */
  async function saveAreas() {
    const draw = drawRef.current;
    const { territoryId, planId: plan, territories: list } = latest.current;
    const territory = list.find((x) => x.id === territoryId);
    if (!draw || !plan || !territory) {
      notify(t('mapEdit.noTerritory'), 'error');
      draw?.clear();
      return;
    }
    const drawn = draw
      .getSnapshot()
      .filter((f) => f.geometry.type === 'Polygon')
      .map((f) => f.geometry.coordinates as Polygon);
    const areas = latest.current.mode === 'edit' ? drawn : [...territory.geography.areas, ...drawn];
    savedFromDraw.current = JSON.stringify(areas);
    try {
      await callModel('setTerritoryGeography', {
        planId: plan,
        territoryId: territory.id,
        geography: { ...territory.geography, areas },
      });
    } catch (error) {
      notify(errorText(error), 'error');
    }
    if (latest.current.mode === 'draw') draw.clear();
  }

  // Points: uploaded whole when the plan's points change; colours again when focus or comparison change.
  useEffect(() => {
    const layer = layerRef.current;
    if (!ready || !layer || !points) return;
    layer.setData({ positions: toMercator(points.lonLat), sizes: new Float32Array(points.recordIds.length) });
  }, [ready, points]);
  useEffect(() => {
    const layer = layerRef.current;
    if (!ready || !layer || !points) return;
    layer.setData({ colors: pointColors(points, territories, compared?.moved ?? null, focused) });
  }, [ready, points, territories, compared, focused]);

  // Sizes by revenue: a typed array in the points' order (none until the values of these points are there).
  const pointCount = points?.recordIds.length ?? 0;
  const sizes = useMemo(() => {
    const values = revenue.data;
    return sizeByRevenue && values && values.length === pointCount ? sizesOf(values) : null;
  }, [sizeByRevenue, revenue.data, pointCount]);
  useEffect(() => {
    const layer = layerRef.current;
    if (!ready || !layer || !points) return;
    layer.sizeByValue = sizes !== null;
    if (sizes) layer.setData({ sizes });
    else mapRef.current?.triggerRepaint();
  }, [ready, points, sizes]);

  // Shading of territories, overlaps, orphans, selection and compared changes.
  useEffect(() => {
    if (!ready || !shadingRef.current) return;
    shadingRef.current.apply({
      territories,
      figures,
      selected: new Set(selectedRegions),
      changed: compared?.regions ?? new Set(),
    });
  }, [ready, territories, figures, selectedRegions, compared]);

  // Interaction per mode: terra-draw owns the pointer while drawing or editing (and only then: started, it
  // re-renders its layers with the map); the lasso overlay owns it while lassoing.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (mode === 'lasso') map.dragPan.disable();
    else map.dragPan.enable();
    if (mode !== 'draw' && mode !== 'edit') return;
    // An area being drawn or edited in its territory's colour, handles included, as it shows once saved
    // (terra-draw's blue otherwise). A change of territory or of its colour builds terra-draw again.
    const styles = drawStyles(drawColour);
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [
        // Every corner a handle while drawing; while editing only the selected area's (terra-draw would show
        // them on every area).
        new TerraDrawPolygonMode({ styles: styles.polygon, showCoordinatePoints: mode === 'draw' }),
        new TerraDrawSelectMode({
          flags: {
            polygon: {
              feature: {
                draggable: true,
                // A midpoint adds a corner when clicked or dragged (the edit hint says so).
                coordinates: { midpoints: { draggable: true }, draggable: true, deletable: true },
              },
            },
          },
          styles: styles.select,
          cursors: editCursors,
          // Escape deselects; Delete is the view's (it saves, `deleteDrawnArea`); no rotate or scale keys (Ctrl+R,
          // Ctrl+S are not terra-draw's to take, and the areas neither rotate nor scale).
          keyEvents: { deselect: 'Escape', delete: null, rotate: null, scale: null },
        }),
      ],
    });
    draw.start();
    keepLakesOver(map, drawnAreaFill);
    drawRef.current = draw;
    savedFromDraw.current = null;
    draw.on('finish', (_id, context) => {
      if (mode === 'draw' && context.action === 'draw') void saveAreas();
      if (mode === 'edit') void saveAreas();
    });
    draw.on('select', (id) => setDrawnSelection(String(id)));
    draw.on('deselect', () => setDrawnSelection(null));
    if (mode === 'draw') draw.setMode('polygon');
    else {
      // Edit mode shows the areas in terra-draw (loaded below); hide the plain copy underneath.
      draw.setMode('select');
      map.setPaintProperty('areas-line', 'line-opacity', 0);
    }
    return () => {
      drawRef.current = null;
      draw.stop();
      setDrawnSelection(null);
      if (mapRef.current) map.setPaintProperty('areas-line', 'line-opacity', 1);
    };
    // saveAreas reads the latest state through a ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, mode, selectedTerritoryId, drawColour]);

  // The areas being edited, as saved: loaded into terra-draw when it starts, and again when they change elsewhere
  // (undo, another window). Not after its own saves: terra-draw holds them already, and the area stays selected
  // between one corner dragged and the next.
  useEffect(() => {
    const draw = drawRef.current;
    if (!ready || !draw || mode !== 'edit' || !editedAreas) return;
    const shown = draw
      .getSnapshot()
      .filter((f) => f.geometry.type === 'Polygon')
      .map((f) => f.geometry.coordinates);
    const saved = JSON.stringify(editedAreas);
    // Its own save comes back while a drag may have moved on (a midpoint is saved as it is grabbed, then dragged).
    if (saved === savedFromDraw.current || saved === JSON.stringify(shown)) return;
    // Changed elsewhere (an undo): shown as saved; a redo of terra-draw's last save is then a change too.
    savedFromDraw.current = null;
    draw.clear();
    setDrawnSelection(null);
    if (editedAreas.length > 0)
      draw.addFeatures(
        editedAreas.map((area) => ({
          type: 'Feature' as const,
          properties: { mode: 'polygon' },
          geometry: { type: 'Polygon' as const, coordinates: area },
        })),
      );
  }, [ready, mode, selectedTerritoryId, drawColour, editedAreas]);

  const legend = useMemo(() => (points ? legendOf(points, territories) : []), [points, territories]);
  const nameOf = new Map(territories.map((x) => [x.id, x.name]));
  const unlocated = Math.max(0, accountCount - (points?.recordIds.length ?? 0));

  const focus = (territoryId: string | null, index: number | null) => {
    setFocused(territoryId);
    const map = mapRef.current;
    if (!map || !points) return;
    const bounds = boundsOf(points, index === null ? null : new Set([index]));
    if (bounds)
      map.fitBounds(bounds, { padding: { top: 60, bottom: 60, right: 60, left: 300 }, maxZoom: 9, duration: 400 });
  };

  // Frame the accounts once they and the map are there: the selected territory's (with its sub-territories'),
  // else the plan's; the world view is only what shows while they load.
  const framed = useRef(false);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !points || framed.current) return;
    framed.current = true;
    // Only a camera nobody has moved yet: framing late (points arrive after the map) must not undo a jump. (It was
    // compared with `initialView`, whose -30° centre MapLibre moves to -22.7° without world copies: never framed.)
    if (cameraMoved.current) return;
    const chosen = selectedTerritoryId ? territoryIndexes(points, territories, selectedTerritoryId) : null;
    const bounds = (chosen && boundsOf(points, chosen)) ?? boundsOf(points);
    if (bounds) map.fitBounds(bounds, { padding: framePadding, maxZoom: 9, duration: 0 });
    // Framed once per map (`framed`): a territory chosen later is framed from the legend.
  }, [ready, points, selectedTerritoryId, territories]);

  const changeRegions = async (add: boolean) => {
    if (!planId || !target || selectedRegions.length === 0) return;
    await attempt(() =>
      callModel('changeTerritoryRegions', {
        planId,
        territoryId: target.id,
        add: add ? selectedRegions : [],
        remove: add ? [] : selectedRegions,
      }),
    );
  };

  const placeSelected = async () => {
    if (!planId || !target || selectedPoints.length === 0) return;
    const done = await attempt(() =>
      callModel('assignManually', {
        planId,
        kind: 'account',
        recordIds: selectedPoints,
        territoryId: target.id,
        mode: 'replace',
      }),
    );
    if (done) {
      notify(t('mapEdit.placed', { count: done.assigned, name: target.name }));
      setSelectedPoints([]);
    }
  };

  const recolour = async () => {
    if (!planId || !data) return;
    const neighbours = touchingTerritories(data, territories);
    // Territories without regions touch where the boxes of their accounts overlap.
    if (points?.territoryOfPoint && points.territoryIds) {
      const boxes = new Map<number, [number, number, number, number]>();
      for (let i = 0; i < points.recordIds.length; i++) {
        const tIndex = points.territoryOfPoint[i];
        if (tIndex < 0) continue;
        const x = points.lonLat[2 * i];
        const y = points.lonLat[2 * i + 1];
        const b = boxes.get(tIndex) ?? [x, y, x, y];
        boxes.set(tIndex, [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)]);
      }
      const list = [...boxes];
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const [a, p] = list[i];
          const [b, q] = list[j];
          if (p[0] <= q[2] && q[0] <= p[2] && p[1] <= q[3] && q[1] <= p[3]) {
            neighbours.push([points.territoryIds[a], points.territoryIds[b]]);
          }
        }
      }
    }
    const done = await attempt(() => callModel('recolourTerritories', { planId, neighbours }));
    if (done) notify(t('mapEdit.recoloured', { count: done.changed }));
  };

  const exportPng = async () => {
    const map = mapRef.current;
    if (!map) return;
    map.triggerRepaint();
    await new Promise<void>((resolve) => map.once('render', () => resolve()));
    const source = map.getCanvas();
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const ctx = canvas.getContext('2d')!;
    // The water is the container's background, not drawn by the map.
    ctx.fillStyle = mapColors.water;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(source, 0, 0);
    if (labelCanvas.current) ctx.drawImage(labelCanvas.current, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) return;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    await desktop.saveFile({
      suggestedName: 'territory-map.png',
      filters: [{ name: 'PNG', extensions: ['png'] }],
      data: bytes,
    });
  };

  const deleteDrawnArea = () => {
    const draw = drawRef.current;
    if (!draw || !drawnSelection) return;
    draw.removeFeatures([drawnSelection]);
    setDrawnSelection(null);
    void saveAreas();
  };

  // Lasso: a screen polygon, turned into accounts and regions inside it.
  const lassoDown = (e: React.PointerEvent) => {
    if (mode !== 'lasso') return;
    (e.target as Element).setPointerCapture(e.pointerId);
    const box = lassoSvg.current!.getBoundingClientRect();
    setLasso([[e.clientX - box.left, e.clientY - box.top]]);
  };
  const lassoMove = (e: React.PointerEvent) => {
    if (!lasso) return;
    const box = lassoSvg.current!.getBoundingClientRect();
    setLasso([...lasso, [e.clientX - box.left, e.clientY - box.top]]);
  };
  const lassoUp = () => {
    const map = mapRef.current;
    if (!lasso || !map) return;
    setLasso(null);
    if (lasso.length < 3) return;
    const ring = lasso.map(([x, y]) => {
      const p = map.unproject([x, y]);
      return [p.lng, p.lat] as [number, number];
    });
    const [minX, minY, maxX, maxY] = ringBounds(ring);
    if (lassoKind === 'accounts') {
      const chosen: number[] = [];
      if (points) {
        for (let i = 0; i < points.recordIds.length; i++) {
          const x = points.lonLat[2 * i];
          const y = points.lonLat[2 * i + 1];
          if (x < minX || x > maxX || y < minY || y > maxY) continue;
          if (inRing(x, y, ring)) chosen.push(points.recordIds[i]);
        }
      }
      setSelectedRegions([]);
      setSelectedPoints(chosen.slice(0, maxLassoAccounts));
      if (chosen.length === 0) notify(t('mapEdit.lassoNothing.accounts'));
      else if (chosen.length > maxLassoAccounts)
        notify(t('mapEdit.lassoCapped', { count: maxLassoAccounts, formatted: formatNumber(maxLassoAccounts) }));
      return;
    }
    // Regions by area, not by label point: those mostly inside the lasso, at the level a click would pick there
    // (US counties when the lasso is drawn over the United States, zoomed in).
    let keys: string[] = [];
    if (data) {
      const [cx, cy] = lasso.reduce(([sx, sy], [x, y]) => [sx + x / lasso.length, sy + y / lasso.length], [0, 0]);
      const country = map
        .queryRenderedFeatures([cx, cy], { layers: ['shade-countries'] })
        .map((f) => String(f.properties.key))[0];
      const level = pickLevel(map.getZoom(), country ?? null);
      keys = regionsInLasso(
        ring,
        data.shapes[level].features.map((f) => ({ key: f.properties.key, geometry: f.geometry })),
      );
    }
    setSelectedPoints([]);
    setSelectedRegions(keys);
    if (keys.length === 0) notify(t('mapEdit.lassoNothing.regions'));
  };

  const fitAccounts = () => {
    const bounds = points && boundsOf(points);
    if (bounds) mapRef.current?.fitBounds(bounds, { padding: framePadding, maxZoom: 9, duration: motionMs(400) });
  };
  useViewCommands('map', mapActions, {
    readOnly,
    shown: accountCount !== 0,
    setMode,
    fit: ready && points ? fitAccounts : undefined,
    exportPng: ready ? () => void exportPng() : undefined,
  });

  if (accountCount === 0) {
    return (
      <section className="view" aria-label={t('views.map')}>
        <EmptyState icon={<MapIcon size={32} />} title={t('map.emptyTitle')} text={t('map.emptyText')} />
      </section>
    );
  }
  const hoverPrecision = hover?.details?.precision;
  return (
    <section
      className="map-view"
      aria-label={t('views.map')}
      onKeyDown={(e) => {
        // Keys on the map itself while an area is selected for editing: Escape lets go of it (terra-draw does, on
        // key up) and stays in the mode; Delete (or Backspace, a Mac's delete key) removes and saves it.
        const onMap = e.target instanceof Node && container.current?.contains(e.target);
        if (mode === 'edit' && drawnSelection && onMap) {
          if (e.key === 'Delete' || e.key === 'Backspace') {
            e.preventDefault();
            deleteDrawnArea();
            return;
          }
          if (e.key === 'Escape') return;
        }
        if (e.key === 'Escape') {
          setMode('pan');
          setLasso(null);
        }
      }}
    >
      <div ref={container} className="map-canvas" data-testid="map" style={{ background: mapColors.water }} />
      <canvas ref={labelCanvas} className="map-labels" aria-hidden="true" />
      <svg
        ref={lassoSvg}
        className={`map-lasso${mode === 'lasso' ? ' active' : ''}`}
        onPointerDown={lassoDown}
        onPointerMove={lassoMove}
        onPointerUp={lassoUp}
        aria-hidden="true"
      >
        {lasso && <polygon points={lasso.map((p) => p.join(',')).join(' ')} />}
      </svg>

      <div ref={toolbar} className="map-toolbar" role="toolbar" aria-label={t('mapEdit.toolbar')}>
        {modes.map((m) => {
          const Icon = modeIcons[m];
          return (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              className={`map-mode${mode === m ? ' active' : ''}`}
              title={tooltipOf(t(`mapEdit.modes.${m}`), mapAction(`mode:${m}`).shortcuts)}
              disabled={readOnly && editingModes.has(m)}
              onClick={() => setMode(m)}
            >
              <Icon size={16} aria-hidden="true" />
              <span className="map-mode-name">{t(`mapEdit.modes.${m}`)}</span>
            </button>
          );
        })}
        {mode === 'lasso' && (
          <div className="map-lasso-kind" role="radiogroup" aria-label={t('mapEdit.lassoKind.label')}>
            <span>{t('mapEdit.lassoKind.label')}</span>
            {(['accounts', 'regions'] as const).map((kind) => (
              <label key={kind}>
                <input
                  type="radio"
                  name="lasso-kind"
                  value={kind}
                  checked={lassoKind === kind}
                  onChange={() => setLassoKind(kind)}
                />
                {t(`mapEdit.lassoKind.${kind}`)}
              </label>
            ))}
          </div>
        )}
        <label className="map-territory">
          <span>{t('mapEdit.territory')}</span>
          <select
            aria-label={t('mapEdit.territory')}
            value={target?.id ?? ''}
            onChange={(e) => selectTerritory(e.target.value || null)}
          >
            <option value="">{t('mapEdit.noTerritory')}</option>
            {editable.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        {/* On a wide map these tools sit in the toolbar; on a narrow one (200 % zoom) behind "More map tools". */}
        <button
          ref={moreToggle}
          type="button"
          className="map-more-toggle"
          aria-label={t('mapEdit.more')}
          title={t('mapEdit.more')}
          aria-expanded={moreOpen}
          aria-controls="map-more"
          onClick={() => setMoreOpen((open) => !open)}
        >
          <Ellipsis size={16} aria-hidden="true" />
        </button>
        <div
          id="map-more"
          className={`map-more${moreOpen ? ' open' : ''}`}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || !moreOpen) return;
            e.stopPropagation();
            setMoreOpen(false);
            moreToggle.current?.focus();
          }}
        >
          <label className="map-check">
            <input type="checkbox" checked={sizeByRevenue} onChange={(e) => setSizeByRevenue(e.target.checked)} />
            {t('mapEdit.sizeByRevenue')}
          </label>
          {sizeByRevenue && revenue.error && (
            <span className="error-text small" role="alert">
              {errorText(revenue.error)}
            </span>
          )}
          <label className="map-territory">
            <span>{t('mapEdit.compareWith')}</span>
            <select
              aria-label={t('mapEdit.compareWith')}
              value={comparePlanId}
              onChange={(e) => setComparePlanId(e.target.value)}
            >
              <option value="">{t('mapEdit.noCompare')}</option>
              {plans
                .filter((p) => p.id !== planId)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </select>
          </label>
          <button type="button" onClick={() => void recolour()} disabled={!planId || readOnly}>
            {t('mapEdit.recolour')}
          </button>
          <button
            type="button"
            title={tooltipOf(t('mapEdit.exportPng'), mapAction('exportPng').shortcuts)}
            onClick={() => void exportPng()}
            disabled={!ready}
          >
            {t('mapEdit.exportPng')}
          </button>
        </div>
      </div>
      <p className="map-hint" role="note">
        {mode !== 'lasso'
          ? t(`mapEdit.modeHints.${mode}`)
          : readOnly
            ? t(`mapEdit.lassoHintsReadOnly.${lassoKind}`)
            : t(`mapEdit.lassoHints.${lassoKind}`)}
      </p>
      {readOnly && plan && (
        <p className="map-read-only" role="note">
          {t(`mapEdit.readOnly.${plan.status === 'archived' ? 'archived' : 'final'}`, { name: plan.name })}
        </p>
      )}

      <div className={`map-legend${legendFolded ? ' folded' : ''}`}>
        <div className="map-legend-head">
          <div role="status" className="grow">
            {t('map.located', {
              located: formatNumber(points?.recordIds.length ?? 0),
              total: formatNumber(accountCount),
            })}
          </div>
          <button
            type="button"
            className="icon map-legend-fold"
            aria-expanded={!legendFolded}
            aria-controls="map-legend-body"
            aria-label={legendFolded ? t('mapEdit.legendShow') : t('mapEdit.legendHide')}
            title={legendFolded ? t('mapEdit.legendShow') : t('mapEdit.legendHide')}
            onClick={() => {
              rememberLegendFolded(!legendFolded);
              setLegendFolded(!legendFolded);
            }}
          >
            {legendFolded ? <ChevronDown size={16} aria-hidden="true" /> : <ChevronUp size={16} aria-hidden="true" />}
          </button>
        </div>
        <div id="map-legend-body" className="map-legend-body" hidden={legendFolded}>
          {unlocated > 0 && (
            <div className="small">
              {t('mapEdit.unlocated', { count: unlocated, formatted: formatNumber(unlocated) })}{' '}
              <button
                type="button"
                className="link"
                onClick={() => {
                  setRecordKind('account');
                  addFilter({ field: 'latitude', operator: 'isEmpty', value: null });
                  showView('accounts');
                }}
              >
                {t('mapEdit.listUnlocated')}
              </button>
            </div>
          )}
          {compared && (
            <div className="small map-changed">{t('mapEdit.changedAccounts', { count: compared.count })}</div>
          )}
          {legend.length > 0 && (
            <ul className="map-legend-list" aria-label={t('map.legend')}>
              {legend.map((entry) => (
                <li key={entry.index}>
                  <button
                    type="button"
                    className={focused === entry.territoryId ? 'active' : ''}
                    aria-pressed={focused === entry.territoryId}
                    onClick={() =>
                      focused === entry.territoryId ? focus(null, null) : focus(entry.territoryId, entry.index)
                    }
                  >
                    <span className="color-dot" style={{ background: entry.color }} aria-hidden="true" />
                    <span className="grow">{nameOf.get(entry.territoryId) ?? '—'}</span>
                    <span className="muted small">{formatNumber(entry.count)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="small muted map-key">
            <div>{t('mapEdit.claimedTwice')}</div>
            <div>{t('mapEdit.orphan')}</div>
          </div>
        </div>
      </div>

      {(selectedRegions.length > 0 || selectedPoints.length > 0 || drawnSelection) && (
        <div className="map-selection" role="region" aria-label={t('mapEdit.selection')}>
          {selectedRegions.length > 0 && (
            <>
              <div role="status">{t('mapEdit.regionsSelected', { count: selectedRegions.length })}</div>
              <ul className="map-selected-list">
                {selectedRegions.slice(0, 12).map((key) => (
                  <li key={key}>
                    {placeName(data, key, language)} <span className="muted small">{key}</span>
                  </li>
                ))}
                <AndMore as="li" count={selectedRegions.length - 12} />
              </ul>
              <div className="map-selection-actions">
                <button type="button" disabled={!target || readOnly} onClick={() => void changeRegions(true)}>
                  {t('mapEdit.addRegions', { name: target?.name ?? '…' })}
                </button>
                <button type="button" disabled={!target || readOnly} onClick={() => void changeRegions(false)}>
                  {t('mapEdit.removeRegions', { name: target?.name ?? '…' })}
                </button>
              </div>
            </>
          )}
          {selectedPoints.length > 0 && (
            <>
              <div role="status">{t('mapEdit.accountsSelected', { count: selectedPoints.length })}</div>
              <button type="button" disabled={!target || readOnly} onClick={() => void placeSelected()}>
                {t('mapEdit.placeAccounts', { name: target?.name ?? '…' })}
              </button>
            </>
          )}
          {drawnSelection && (
            <button type="button" disabled={readOnly} onClick={deleteDrawnArea}>
              {t('mapEdit.deleteArea')}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              setSelectedRegions([]);
              setSelectedPoints([]);
              // terra-draw lets go of the area and says so ('deselect').
              if (drawnSelection) drawRef.current?.deselectFeature(drawnSelection);
            }}
          >
            {t('mapEdit.clearSelection')}
          </button>
        </div>
      )}

      {hover && (
        <div className="map-hover" role="tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }}>
          {hover.details ? (
            <>
              <strong>{hover.details.name}</strong>
              <div>{[hover.details.city, hover.details.region, hover.details.country].filter((x) => x).join(', ')}</div>
              <div>
                {t('mapEdit.hover.territories')}:{' '}
                {hover.details.territories.length > 0 ? hover.details.territories.join(', ') : t('mapEdit.hover.none')}
              </div>
              {hoverPrecision && (
                <div className="muted small">
                  {t('mapEdit.hover.precision')}:{' '}
                  {t(`mapEdit.precision.${hoverPrecision}`, { defaultValue: hoverPrecision })}
                </div>
              )}
              <div className="muted small">{t('mapEdit.hover.why')}</div>
            </>
          ) : (
            '…'
          )}
        </div>
      )}
    </section>
  );
}
