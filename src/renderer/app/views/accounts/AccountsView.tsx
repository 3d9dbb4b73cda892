/**
 * The Accounts view: every record of a kind (accounts by default; contacts, leads, deals) in a virtual table,
 * with search, filters on any field (location precision first among them) and sort, all answered by the model
 * over its column table, a page at a time.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, Copy, Database, FileUp, Search, Table2, Trash2, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordFilter, RecordRow } from '../../../../shared/api/records';
import { recordKinds, type FieldDef } from '../../../../shared/domain';
import { placeFieldKeys } from '../../../../shared/places';
import { geoPrecisions } from '../../../../shared/records';
import { useModelQuery } from '../../data';
import { EmptyState } from '../../components/EmptyState';
import { formatDate, formatMoney, formatNumber } from '../../i18n';
import { currentPlan, usePlanStore } from '../../stores/planStore';
import { openImport } from '../imports/importStore';
import { deleteRecords, openDataSets, openDuplicates } from '../dataSets/dataSetsStore';
import { fieldName } from '../imports/labels';
import {
  clearFilters,
  NO_TERRITORY,
  removeFilter,
  setPlaceFilter,
  setPrecision,
  setRecordKind,
  setSearch,
  setTerritoryFilter,
  showDetails,
  toggleSort,
  useAccountsStore,
} from './accountsStore';
import { RecordDetailsPanel } from './RecordDetailsPanel';
import { territoryOptions } from './territoryOptions';
import { FilterEditor, filterText } from './FilterEditor';
import { ChooseCell, isPlaceable, PlaceInTerritoryButton, usePlacing } from './PlaceInTerritory';
import { accountsAction, accountsActions } from './accountsActions';
import { appAction, lendCommand } from '../../shell/appActions';
import { useViewCommands } from '../../shell/viewCommands';
import { tooltipOf } from '../../viewActions';
import { isPlaceFilter, placeFilterOf, placeFilters } from './placeFilter';
import { useRecordPages, type RecordsQuery } from './useRecordPages';
import { Segmented } from '../../components/Segmented';
import { IconButton } from '../../components/IconButton';

const noFields: FieldDef[] = [];
const ROW_HEIGHT = 34;
const TERRITORIES = '__territories__';
const CHOOSE = '__choose__';

interface TableColumn {
  key: string;
  label: string;
  field: FieldDef | null;
  width: number;
  numeric: boolean;
  /** The column whose cell opens the record's details. */
  opens?: boolean;
}

/** Width of a column by what it holds. */
function widthOf(field: FieldDef): number {
  if (field.key === 'name') return 240;
  if (field.key === 'geoPrecision') return 160;
  switch (field.type) {
    case 'number':
    case 'money':
      return 130;
    case 'date':
      return 120;
    case 'latitude':
    case 'longitude':
      return 105;
    case 'postalCode':
      return 110;
    case 'picklist':
      return 150;
    default:
      return 170;
  }
}

/**
 * The name first, then its ID and territories, then where it is (with how precisely it was located) and what it
 * is worth, then the other fields; the coordinates last.
 */
function tableColumns(fields: FieldDef[], t: (key: string) => string, choosable: boolean): TableColumn[] {
  const first = [
    'name',
    'lastName',
    'firstName',
    'externalId',
    'accountExternalId',
    'city',
    'country',
    'geoPrecision',
    'industry',
    'amount',
    'stage',
    'annualRevenue',
  ];
  const last = ['latitude', 'longitude'];
  const ordered = [
    ...first.map((key) => fields.find((f) => f.key === key)).filter((f): f is FieldDef => f !== undefined),
    ...fields.filter((f) => !first.includes(f.key) && !last.includes(f.key)),
    ...last.map((key) => fields.find((f) => f.key === key)).filter((f): f is FieldDef => f !== undefined),
  ];
  const columns: TableColumn[] = ordered.map((field) => ({
    key: field.key,
    label: fieldName(field.key, field.label),
    field,
    width: widthOf(field),
    numeric: !['text', 'picklist', 'postalCode'].includes(field.type),
  }));
  if (columns.length > 0 && !columns[0].numeric) columns[0].opens = true;
  // The rules integration fills each row's territories; the slot is there from the start.
  const at = columns.findIndex((c) => c.key === 'externalId') + 1 || (columns.length ? 1 : 0);
  columns.splice(at, 0, { key: TERRITORIES, label: t('records.territories'), field: null, width: 180, numeric: false });
  // A check box per row to place the chosen records in a territory (PlaceInTerritory.tsx).
  if (choosable)
    columns.unshift({ key: CHOOSE, label: t('forecast.place.chooseColumn'), field: null, width: 44, numeric: false });
  return columns;
}

export function AccountsView() {
  const { t } = useTranslation();
  const kind = useAccountsStore((s) => s.kind);
  const search = useAccountsStore((s) => s.search);
  const precision = useAccountsStore((s) => s.precision);
  const place = useAccountsStore((s) => s.place);
  const filters = useAccountsStore((s) => s.filters);
  const sort = useAccountsStore((s) => s.sort);
  const territory = useAccountsStore((s) => s.territory);
  const detailsId = useAccountsStore((s) => s.detailsId);
  const counts = usePlanStore((s) => s.recordCounts);
  const plan = usePlanStore(currentPlan);
  const territories = usePlanStore((s) => s.territories);
  const territoryList = useMemo(() => territoryOptions(territories), [territories]);
  const [typed, setTyped] = useState(search);

  // A search set elsewhere (Clear filters, another kind) replaces what was typed.
  const [shownSearch, setShownSearch] = useState(search);
  if (shownSearch !== search) {
    setShownSearch(search);
    setTyped(search);
  }
  // Typing settles before the model is asked.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed), 200);
    return () => clearTimeout(timer);
  }, [typed]);
  const fields = useModelQuery('listFields', { kind }, { keepPrevious: true }).data ?? noFields;

  const query = useMemo<RecordsQuery>(() => {
    const all: RecordFilter[] = [
      ...(precision ? [{ field: 'geoPrecision', operator: 'is', value: precision } as const] : []),
      ...(isPlaceFilter(place) ? [placeFilterOf(place)] : []),
      ...filters,
    ];
    return {
      kind,
      search: search.trim() || undefined,
      filters: all.length ? all : undefined,
      sort: sort ?? undefined,
      planId: plan?.id,
      inTerritory: !plan || territory === '' ? undefined : territory === NO_TERRITORY ? null : territory,
    };
  }, [kind, search, precision, place, filters, sort, plan, territory]);
  const pages = useRecordPages(query);
  const kindWord = t(`records.kindsLower.${kind}`);
  const total = counts[kind];
  const filtered = Boolean(query.search || query.filters || query.inTerritory !== undefined);
  const hasPrecision = fields.some((f) => f.key === 'geoPrecision');
  const hasPlaces = fields.some((f) => f.key === placeFieldKeys.confidence);
  const placing = usePlacing(query, pages.total, filtered);
  useViewCommands('accounts', accountsActions, { filtered, place: placing.place });
  const searchField = useRef<HTMLInputElement>(null);
  // Find goes to the search field, so it is offered only while there is one: with no records of the kind the
  // view shows what to import instead, and the menu and Ctrl+F grey out (the shortcuts panel says why).
  const searchable = total > 0;
  useEffect(
    () =>
      lendCommand(
        'find',
        searchable
          ? () => {
              searchField.current?.focus();
              searchField.current?.select();
            }
          : { whyNotKey: 'actions.whyNot.findNoRecords' },
      ),
    [searchable],
  );
  const clearTitle = tooltipOf(t('records.clearFilters'), accountsAction('clearFilters').shortcuts);

  return (
    <section className="view records-view" aria-label={t('views.accounts')}>
      <header className="view-header">
        <h1>{t('views.accounts')}</h1>
        <Segmented label={t('records.kindPicker')} options={recordKinds} value={kind} onChange={setRecordKind}>
          {(k) => (
            <>
              {t(`records.kinds.${k}`)} <span className="count">{formatNumber(counts[k])}</span>
            </>
          )}
        </Segmented>
        <button type="button" onClick={() => openImport(kind)}>
          <FileUp size={16} aria-hidden="true" /> {t('records.import')}
        </button>
        {kind === 'account' && counts.account > 0 && (
          <button type="button" onClick={openDuplicates}>
            <Copy size={16} aria-hidden="true" /> {t('duplicates.open')}
          </button>
        )}
        <button type="button" onClick={openDataSets}>
          <Database size={16} aria-hidden="true" /> {t('dataSets.open')}
        </button>
      </header>
      {total === 0 ? (
        <EmptyState
          icon={<Table2 size={32} />}
          title={t('records.emptyTitle', { kind: kindWord })}
          text={t('records.emptyText', { kind: kindWord })}
        >
          <button type="button" className="primary" onClick={() => openImport(kind)}>
            <FileUp size={16} aria-hidden="true" /> {t('records.emptyAction', { kind: kindWord })}
          </button>
        </EmptyState>
      ) : (
        <>
          <div className="records-toolbar">
            <label className="records-search">
              <Search size={15} aria-hidden="true" />
              <input
                ref={searchField}
                type="search"
                aria-label={t('records.search', { kind: kindWord })}
                placeholder={t('records.searchPlaceholder')}
                title={tooltipOf(t('records.search', { kind: kindWord }), appAction('find').shortcuts)}
                value={typed}
                maxLength={200}
                onChange={(e) => setTyped(e.target.value)}
              />
            </label>
            {hasPrecision && (
              <select
                aria-label={t('records.precisionFilter')}
                value={precision}
                onChange={(e) => setPrecision(e.target.value)}
              >
                <option value="">{t('records.anyPrecision')}</option>
                {geoPrecisions.map((p) => (
                  <option key={p} value={p}>
                    {t(`records.precisions.${p}`)}
                  </option>
                ))}
              </select>
            )}
            {hasPlaces && (
              <select
                aria-label={t('places.filter.label')}
                value={place}
                onChange={(e) => setPlaceFilter(e.target.value)}
              >
                <option value="">{t('places.filter.any')}</option>
                {placeFilters.map((p) => (
                  <option key={p} value={p}>
                    {t(`places.filter.${p}`)}
                  </option>
                ))}
              </select>
            )}
            {plan && (
              <select
                aria-label={t('recordDetails.territoryFilter')}
                value={territory}
                onChange={(e) => setTerritoryFilter(e.target.value)}
              >
                <option value="">{t('recordDetails.anyTerritory')}</option>
                <option value={NO_TERRITORY}>{t('recordDetails.noTerritory')}</option>
                {territoryList.map((o) => (
                  <option key={o.id} value={o.id}>
                    {'\u00a0\u00a0'.repeat(o.depth)}
                    {o.name}
                  </option>
                ))}
              </select>
            )}
            <FilterEditor fields={fields} />
            {filtered && pages.total !== null && pages.total > 0 && (
              <button
                type="button"
                onClick={() =>
                  void deleteRecords(
                    {
                      kind,
                      planId: query.planId,
                      search: query.search,
                      filters: query.filters,
                      inTerritory: query.inTerritory,
                    },
                    pages.total ?? 0,
                  )
                }
              >
                <Trash2 size={15} aria-hidden="true" />{' '}
                {t('dataSets.deleteShown', { count: formatNumber(pages.total) })}
              </button>
            )}
            <PlaceInTerritoryButton placing={placing} />
            <span className="grow" />
            <span className="muted records-count" role="status">
              {pages.total === null
                ? t('records.loading')
                : filtered
                  ? t('records.countFiltered', {
                      shown: formatNumber(pages.total),
                      total: formatNumber(total),
                      kind: kindWord,
                    })
                  : t('records.count', { formatted: formatNumber(pages.total), kind: kindWord })}
            </span>
          </div>
          {(filters.length > 0 || filtered) && (
            <div className="records-filters">
              {filters.map((f, i) => {
                const text = filterText(f, fields);
                return (
                  <span key={i} className="chip records-filter">
                    {text}
                    <IconButton
                      label={t('records.removeFilter', { filter: text })}
                      icon={<X size={12} />}
                      onClick={() => removeFilter(i)}
                    />
                  </span>
                );
              })}
              <button type="button" className="link" title={clearTitle} onClick={() => clearFilters()}>
                {t('records.clearFilters')}
              </button>
            </div>
          )}
          {pages.error && (
            <p className="import-error" role="alert">
              {pages.error}
            </p>
          )}
          {pages.total === 0 && filtered ? (
            <EmptyState
              icon={<Search size={32} />}
              title={t('records.noMatchTitle', { kind: kindWord })}
              text={t('records.noMatchText')}
            >
              <button type="button" title={clearTitle} onClick={() => clearFilters()}>
                {t('records.clearFilters')}
              </button>
            </EmptyState>
          ) : (
            <div className="records-body">
              <RecordTable
                query={query}
                fields={fields}
                pages={pages}
                currency={plan?.currency ?? 'EUR'}
                selectedId={detailsId}
              />
              {detailsId !== null && (
                <RecordDetailsPanel
                  key={`${kind}:${detailsId}`}
                  kind={kind}
                  recordId={detailsId}
                  fields={fields}
                  planId={plan?.id ?? null}
                  currency={plan?.currency ?? 'EUR'}
                />
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function RecordTable(props: {
  query: RecordsQuery;
  fields: FieldDef[];
  pages: ReturnType<typeof useRecordPages>;
  currency: string;
  selectedId: number | null;
}) {
  const { t } = useTranslation();
  const { pages } = props;
  const sort = useAccountsStore((s) => s.sort);
  const scroller = useRef<HTMLDivElement>(null);
  const { kind, planId } = props.query;
  const choosable = isPlaceable(kind) && planId !== undefined;
  const columns = useMemo(() => tableColumns(props.fields, t, choosable), [props.fields, t, choosable]);
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const count = pages.total ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count > 0) pages.want(first, last);
  }, [first, last, count, pages]);
  // A new query (kind, search, filters, sort, territory: by content, so a plan's update does not count) scrolls
  // back to the top, so its first rows show, not where the last answer was scrolled to.
  const queryKey = JSON.stringify(props.query);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  const template: CSSProperties = { gridTemplateColumns: columns.map((c) => `${c.width}px`).join(' '), width };
  const kindWord = t(`records.kindsLower.${kind}`);
  return (
    <div
      ref={scroller}
      className="records-table"
      role="table"
      aria-label={t('records.table', { kind: kindWord })}
      aria-rowcount={count + 1}
      tabIndex={0}
    >
      <div role="rowgroup" className="records-head">
        <div role="row" aria-rowindex={1} className="records-row" style={template}>
          {columns.map((c) => {
            const sorted = sort?.field === c.key ? sort.direction : null;
            return (
              <div
                key={c.key}
                role="columnheader"
                className={`records-cell${c.numeric ? ' numeric' : ''}`}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              >
                {c.field ? (
                  <button
                    type="button"
                    className="records-sort"
                    aria-label={t('records.sortBy', { field: c.label })}
                    title={t('records.sortBy', { field: c.label })}
                    onClick={() => toggleSort(c.key)}
                  >
                    <span className="records-label">{c.label}</span>
                    {sorted === 'asc' && <ArrowUp size={13} aria-hidden="true" />}
                    {sorted === 'desc' && <ArrowDown size={13} aria-hidden="true" />}
                  </button>
                ) : c.key === CHOOSE ? (
                  // A check box column: too narrow for its word, which stays for screen readers.
                  <span className="sr-only">{c.label}</span>
                ) : (
                  <span className="records-label" title={t('records.territoriesHint')}>
                    {c.label}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
        {items.map((item) => {
          const row = pages.rowAt(item.index);
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              className={`records-row${row ? '' : ' loading'}${row && row.id === props.selectedId ? ' selected' : ''}`}
              aria-selected={row ? row.id === props.selectedId : undefined}
              onClick={row ? () => showDetails(row.id) : undefined}
              style={{
                ...template,
                position: 'absolute',
                top: 0,
                left: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
            >
              {columns.map((c) => (
                <div
                  key={c.key}
                  role="cell"
                  className={`records-cell${c.numeric ? ' numeric' : ''}`}
                  // Ticking a row chooses it; it does not open its details as a click elsewhere on the row does.
                  onClick={c.key === CHOOSE ? (e) => e.stopPropagation() : undefined}
                >
                  {!row ? null : c.key === CHOOSE ? (
                    <ChooseCell query={props.query} row={row} />
                  ) : (
                    <Cell column={c} row={row} currency={props.currency} />
                  )}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Cell({ column, row, currency }: { column: TableColumn; row: RecordRow; currency: string }) {
  const { t } = useTranslation();
  // The first column opens the record's details (the whole row does too, for the mouse).
  if (column.opens) {
    const value = row.values[column.key];
    const text = value === null || value === undefined ? String(row.values.externalId ?? row.id) : String(value);
    return (
      <button
        type="button"
        className="records-open"
        title={text}
        aria-label={t('recordDetails.open', { name: text })}
        onClick={(e) => {
          e.stopPropagation();
          showDetails(row.id);
        }}
      >
        {text}
      </button>
    );
  }
  if (column.key === TERRITORIES) {
    const names = row.territories ?? [];
    return <span title={names.join(', ')}>{names.join(', ')}</span>;
  }
  const value = row.values[column.key];
  if (value === null || value === undefined) return null;
  const field = column.field!;
  if (field.key === 'geoPrecision') {
    const known = (geoPrecisions as readonly string[]).includes(String(value));
    return (
      <span className={`precision-badge ${known ? value : ''}`}>
        {known ? t(`records.precisions.${value}`) : String(value)}
      </span>
    );
  }
  if (typeof value === 'number') {
    switch (field.type) {
      case 'money':
        return <>{formatMoney(value, currency)}</>;
      case 'date':
        return <>{formatDate(value)}</>;
      case 'latitude':
      case 'longitude':
        return <>{formatNumber(value, { maximumFractionDigits: 4 })}</>;
      default:
        return <>{formatNumber(value)}</>;
    }
  }
  return <span title={value.length > 24 ? value : undefined}>{value}</span>;
}
