/** Finds records by name or external ID as the planner types (a moment after the last key), a page at a time. */
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useState } from 'react';
import type { RecordHit } from '../../../../shared/api/rules';
import type { RecordKind } from '../../../../shared/domain';
import { modelQuery, useDebounced } from '../../data';

export interface RecordSearch {
  /** The hits of every page shown so far; null before the first answer. */
  hits: RecordHit[] | null;
  /** Whether more records match than are shown. */
  more: boolean;
  /** Shows the next page of hits under the ones shown. */
  showMore(): void;
  /** Whether the hits shown are not yet those of what was typed (still typing, or the answer is on its way). */
  pending: boolean;
}

export function useRecordSearch(planId: string, kind: RecordKind, search: string, page = 20): RecordSearch {
  const typed = JSON.stringify({ planId, kind, search });
  const input = useDebounced({ planId, kind, search }, 150);
  const key = JSON.stringify(input);
  const [pages, setPages] = useState({ key, count: 1 });
  // Another search starts at the first page again.
  if (pages.key !== key) setPages({ key, count: 1 });
  const count = pages.key === key ? pages.count : 1;
  // One more than a page is asked, to know whether there are more. The hits show where each record is:
  // assignments made meanwhile refresh them (data/invalidation.ts).
  const answers = useQueries({
    queries: Array.from({ length: count }, (_, i) => ({
      ...modelQuery('findRecords', { ...input, offset: i * page, limit: page + 1 }),
      placeholderData: keepPreviousData,
    })),
  });
  const pending = typed !== key || answers.some((a) => a.isPlaceholderData || a.data === undefined);
  if (answers.some((a) => a.isError)) return { hits: [], more: false, showMore: () => undefined, pending: false };
  if (answers.some((a) => a.data === undefined)) {
    const shown = answers.flatMap((a) => (a.data ?? []).slice(0, page));
    return { hits: shown.length > 0 ? shown : null, more: false, showMore: () => undefined, pending };
  }
  const hits = answers.flatMap((a) => a.data!.slice(0, page));
  const more = (answers[answers.length - 1].data?.length ?? 0) > page;
  return { hits, more, showMore: () => setPages({ key, count: count + 1 }), pending };
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
