/** Finds records by name or external ID as the planner types (a moment after the last key). */
import { Search } from 'lucide-react';
import type { RecordHit } from '../../../../shared/api/rules';
import type { RecordKind } from '../../../../shared/domain';
import { useDebounced, useModelQuery } from '../../data';

export function useRecordSearch(planId: string, kind: RecordKind, search: string, limit = 20): RecordHit[] | null {
  const input = useDebounced({ planId, kind, search, limit }, 150);
  // The hits show where each record is: assignments made meanwhile refresh them (data/invalidation.ts).
  const hits = useModelQuery('findRecords', input, { keepPrevious: true });
  if (hits.isError) return [];
  return hits.data ?? null;
}

export function SearchBox(props: { label: string; value: string; onChange(value: string): void }) {
  return (
    <label className="rules-search">
      <Search size={14} aria-hidden="true" />
      <input
        type="search"
        aria-label={props.label}
        placeholder={props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
