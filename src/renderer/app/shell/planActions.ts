/** Plan-level actions shared by the plan switcher, the menu and the empty states. */
import i18next from 'i18next';
import type { Plan } from '../../../shared/domain';
import { attempt } from '../actions';
import { model } from '../bridge';
import { ask } from '../components/dialogs';
import { selectPlan, usePlanStore } from '../stores/planStore';
import { openFinalize } from '../views/export/exportActions';

const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, options);

export async function createEmptyPlan(): Promise<void> {
  const name = await ask.text(t('commands.newPlan'), t('plan.nameLabel'), `FY${new Date().getFullYear() + 1}`);
  if (!name) return;
  const plan = await attempt(() => model.createPlan({ name }));
  if (plan) await selectPlan(plan.id);
}

export async function createSamplePlan(): Promise<void> {
  const plan = await attempt(() => model.createSamplePlan({ name: t('plan.sampleName') }));
  if (plan) await selectPlan(plan.id);
}

export async function renamePlan(plan: Plan): Promise<void> {
  const name = await ask.text(t('plan.rename'), t('plan.nameLabel'), plan.name);
  if (name && name !== plan.name) await attempt(() => model.updatePlan({ planId: plan.id, patch: { name } }));
}

export async function duplicatePlan(plan: Plan): Promise<void> {
  const name = await ask.text(t('commands.duplicatePlan'), t('plan.nameLabel'), t('plan.copyOf', { name: plan.name }));
  if (!name) return;
  const copy = await attempt(() => model.duplicatePlan({ planId: plan.id, name }));
  if (copy) await selectPlan(copy.id);
}

export async function deletePlan(plan: Plan): Promise<void> {
  const ok = await ask.confirm(t('commands.deletePlan'), t('plan.deleteConfirm', { name: plan.name }), {
    danger: true,
    action: t('common.delete'),
  });
  if (!ok) return;
  await attempt(() => model.deletePlan({ planId: plan.id }));
  const next = usePlanStore.getState().plans.find((p) => p.id !== plan.id);
  await selectPlan(next?.id ?? null);
}

/** Finalizing shows the checklist first (views/export/FinalizeDialog), which then asks for confirmation. */
export async function finalizePlan(plan: Plan): Promise<void> {
  openFinalize(plan);
  return Promise.resolve();
}

export async function archivePlan(plan: Plan): Promise<void> {
  await attempt(() => model.setPlanStatus({ planId: plan.id, status: 'archived' }));
}

export async function restorePlan(plan: Plan): Promise<void> {
  await attempt(() => model.setPlanStatus({ planId: plan.id, status: plan.finalizedAt === null ? 'draft' : 'final' }));
}

export async function undo(): Promise<void> {
  const { planId, history } = usePlanStore.getState();
  if (planId && history.canUndo) await attempt(() => model.undo({ planId }));
}

export async function redo(): Promise<void> {
  const { planId, history } = usePlanStore.getState();
  if (planId && history.canRedo) await attempt(() => model.redo({ planId }));
}
