/**
 * The Compare view's commands, declared once (viewActions.ts): the reference line draws the swap button, the
 * window's keys run them while the view is shown (shell/viewCommands.ts), and the shortcuts panel lists them.
 */
import { ArrowLeftRight } from 'lucide-react';
import type { BalanceMeasure } from '../../../../shared/api/compare';
import { runGiven, stepActions, type ViewAction } from '../../viewActions';

/** The measures the comparison shows, in the order of its picker. */
export const compareMeasures = ['accounts', 'revenue', 'potential', 'pipeline', 'projectedAttainment'] as const;

export interface CompareContext {
  /** Makes the second plan compared the reference; undefined with fewer than two plans. */
  swap: (() => void) | undefined;
  measure: BalanceMeasure;
  setMeasure: (measure: BalanceMeasure) => void;
}

type CompareAction = ViewAction<CompareContext>;

export const swapActions: readonly CompareAction[] = [
  {
    id: 'swapPlans',
    labelKey: 'actions.swapPlans',
    shortcuts: ['Mod+Shift+S'],
    icon: ArrowLeftRight,
    withText: true,
    ...runGiven((c: CompareContext) => c.swap),
  },
];

export const compareActions: readonly CompareAction[] = [
  ...swapActions,
  ...stepActions(
    { previous: 'previousMeasure', next: 'nextMeasure' },
    (c: CompareContext) => ({ list: compareMeasures as readonly BalanceMeasure[], current: c.measure }),
    (c, measure) => c.setMeasure(measure),
  ),
];
