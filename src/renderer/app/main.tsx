/** The UI's entry, the same in Electron and in the browser host (which sets window.territory and .desktop first). */
import '../../shared/zodJitless';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { territoryBridge } from './bridge';
import { fetchModel, queryClient, startModelEvents } from './data';
import { detectLanguage, initI18n } from './i18n';
import { startCommands } from './shell/commands';
import { startHostNotices } from './shell/hostNotices';
import { startPlanStore } from './stores/planStore';
import './styles/app.css';
import './styles/a11y.css';

async function start() {
  startModelEvents();
  startHostNotices(territoryBridge, () => void queryClient.invalidateQueries());
  const settings = await fetchModel('getSettings', {});
  // Read by `npm run bench foundation`: model host start to first answer.
  performance.mark('territory:first-answer');
  await initI18n(settings.language ?? detectLanguage());
  startCommands();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
  await startPlanStore();
}

void start();
