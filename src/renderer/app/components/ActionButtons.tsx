/** A view's toolbar buttons, drawn from its action registry (viewActions.ts): one button per action, in order. */
import { useTranslation } from 'react-i18next';
import { labelKeyOf, tooltipOf, type ViewAction } from '../viewActions';
import { IconButton } from './IconButton';

export function ActionButtons<C>({ actions, context }: { actions: readonly ViewAction<C>[]; context: C }) {
  const { t } = useTranslation();
  return actions
    .filter((action) => !action.keyOnly)
    .map((action) => {
      const label = t(labelKeyOf(action, context));
      const Icon = action.iconOf?.(context) ?? action.icon;
      if (action.withText) {
        return (
          <button
            key={action.id}
            type="button"
            className={action.withText === 'primary' ? 'primary' : undefined}
            title={action.hintKey ? t(action.hintKey) : tooltipOf(label, action.shortcuts)}
            disabled={!action.enabled(context)}
            onClick={() => action.run(context)}
          >
            {Icon && <Icon size={16} aria-hidden="true" />} {label}
          </button>
        );
      }
      return (
        <IconButton
          key={action.id}
          label={label}
          icon={Icon && <Icon size={16} />}
          shortcuts={action.shortcuts}
          disabled={!action.enabled(context)}
          onClick={() => action.run(context)}
        />
      );
    });
}
