/** Finds records by name or external ID as the planner types (a moment after the last key). */
import { Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { RecordHit } from '../../../../shared/api/rules';
import type { RecordKind } from '../../../../shared/domain';
import { model } from '../../bridge';

export function useRecordSearch(planId: string, kind: RecordKind, search: string, limit = 20): RecordHit[] | null {
  const [hits, setHits] = useState<RecordHit[] | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      model
        .findRecords({ planId, kind, search, limit })
        .then((found) => live && setHits(found))
        .catch(() => live && setHits([]));
    const timer = setTimeout(load, 150);
    // The hits show where each record is: follow assignments made meanwhile.
    const stop = window.territory.onEvent((event) => {
      if (event.type === 'changed' && event.planId === planId && event.what.includes('assignments')) void load();
    });
    return () => {
      live = false;
      clearTimeout(timer);
      stop();
    };
  }, [planId, kind, search, limit]);
  return hits;
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
