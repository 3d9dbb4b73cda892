import { useTranslation } from 'react-i18next';
import { DialogHost } from './components/dialogs';
import { Onboarding } from './shell/Onboarding';
import { Shell } from './shell/Shell';
import { usePlanStore } from './stores/planStore';

export function App() {
  const { t } = useTranslation();
  const loaded = usePlanStore((s) => s.loaded);
  const hasPlans = usePlanStore((s) => s.plans.length > 0);
  return (
    <>
      {!loaded ? (
        <div className="splash" role="status">
          {t('common.loading')}
        </div>
      ) : hasPlans ? (
        <Shell />
      ) : (
        <Onboarding />
      )}
      <DialogHost />
    </>
  );
}
