/** The stage → status mapping of the deals, visible and editable (issue #15): what forecasts count as won or open. */
import { ListChecks } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import { dealStatuses, type DealStatus } from '../../../../shared/records';
import { attempt } from '../../actions';
import { callModel, useModelQuery } from '../../data';
import { formatMoney, formatNumber } from '../../i18n';
import { currentPlan, usePlanStore } from '../../stores/planStore';
import { closeTrustDialogs } from './trustDialogsStore';

export function DealStagesDialog() {
  const { t } = useTranslation();
  const plan = usePlanStore(currentPlan);
  const stages = useModelQuery('listDealStages', plan ? { planId: plan.id } : {});
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  const setStatus = (stage: string, status: DealStatus) =>
    void attempt(() => callModel('setDealStageStatus', { stage, status }));

  return (
    <Modal className="dialog wide deal-stages-dialog" label={t('dealStages.title')} onClose={closeTrustDialogs}>
      <h2>
        <ListChecks size={18} aria-hidden="true" /> {t('dealStages.title')}
      </h2>
      <p className="muted">{t('dealStages.intro')}</p>
      {stages.data?.length === 0 && <p>{t('dealStages.none')}</p>}
      {stages.data && stages.data.length > 0 && (
        <table className="dialog-table deal-stages-table">
          <thead>
            <tr>
              <th scope="col">{t('dealStages.stage')}</th>
              <th scope="col" className="num">
                {t('dealStages.deals')}
              </th>
              <th scope="col" className="num">
                {t('dealStages.amount')}
              </th>
              <th scope="col">{t('dealStages.status')}</th>
            </tr>
          </thead>
          <tbody>
            {stages.data.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{s.stage}</th>
                <td className="num">{formatNumber(s.deals)}</td>
                <td className="num">{formatMoney(s.amount, plan?.currency ?? 'EUR')}</td>
                <td>
                  <select
                    aria-label={t('dealStages.statusOf', { stage: s.stage })}
                    value={s.status}
                    onChange={(e) => setStatus(s.stage, e.target.value as DealStatus)}
                  >
                    {dealStatuses.map((status) => (
                      <option key={status} value={status}>
                        {t(`dealStages.statuses.${status}`)}
                      </option>
                    ))}
                  </select>
                  {s.chosen && <span className="muted small"> {t('dealStages.chosen')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        <button ref={closeButton} type="button" onClick={closeTrustDialogs}>
          {t('dealStages.close')}
        </button>
      </div>
    </Modal>
  );
}
