/** The UI's handles on the model and the desktop, whichever host (Electron preload or browser host) set them. */
import { createModelClient, type TerritoryBridge } from '../../shared/bridge';
import type { DesktopApi } from '../../shared/desktop';
import { ModelError, type Result } from '../../shared/errors';

declare global {
  interface Window {
    territory: TerritoryBridge;
    desktop: DesktopApi;
  }
}

/** The host's bridge itself: read by the data layer only (data/client.ts); views go through the data layer. */
export const territoryBridge: TerritoryBridge = window.territory;
export const model = createModelClient(territoryBridge);
export const desktop = window.desktop;

/** Unwraps a desktop answer: the value, or a thrown ModelError. */
export async function desktopCall<T>(answer: Promise<Result<T>>): Promise<T> {
  const result = await answer;
  if (result.ok) return result.value;
  throw ModelError.from(result.error);
}
