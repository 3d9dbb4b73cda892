/**
 * The Data sets dialog and the deletion confirmation: which is open, and the deletion waiting for the planner's
 * word. Deleting asks the model what goes first (DeletionImpact), shows it, and deletes only on confirmation.
 */
import i18next from 'i18next';
import { create } from 'zustand';
import type { DeletedRecords, RecordSelection } from '../../../../shared/api/dataSets';
import type { Plan } from '../../../../shared/domain';
import type { DataSet, DeletionImpact, RecordCounts } from '../../../../shared/dataSets';
import { recordKinds } from '../../../../shared/domain';
import { attempt } from '../../actions';
import { callModel } from '../../data';
import { formatNumber } from '../../i18n';
import { currentPlan, usePlanStore } from '../../stores/planStore';
import { notify } from '../../stores/uiStore';

export interface PendingDeletion {
  title: string;
  impact: DeletionImpact;
  /** The draft plan whose history takes the deletion (Undo puts it back there), or null: it cannot be undone. */
  undoIn: Plan | null;
  run: () => Promise<DeletedRecords>;
}

export const useDataSetsStore = create<{
  open: boolean;
  duplicates: boolean;
  deletion: PendingDeletion | null;
  busy: boolean;
}>(() => ({
  open: false,
  duplicates: false,
  deletion: null,
  busy: false,
}));

export const openDuplicates = () => useDataSetsStore.setState({ duplicates: true });
export const closeDuplicates = () => useDataSetsStore.setState({ duplicates: false });

export const openDataSets = () => useDataSetsStore.setState({ open: true });
export const closeDataSets = () => useDataSetsStore.setState({ open: false });
export const cancelDeletion = () => useDataSetsStore.setState({ deletion: null });

const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, options);

/** A set's name in the UI language while it keeps the name the app gave it ("Sample data", "Imported"). */
export function dataSetName(set: Pick<DataSet, 'name' | 'origin'>): string {
  if (set.origin === 'sample' && set.name === 'Sample data') return t('dataSets.sampleName');
  if (set.origin === 'legacy' && set.name === 'Imported') return t('dataSets.legacyName');
  return set.name;
}

/** "3,000 accounts, 6,025 contacts and 69 sales people", in the UI language (Intl.ListFormat joins them). */
export function whatGoes(records: RecordCounts, users: number): string {
  const parts = recordKinds
    .filter((kind) => records[kind] > 0)
    .map((kind) => `${formatNumber(records[kind])} ${t(`records.kindsLower.${kind}`)}`);
  if (users > 0) parts.push(t('dataSets.people', { count: users }).replace(String(users), formatNumber(users)));
  return new Intl.ListFormat(i18next.language, { type: 'conjunction' }).format(parts);
}

/** What one plan loses, in words ("2,998 placed accounts and 2 placements by hand"). */
export function whatAPlanLoses(plan: DeletionImpact['plans'][number]): string {
  const parts = (['placed', 'manual', 'memberships'] as const)
    .filter((key) => plan[key] > 0)
    .map((key) => t(`dataSets.${key}`, { count: plan[key] }).replace(String(plan[key]), formatNumber(plan[key])));
  return new Intl.ListFormat(i18next.language, { type: 'conjunction' }).format(parts);
}

/** The plan a deletion is made from: a draft takes it as an undoable step; a final or archived plan cannot. */
function undoablePlan(): Plan | null {
  const plan = currentPlan(usePlanStore.getState());
  return plan?.status === 'draft' ? plan : null;
}

async function askToDelete(
  title: string,
  impact: () => Promise<DeletionImpact>,
  run: (planId: string | undefined) => Promise<DeletedRecords>,
) {
  const found = await attempt(impact);
  const undoIn = undoablePlan();
  if (found) useDataSetsStore.setState({ deletion: { title, impact: found, undoIn, run: () => run(undoIn?.id) } });
}

export async function confirmDeletion(): Promise<void> {
  const { deletion } = useDataSetsStore.getState();
  if (!deletion) return;
  useDataSetsStore.setState({ busy: true });
  const done = await attempt(deletion.run);
  useDataSetsStore.setState({ busy: false, deletion: null });
  if (done) {
    const what = whatGoes(done.records, done.users);
    notify(done.undoable ? t('dataSets.deletedUndoable', { what }) : t('dataSets.deleted', { what }));
  }
}

export function deleteDataSet(dataSetId: string, name: string): Promise<void> {
  return askToDelete(
    t('dataSets.deleteTitle', { name }),
    () => callModel('dataSetDeletionImpact', { dataSetId }),
    (planId) => callModel('deleteDataSet', { dataSetId, ...(planId && { planId }) }),
  );
}

/** Deletes the records a selection or the Accounts view's search and filters give. */
export function deleteRecords(selection: RecordSelection, count: number): Promise<void> {
  return askToDelete(
    t('dataSets.deleteShownTitle', { count: formatNumber(count), kind: t(`records.kindsLower.${selection.kind}`) }),
    () => callModel('recordDeletionImpact', selection),
    (planId) => callModel('deleteRecords', { ...selection, ...(planId && { planId }) }),
  );
}
