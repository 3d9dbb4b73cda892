/**
 * The value of a condition on a place (country, region, "is in regions"): places shown by their names in the UI
 * language, stored as ISO codes. A name typed in any shipped language or a code ("Germany", "Deutschland", "DEU",
 * "de") is stored as DE; a region is looked for within the chosen country (a bare "DE" is Delaware only when the
 * country is the United States); an ambiguous name asks which place is meant.
 */
import { X } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceChoice } from '../../../../shared/api/places';
import type { Language } from '../../../../shared/domain';
import { foldText, ISO_COUNTRY, ISO_SUBDIVISION, placeFieldKeys } from '../../../../shared/places';
import { fetchModel, useModelQuery } from '../../data';
import { parseList } from './conditions';
import './PlaceValuePicker.css';
import { IconButton } from '../../components/IconButton';

/** Which places the condition takes: countries, regions (within a country), or both ("is in regions"). */
export type PlacePickerMode = 'country' | 'region' | 'any';

interface Props {
  label: string;
  mode: PlacePickerMode;
  value: string[];
  onChange(value: string[]): void;
  readOnly: boolean;
  /** One place only (is / is not). */
  single?: boolean;
}

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language.startsWith('fr') ? 'fr' : 'en';
}

/** A choice whose name, other name or code is exactly the typed text (case, accents and hyphens ignored). */
function exactChoice(choices: readonly PlaceChoice[], text: string): PlaceChoice | undefined {
  const key = foldText(text);
  return choices.find(
    (c) => foldText(c.name) === key || c.aliases.some((a) => foldText(a) === key) || c.code.toLowerCase() === key,
  );
}

export function PlaceValuePicker(props: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const listId = useId();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [ambiguous, setAmbiguous] = useState<{ text: string; choices: PlaceChoice[] } | null>(null);
  const firstCountry = props.value.map((code) => code.slice(0, 2)).find((c) => ISO_COUNTRY.test(c)) ?? '';
  const [country, setCountry] = useState(firstCountry);
  const countries = useModelQuery('placeChoices', { language });
  const regions = useModelQuery('placeChoices', props.mode !== 'country' && country ? { language, country } : null);
  const valid = props.value.filter((code) => ISO_COUNTRY.test(code) || ISO_SUBDIVISION.test(code));
  const names = useModelQuery('placeNames', valid.length > 0 ? { language, codes: valid } : null, {
    keepPrevious: true,
  });
  const nameOf = (code: string) => names.data?.[code] ?? code;
  const countryChoices = props.mode === 'region' ? [] : (countries.data ?? []);
  const regionChoices = regions.data ?? [];
  const countryName = countries.data?.find((c) => c.code === country)?.name ?? country;

  const put = (codes: string[]) => {
    const next = props.single ? codes.slice(-1) : [...new Set([...props.value, ...codes])];
    props.onChange(next);
  };

  /** What one typed item names: the lists first, then the model's resolution (every shipped spelling). */
  async function resolve(text: string): Promise<PlaceChoice[]> {
    const listed = exactChoice(countryChoices, text) ?? exactChoice(regionChoices, text);
    if (listed) return [listed];
    if (props.mode !== 'region') {
      const found = await fetchModel('resolvePlace', { language, field: 'country', text });
      if (found.length > 0) return found;
    }
    if (props.mode !== 'country') {
      const found = await fetchModel('resolvePlace', { language, field: 'region', text, country: country || null });
      if (found.length > 0) return found;
    }
    return [];
  }

  async function add() {
    const items = props.single ? [typed.trim()].filter(Boolean) : parseList(typed);
    if (items.length === 0) return;
    setProblem(null);
    setAmbiguous(null);
    const codes: string[] = [];
    const unknown: string[] = [];
    for (const item of items) {
      const found = await resolve(item);
      if (found.length === 1) codes.push(found[0].code);
      else if (found.length > 1) setAmbiguous({ text: item, choices: found });
      else unknown.push(item);
    }
    if (codes.length > 0) put(codes);
    if (unknown.length > 0) setProblem(t('places.picker.noMatch', { text: unknown.join(', ') }));
    setTyped(unknown.join(', '));
  }

  const placeholder =
    props.mode === 'country'
      ? t('places.picker.searchCountry')
      : props.mode === 'region' && country
        ? t('places.picker.searchRegion', { country: countryName })
        : t('places.picker.search');
  return (
    <div className="place-picker">
      {props.value.length > 0 && (
        <ul className="place-picker-chosen" aria-label={props.label}>
          {props.value.map((code) => (
            <li key={code} className="chip" title={t('places.picker.codeStored', { code })}>
              {nameOf(code)} <span className="muted">{code}</span>
              {!props.readOnly && (
                <IconButton
                  label={t('places.picker.remove', { name: nameOf(code) })}
                  icon={<X size={12} />}
                  onClick={() => props.onChange(props.value.filter((c) => c !== code))}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {!props.readOnly && (
        <div className="place-picker-add">
          {props.mode !== 'country' && (
            <select
              aria-label={t('places.picker.regionCountry')}
              value={country}
              onChange={(e) => setCountry(e.target.value)}
            >
              <option value="">{t('places.picker.chooseCountryFirst')}</option>
              {(countries.data ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
          <input
            aria-label={t('rules.addValueTo', { label: props.label })}
            list={listId}
            value={typed}
            placeholder={placeholder}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
          />
          <button type="button" onClick={() => void add()} disabled={typed.trim() === ''}>
            {t('places.picker.add')}
          </button>
          <datalist id={listId}>
            {[...countryChoices, ...regionChoices].map((c) => (
              <option key={c.code} value={c.name}>
                {c.code}
              </option>
            ))}
          </datalist>
        </div>
      )}
      {problem && (
        <p className="error-text small" role="alert">
          {problem}
        </p>
      )}
      {ambiguous && (
        <div
          className="place-picker-ambiguous"
          role="group"
          aria-label={t('places.picker.ambiguous', { text: ambiguous.text })}
        >
          <span className="small">{t('places.picker.ambiguous', { text: ambiguous.text })}</span>
          {ambiguous.choices.map((c) => (
            <button
              key={c.code}
              type="button"
              onClick={() => {
                put([c.code]);
                setAmbiguous(null);
              }}
            >
              {c.name} ({c.code})
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** The picker mode of a condition's field, or null when the field is not a canonical place. */
export function placePickerMode(field: string, operator: string): PlacePickerMode | null {
  if (operator === 'inRegions') return 'any';
  if (field === placeFieldKeys.country) return 'country';
  if (field === placeFieldKeys.region || field === placeFieldKeys.subregion) return 'region';
  return null;
}
