/**
 * The Forecasts view's commands, declared once (viewActions.ts): the header draws their buttons, the window's
 * keys run them while the view is shown (shell/viewCommands.ts), and the shortcuts panel lists them.
 */
import { ChevronLeft, ChevronRight, FileDown } from 'lucide-react';
import { stepActions, type ViewAction } from '../../viewActions';
import { openExportDialog } from '../export/exportActions';

export interface ForecastsContext {
  /** The fiscal years the picker offers, in order, and the one shown. */
  years: readonly number[];
  year: number;
  setYear: (year: number) => void;
}

type ForecastsAction = ViewAction<ForecastsContext>;

/** The fiscal year picker's neighbours. */
export const yearActions: readonly ForecastsAction[] = stepActions(
  { previous: 'previousYear', next: 'nextYear' },
  (c: ForecastsContext) => ({ list: c.years, current: c.year }),
  (c, year) => c.setYear(year),
  { previous: ChevronLeft, next: ChevronRight },
);

export const exportActions: readonly ForecastsAction[] = [
  {
    id: 'exportTargets',
    labelKey: 'actions.exportTargets',
    shortcuts: ['Mod+Shift+E'],
    icon: FileDown,
    withText: true,
    enabled: () => true,
    run: () => openExportDialog('targets'),
  },
];

export const forecastsActions: readonly ForecastsAction[] = [...yearActions, ...exportActions];
