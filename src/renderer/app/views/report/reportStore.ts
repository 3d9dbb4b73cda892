/** Which plan's report is open (null: none). */
import { create } from 'zustand';

export const useReportUi = create<{ planId: string | null }>(() => ({ planId: null }));

export function openReport(planId: string): void {
  useReportUi.setState({ planId });
}

export function closeReport(): void {
  useReportUi.setState({ planId: null });
}
