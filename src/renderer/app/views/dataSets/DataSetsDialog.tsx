/**
 * Data sets: where every record came from (the sample, each imported file), what each holds, which ones the
 * open plan plans over (an undoable plan setting), renaming and deleting them. Deleting says first what goes
 * and what it touches in each plan, and whether the open plan's Undo can bring it back (a draft) or not.
 */
import { Database, Pencil, Trash2, TriangleAlert } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import { recordKinds } from '../../../../shared/domain';
import { attempt } from '../../actions';
import { ask } from '../../components/dialogs';
import { callModel, useModelQuery } from '../../data';
import { formatNumber, formatRelative } from '../../i18n';
import { currentPlan, usePlanStore } from '../../stores/planStore';
import {
  cancelDeletion,
  closeDataSets,
  dataSetName,
  confirmDeletion,
  deleteDataSet,
  useDataSetsStore,
  whatAPlanLoses,
  whatGoes,
} from './dataSetsStore';
import { DuplicatesDialog } from './DuplicatesDialog';
import './dataSets.css';
import { IconButton } from '../../components/IconButton';
import { appAction } from '../../shell/appActions';
import { keyText } from '../../viewActions';

export function DataSetsHost() {
  const open = useDataSetsStore((s) => s.open);
  const deletion = useDataSetsStore((s) => s.deletion);
  const duplicates = useDataSetsStore((s) => s.duplicates);
  return (
    <>
      {open && <DataSetsDialog />}
      {duplicates && <DuplicatesDialog />}
      {deletion && <DeletionDialog />}
    </>
  );
}

function DataSetsDialog() {
  const { t } = useTranslation();
  const deletion = useDataSetsStore((s) => s.deletion);
  const plan = usePlanStore(currentPlan);
  const sets = useModelQuery('listDataSets', plan ? { planId: plan.id } : {});
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  const editable = plan?.status === 'draft';

  const setInPlan = (dataSetId: string, inPlan: boolean) => {
    if (!plan) return;
    const excluded = new Set(plan.excludedDataSetIds ?? []);
    if (inPlan) excluded.delete(dataSetId);
    else excluded.add(dataSetId);
    void attempt(() => callModel('updatePlan', { planId: plan.id, patch: { excludedDataSetIds: [...excluded] } }));
  };
  const rename = async (dataSetId: string, name: string) => {
    const next = await ask.text(t('dataSets.renameTitle'), t('dataSets.renameLabel'), name);
    if (next && next !== name) await attempt(() => callModel('renameDataSet', { dataSetId, name: next }));
  };

  return (
    <Modal
      className="dialog wide data-sets-dialog"
      label={t('dataSets.title')}
      onClose={closeDataSets}
      canClose={!deletion}
    >
      <h2>
        <Database size={18} aria-hidden="true" /> {t('dataSets.title')}
      </h2>
      <p className="muted">{t('dataSets.intro')}</p>
      {plan && !editable && (
        <p className="muted">
          {t('dataSets.readOnlyPlan', { plan: plan.name, status: t(`plan.status.${plan.status}`) })}
        </p>
      )}
      {sets.data && sets.data.length === 0 && <p>{t('dataSets.none')}</p>}
      {sets.data && sets.data.length > 0 && (
        <table className="dialog-table data-sets-table">
          <thead>
            <tr>
              <th scope="col">{t('dataSets.name')}</th>
              {recordKinds.map((kind) => (
                <th key={kind} scope="col" className="num">
                  {t(`records.kinds.${kind}`)}
                </th>
              ))}
              <th scope="col" className="num">
                {t('dataSets.people')}
              </th>
              {plan && <th scope="col">{t('dataSets.inPlan')}</th>}
              <th scope="col">
                <span className="sr-only">{t('dataSets.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sets.data.map((set) => {
              const name = dataSetName(set);
              return (
                <tr key={set.id}>
                  <th scope="row">
                    <span className="data-set-name">{name}</span>
                    <span className="muted small">
                      {t(`dataSets.origin.${set.origin}`)} ·{' '}
                      {t('dataSets.created', { when: formatRelative(set.createdAt) })}
                    </span>
                  </th>
                  {recordKinds.map((kind) => (
                    <td key={kind} className="num">
                      {formatNumber(set.records[kind])}
                    </td>
                  ))}
                  <td className="num">{formatNumber(set.users)}</td>
                  {plan && (
                    <td>
                      <input
                        type="checkbox"
                        checked={set.inPlan ?? true}
                        disabled={!editable}
                        aria-label={t('dataSets.inPlanLabel', { plan: plan.name, name })}
                        onChange={(e) => setInPlan(set.id, e.target.checked)}
                      />
                    </td>
                  )}
                  <td className="data-set-actions">
                    <IconButton
                      label={t('dataSets.rename', { name })}
                      icon={<Pencil size={15} />}
                      onClick={() => void rename(set.id, name)}
                    />
                    <IconButton
                      label={t('dataSets.delete', { name })}
                      icon={<Trash2 size={15} />}
                      onClick={() => void deleteDataSet(set.id, name)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        <button ref={closeButton} type="button" onClick={closeDataSets}>
          {t('dataSets.close')}
        </button>
      </div>
    </Modal>
  );
}

function DeletionDialog() {
  const { t } = useTranslation();
  const deletion = useDataSetsStore((s) => s.deletion)!;
  const busy = useDataSetsStore((s) => s.busy);
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelButton.current?.focus(), []);
  const { impact } = deletion;
  const total = recordKinds.reduce((sum, kind) => sum + impact.records[kind], 0) + impact.users;
  const withDependents = impact.records.account > 0 && impact.records.contact + impact.records.deal > 0;
  return (
    <Modal
      className="dialog deletion-dialog"
      label={deletion.title}
      onClose={cancelDeletion}
      canClose={!busy}
      role="alertdialog"
    >
      <h2>
        {deletion.undoIn ? <Trash2 size={18} aria-hidden="true" /> : <TriangleAlert size={18} aria-hidden="true" />}{' '}
        {deletion.title}
      </h2>
      <p>
        {total > 0 ? t('dataSets.goes', { what: whatGoes(impact.records, impact.users) }) : t('dataSets.goesNothing')}
      </p>
      {withDependents && <p className="muted">{t('dataSets.dependents')}</p>}
      {impact.plans.length > 0 && (
        <ul className="deletion-plans">
          {impact.plans.map((p) => (
            <li key={p.planId}>
              {t('dataSets.touches', {
                plan: p.name,
                status: t(`plan.status.${p.status}`),
                what: whatAPlanLoses(p),
              })}
            </li>
          ))}
        </ul>
      )}
      {/* Red only for what truly cannot be undone. */}
      {deletion.undoIn ? (
        <p className="deletion-undo">
          {t('dataSets.canUndo', { plan: deletion.undoIn.name, undoKey: keyText(appAction('undo')) })}
        </p>
      ) : (
        <p className="deletion-warning">
          <strong>{t('dataSets.cannotUndo')}</strong>
        </p>
      )}
      <div className="dialog-actions">
        <button ref={cancelButton} type="button" disabled={busy} onClick={cancelDeletion}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={deletion.undoIn ? 'primary' : 'danger'}
          disabled={busy}
          onClick={() => void confirmDeletion()}
        >
          {t('dataSets.deleteAction')}
        </button>
      </div>
    </Modal>
  );
}
