/**
 * The check step's word on the stored records (issue #15): how many rows update existing records and which, how
 * many create new ones, which new accounts look like accounts already there (the Duplicates dialog's rules), and
 * the values a planner would question (negative, another currency, dates far off), imported but marked.
 */
import { Copy, RefreshCw, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ImportCheck, ImportRowRef, ProblemCode } from '../../../../shared/imports';
import { formatNumber } from '../../i18n';
import './ReconcileSummary.css';
import { andMoreText } from '../../components/AndMore';

/** Problems that mark a value to question; the row is imported as it is. */
export const flaggedValueCodes = [
  'negativeValue',
  'otherCurrency',
  'farOffDate',
  'probabilityOutOfRange',
] as const satisfies readonly ProblemCode[];

function RowName({ row }: { row: ImportRowRef }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="reconcile-row">{t('importCheck.row', { row: row.row })}</span>{' '}
      <span className="reconcile-id">{row.externalId}</span> {row.name}
    </>
  );
}

function More({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return <li className="muted reconcile-more">{andMoreText(total - shown)}</li>;
}

export function ReconcileSummary({ check, includeWarnings }: { check: ImportCheck; includeWarnings: boolean }) {
  const { t } = useTranslation();
  const reconcile = check.reconcile;
  const flagged = flaggedValueCodes.reduce((sum, code) => sum + (check.counts[code] ?? 0), 0);
  if (!reconcile) return null;
  const updates = reconcile.updates + (includeWarnings ? reconcile.warningUpdates : 0);
  const creates = reconcile.creates + (includeWarnings ? reconcile.warningCreates : 0);
  const allUpdates = reconcile.updates + reconcile.warningUpdates;
  return (
    <section className="reconcile" aria-label={t('importCheck.label')}>
      <p className="reconcile-line">
        <RefreshCw size={15} aria-hidden="true" />{' '}
        {t('importCheck.creates', { count: creates, formatted: formatNumber(creates) })}
        {' · '}
        {t('importCheck.updates', { count: updates, formatted: formatNumber(updates) })}
      </p>
      {allUpdates > 0 && (
        <details className="reconcile-list">
          <summary>{t('importCheck.updatedRows', { count: allUpdates, formatted: formatNumber(allUpdates) })}</summary>
          <ul aria-label={t('importCheck.updatedRowsList')}>
            {reconcile.updatedRows.map((row) => (
              <li key={row.row}>
                <RowName row={row} />
              </li>
            ))}
            <More shown={reconcile.updatedRows.length} total={allUpdates} />
          </ul>
        </details>
      )}
      {reconcile.duplicatesTooMany && (
        <p className="muted small">
          {t('importCheck.duplicatesNotChecked', { limit: formatNumber(reconcile.duplicateLimit) })}
        </p>
      )}
      {reconcile.duplicates !== null && reconcile.duplicateCount > 0 ? (
        <details className="reconcile-list warn" open>
          <summary>
            <Copy size={15} aria-hidden="true" />{' '}
            {t('importCheck.duplicates', {
              count: reconcile.duplicateCount,
              formatted: formatNumber(reconcile.duplicateCount),
            })}
          </summary>
          <p className="muted small">{t('importCheck.duplicatesHint')}</p>
          <ul aria-label={t('importCheck.duplicatesList')}>
            {reconcile.duplicates.map((d) => (
              <li key={d.row}>
                <RowName row={d} /> <span className="muted">{t('importCheck.looksLike')}</span>{' '}
                <span className="reconcile-id">{d.like.externalId}</span> {d.like.name}{' '}
                <span className="muted">
                  (
                  {[
                    t(`duplicates.reasons.${d.reason}`),
                    d.like.row !== null
                      ? t('importCheck.sameFile', { row: d.like.row })
                      : d.like.dataSet && t('duplicates.from', { set: d.like.dataSet }),
                  ]
                    .filter(Boolean)
                    .join(', ')}
                  )
                </span>
              </li>
            ))}
            <More shown={reconcile.duplicates.length} total={reconcile.duplicateCount} />
          </ul>
        </details>
      ) : (
        reconcile.duplicates !== null && <p className="muted small">{t('importCheck.noDuplicates')}</p>
      )}
      {flagged > 0 && (
        <p className="reconcile-line warn">
          <TriangleAlert size={15} aria-hidden="true" />{' '}
          {t('importCheck.flagged', { count: flagged, formatted: formatNumber(flagged) })}
        </p>
      )}
    </section>
  );
}
