/** Which of the plan settings and deal stages dialogs is open. */
import { create } from 'zustand';

export const useTrustDialogs = create<{ planSettings: boolean; dealStages: boolean }>(() => ({
  planSettings: false,
  dealStages: false,
}));

export const openPlanSettings = () => useTrustDialogs.setState({ planSettings: true });
export const openDealStages = () => useTrustDialogs.setState({ dealStages: true });
export const closeTrustDialogs = () => useTrustDialogs.setState({ planSettings: false, dealStages: false });
