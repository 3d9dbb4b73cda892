/** What a territory without rules of its own takes: all its parent takes, or nothing. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Territory } from '../../../../shared/domain';
import { mutate } from '../../data';

type WhenEmpty = Territory['rulesWhenEmpty'];

export function WhenEmptyChoice({
  planId,
  territory,
  readOnly,
}: {
  planId: string;
  territory: Territory;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  // The planner's pick shows at once, not after the model's answer comes back: a radio that springs back for a
  // moment reads as refused. It holds while the stored value is still the one it was picked over.
  const [asked, setAsked] = useState<{ choice: WhenEmpty; over: WhenEmpty } | null>(null);
  if (asked && territory.rulesWhenEmpty !== asked.over) setAsked(null);
  const shown = asked && territory.rulesWhenEmpty === asked.over ? asked.choice : territory.rulesWhenEmpty;

  const choose = async (choice: WhenEmpty) => {
    setAsked({ choice, over: territory.rulesWhenEmpty });
    const done = await mutate('updateTerritory', {
      planId,
      territoryId: territory.id,
      patch: { rulesWhenEmpty: choice },
    });
    if (done === undefined) setAsked(null);
  };

  return (
    <fieldset className="rules-when-empty" disabled={readOnly}>
      <legend>{t('rules.whenEmpty')}</legend>
      {(['inherit', 'none'] as const).map((choice) => (
        <label key={choice} className="inline">
          <input type="radio" name="rules-when-empty" checked={shown === choice} onChange={() => void choose(choice)} />
          {t(`rules.whenEmptyChoice.${choice}`)}
        </label>
      ))}
    </fieldset>
  );
}
