/**
 * The Compare view's commands, declared once (viewActions.ts): the reference line draws the swap button, the
 * window's keys run them while the view is shown (shell/viewCommands.ts), and the shortcuts panel lists them.
 */
import { ArrowLeftRight } from 'lucide-react';
import type { BalanceMeasure } from '../../../../shared/api/compare';
import type { ViewAction } from '../../viewActions';

/** The measures the comparison shows, in the order of its picker. */
export const compareMeasures = ['accounts', 'revenue', 'potential', 'pipeline', 'projectedAttainment'] as const;

export interface CompareContext {
  /** Makes the second plan compared the reference; undefined with fewer than two plans. */
  swap: (() => void) | undefined;
  measure: BalanceMeasure;
  setMeasure: (measure: BalanceMeasure) => void;
}

type CompareAction = ViewAction<CompareContext>;

const measureStep = (c: CompareContext, by: -1 | 1) =>
  compareMeasures[compareMeasures.indexOf(c.measure as (typeof compareMeasures)[number]) + by];

export const swapActions: readonly CompareAction[] = [
  {
    id: 'swapPlans',
    labelKey: 'actions.swapPlans',
    shortcuts: ['Mod+Shift+S'],
    icon: ArrowLeftRight,
    withText: true,
    enabled: (c) => c.swap !== undefined,
    run: (c) => c.swap?.(),
  },
];

export const compareActions: readonly CompareAction[] = [
  ...swapActions,
  {
    id: 'previousMeasure',
    labelKey: 'actions.previousMeasure',
    shortcuts: ['Mod+Shift+ArrowLeft'],
    keyOnly: true,
    enabled: (c) => measureStep(c, -1) !== undefined,
    run: (c) => c.setMeasure(measureStep(c, -1)!),
  },
  {
    id: 'nextMeasure',
    labelKey: 'actions.nextMeasure',
    shortcuts: ['Mod+Shift+ArrowRight'],
    keyOnly: true,
    enabled: (c) => measureStep(c, 1) !== undefined,
    run: (c) => c.setMeasure(measureStep(c, 1)!),
  },
];
