/**
 * What the Rules view remembers while the planner moves around: the record kind being edited, the side panel,
 * the plan's waiting preview (kept by the model; this is its summary), the record being explained, and records
 * handed over by another view to be assigned by hand.
 */
import { create } from 'zustand';
import type { RuleKind, RulePreview, RunScope } from '../../../../shared/api/rules';
import type { RecordKind } from '../../../../shared/domain';
import { attempt } from '../../actions';
import { model } from '../../bridge';
import { usePlanStore } from '../../stores/planStore';
import { notify, showView } from '../../stores/uiStore';
import i18next from 'i18next';

export type SidePanel = 'preview' | 'manual' | 'explain';

export interface ExplainTarget {
  kind: RecordKind;
  recordId: number;
  territoryId?: string;
}

interface RulesUi {
  kind: RuleKind;
  side: SidePanel;
  preview: RulePreview | null;
  running: string | null;
  explain: ExplainTarget | null;
  /** Records chosen elsewhere (the Accounts view) waiting to be placed by hand. */
  handedOver: { kind: RuleKind; recordIds: number[] } | null;
}

export const useRulesUi = create<RulesUi>(() => ({
  kind: 'account',
  side: 'preview',
  preview: null,
  running: null,
  explain: null,
  handedOver: null,
}));

const set = useRulesUi.setState;

export function setRuleKind(kind: RuleKind): void {
  set({ kind });
}

export function showSidePanel(side: SidePanel): void {
  set({ side });
}

/** Loads the plan's waiting preview (after a plan switch, or to learn that it went stale). */
export async function refreshPreview(planId: string): Promise<void> {
  const preview = await model.getPreview({ planId }).catch(() => null);
  if (usePlanStore.getState().planId === planId) set({ preview });
}

export async function runRules(planId: string, scope: RunScope): Promise<void> {
  const taskId = `rules-${Date.now()}`;
  set({ running: taskId, side: 'preview' });
  try {
    const preview = await attempt(() => model.runRules({ planId, scope, taskId }));
    if (preview) set({ preview });
  } finally {
    set({ running: null });
  }
}

export async function applyPreview(preview: RulePreview): Promise<void> {
  const result = await attempt(() => model.applyPreview({ previewId: preview.previewId }));
  if (!result) {
    await refreshPreview(preview.planId);
    return;
  }
  set({ preview: null });
  notify(
    i18next.t('rules.applied', { count: result.moved, formatted: result.moved.toLocaleString(i18next.language) }),
    'success',
  );
}

export async function discardPreview(preview: RulePreview): Promise<void> {
  await attempt(() => model.discardPreview({ previewId: preview.previewId }));
  set({ preview: null });
}

/** Shows why a record is where it is, in the Rules view (from anywhere, e.g. a click in the Accounts table). */
export function explainRecord(target: ExplainTarget): void {
  set({ explain: target, side: 'explain' });
  showView('rules');
}

/** Takes records chosen elsewhere (the Accounts view's selection) to the Rules view to place them by hand. */
export function assignRecordsByHand(kind: RuleKind, recordIds: number[]): void {
  set({ handedOver: { kind, recordIds }, side: 'manual', kind });
  showView('rules');
}

export function clearHandedOver(): void {
  set({ handedOver: null });
}

export function setExplainTarget(explain: ExplainTarget | null): void {
  set({ explain });
}
