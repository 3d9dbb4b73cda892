/**
 * Views whose full editors arrive with their own issues; until then each says what it will hold and what to do
 * next.
 */
import { Table2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n';
import { EmptyState } from '../components/EmptyState';
import { usePlanStore } from '../stores/planStore';

export function AccountsView() {
  const { t } = useTranslation();
  const count = usePlanStore((s) => s.recordCounts.account);
  return (
    <section className="view" aria-label={t('views.accounts')}>
      <header className="view-header">
        <h1>{t('views.accounts')}</h1>
        {count > 0 && <span className="muted">{t('accounts.count', { count, formatted: formatNumber(count) })}</span>}
      </header>
      {count === 0 && <EmptyState icon={<Table2 size={32} />} title={t('accounts.emptyTitle')} text={t('accounts.emptyText')} />}
    </section>
  );
}

