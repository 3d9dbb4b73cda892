/**
 * Finalize: the checklist first (records in no territory, territories without a manager or a code, targets that
 * do not add up, rules not applied since the last change, duplicate accounts), each with a link to where it is
 * fixed, then the confirmation.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import type { ChecklistItem } from '../../../../shared/api/export';
import { mutate, useModelQuery } from '../../data';
import { formatNumber } from '../../i18n';
import { errorText } from '../../modelWords';
import { selectTerritory, usePlanStore } from '../../stores/planStore';
import { notify, showView } from '../../stores/uiStore';
import { closeFinalize, useExportUi } from './exportActions';
import './export.css';
import { andMoreText } from '../../components/AndMore';

export function FinalizeDialog() {
  const planId = useExportUi((s) => s.finalizePlanId);
  if (!planId) return null;
  return <Checklist key={planId} planId={planId} />;
}

function Checklist({ planId }: { planId: string }) {
  const { t } = useTranslation();
  // Asked again while the dialog is open if the plan changes (a fix made in another window, an undo).
  const answer = useModelQuery('finalizeChecklist', { planId });
  const checklist = answer.data ?? null;
  const [busy, setBusy] = useState(false);
  const plan = usePlanStore((s) => s.plans.find((p) => p.id === planId));

  const label = (item: ChecklistItem) =>
    t(`export.finalize.items.${item.code}`, {
      count: item.count,
      formatted: formatNumber(item.count),
      kind: item.kind ? t(`export.finalize.kinds.${item.kind}`) : '',
    });

  const fix = (item: ChecklistItem) => {
    closeFinalize();
    showView(item.fixIn);
    if (item.fixIn === 'hierarchy' && item.territoryIds?.[0]) selectTerritory(item.territoryIds[0]);
  };

  const finalize = async () => {
    setBusy(true);
    const done = await mutate('setPlanStatus', { planId, status: 'final' });
    setBusy(false);
    if (done) {
      notify(t('export.finalize.done', { name: done.name }), 'success');
      closeFinalize();
    }
  };

  const open = checklist?.items.filter((i) => i.count > 0) ?? [];
  const name = plan?.name ?? checklist?.plan.name ?? '';
  return (
    <Modal
      className="dialog finalize-dialog"
      label={t('export.finalize.title', { name })}
      onClose={closeFinalize}
      canClose={!busy}
    >
      <h2>{t('export.finalize.title', { name })}</h2>
      {answer.error ? (
        <p className="error-text" role="alert">
          {errorText(answer.error)}
        </p>
      ) : !checklist ? (
        <p className="muted" role="status">
          {t('export.finalize.loading')}
        </p>
      ) : open.length === 0 ? (
        <p className="finalize-clean" role="status">
          {t('export.finalize.clean')}
        </p>
      ) : (
        <>
          <p>{t('export.finalize.lead')}</p>
          <ul className="finalize-items" aria-label={t('export.finalize.lead')}>
            {open.map((item) => (
              <li key={`${item.code}:${item.kind ?? ''}`} className="finalize-item">
                <div className="grow">
                  <div className="finalize-label">{label(item)}</div>
                  {item.examples.length > 0 && (
                    <div className="muted small">
                      {[
                        ...item.examples,
                        ...(item.count > item.examples.length ? [andMoreText(item.count - item.examples.length)] : []),
                      ].join(' · ')}
                    </div>
                  )}
                </div>
                {/* Named by what it shows, then what it fixes (for speech input and screen readers alike). */}
                <button type="button" onClick={() => fix(item)}>
                  {t(`export.finalize.fixIn.${item.fixIn}`)}
                  <span className="sr-only">: {label(item)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={closeFinalize} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" disabled={!checklist || busy} onClick={() => void finalize()}>
          {open.length > 0 ? t('export.finalize.confirmAnyway') : t('export.finalize.confirm')}
        </button>
      </div>
    </Modal>
  );
}
