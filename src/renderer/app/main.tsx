/**
 * The UI's entry, the same in Electron and in the browser host (which sets window.territory and .desktop first).
 * It holds only the data layer: the first call to the model goes out at once, and the UI's code (React, the
 * shell, the translations: startUi.tsx) loads while the model answers it.
 */
import '../../shared/zodJitless';
import { territoryBridge } from './bridge';
import { fetchModel, queryClient, startModelEvents } from './data';
import { startHostNotices } from './shell/hostNotices';

async function start() {
  startModelEvents();
  startHostNotices(territoryBridge, () => void queryClient.invalidateQueries());
  const ui = import('./startUi');
  const settings = await fetchModel('getSettings', {});
  // Read by `npm run bench foundation`: model host start to first answer.
  performance.mark('territory:first-answer');
  await (await ui).startUi(settings.language ?? null);
}

void start();
