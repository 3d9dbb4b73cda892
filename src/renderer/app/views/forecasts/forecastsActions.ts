/**
 * The Forecasts view's commands, declared once (viewActions.ts): the header draws their buttons, the window's
 * keys run them while the view is shown (shell/viewCommands.ts), and the shortcuts panel lists them.
 */
import { ChevronLeft, ChevronRight, FileDown } from 'lucide-react';
import type { ViewAction } from '../../viewActions';
import { openExportDialog } from '../export/exportActions';

export interface ForecastsContext {
  /** The fiscal years the picker offers, in order, and the one shown. */
  years: readonly number[];
  year: number;
  setYear: (year: number) => void;
}

type ForecastsAction = ViewAction<ForecastsContext>;

const step = (c: ForecastsContext, by: -1 | 1) => c.years[c.years.indexOf(c.year) + by];

/** The fiscal year picker's neighbours. */
export const yearActions: readonly ForecastsAction[] = [
  {
    id: 'previousYear',
    labelKey: 'actions.previousYear',
    shortcuts: ['Mod+Shift+ArrowLeft'],
    icon: ChevronLeft,
    enabled: (c) => step(c, -1) !== undefined,
    run: (c) => c.setYear(step(c, -1)!),
  },
  {
    id: 'nextYear',
    labelKey: 'actions.nextYear',
    shortcuts: ['Mod+Shift+ArrowRight'],
    icon: ChevronRight,
    enabled: (c) => step(c, 1) !== undefined,
    run: (c) => c.setYear(step(c, 1)!),
  },
];

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
