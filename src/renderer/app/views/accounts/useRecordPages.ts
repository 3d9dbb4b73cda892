/**
 * The rows of the records table, asked of the model a page at a time as they scroll into view: a million rows
 * never cross the bridge, only the pages on screen. A new query (or a change of the records) starts afresh;
 * answers to an older query are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordQuery, RecordRow } from '../../../../shared/api/records';
import { model } from '../../bridge';
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
  /** Milliseconds the latest query took, bridge included. */
  lastMs: number | null;
}

export function useRecordPages(query: RecordsQuery, version: number): RecordPages {
  const key = JSON.stringify(query);
  const generation = useRef(0);
  const pages = useRef(new Map<number, RecordRow[]>());
  const asked = useRef(new Set<number>());
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lastMs, setLastMs] = useState<number | null>(null);
  const [, setLoaded] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const mine = generation.current;
      const started = performance.now();
      model
        .queryRecords({ ...(JSON.parse(key) as RecordsQuery), offset: page * PAGE_ROWS, limit: PAGE_ROWS })
        .then((answer) => {
          if (mine !== generation.current) return;
          pages.current.set(page, answer.rows);
          setTotal(answer.total);
          setLastMs(performance.now() - started);
          setError(null);
          setLoaded((n) => n + 1);
        })
        .catch((e: unknown) => {
          if (mine !== generation.current) return;
          asked.current.delete(page);
          setError(errorText(e));
        });
    },
    [key],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    asked.current = new Set();
    // The count on screen stays until the new answer replaces it: no flash of "nothing" between two queries.
    fetchPage(0);
  }, [key, version, fetchPage]);

  const want = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_ROWS); page <= Math.floor(last / PAGE_ROWS); page++) fetchPage(page);
    },
    [fetchPage],
  );

  const rowAt = useCallback(
    (index: number) => pages.current.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS],
    [],
  );

  return { total, rowAt, want, error, lastMs };
}
