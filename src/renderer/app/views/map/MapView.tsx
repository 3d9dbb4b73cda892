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

function boundsOf(points: RecordPoints): maplibregl.LngLatBoundsLike | null {
  if (points.recordIds.length === 0) return null;
  let [minX, minY, maxX, maxY] = [180, 90, -180, -90];
  for (let i = 0; i < points.recordIds.length; i++) {
    const x = points.lonLat[2 * i];
    const y = points.lonLat[2 * i + 1];
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

/** Accounts on an offline map of the world. */
export function MapView() {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const accountCount = usePlanStore((s) => s.recordCounts.account);
  const planId = usePlanStore((s) => s.planId);
  const [located, setLocated] = useState<number | null>(null);

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
    };
    const stopFollowing = window.territory.onEvent((event) => {
      if (event.type === 'changed' && event.planId === planId && event.what.some((w) => w === 'assignments' || w === 'territories')) {
        void recolour();
      }
    });
    map.on('load', async () => {
      const points = await model.getRecordPoints({ kind: 'account', planId: planId ?? undefined });
      if (cancelled) return;
      setLocated(points.recordIds.length);
      map.addSource('accounts', { type: 'geojson', data: toFeatures(points) });
      map.addLayer({
        id: 'accounts',
        type: 'circle',
        source: 'accounts',
        paint: {
          'circle-color': pointColor(points),
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 1, 2, 8, 5],
          'circle-opacity': 0.75,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 1, 0, 6, 1],
        },
      });
      const bounds = boundsOf(points);
      if (bounds) map.fitBounds(bounds, { padding: 40, duration: 0 });
    });
    return () => {
      cancelled = true;
      stopFollowing();
      map.remove();
    };
  }, [accountCount, planId]);

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
        <div className="map-legend" role="status">
          {t('map.located', { located: formatNumber(located), total: formatNumber(accountCount) })}
        </div>
      )}
    </section>
  );
}
