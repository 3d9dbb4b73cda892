/**
 * The model speaks codes, the UI the planner's language: every error the model throws names its key (the
 * constructor requires one, checked here at the type level), every key has a sentence in English and in French,
 * every key is thrown somewhere, and real refusals read French to a French planner.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorKeys, ModelError } from '../../../src/shared/errors';
import { errorText } from '../../../src/renderer/app/modelWords';
import { readPlanFile } from '../../../src/model/export/planFile';
import { limitError } from '../../../src/model/import/limits';
import enTranslation from '../../../src/renderer/app/i18n/locales/en/translation.json';
import frTranslation from '../../../src/renderer/app/i18n/locales/fr/translation.json';
import { initWords } from '../i18nSetup';

beforeAll(() => initWords('fr'));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('model error keys', () => {
  it('are required when the model makes an error', () => {
    const keyless = () =>
      // @ts-expect-error the key is required: an error without one would reach a French planner in English
      new ModelError('CONFLICT', 'The history changed meanwhile', { planId: 'p1' });
    expect(typeof keyless).toBe('function');
    // Only a payload that crossed the bridge without one (a schema refusal, an unexpected failure) has none.
    const rebuilt = ModelError.from({ code: 'INVALID_INPUT', message: 'planId: Required' });
    expect(rebuilt.key).toBeUndefined();
    expect(rebuilt.toPayload()).toEqual({ code: 'INVALID_INPUT', message: 'planId: Required', details: undefined });
  });

  it('each have a sentence in English and in French', () => {
    const en = enTranslation.modelErrors as Record<string, string>;
    const fr = frTranslation.modelErrors as Record<string, string>;
    expect(errorKeys.filter((key) => !en[key]?.trim())).toEqual([]);
    expect(errorKeys.filter((key) => !fr[key]?.trim())).toEqual([]);
    // And no sentence for a key the model does not have.
    expect(Object.keys(en).filter((key) => !(errorKeys as readonly string[]).includes(key))).toEqual([]);
    expect(Object.keys(fr).filter((key) => !(errorKeys as readonly string[]).includes(key))).toEqual([]);
  });

  it('are each thrown somewhere in the model or the CLI', () => {
    const code = [...sources('src/model'), ...sources('src/cli')].map((path) => readFileSync(path, 'utf8')).join('\n');
    expect(errorKeys.filter((key) => !code.includes(`'${key}'`))).toEqual([]);
  });
});

describe('refusals in the planner’s words', () => {
  it('a file that is not a plan file', async () => {
    await i18next.changeLanguage('fr');
    const error = (() => {
      try {
        readPlanFile(new TextEncoder().encode('{"format":"other","version":1}'), 'notes.json');
      } catch (e) {
        return e;
      }
    })();
    expect(errorText(error)).toBe('« notes.json » n’est pas un fichier de plan Territory Planner.');
    await i18next.changeLanguage('en');
    expect(errorText(error)).toBe('“notes.json” is not a Territory Planner plan file.');
  });

  it('a file beyond an import limit, with its numbers in the planner’s format', async () => {
    await i18next.changeLanguage('fr');
    const text = errorText(limitError('big.csv', 'columnsPerFile', { found: 20_000 }));
    expect(text).toMatch(/^big\.csv a 20\s000 colonnes : 1\s024 au plus peuvent être importées/);
  });

  it('a drawn area that crosses itself, placed as latitude, longitude', async () => {
    await i18next.changeLanguage('fr');
    const error = new ModelError(
      'INVALID_INPUT',
      'A drawn area crosses itself',
      { reason: 'selfIntersection', at: [2.35222, 48.85661] },
      'areaCrossesItself',
    );
    expect(errorText(error)).toContain('se croise elle-même près de 48.857, 2.352');
  });

  it('a change made meanwhile, with the record kind worded', async () => {
    await i18next.changeLanguage('fr');
    const error = new ModelError(
      'CONFLICT',
      'The account records changed meanwhile',
      { kind: 'account' },
      'recordsChangedMeanwhile',
    );
    const text = errorText(error);
    expect(text).toContain('ont changé entre-temps');
    expect(text).not.toContain('account');
  });

  it('a backup refused, named by the file the planner chose', async () => {
    await i18next.changeLanguage('fr');
    const error = new ModelError('BAD_FILE', 'Backup refused: not a zip file', { reason: 'notBackup' }, 'notABackup');
    expect(errorText(error, { fileName: 'notes.txt' })).toBe(
      '« notes.txt » n’est pas une sauvegarde de Territory Planner.',
    );
  });
});
