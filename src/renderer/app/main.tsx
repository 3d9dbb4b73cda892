/** The UI's entry, the same in Electron and in the browser host (which sets window.territory and .desktop first). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { model } from './bridge';
import { detectLanguage, initI18n } from './i18n';
import { startCommands } from './shell/commands';
import { startPlanStore } from './stores/planStore';
import { trackProgress } from './stores/uiStore';
import './styles/app.css';

async function start() {
  const settings = await model.getSettings({});
  // Read by `npm run bench foundation`: model host start to first answer.
  performance.mark('territory:first-answer');
  await initI18n(settings.language ?? detectLanguage());
  window.territory.onEvent((event) => {
    if (event.type === 'progress') trackProgress(event);
  });
  startCommands();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  await startPlanStore();
}

void start();
