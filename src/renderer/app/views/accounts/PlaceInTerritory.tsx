/**
 * "Place in territory…" from the Accounts view (issue 14): the records chosen in the table (a check box per row),
 * or with none chosen every record the search and filters show, handed to the Rules view's by-hand panel
 * (assignRecordsByHand), where the planner previews them through the rules ("Run rules for these") or assigns
 * them to a territory by hand, as one undoable step.
 */
import { Hand } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { useState } from 'react';
import type { RecordRow } from '../../../../shared/api/records';
import type { RuleKind } from '../../../../shared/api/rules';
import { ruleKinds } from '../../../../shared/records';
import type { RecordKind } from '../../../../shared/domain';
import { fetchModel } from '../../data';
import { formatNumber } from '../../i18n';
import { notify } from '../../stores/uiStore';
import { assignRecordsByHand } from '../rules/rulesStore';
import type { RecordsQuery } from './useRecordPages';
import './PlaceInTerritory.css';

/** What assignManually takes at once. */
export const PLACE_MAX = 100_000;
const FETCH_ROWS = 1_000;

interface Chosen {
  /** The query the choice was made under: another kind, search or filter starts a new choice. */
  key: string;
  ids: ReadonlySet<number>;
}

const NONE: ReadonlySet<number> = new Set();
const useChosen = create<Chosen>(() => ({ key: '', ids: NONE }));

const keyOf = (query: RecordsQuery) => JSON.stringify({ ...query, sort: undefined });

function toggle(query: RecordsQuery, id: number): void {
  const key = keyOf(query);
  const current = useChosen.getState();
  const ids = new Set(current.key === key ? current.ids : []);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  useChosen.setState({ key, ids });
}

function chosenFor(state: Chosen, query: RecordsQuery): ReadonlySet<number> {
  return state.key === keyOf(query) ? state.ids : NONE;
}

export const isPlaceable = (kind: RecordKind): kind is RuleKind => (ruleKinds as readonly string[]).includes(kind);

/** The check box of one row. */
export function ChooseCell(props: { query: RecordsQuery; row: RecordRow }) {
  const { t } = useTranslation();
  const chosen = useChosen((s) => chosenFor(s, props.query).has(props.row.id));
  const name = String(props.row.values.name ?? props.row.values.externalId ?? props.row.id);
  return (
    <input
      type="checkbox"
      className="records-choose"
      checked={chosen}
      onChange={() => toggle(props.query, props.row.id)}
      aria-label={t('forecast.place.choose', { name })}
    />
  );
}

/** Every row id the query shows, a page of the model at a time (a thousand rows per call). */
async function idsOf(query: RecordsQuery, total: number): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; offset < total; offset += FETCH_ROWS) {
    const page = await fetchModel('queryRecords', { ...query, offset, limit: FETCH_ROWS });
    for (const row of page.rows) ids.push(row.id);
    if (page.rows.length < FETCH_ROWS) break;
  }
  return ids;
}

/** The toolbar button, with the clear-choice button beside it when records are chosen. */
export function PlaceInTerritoryButton(props: { query: RecordsQuery; total: number | null; filtered: boolean }) {
  const { t } = useTranslation();
  const chosen = useChosen((s) => chosenFor(s, props.query));
  const [busy, setBusy] = useState(false);
  const { kind } = props.query;
  if (!isPlaceable(kind) || !props.query.planId) return null;
  const count = chosen.size > 0 ? chosen.size : props.filtered ? (props.total ?? 0) : 0;
  if (count === 0) return null;

  const place = async () => {
    if (count > PLACE_MAX) {
      notify(t('forecast.place.tooMany', { max: formatNumber(PLACE_MAX) }), 'error');
      return;
    }
    setBusy(true);
    try {
      const ids = chosen.size > 0 ? [...chosen].sort((a, b) => a - b) : await idsOf(props.query, count);
      useChosen.setState({ key: '', ids: NONE });
      if (ids.length > 0) assignRecordsByHand(kind, ids);
    } finally {
      setBusy(false);
    }
  };

  const formatted = formatNumber(count);
  return (
    <>
      <button
        type="button"
        title={t('forecast.place.hint')}
        disabled={busy}
        aria-busy={busy}
        onClick={() => void place()}
      >
        <Hand size={15} aria-hidden="true" />{' '}
        {busy
          ? t('forecast.place.gathering')
          : chosen.size > 0
            ? t('forecast.place.buttonChosen', { formatted })
            : t('forecast.place.buttonFiltered', { formatted })}
      </button>
      {chosen.size > 0 && (
        <button type="button" className="link" onClick={() => useChosen.setState({ key: '', ids: NONE })}>
          {t('forecast.place.clear', { formatted })}
        </button>
      )}
    </>
  );
}
