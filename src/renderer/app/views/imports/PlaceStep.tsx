/**
 * The Places step: how the file's country, region, postal code and city columns were understood, per distinct
 * value (found, not found, ambiguous, fixed), with the rows holding each; a fix-up table where the planner picks
 * the country or region a value means ("Belgique" -> BE, "Bavaria" -> DE-BY) by its name in the UI language (the
 * code is what is stored), saved with the mapping profile; the rows placed by a guess and the flagged addresses.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceChoice } from '../../../../shared/api/places';
import type { Language } from '../../../../shared/domain';
import type { PlaceFix, PlaceReport, PlaceValueReport } from '../../../../shared/places';
import { useModelQuery } from '../../data';
import { formatNumber } from '../../i18n';
import { ImportTaskBar } from './ImportTaskBar';
import {
  fixesChangedSinceCheck,
  goTo,
  placeReportOf,
  runCheck,
  runImport,
  setPlaceFix,
  useImportStore,
} from './importStore';
import { StepLayout } from './ImportWizard';
import './PlaceStep.css';

type Column = PlaceReport['columns'][number];
type FixField = PlaceFix['field'];

/** Values listed per column at most (the ones to check come first). */
const LISTED_VALUES = 300;
const NOT_A_PLACE = '-';
const KEEP = '';

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language.startsWith('fr') ? 'fr' : 'en';
}

export function PlaceStep() {
  const { t } = useTranslation();
  const analysis = useImportStore((s) => s.analysis);
  const task = useImportStore((s) => s.task);
  const check = useImportStore((s) => s.check);
  const includeWarnings = useImportStore((s) => s.includeWarnings);
  const fixes = useImportStore((s) => s.placeFixes);
  const checkedFixes = useImportStore((s) => s.checkedFixes);
  const language = useLanguage();
  const report = placeReportOf(check);
  const codes = report ? codesOf(report, fixes) : [];
  const names = useModelQuery('placeNames', report ? { language, codes } : null, { keepPrevious: true });
  const countries = useModelQuery('placeChoices', report ? { language } : null);
  if (!analysis) return null;
  if (task || !check) {
    return (
      <StepLayout label={t('places.step')} actions={<span className="grow" />}>
        {task && <ImportTaskBar task={task} title={t('imports.checking', { name: analysis.fileName })} />}
      </StepLayout>
    );
  }
  const rows = includeWarnings ? check.validRows + check.rowsWithWarnings : check.validRows;
  const changed = fixesChangedSinceCheck(fixes, checkedFixes);
  const nameOf = (code: string) => names.data?.[code] ?? code;
  const profileFixes = analysis.profile?.placeFixes.length ?? 0;
  return (
    <StepLayout
      label={t('places.step')}
      actions={
        <>
          <button type="button" onClick={() => goTo('check')}>
            {t('imports.back')}
          </button>
          <span className="grow" />
          {changed && (
            <button type="button" className="primary" onClick={() => void runCheck('places')}>
              {t('places.checkAgain')}
            </button>
          )}
          <button
            type="button"
            className={changed ? undefined : 'primary'}
            disabled={rows === 0 || changed}
            onClick={() => void runImport()}
          >
            {t('imports.importRows', { count: rows, formatted: formatNumber(rows) })}
          </button>
        </>
      }
    >
      <h3>{t('places.title')}</h3>
      <p className="muted">{t('places.lead')}</p>
      {profileFixes > 0 && <p className="import-note">{t('places.fromProfile', { count: profileFixes })}</p>}
      {report && <GuessedRows report={report} />}
      {changed && (
        <p className="import-note" role="status">
          {t('places.fixesPending')}
        </p>
      )}
      {report?.columns.map((column) => (
        <PlaceColumn
          key={column.field}
          column={column}
          fixes={fixes}
          nameOf={nameOf}
          countries={countries.data ?? []}
          defaultCountry={mainCountry(report)}
        />
      ))}
      <p className="muted small">{t('places.remembered')}</p>
    </StepLayout>
  );
}

/** Every code the step names: resolved values, candidates, fix-ups. */
function codesOf(report: PlaceReport, fixes: readonly PlaceFix[]): string[] {
  const codes = new Set<string>();
  for (const column of report.columns) {
    if (column.field !== 'country' && column.field !== 'region') continue;
    for (const value of column.values) {
      if (value.code) codes.add(value.code);
      for (const c of value.candidates) codes.add(c);
    }
  }
  for (const fix of fixes) if (fix.code) codes.add(fix.code);
  return [...codes].sort().slice(0, 5_000);
}

/** The country most rows of the file are in: where a region value is looked for first. */
function mainCountry(report: PlaceReport): string {
  const column = report.columns.find((c) => c.field === 'country');
  let best = '';
  let most = 0;
  for (const value of column?.values ?? [])
    if (value.code && value.rows > most) {
      best = value.code;
      most = value.rows;
    }
  return best;
}

function GuessedRows({ report }: { report: PlaceReport }) {
  const { t } = useTranslation();
  const flags = (['military', 'poBox'] as const).filter((f) => (report.flaggedRows[f] ?? 0) > 0);
  return (
    <div className="place-guessed" role="group" aria-label={t('places.filter.guessed')}>
      <p>
        {report.guessedRows > 0
          ? t('places.guessedRows', { count: report.guessedRows, formatted: formatNumber(report.guessedRows) })
          : t('places.noGuessedRows')}
      </p>
      {flags.map((flag) => (
        <p key={flag}>{t(`places.flagged.${flag}`, { count: report.flaggedRows[flag] ?? 0 })}</p>
      ))}
      {(report.guessedRows > 0 || flags.length > 0) && <p className="muted small">{t('places.guessedAfter')}</p>}
    </div>
  );
}

function toCheck(value: PlaceValueReport): boolean {
  return value.status !== 'found';
}

function PlaceColumn(props: {
  column: Column;
  fixes: readonly PlaceFix[];
  nameOf: (code: string) => string;
  countries: readonly PlaceChoice[];
  defaultCountry: string;
}) {
  const { t } = useTranslation();
  const { column } = props;
  const anyToCheck = column.values.some(toCheck);
  const [onlyToCheck, setOnlyToCheck] = useState(anyToCheck);
  const shown = (onlyToCheck ? column.values.filter(toCheck) : column.values).slice(0, LISTED_VALUES);
  const hidden = (onlyToCheck ? column.values.filter(toCheck).length : column.values.length) - shown.length;
  const fixable = column.field === 'country' || column.field === 'region';
  const title = t('places.columnTitle', { field: t(`places.columns.${column.field}`), header: column.header });
  return (
    <section className="place-column" aria-label={title}>
      <header>
        <h4>{title}</h4>
        <span className="place-counts">
          <span className="place-count found">
            <strong>{formatNumber(column.found)}</strong> {t('places.counts.found')}
          </span>
          <span className={`place-count${column.notFound > 0 ? ' notFound' : ''}`}>
            <strong>{formatNumber(column.notFound)}</strong> {t('places.counts.notFound')}
          </span>
          <span className={`place-count${column.ambiguous > 0 ? ' ambiguous' : ''}`}>
            <strong>{formatNumber(column.ambiguous)}</strong> {t('places.counts.ambiguous')}
          </span>
        </span>
        <span className="grow" />
        <label className="checkbox">
          <input type="checkbox" checked={onlyToCheck} onChange={(e) => setOnlyToCheck(e.target.checked)} />
          {t('places.onlyToCheck')}
        </label>
      </header>
      {shown.length === 0 ? (
        <p className="muted small">{t('places.noneToCheck')}</p>
      ) : (
        // It may scroll with only text in it: focusable, so the keyboard can scroll it.
        <div
          className="place-values"
          role="region"
          aria-label={t('places.valuesOf', { header: column.header })}
          tabIndex={0}
        >
          <table>
            <thead>
              <tr>
                <th scope="col">{t('places.value')}</th>
                <th scope="col" className="num">
                  {t('places.rows')}
                </th>
                <th scope="col">{t('places.firstRows')}</th>
                <th scope="col">{t('places.understood')}</th>
                {fixable && <th scope="col">{t('places.fix')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((value) => (
                <ValueRow
                  key={value.value}
                  field={column.field}
                  value={value}
                  fix={
                    fixable ? props.fixes.find((f) => f.field === column.field && f.value === value.value) : undefined
                  }
                  nameOf={props.nameOf}
                  countries={props.countries}
                  defaultCountry={props.defaultCountry}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hidden > 0 && <p className="muted small">{t('places.valuesCut', { count: hidden })}</p>}
    </section>
  );
}

function ValueRow(props: {
  field: Column['field'];
  value: PlaceValueReport;
  fix: PlaceFix | undefined;
  nameOf: (code: string) => string;
  countries: readonly PlaceChoice[];
  defaultCountry: string;
}) {
  const { t } = useTranslation();
  const { value, field, nameOf } = props;
  // A found value shows its picker only when asked: hundreds of country lists would slow the step down.
  const [editing, setEditing] = useState(false);
  const more = value.rows > value.firstRows.length ? ', …' : '';
  const named = (code: string) => (code ? `${nameOf(code)} (${code})` : '');
  let understood: string;
  if (value.status === 'ambiguous')
    understood = t('places.ambiguousAmong', { names: value.candidates.map(named).join(', ') });
  else if (field === 'postalCode') understood = value.code;
  else understood = named(value.code);
  return (
    <tr className={`place-${value.status}`}>
      <th scope="row">{value.value}</th>
      <td className="num">{formatNumber(value.rows)}</td>
      <td className="muted">{value.firstRows.join(', ') + more}</td>
      <td>
        <span className={`place-status ${value.status}`}>{t(`places.status.${value.status}`)}</span> {understood}
      </td>
      {(field === 'country' || field === 'region') && (
        <td>
          {value.status === 'found' && !props.fix && !editing ? (
            <button
              type="button"
              className="link"
              aria-label={t('places.changeOf', { value: value.value })}
              onClick={() => setEditing(true)}
            >
              {t('places.change')}
            </button>
          ) : (
            <FixPicker
              field={field}
              value={value}
              fix={props.fix}
              countries={props.countries}
              defaultCountry={props.defaultCountry}
            />
          )}
        </td>
      )}
    </tr>
  );
}

/**
 * The fix-up of one value: a country by its name, or a region within a country (the country chosen first, from
 * the value's candidates or the file's main country). Stores the ISO code.
 */
function FixPicker(props: {
  field: FixField;
  value: PlaceValueReport;
  fix: PlaceFix | undefined;
  countries: readonly PlaceChoice[];
  defaultCountry: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { field, value, fix } = props;
  const current = fix ? (fix.code === '' ? NOT_A_PLACE : fix.code) : KEEP;
  const [country, setCountry] = useState(
    () => (fix?.code || value.code || value.candidates[0] || '').slice(0, 2) || props.defaultCountry || 'US',
  );
  const regions = useModelQuery('placeChoices', field === 'region' ? { language, country } : null);
  const choose = (code: string) =>
    setPlaceFix(field, value.value, code === KEEP ? null : code === NOT_A_PLACE ? '' : code);
  const options = field === 'country' ? props.countries : (regions.data ?? []);
  const candidates = new Set(value.candidates);
  return (
    <span className="place-fix">
      {field === 'region' && (
        <select
          aria-label={t('places.countryOf', { value: value.value })}
          value={country}
          onChange={(e) => setCountry(e.target.value)}
        >
          {props.countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      )}
      <select
        aria-label={t('places.fixOf', { value: value.value })}
        value={current}
        onChange={(e) => choose(e.target.value)}
      >
        <option value={KEEP}>{value.status === 'found' ? t('places.keep') : t('places.choose')}</option>
        <option value={NOT_A_PLACE}>{t('places.notAPlace')}</option>
        {current !== KEEP && current !== NOT_A_PLACE && !options.some((o) => o.code === current) && (
          <option value={current}>{current}</option>
        )}
        {[...options]
          .sort((a, b) => Number(candidates.has(b.code)) - Number(candidates.has(a.code)))
          .map((o) => (
            <option key={o.code} value={o.code}>
              {o.level === 2 ? `— ${o.name}` : o.name} ({o.code})
            </option>
          ))}
      </select>
    </span>
  );
}
