/**
 * The Map step: each column of the file with its proposed field and type, to change with a dropdown, keep as a
 * custom field or leave out; the date or number formats the data could not decide are asked here.
 */
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { fieldTypes, type FieldType } from '../../../../shared/domain';
import {
  customFieldKey,
  mappingIssues,
  PROFILE_NAME_MAX,
  type Ambiguity,
  type ColumnMapping,
  type ImportAnalysis,
} from '../../../../shared/imports';
import { goTo, runCheck, setOption, updateColumn, useImportStore } from './importStore';
import { fieldName } from './labels';
import { StepLayout } from './ImportWizard';

const IGNORE = '';
const CUSTOM = '__custom__';

/** What keeps the mapping from being checked (the model's own rule, src/shared/imports.ts), in the planner's words. */
export function mappingProblems(analysis: ImportAnalysis, mapping: readonly ColumnMapping[]): string[] {
  const t = i18next.t.bind(i18next);
  const labelOf = (key: string) => fieldName(key, analysis.fields.find((f) => f.key === key)?.label);
  return mappingIssues(analysis.requiredFieldGroups, mapping).map((issue) => {
    switch (issue.code) {
      case 'duplicateField':
        return t('imports.duplicateField', { count: issue.count, field: labelOf(issue.field) });
      case 'missingField':
        return t('imports.missingField', { fields: issue.fields.map(labelOf).join(t('imports.or')) });
      case 'unsafeFieldKey':
        return t('importRules.unsafeFieldKey', { field: issue.field, column: issue.header });
    }
  });
}

function samplesOf(analysis: ImportAnalysis, column: number): string {
  const values: string[] = [];
  for (const row of analysis.preview) {
    const value = row[column]?.trim();
    if (value && !values.includes(value)) values.push(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    if (values.length === 3) break;
  }
  return values.join(' · ');
}

export function MapStep() {
  const { t } = useTranslation();
  const analysis = useImportStore((s) => s.analysis);
  const mapping = useImportStore((s) => s.mapping);
  const rememberProfile = useImportStore((s) => s.rememberProfile);
  const profileName = useImportStore((s) => s.profileName);
  const defaultCountry = useImportStore((s) => s.defaultCountry);
  if (!analysis) return null;
  const problems = mappingProblems(analysis, mapping);
  const core = analysis.fields.filter((f) => !f.custom);
  const existingCustom = analysis.fields.filter((f) => f.custom);
  const canKeep = analysis.kind !== 'user';
  const located = mapping.some(
    (m) => m.field === 'country' || m.field === 'city' || m.field === 'postalCode' || m.field === 'region',
  );
  const asked = analysis.ambiguities.filter((a) => {
    const m = mapping.find((c) => c.column === a.column);
    if (!m?.field) return false;
    return a.kind === 'dateOrder'
      ? m.type === 'date'
      : m.type === 'number' || m.type === 'money' || m.type === 'latitude' || m.type === 'longitude';
  });

  const chooseField = (m: ColumnMapping, value: string) => {
    if (value === IGNORE) return updateColumn(m.column, { field: null, custom: false });
    if (value === CUSTOM) {
      const proposed = analysis.mapping.find((p) => p.column === m.column);
      const taken = new Set([
        ...analysis.fields.map((f) => f.key),
        ...mapping.filter((o) => o.column !== m.column && o.field).map((o) => o.field!),
      ]);
      const key =
        proposed?.custom && proposed.field && !taken.has(proposed.field)
          ? proposed.field
          : customFieldKey(m.header, taken);
      return updateColumn(m.column, { field: key, custom: true, type: proposed?.custom ? proposed.type : 'text' });
    }
    const field = analysis.fields.find((f) => f.key === value);
    if (field) updateColumn(m.column, { field: field.key, custom: field.custom, type: field.type });
  };

  return (
    <StepLayout
      label={t('imports.steps.map')}
      actions={
        <>
          <button type="button" onClick={() => goTo('read')}>
            {t('imports.back')}
          </button>
          <span className="grow" />
          <button type="button" className="primary" disabled={problems.length > 0} onClick={() => void runCheck()}>
            {t('imports.check')}
          </button>
        </>
      }
    >
      <h3>{t('imports.mapTitle')}</h3>
      <p className="muted">{t('imports.mapLead')}</p>
      {analysis.profile && <p className="import-note">{t('imports.profileUsed', { name: analysis.profile.name })}</p>}
      <div className="import-mapping" role="region" aria-label={t('imports.mapTitle')} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('imports.column')}</th>
              <th scope="col">{t('imports.samples')}</th>
              <th scope="col">{t('imports.field')}</th>
              <th scope="col">{t('imports.type')}</th>
            </tr>
          </thead>
          <tbody>
            {mapping.map((m) => {
              const isExisting = m.custom && existingCustom.some((f) => f.key === m.field);
              const value = m.field === null ? IGNORE : m.custom && !isExisting ? CUSTOM : m.field;
              return (
                <tr key={m.column} className={m.field === null ? 'ignored' : ''}>
                  <th scope="row">{m.header || `#${m.column + 1}`}</th>
                  <td className="muted small import-samples">{samplesOf(analysis, m.column)}</td>
                  <td>
                    <select
                      aria-label={t('imports.fieldOf', { column: m.header })}
                      value={value}
                      onChange={(e) => chooseField(m, e.target.value)}
                    >
                      <option value={IGNORE}>{t('imports.ignore')}</option>
                      {canKeep && <option value={CUSTOM}>{t('imports.keepCustom')}</option>}
                      <optgroup label={t('imports.coreFields')}>
                        {core.map((f) => (
                          <option key={f.key} value={f.key}>
                            {fieldName(f.key, f.label)}
                          </option>
                        ))}
                      </optgroup>
                      {existingCustom.length > 0 && (
                        <optgroup label={t('imports.existingCustom')}>
                          {existingCustom.map((f) => (
                            <option key={f.key} value={f.key}>
                              {f.label || f.key}
                            </option>
                          ))}
                        </optgroup>
                      )}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={t('imports.typeOf', { column: m.header })}
                      value={m.type}
                      disabled={!m.field || !m.custom || isExisting}
                      onChange={(e) => updateColumn(m.column, { type: e.target.value as FieldType })}
                    >
                      {fieldTypes.map((type) => (
                        <option key={type} value={type}>
                          {t(`imports.types.${type}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {asked.map((a) => (
        <AmbiguityQuestion
          key={`${a.column}-${a.kind}`}
          ambiguity={a}
          mapping={mapping.find((m) => m.column === a.column)!}
        />
      ))}
      <div className="import-options">
        {analysis.kind !== 'user' && analysis.kind !== 'deal' && located && (
          <label className="field">
            <span>{t('imports.defaultCountry')}</span>
            <input
              value={defaultCountry}
              placeholder={t('imports.defaultCountryHint')}
              maxLength={100}
              onChange={(e) => setOption({ defaultCountry: e.target.value })}
            />
          </label>
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={rememberProfile}
            onChange={(e) => setOption({ rememberProfile: e.target.checked })}
          />
          {t('imports.rememberProfile')}
        </label>
        {rememberProfile && (
          <label className="field">
            <span>{t('imports.profileName')}</span>
            <input
              value={profileName}
              maxLength={PROFILE_NAME_MAX}
              onChange={(e) => setOption({ profileName: e.target.value })}
            />
          </label>
        )}
      </div>
      {problems.length > 0 && (
        <div className="import-problems-box" role="alert">
          <strong>{t('imports.mappingProblems')}</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </StepLayout>
  );
}

function AmbiguityQuestion({ ambiguity, mapping }: { ambiguity: Ambiguity; mapping: ColumnMapping }) {
  const { t } = useTranslation();
  const question =
    ambiguity.kind === 'dateOrder'
      ? t('imports.ambiguityDate', { column: ambiguity.header, example: ambiguity.examples[0] ?? '' })
      : t('imports.ambiguityDecimal', { column: ambiguity.header, example: ambiguity.examples[0] ?? '' });
  const current = ambiguity.kind === 'dateOrder' ? mapping.format.dateOrder : mapping.format.decimalSeparator;
  return (
    <fieldset className="import-ambiguity">
      <legend>{question}</legend>
      {ambiguity.options.map((option) => (
        <label key={option} className="checkbox">
          <input
            type="radio"
            name={`ambiguity-${ambiguity.column}`}
            checked={current === option}
            onChange={() =>
              updateColumn(mapping.column, {
                format:
                  ambiguity.kind === 'dateOrder'
                    ? { ...mapping.format, dateOrder: option as typeof mapping.format.dateOrder }
                    : { ...mapping.format, decimalSeparator: option as typeof mapping.format.decimalSeparator },
              })
            }
          />
          {t(`imports.ambiguityOptions.${option === '.' ? 'point' : option === ',' ? 'comma' : option}`)}
        </label>
      ))}
    </fieldset>
  );
}
