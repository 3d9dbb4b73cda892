/**
 * Plan settings: the fiscal calendar (the month the fiscal year starts in, targets per quarter or month) and the
 * plan's currency. Saved as one undoable plan change.
 */
import { Settings } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import type { Plan, TargetPeriodKind } from '../../../../shared/domain';
import { attempt } from '../../actions';
import { callModel } from '../../data';
import { currentPlan, usePlanStore } from '../../stores/planStore';
import { DealStagesDialog } from './DealStagesDialog';
import { closeTrustDialogs, useTrustDialogs } from './trustDialogsStore';
import './planSettings.css';

/** Currencies a planner is likely to use first, then every other one Intl knows. */
const commonCurrencies = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN'];

function currencyChoices(current: string, language: string): { code: string; label: string }[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  const codes = [...new Set([current, ...commonCurrencies, ...all])];
  const names = new Intl.DisplayNames([language], { type: 'currency' });
  return codes.map((code) => ({ code, label: `${code} – ${names.of(code) ?? code}` }));
}

export function TrustDialogsHost() {
  const planSettings = useTrustDialogs((s) => s.planSettings);
  const dealStages = useTrustDialogs((s) => s.dealStages);
  const plan = usePlanStore(currentPlan);
  return (
    <>
      {planSettings && plan && <PlanSettingsDialog key={plan.id} plan={plan} />}
      {dealStages && <DealStagesDialog />}
    </>
  );
}

function PlanSettingsDialog({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const [start, setStart] = useState(plan.fiscalYearStartMonth);
  const [period, setPeriod] = useState<TargetPeriodKind>(plan.targetPeriod);
  const [currency, setCurrency] = useState(plan.currency);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const months = useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, m) => format.format(new Date(Date.UTC(2026, m, 1))));
  }, [i18n.language]);
  const currencies = useMemo(() => currencyChoices(plan.currency, i18n.language), [plan.currency, i18n.language]);
  const readOnly = plan.status !== 'draft';

  const save = async () => {
    const patch = {
      ...(start !== plan.fiscalYearStartMonth && { fiscalYearStartMonth: start }),
      ...(period !== plan.targetPeriod && { targetPeriod: period }),
      ...(currency !== plan.currency && { currency }),
    };
    if (Object.keys(patch).length > 0) await attempt(() => callModel('updatePlan', { planId: plan.id, patch }));
    closeTrustDialogs();
  };

  return (
    <Modal
      className="dialog plan-settings-dialog"
      label={t('planSettings.title', { name: plan.name })}
      onClose={closeTrustDialogs}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>
          <Settings size={18} aria-hidden="true" /> {t('planSettings.title', { name: plan.name })}
        </h2>
        <label className="field">
          <span>{t('planSettings.fiscalStart')}</span>
          <select
            ref={first}
            value={start}
            disabled={readOnly}
            onChange={(e) => setStart(Number(e.target.value))}
            aria-describedby="fiscal-hint"
          >
            {months.map((name, m) => (
              <option key={m} value={m + 1}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <p id="fiscal-hint" className="muted small">
          {t('planSettings.fiscalHint')}
        </p>
        <label className="field">
          <span>{t('planSettings.period')}</span>
          <select value={period} disabled={readOnly} onChange={(e) => setPeriod(e.target.value as TargetPeriodKind)}>
            <option value="quarter">{t('planSettings.periods.quarter')}</option>
            <option value="month">{t('planSettings.periods.month')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('planSettings.currency')}</span>
          <select
            value={currency}
            disabled={readOnly}
            onChange={(e) => setCurrency(e.target.value)}
            aria-describedby="currency-hint"
          >
            {currencies.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <p id="currency-hint" className="muted small">
          {t('planSettings.currencyHint')}
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={closeTrustDialogs}>
            {t('planSettings.cancel')}
          </button>
          <button type="submit" className="primary" disabled={readOnly}>
            {t('planSettings.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
