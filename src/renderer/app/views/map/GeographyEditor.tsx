/**
 * A territory's geography in words, for the territory panel: its regions listed by name (removable, and more
 * added by code), its postal prefixes edited as a list, and how many areas are drawn (drawn on the map).
 */
import { X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Territory } from '../../../../shared/domain';
import { normalizeRegionKey } from '../../../../shared/geography';
import { attempt } from '../../actions';
import { showView } from '../../stores/uiStore';
import './geography.css';
import { boundaryKeyOf } from '../../../../shared/regionAliases';
import { loadMapData, placeName, type MapData } from './mapData';
import { callModel } from '../../data';

export function GeographyEditor({ territory, readOnly }: { territory: Territory; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<MapData | null>(null);
  const [newRegion, setNewRegion] = useState('');
  const [prefixes, setPrefixes] = useState<string | null>(null);
  const { geography } = territory;
  const shownPrefixes = prefixes ?? geography.postalPrefixes.join(', ');

  useEffect(() => {
    let live = true;
    // Names come with the map's boundaries; until they are loaded, codes are shown.
    void loadMapData()
      .then((loaded) => live && setData(loaded))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const change = (add: string[], remove: string[]) =>
    attempt(() =>
      callModel('changeTerritoryRegions', { planId: territory.planId, territoryId: territory.id, add, remove }),
    );

  const savePrefixes = async () => {
    const list = shownPrefixes
      .split(/[\s,;]+/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    const done = await attempt(() =>
      callModel('setTerritoryGeography', {
        planId: territory.planId,
        territoryId: territory.id,
        geography: { ...geography, postalPrefixes: list },
      }),
    );
    if (done) setPrefixes(null);
  };

  return (
    <section className="panel-section" aria-label={t('mapEdit.geography.title')}>
      <h3>{t('mapEdit.geography.title')}</h3>
      <div className="small muted">{t('mapEdit.geography.regions')}</div>
      {geography.regions.length === 0 ? (
        <p className="muted small">{t('mapEdit.geography.noRegions')}</p>
      ) : (
        <ul className="chip-list">
          {geography.regions.map((key) => {
            const name = placeName(data, boundaryKeyOf(key), i18n.language);
            return (
              <li key={key} className="chip">
                <span title={key}>{name === key ? key : `${name} (${key})`}</span>
                {!readOnly && (
                  <button
                    type="button"
                    className="icon"
                    aria-label={t('mapEdit.geography.remove', { name })}
                    onClick={() => void change([], [key])}
                  >
                    <X size={12} aria-hidden="true" />
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!readOnly && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const keys = newRegion
              .split(/[\s,;]+/)
              .map(normalizeRegionKey)
              .filter((k) => k !== '');
            if (keys.length === 0) return;
            void change(keys, []).then((done) => done && setNewRegion(''));
          }}
        >
          <input
            aria-label={t('mapEdit.geography.addRegion')}
            placeholder={t('mapEdit.geography.regionPlaceholder')}
            value={newRegion}
            onChange={(e) => setNewRegion(e.target.value)}
          />
          <button type="submit">{t('mapEdit.geography.add')}</button>
        </form>
      )}
      <label className="small muted" htmlFor={`prefixes-${territory.id}`}>
        {t('mapEdit.geography.postalPrefixes')}
      </label>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void savePrefixes();
        }}
      >
        <input
          id={`prefixes-${territory.id}`}
          placeholder={t('mapEdit.geography.postalPlaceholder')}
          value={shownPrefixes}
          disabled={readOnly}
          onChange={(e) => setPrefixes(e.target.value)}
        />
        {!readOnly && <button type="submit">{t('mapEdit.geography.save')}</button>}
      </form>
      <p className="small">
        {t('mapEdit.geography.areas', { count: geography.areas.length })}{' '}
        <button type="button" className="link" onClick={() => showView('map')}>
          {t('mapEdit.geography.showOnMap')}
        </button>
      </p>
    </section>
  );
}
