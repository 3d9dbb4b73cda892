/**
 * The rows of the records table, asked of the model a page at a time as they scroll into view: a million rows
 * never cross the bridge, only the pages on screen. Each page is a query of the data layer
 * (`['queryRecords', {...query, offset, limit}]`): cached, refreshed when records or assignments change, and an
 * answer to an older query never lands in a newer one.
 */
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { RecordQuery, RecordRow } from '../../../../shared/api/records';
import { modelQuery } from '../../data';
import { errorText } from '../../modelWords';

export const PAGE_ROWS = 100;

export type RecordsQuery = Omit<RecordQuery, 'offset' | 'limit'>;

export interface RecordPages {
  /** Records matching the query; null until the first page answered. */
  total: number | null;
  rowAt(index: number): RecordRow | undefined;
  /** Asks for the pages holding rows first..last (the ones on screen). */
  want(first: number, last: number): void;
  error: string | null;
}

const pageQuery = (query: RecordsQuery, page: number) =>
  modelQuery('queryRecords', { ...query, offset: page * PAGE_ROWS, limit: PAGE_ROWS });

export function useRecordPages(query: RecordsQuery): RecordPages {
  const [shown, setShown] = useState({ first: 0, last: 0 });
  const key = JSON.stringify(query);
  const [shownFor, setShownFor] = useState(key);
  if (shownFor !== key) {
    // A new query starts at the top.
    setShownFor(key);
    setShown({ first: 0, last: 0 });
  }
  // The first page carries the count; the count on screen stays until the new answer replaces it.
  const head = useQuery({ ...pageQuery(query, 0), placeholderData: keepPreviousData });
  const pageNumbers = useMemo(() => {
    const numbers: number[] = [];
    for (let page = Math.max(1, shown.first); page <= shown.last; page++) numbers.push(page);
    return numbers;
  }, [shown]);
  const rest = useQueries({ queries: pageNumbers.map((page) => pageQuery(query, page)) });

  const byPage = new Map<number, RecordRow[]>();
  if (head.data && !head.isPlaceholderData) byPage.set(0, head.data.rows);
  rest.forEach((answer, i) => answer.data && byPage.set(pageNumbers[i], answer.data.rows));

  const want = useCallback((first: number, last: number) => {
    const next = { first: Math.floor(first / PAGE_ROWS), last: Math.floor(last / PAGE_ROWS) };
    setShown((current) => (current.first === next.first && current.last === next.last ? current : next));
  }, []);

  const failed = head.error ?? rest.find((answer) => answer.error)?.error ?? null;
  return {
    total: head.data?.total ?? null,
    rowAt: (index) => byPage.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS],
    want,
    error: failed ? errorText(failed) : null,
  };
}
