/**
 * What the Rules view remembers while the planner moves around: the record kind being edited, the side panel,
 * the run under way, the record being explained, and records
 * handed over by another view to be assigned by hand.
 */
import { announce } from '../../shell/announcer';
import { create } from 'zustand';
import type { RuleKind, RulePreview, RunScope } from '../../../../shared/api/rules';
import type { RecordKind } from '../../../../shared/domain';
import { mutate, refreshModel, useModelQuery } from '../../data';
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
  running: string | null;
  explain: ExplainTarget | null;
  /** Records chosen elsewhere (the Accounts view) waiting to be placed by hand. */
  handedOver: { kind: RuleKind; recordIds: number[] } | null;
  /** New rule cards not saved yet, for the rules of one territory and kind (`rulesShown`); another starts at none. */
  adding: { of: string; count: number };
}

/** Whose rules the editor shows: a plan's territory's, for a record kind. */
export const rulesShown = (planId: string, territoryId: string, kind: RuleKind): string =>
  `${planId}/${territoryId}/${kind}`;

export const useRulesUi = create<RulesUi>(() => ({
  kind: 'account',
  side: 'preview',
  running: null,
  explain: null,
  handedOver: null,
  adding: { of: '', count: 0 },
}));

const set = useRulesUi.setState;

export function setRuleKind(kind: RuleKind): void {
  set({ kind });
}

/** New rule cards being written for these rules (none when the editor shows other rules). */
export const useAddingRules = (shown: string): number =>
  useRulesUi((s) => (s.adding.of === shown ? s.adding.count : 0));

/** One more new rule card (the "Add rule" button, Ctrl+Enter), or one fewer once saved or discarded. */
export function addRuleCard(shown: string, by: 1 | -1 = 1): void {
  const { adding } = useRulesUi.getState();
  set({ adding: { of: shown, count: Math.max(0, (adding.of === shown ? adding.count : 0) + by) } });
}

export function showSidePanel(side: SidePanel): void {
  set({ side });
}

/** The plan's waiting preview, as the Rules view reads it (getPreview, refreshed by the model's events). */
export function usePreview(planId: string | null): RulePreview | null {
  const answer = useModelQuery('getPreview', planId ? { planId } : null);
  return answer.isError ? null : (answer.data ?? null);
}

/** A run, an apply or a discard changes the waiting preview without a change event of its own. */
const previewChanged = (planId: string) => refreshModel('getPreview', { planId });

export async function runRules(planId: string, scope: RunScope): Promise<void> {
  const taskId = `rules-${Date.now()}`;
  set({ running: taskId, side: 'preview' });
  try {
    const preview = await mutate('runRules', { planId, scope, taskId });
    await previewChanged(planId);
    if (preview) {
      // Said to screen-reader users too: what the run came to, before anything changes.
      const moved = preview.kinds.reduce((sum, k) => sum + k.moved, 0);
      announce(
        moved === 0
          ? i18next.t('rules.nothingMoves')
          : i18next.t('rules.recordsMove', { count: moved, formatted: moved.toLocaleString(i18next.language) }),
      );
    }
  } finally {
    set({ running: null });
  }
}

export async function applyPreview(preview: RulePreview): Promise<void> {
  const result = await mutate('applyPreview', { previewId: preview.previewId });
  await previewChanged(preview.planId);
  if (!result) return;
  notify(
    i18next.t('rules.applied', { count: result.moved, formatted: result.moved.toLocaleString(i18next.language) }),
    'success',
  );
}

export async function discardPreview(preview: RulePreview): Promise<void> {
  await mutate('discardPreview', { previewId: preview.previewId });
  await previewChanged(preview.planId);
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
