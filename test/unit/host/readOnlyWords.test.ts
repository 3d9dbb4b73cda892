/**
 * A write that reaches the model on a final plan (a stale view) is refused with READ_ONLY; a French planner reads
 * it in French with the status worded, never the model's English. The e2e trust test drives the refusal itself;
 * no UI control offers that write once the plan is final, so its words are checked here through errorText.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/shared/errors';
import { initWords } from '../i18nSetup';
import { errorText } from '../../../src/renderer/app/modelWords';

beforeAll(() => initWords('fr'));

describe('READ_ONLY in the planner’s words', () => {
  const refusal = new ModelError(
    'READ_ONLY',
    'Plan "Sample plan" is final: duplicate it to change it',
    { planId: 'p1', name: 'Sample plan', status: 'final' },
    'planReadOnly',
  );

  it('reads French to a French planner', async () => {
    await i18next.changeLanguage('fr');
    const text = errorText(ModelError.from(refusal.toPayload()));
    expect(text).toContain('« Sample plan » est définitif');
    expect(text).toContain('en lecture seule : dupliquez-le pour le modifier');
    expect(text).not.toMatch(/clone|read-only|final:/);
  });

  it('reads English to an English planner', async () => {
    await i18next.changeLanguage('en');
    expect(errorText(ModelError.from(refusal.toPayload()))).toContain('read-only: duplicate it to change it');
  });
});
