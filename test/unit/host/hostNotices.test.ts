import i18next from 'i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { HostStatus, TerritoryBridge } from '../../../src/shared/bridge';
import { en } from '../../../src/renderer/app/i18n/en';
import { fr } from '../../../src/renderer/app/i18n/fr';
import { startHostNotices } from '../../../src/renderer/app/shell/hostNotices';
import { useUiStore } from '../../../src/renderer/app/stores/uiStore';

beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: en }, fr: { translation: fr } }, lng: 'en' });
});

function fakeBridge() {
  let emit: (status: HostStatus) => void = () => undefined;
  const bridge: TerritoryBridge = {
    call: vi.fn(),
    onEvent: () => () => undefined,
    onHostStatus: (listener) => {
      emit = listener;
      return () => (emit = () => undefined);
    },
  };
  return { bridge, emit: (status: HostStatus) => emit(status) };
}

describe('the planner is told what happened to the model host', () => {
  it('says the model restarted and nothing saved was lost, then refetches everything (English and French)', async () => {
    const { bridge, emit } = fakeBridge();
    const refetch = vi.fn();
    const stop = startHostNotices(bridge, refetch);
    emit('restarted');
    const notice = useUiStore.getState().notices.at(-1)!;
    expect(notice.tone).toBe('error');
    expect(notice.text).toMatch(/restarted/);
    expect(notice.text).toMatch(/Nothing you had saved was lost/);
    expect(refetch).toHaveBeenCalledOnce();

    await i18next.changeLanguage('fr');
    emit('unresponsive');
    expect(useUiStore.getState().notices.at(-1)!.text).toMatch(/ne répond plus.*Rien de ce que vous aviez enregistré/);
    emit('responsive');
    expect(useUiStore.getState().notices.at(-1)).toMatchObject({
      tone: 'success',
      text: 'Le modèle répond de nouveau.',
    });
    stop();
    await i18next.changeLanguage('en');
  });

  it('has every host text and the new error codes in both languages', () => {
    for (const key of ['restarted', 'unresponsive', 'responsive'] as const) {
      expect(en.host[key]).toBeTruthy();
      expect(fr.host[key]).toBeTruthy();
      expect(fr.host[key]).not.toBe(en.host[key]);
    }
    expect(fr.errors.HOST_RESTARTED).toBeTruthy();
    expect(fr.errors.STORAGE_FULL).toMatch(/plein/);
  });
});
