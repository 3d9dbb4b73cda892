/** What the Accounts view shows: the kind of records, the search, filters and sort. */
import { create } from 'zustand';
import type { RecordFilter } from '../../../../shared/api/records';
import type { RecordKind } from '../../../../shared/domain';
import { showView } from '../../stores/uiStore';

export interface RecordSort {
  field: string;
  direction: 'asc' | 'desc';
}

export interface AccountsViewState {
  kind: RecordKind;
  search: string;
  /** The location-precision quick filter ('' = any). */
  precision: string;
  /** The place quick filter (placeFilter.ts; '' = any). */
  place: string;
  filters: RecordFilter[];
  sort: RecordSort | null;
  /** The territory quick filter: '' any, NO_TERRITORY, or a territory id (with its sub-territories). */
  territory: string;
  /** The record whose details panel is open. */
  detailsId: number | null;
}

export const NO_TERRITORY = '__none__';

export const useAccountsStore = create<AccountsViewState>(() => ({
  kind: 'account',
  search: '',
  precision: '',
  place: '',
  filters: [],
  sort: null,
  territory: '',
  detailsId: null,
}));

const set = useAccountsStore.setState;

export function setRecordKind(kind: RecordKind): void {
  set({ kind, search: '', precision: '', place: '', filters: [], sort: null, territory: '', detailsId: null });
}

/** Opens the Accounts view on a kind of records, unfiltered (after an import of them). */
export function showRecordsOf(kind: RecordKind): void {
  setRecordKind(kind);
  showView('accounts');
}

export function setSearch(search: string): void {
  set({ search });
}

export function setPrecision(precision: string): void {
  set({ precision });
}

export function setPlaceFilter(place: string): void {
  set({ place });
}

export function addFilter(filter: RecordFilter): void {
  set((s) => ({ filters: [...s.filters, filter] }));
}

export function removeFilter(index: number): void {
  set((s) => ({ filters: s.filters.filter((_, i) => i !== index) }));
}

export function clearFilters(): void {
  set({ search: '', precision: '', place: '', filters: [], territory: '' });
}

export function setTerritoryFilter(territory: string): void {
  set({ territory });
}

/** Opens (or, with null, closes) the details panel of a record. */
export function showDetails(detailsId: number | null): void {
  set({ detailsId });
}

/** Ascending, then descending, then unsorted. */
export function toggleSort(field: string): void {
  set((s) => {
    if (s.sort?.field !== field) return { sort: { field, direction: 'asc' } };
    if (s.sort.direction === 'asc') return { sort: { field, direction: 'desc' } };
    return { sort: null };
  });
}
