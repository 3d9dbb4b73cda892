/**
 * The UI itself: translations, commands, the React tree and the plan store. main.tsx loads it while the model
 * answers its first call, so neither waits for the other.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Language } from '../../shared/domain';
import { App } from './App';
import { queryClient } from './data';
import { detectLanguage, initI18n } from './i18n';
import { startCommands } from './shell/commands';
import { startPlanStore } from './stores/planStore';
import './styles/app.css';
import './styles/a11y.css';

export async function startUi(language: Language | null): Promise<void> {
  await initI18n(language ?? detectLanguage());
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
