import { FilePlus2, Map as MapIcon, Sparkles } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attempt } from '../actions';
import { model } from '../bridge';
import { selectPlan } from '../stores/planStore';
import { openPlanFile } from '../views/export/exportActions';

/** First launch (or no plan left): the sample plan, or an empty one. */
export function Onboarding() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'sample' | 'empty' | null>(null);
  const [name, setName] = useState(`FY${new Date().getFullYear() + 1}`);

  const start = async (kind: 'sample' | 'empty') => {
    setBusy(kind);
    const plan = await attempt(() =>
      kind === 'sample'
        ? model.createSamplePlan({ name: t('plan.sampleName') })
        : model.createPlan({ name: name.trim() || t('plan.untitled') }),
    );
    await model.updateSettings({ onboarded: true });
    setBusy(null);
    if (plan) await selectPlan(plan.id);
  };

  return (
    <main className="onboarding">
      <div className="onboarding-hero">
        <MapIcon size={40} aria-hidden="true" />
        <h1>{t('onboarding.title')}</h1>
        <p>{t('onboarding.lead')}</p>
      </div>
      <div className="onboarding-cards">
        <section className="card">
          <Sparkles size={28} aria-hidden="true" />
          <h2>{t('onboarding.sampleTitle')}</h2>
          <p>{t('onboarding.sampleText')}</p>
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void start('sample')}>
            {busy === 'sample' ? t('onboarding.creating') : t('onboarding.sampleAction')}
          </button>
        </section>
        <section className="card">
          <FilePlus2 size={28} aria-hidden="true" />
          <h2>{t('onboarding.emptyTitle')}</h2>
          <p>{t('onboarding.emptyText')}</p>
          <label className="field">
            <span>{t('plan.nameLabel')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} aria-label={t('plan.nameLabel')} />
          </label>
          <button type="button" disabled={busy !== null || !name.trim()} onClick={() => void start('empty')}>
            {busy === 'empty' ? t('onboarding.creating') : t('onboarding.emptyAction')}
          </button>
        </section>
      </div>
      <p className="onboarding-open">
        <button type="button" className="link" onClick={() => void openPlanFile()}>
          {t('commands.openPlan')}
        </button>
      </p>
    </main>
  );
}
