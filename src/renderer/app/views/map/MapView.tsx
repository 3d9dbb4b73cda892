import { Map as MapIcon } from 'lucide-react';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection, Point } from 'geojson';
import type { RecordPoints } from '../../../../shared/api';
import { model } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { formatNumber } from '../../i18n';
import { usePlanStore } from '../../stores/planStore';
import { basemapStyle, mapColors } from './basemap';

// MapLibre's worker, bundled with the app: the CSP allows workers from the app itself only.
maplibregl.setWorkerUrl(workerUrl);

function toFeatures(points: RecordPoints): FeatureCollection<Point> {
  const features = new Array(points.recordIds.length);
  const territoryOf = points.territoryOfPoint;
  for (let i = 0; i < points.recordIds.length; i++) {
    features[i] = {
      type: 'Feature',
      id: points.recordIds[i],
      properties: { t: territoryOf ? territoryOf[i] : -1 },
      geometry: { type: 'Point', coordinates: [points.lonLat[2 * i], points.lonLat[2 * i + 1]] },
    };
  }
  return { type: 'FeatureCollection', features };
}

/** Each point in its territory's colour (its first, by priority); grey when the plan places it nowhere. */
function pointColor(points: RecordPoints): maplibregl.ExpressionSpecification | string {
  const colors = points.territoryColors;
  const territoryOf = points.territoryOfPoint;
  if (!colors || !territoryOf) return mapColors.unassigned;
  const used = [...new Set(territoryOf)].filter((t) => t >= 0);
  if (used.length === 0) return mapColors.unassigned;
  const match = ['match', ['get', 't'], ...used.flatMap((t) => [t, colors[t]]), mapColors.unassigned];
  // MapLibre's type cannot spell a variable number of label/colour pairs; the shape is the documented one.
  return match as unknown as maplibregl.ExpressionSpecification;
}

interface LegendEntry {
  index: number;
  territoryId: string;
  color: string;
  count: number;
}

/** The territories that hold points, largest first. */
function legendOf(points: RecordPoints): LegendEntry[] {
  const { territoryOfPoint, territoryIds, territoryColors } = points;
  if (!territoryOfPoint || !territoryIds || !territoryColors) return [];
  const counts = new Map<number, number>();
  for (const t of territoryOfPoint) if (t >= 0) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .map(([index, count]) => ({ index, count, territoryId: territoryIds[index], color: territoryColors[index] }))
    .sort((a, b) => b.count - a.count);
}

/** The box around all points, or around those of one territory. */
function boundsOf(points: RecordPoints, territory: number | null = null): maplibregl.LngLatBoundsLike | null {
  if (points.recordIds.length === 0) return null;
  let [minX, minY, maxX, maxY] = [180, 90, -180, -90];
  let any = false;
  for (let i = 0; i < points.recordIds.length; i++) {
    if (territory !== null && points.territoryOfPoint?.[i] !== territory) continue;
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

/** Accounts on an offline map of the world. */
export function MapView() {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const accountCount = usePlanStore((s) => s.recordCounts.account);
  const planId = usePlanStore((s) => s.planId);
  const territories = usePlanStore((s) => s.territories);
  const [located, setLocated] = useState<number | null>(null);
  const [legend, setLegend] = useState<LegendEntry[]>([]);
  const [focused, setFocused] = useState<number | null>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const pointsRef = useRef<RecordPoints | null>(null);

  useEffect(() => {
    if (!container.current || accountCount === 0) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: basemapStyle(),
      center: [-30, 45],
      zoom: 1.6,
      attributionControl: { compact: true, customAttribution: 'Natural Earth' },
      renderWorldCopies: false,
    });
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl(), 'bottom-left');
    let cancelled = false;
    // Colours follow the plan's assignment as rules are applied or records placed by hand.
    const recolour = async () => {
      const points = await model.getRecordPoints({ kind: 'account', planId: planId ?? undefined });
      const source = map.getSource<maplibregl.GeoJSONSource>('accounts');
      if (cancelled || !source) return;
      source.setData(toFeatures(points));
      map.setPaintProperty('accounts', 'circle-color', pointColor(points));
      pointsRef.current = points;
      setLegend(legendOf(points));
    };
    const stopFollowing = window.territory.onEvent((event) => {
      if (
        event.type === 'changed' &&
        event.planId === planId &&
        event.what.some((w) => w === 'assignments' || w === 'territories')
      ) {
        void recolour();
      }
    });
    map.on('load', async () => {
      const points = await model.getRecordPoints({ kind: 'account', planId: planId ?? undefined });
      if (cancelled) return;
      setLocated(points.recordIds.length);
      pointsRef.current = points;
      setLegend(legendOf(points));
      map.addSource('accounts', { type: 'geojson', data: toFeatures(points) });
      map.addLayer({
        id: 'accounts',
        type: 'circle',
        source: 'accounts',
        paint: {
          'circle-color': pointColor(points),
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 1, 3, 5, 4.5, 10, 7],
          'circle-opacity': 0.8,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 1, 0, 6, 1],
        },
      });
      const bounds = boundsOf(points);
      if (bounds) map.fitBounds(bounds, { padding: { top: 40, bottom: 40, right: 40, left: 280 }, duration: 0 });
    });
    return () => {
      cancelled = true;
      stopFollowing();
      mapRef.current = null;
      map.remove();
    };
  }, [accountCount, planId]);

  // Picking a territory in the legend fades the others and frames its accounts; picking it again shows all.
  const focus = (index: number | null) => {
    setFocused(index);
    const map = mapRef.current;
    const points = pointsRef.current;
    if (!map || !points || !map.getLayer('accounts')) return;
    map.setPaintProperty(
      'accounts',
      'circle-opacity',
      index === null ? 0.8 : (['case', ['==', ['get', 't'], index], 0.95, 0.08] as maplibregl.ExpressionSpecification),
    );
    const bounds = boundsOf(points, index);
    if (bounds)
      map.fitBounds(bounds, { padding: { top: 60, bottom: 60, right: 60, left: 300 }, maxZoom: 9, duration: 400 });
  };
  const nameOf = new Map(territories.map((x) => [x.id, x.name]));

  if (accountCount === 0) {
    return (
      <section className="view" aria-label={t('views.map')}>
        <EmptyState icon={<MapIcon size={32} />} title={t('map.emptyTitle')} text={t('map.emptyText')} />
      </section>
    );
  }
  return (
    <section className="map-view" aria-label={t('views.map')}>
      <div ref={container} className="map-canvas" data-testid="map" />
      {located !== null && (
        <div className="map-legend">
          <div role="status">
            {t('map.located', { located: formatNumber(located), total: formatNumber(accountCount) })}
          </div>
          {legend.length > 0 && (
            <ul className="map-legend-list" aria-label={t('map.legend')}>
              {legend.map((entry) => (
                <li key={entry.index}>
                  <button
                    type="button"
                    className={focused === entry.index ? 'active' : ''}
                    aria-pressed={focused === entry.index}
                    onClick={() => focus(focused === entry.index ? null : entry.index)}
                  >
                    <span className="color-dot" style={{ background: entry.color }} aria-hidden="true" />
                    <span className="grow">{nameOf.get(entry.territoryId) ?? '—'}</span>
                    <span className="muted small">{formatNumber(entry.count)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
