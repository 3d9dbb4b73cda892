/**
 * Likely duplicate accounts across imports, group by group: pick the account to keep and merge the others into
 * it, or say they are different companies. A merge made from a draft plan is a step of its history (Undo takes it
 * back); from no plan or a final one it cannot be undone: the dialog says which before the planner merges.
 */
import { Copy, GitMerge } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';
import type { DuplicateGroupInfo } from '../../../../shared/api/duplicates';
import { attempt } from '../../actions';
import { callModel, useModelQuery } from '../../data';
import { formatNumber } from '../../i18n';
import { currentPlan, usePlanStore } from '../../stores/planStore';
import { notify } from '../../stores/uiStore';
import { appAction } from '../../shell/appActions';
import { keyText } from '../../viewActions';
import { closeDuplicates } from './dataSetsStore';

function Group({ group, n, planId }: { group: DuplicateGroupInfo; n: number; planId: string | null }) {
  const { t } = useTranslation();
  const [keep, setKeep] = useState(group.accounts[0].id);
  const [busy, setBusy] = useState(false);
  const kept = group.accounts.find((a) => a.id === keep) ?? group.accounts[0];
  const merge = async () => {
    setBusy(true);
    const others = group.accounts.filter((a) => a.id !== kept.id).map((a) => a.id);
    const done = await attempt(() => callModel('mergeAccounts', { keepId: kept.id, mergeIds: others, planId }));
    setBusy(false);
    const words = done?.undoable ? 'duplicates.mergedUndoable' : 'duplicates.merged';
    if (done) notify(t(words, { count: done.merged + 1, name: kept.name }), 'success');
  };
  return (
    <fieldset className="duplicate-group">
      <legend>
        {t('duplicates.group', { n })} · {group.reasons.map((r) => t(`duplicates.reasons.${r}`)).join(', ')}
      </legend>
      <ul>
        {group.accounts.map((a) => (
          <li key={a.id}>
            <label>
              <input
                type="radio"
                name={`keep-${group.accounts[0].id}`}
                checked={a.id === kept.id}
                onChange={() => setKeep(a.id)}
                aria-label={t('duplicates.keep', { name: a.name, id: a.externalId })}
              />
              <strong>{a.name}</strong> <span className="muted">{a.externalId}</span>
              <span className="muted small">
                {' '}
                · {[a.postalCode, a.city, a.country].filter(Boolean).join(' ')}
                {a.dataSet && ` · ${t('duplicates.from', { set: a.dataSet })}`}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="duplicate-actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => void attempt(() => callModel('keepApart', { ids: group.accounts.map((a) => a.id) }))}
        >
          {t('duplicates.keepApart')}
        </button>
        {/* Red only for what cannot be undone. */}
        <button type="button" className={planId ? 'primary' : 'danger'} disabled={busy} onClick={() => void merge()}>
          <GitMerge size={15} aria-hidden="true" /> {t('duplicates.merge')}
        </button>
      </div>
    </fieldset>
  );
}

export function DuplicatesDialog() {
  const { t } = useTranslation();
  const plan = usePlanStore(currentPlan);
  const found = useModelQuery('findDuplicates', plan ? { planId: plan.id } : {});
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  const groups = found.data?.groups ?? [];
  // A merge is a step of the open plan's history when it is a draft.
  const undoable = plan?.status === 'draft';
  return (
    <Modal className="dialog wide duplicates-dialog" label={t('duplicates.title')} onClose={closeDuplicates}>
      <h2>
        <Copy size={18} aria-hidden="true" /> {t('duplicates.title')}
        {found.data && (
          <span className="muted small">
            {' '}
            · {t('duplicates.count', { count: found.data.total, formatted: formatNumber(found.data.total) })}
          </span>
        )}
      </h2>
      <p className="muted">{t('duplicates.intro')}</p>
      <p className={undoable ? 'muted' : 'deletion-warning'}>
        {undoable
          ? t('duplicates.canUndo', { plan: plan.name, undoKey: keyText(appAction('undo')) })
          : t('duplicates.cannotUndo')}
      </p>
      {found.data && groups.length === 0 && <p role="status">{t('duplicates.none')}</p>}
      {groups.map((group, i) => (
        <Group
          key={group.accounts.map((a) => a.id).join(',')}
          group={group}
          n={i + 1}
          planId={undoable ? plan.id : null}
        />
      ))}
      <div className="dialog-actions">
        <button ref={closeButton} type="button" onClick={closeDuplicates}>
          {t('duplicates.close')}
        </button>
      </div>
    </Modal>
  );
}
