/**
 * "Place in territory…" from the Accounts view (issue 14): the records chosen in the table (a check box per row),
 * or with none chosen every record the search and filters show, handed to the Rules view's by-hand panel
 * (assignRecordsByHand), where the planner previews them through the rules ("Run rules for these") or assigns
 * them to a territory by hand, as one undoable step.
 */
import { Hand } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { RecordRow } from '../../../../shared/api/records';
import type { RuleKind } from '../../../../shared/api/rules';
import { ruleKinds } from '../../../../shared/records';
import type { RecordKind } from '../../../../shared/domain';
import { fetchModel } from '../../data';
import { formatNumber } from '../../i18n';
import { notify } from '../../stores/uiStore';
import { assignRecordsByHand } from '../rules/rulesStore';
import type { RecordsQuery } from './useRecordPages';
import { tooltipOf } from '../../viewActions';
import { accountsAction } from './accountsActions';
import './PlaceInTerritory.css';

/** What assignManually takes at once. */
export const PLACE_MAX = 100_000;
const FETCH_ROWS = 1_000;

interface Chosen {
  /** The query the choice was made under: another kind, search or filter starts a new choice. */
  key: string;
  ids: ReadonlySet<number>;
  /** The shown records' ids are being gathered, to be placed. */
  busy: boolean;
}

const NONE: ReadonlySet<number> = new Set();
const useChosen = create<Chosen>(() => ({ key: '', ids: NONE, busy: false }));

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

/** What "Place in territory" would place now: the chosen records, or with none chosen those the filters show. */
export interface Placing {
  count: number;
  chosen: number;
  busy: boolean;
  /** Hands them to the Rules view's by-hand panel; undefined when there is nothing to place. */
  place: (() => void) | undefined;
}

export function usePlacing(query: RecordsQuery, total: number | null, filtered: boolean): Placing {
  const { t } = useTranslation();
  const chosen = useChosen((s) => chosenFor(s, query));
  const busy = useChosen((s) => s.busy);
  const { kind } = query;
  const count = !isPlaceable(kind) || !query.planId ? 0 : chosen.size > 0 ? chosen.size : filtered ? (total ?? 0) : 0;
  const place = async () => {
    if (!isPlaceable(kind) || useChosen.getState().busy) return;
    if (count > PLACE_MAX) {
      notify(t('forecast.place.tooMany', { max: formatNumber(PLACE_MAX) }), 'error');
      return;
    }
    useChosen.setState({ busy: true });
    try {
      const ids = chosen.size > 0 ? [...chosen].sort((a, b) => a - b) : await idsOf(query, count);
      useChosen.setState({ key: '', ids: NONE });
      if (ids.length > 0) assignRecordsByHand(kind, ids);
    } finally {
      useChosen.setState({ busy: false });
    }
  };
  return { count, chosen: chosen.size, busy, place: count > 0 && !busy ? () => void place() : undefined };
}

/** The toolbar button, with the clear-choice button beside it when records are chosen. */
export function PlaceInTerritoryButton({ placing }: { placing: Placing }) {
  const { t } = useTranslation();
  if (placing.count === 0) return null;
  const formatted = formatNumber(placing.count);
  return (
    <>
      <button
        type="button"
        title={tooltipOf(t('forecast.place.hint'), accountsAction('placeInTerritory').shortcuts)}
        disabled={placing.busy}
        aria-busy={placing.busy}
        onClick={placing.place}
      >
        <Hand size={15} aria-hidden="true" />{' '}
        {placing.busy
          ? t('forecast.place.gathering')
          : placing.chosen > 0
            ? t('forecast.place.buttonChosen', { formatted })
            : t('forecast.place.buttonFiltered', { formatted })}
      </button>
      {placing.chosen > 0 && (
        <button type="button" className="link" onClick={() => useChosen.setState({ key: '', ids: NONE })}>
          {t('forecast.place.clear', { formatted })}
        </button>
      )}
    </>
  );
}
