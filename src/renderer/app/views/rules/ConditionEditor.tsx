/** One numbered condition of a rule: field, operator (by the field's type) and a value editor fit for the operator. */
import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldValueCount, RuleKind, RuleProblemInfo } from '../../../../shared/api/rules';
import type { Condition, ConditionOperator, FieldDef, FieldType } from '../../../../shared/domain';
import { useModelQuery } from '../../data';
import {
  GEOGRAPHY,
  fieldLabel,
  formatPostalRanges,
  isTextOperator,
  operatorLabel,
  operatorsFor,
  parseList,
  parsePostalRanges,
  problemText,
  valueFor,
  valueShape,
} from './conditions';
import { PlaceValuePicker, placePickerMode } from './PlaceValuePicker';
import { IconButton } from '../../components/IconButton';

interface Props {
  number: number;
  count: number;
  condition: Condition;
  fields: readonly FieldDef[];
  kind: RuleKind;
  problems: readonly RuleProblemInfo[];
  territoryRegions: readonly string[];
  readOnly: boolean;
  onChange(condition: Condition): void;
  onRemove(): void;
  onMove(by: -1 | 1): void;
}

function typeOf(condition: Condition, fields: readonly FieldDef[]): FieldType | 'geography' {
  if (condition.field === GEOGRAPHY || condition.operator === 'inRegions' || condition.operator === 'withinArea')
    return 'geography';
  return fields.find((f) => f.key === condition.field)?.type ?? 'text';
}

const noSuggestions: FieldValueCount[] = [];

/** Suggestions of a text field's values (its most frequent ones), read through the data layer. */
function useSuggestions(kind: RuleKind, field: string, enabled: boolean): FieldValueCount[] {
  const found = useModelQuery('fieldValues', enabled && field !== GEOGRAPHY ? { kind, field, limit: 200 } : null);
  return found.data ?? noSuggestions;
}

/** A list typed or pasted (one per line, or separated by commas, semicolons, tabs); the text stays as typed. */
function ListEditor(props: {
  label: string;
  value: string[];
  onChange(value: string[]): void;
  placeholder: string;
  suggestions: FieldValueCount[];
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(props.value.join('\n'));
  const [adding, setAdding] = useState('');
  const listId = useId();
  // Follow outside changes (undo, another window) without fighting the planner's own typing: in render, when
  // the value given differs from the one last seen.
  const [seen, setSeen] = useState(props.value);
  if (seen !== props.value) {
    setSeen(props.value);
    if (parseList(text).join('\n') !== props.value.join('\n')) setText(props.value.join('\n'));
  }
  const add = () => {
    const items = parseList(adding);
    if (items.length === 0) return;
    const next = [...new Set([...props.value, ...items])];
    setText(next.join('\n'));
    props.onChange(next);
    setAdding('');
  };
  return (
    <div className="rules-list-editor">
      <textarea
        aria-label={props.label}
        rows={Math.min(6, Math.max(2, props.value.length + 1))}
        value={text}
        placeholder={props.placeholder}
        readOnly={props.readOnly}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(parseList(e.target.value));
        }}
      />
      {!props.readOnly && (
        <div className="rules-list-add">
          <input
            aria-label={t('rules.addValueTo', { label: props.label })}
            list={props.suggestions.length > 0 ? listId : undefined}
            value={adding}
            placeholder={t('rules.addValue')}
            onChange={(e) => setAdding(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <span className="muted small">{t('rules.valueCount', { count: props.value.length })}</span>
        </div>
      )}
      {props.suggestions.length > 0 && (
        <datalist id={listId}>
          {props.suggestions.map((s) => (
            <option key={s.value} value={s.value} />
          ))}
        </datalist>
      )}
    </div>
  );
}

function RangeEditor(props: {
  label: string;
  date: boolean;
  value: Condition['value'];
  onChange(value: Condition['value']): void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const pair = Array.isArray(props.value) && props.value.length === 2 ? (props.value as unknown[]) : null;
  // Dates are ISO days ("2024-05-31"), as the engine reads them; rules saved before held epoch ms.
  const show = (v: unknown) =>
    typeof v === 'string'
      ? v.slice(0, 10)
      : typeof v !== 'number' || !Number.isFinite(v)
        ? ''
        : props.date
          ? new Date(v).toISOString().slice(0, 10)
          : String(v);
  const [from, setFrom] = useState(show(pair?.[0]));
  const [to, setTo] = useState(show(pair?.[1]));
  const update = (a: string, b: string) => {
    if (props.date) {
      props.onChange(a !== '' && b !== '' ? [a, b] : null);
      return;
    }
    const x = a === '' ? NaN : Number(a);
    const y = b === '' ? NaN : Number(b);
    props.onChange(Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null);
  };
  const type = props.date ? 'date' : 'number';
  return (
    <div className="rules-range">
      <input
        type={type}
        aria-label={t('rules.rangeFrom', { label: props.label })}
        value={from}
        readOnly={props.readOnly}
        onChange={(e) => {
          setFrom(e.target.value);
          update(e.target.value, to);
        }}
      />
      <span aria-hidden="true">–</span>
      <input
        type={type}
        aria-label={t('rules.rangeTo', { label: props.label })}
        value={to}
        readOnly={props.readOnly}
        onChange={(e) => {
          setTo(e.target.value);
          update(from, e.target.value);
        }}
      />
    </div>
  );
}

function PostalRangesEditor(props: {
  label: string;
  value: Condition['value'];
  onChange(value: Condition['value']): void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(formatPostalRanges(props.value));
  const { bad } = parsePostalRanges(text);
  return (
    <div className="rules-list-editor">
      <textarea
        aria-label={props.label}
        rows={3}
        value={text}
        placeholder={t('rules.postalRangesPlaceholder')}
        readOnly={props.readOnly}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(parsePostalRanges(e.target.value).ranges);
        }}
      />
      {bad.length > 0 && <span className="error-text small">{t('rules.badRanges', { list: bad.join(', ') })}</span>}
    </div>
  );
}

/** The operators offered, and the condition's own when a rule saved earlier uses one no longer offered here. */
function withCurrent(
  operators: readonly ConditionOperator[],
  current: ConditionOperator,
): readonly ConditionOperator[] {
  return operators.includes(current) ? operators : [current, ...operators];
}

export function ConditionEditor(props: Props) {
  const { t } = useTranslation();
  const { condition, number, fields } = props;
  const type = typeOf(condition, fields);
  const shape = valueShape(condition.operator, type);
  const label = t('rules.conditionN', { number });
  const wantsSuggestions = (shape === 'list' || shape === 'text') && type !== 'geography' && condition.field !== '';
  const suggestions = useSuggestions(props.kind, condition.field, wantsSuggestions && !props.readOnly);
  const listId = useId();
  const problem = props.problems[0];

  const changeField = (key: string) => {
    const nextType: FieldType | 'geography' =
      key === GEOGRAPHY ? 'geography' : (fields.find((f) => f.key === key)?.type ?? 'text');
    const operators = operatorsFor(nextType, key);
    const operator = operators.includes(condition.operator) ? condition.operator : operators[0];
    props.onChange({ field: key, operator, value: valueFor(valueShape(operator, nextType), condition.value) });
  };
  const changeOperator = (operator: ConditionOperator) => {
    const next: Condition = { ...condition, operator, value: valueFor(valueShape(operator, type), condition.value) };
    if (!isTextOperator(operator)) delete next.exact;
    props.onChange(next);
  };
  const setValue = (value: Condition['value']) => props.onChange({ ...condition, value });
  // Countries and regions are picked by name in the UI language and stored as ISO codes.
  const placeMode = placePickerMode(condition.field, condition.operator);
  const codes = Array.isArray(condition.value)
    ? (condition.value as string[])
    : typeof condition.value === 'string' && condition.value !== ''
      ? [condition.value]
      : [];

  let editor = null;
  switch (shape) {
    case 'none':
      editor =
        condition.operator === 'withinArea' ? <span className="muted small">{t('rules.withinAreaHint')}</span> : null;
      break;
    case 'list':
      editor = placeMode ? (
        <PlaceValuePicker
          label={t('rules.valueOf', { label })}
          mode={placeMode}
          value={codes}
          onChange={setValue}
          readOnly={props.readOnly}
        />
      ) : (
        <ListEditor
          label={t('rules.valueOf', { label })}
          value={Array.isArray(condition.value) ? (condition.value as string[]) : []}
          onChange={setValue}
          placeholder={
            condition.operator === 'postalStartsWith' ? t('rules.prefixesPlaceholder') : t('rules.listPlaceholder')
          }
          suggestions={suggestions}
          readOnly={props.readOnly}
        />
      );
      break;
    case 'regions':
      editor = (
        <>
          <PlaceValuePicker
            label={t('rules.valueOf', { label })}
            mode="any"
            value={codes}
            onChange={setValue}
            readOnly={props.readOnly}
          />
          <span className="muted small">
            {props.territoryRegions.length > 0
              ? t('rules.regionsEmptyUses', { list: props.territoryRegions.join(', ') })
              : t('rules.regionsEmptyNone')}
          </span>
        </>
      );
      break;
    case 'postalRanges':
      editor = (
        <PostalRangesEditor
          label={t('rules.valueOf', { label })}
          value={condition.value}
          onChange={setValue}
          readOnly={props.readOnly}
        />
      );
      break;
    case 'numberRange':
    case 'dateRange':
      editor = (
        <RangeEditor
          label={label}
          date={shape === 'dateRange'}
          value={condition.value}
          onChange={setValue}
          readOnly={props.readOnly}
        />
      );
      break;
    case 'number':
      editor = (
        <input
          type="number"
          aria-label={t('rules.valueOf', { label })}
          value={typeof condition.value === 'number' ? condition.value : ''}
          readOnly={props.readOnly}
          onChange={(e) => setValue(e.target.value === '' ? null : Number(e.target.value))}
        />
      );
      break;
    case 'date':
      editor = (
        <input
          type="date"
          aria-label={t('rules.valueOf', { label })}
          value={
            typeof condition.value === 'string'
              ? condition.value.slice(0, 10)
              : // Rules saved before held epoch ms; shown as the UTC day they name.
                typeof condition.value === 'number' && Number.isFinite(condition.value)
                ? new Date(condition.value).toISOString().slice(0, 10)
                : ''
          }
          readOnly={props.readOnly}
          onChange={(e) => setValue(e.target.value === '' ? null : e.target.value)}
        />
      );
      break;
    default:
      editor = placeMode ? (
        <PlaceValuePicker
          label={t('rules.valueOf', { label })}
          mode={placeMode}
          value={codes}
          onChange={(value) => setValue(value[0] ?? '')}
          readOnly={props.readOnly}
          single
        />
      ) : (
        <>
          <input
            aria-label={t('rules.valueOf', { label })}
            list={suggestions.length > 0 ? listId : undefined}
            value={typeof condition.value === 'string' ? condition.value : ''}
            readOnly={props.readOnly}
            onChange={(e) => setValue(e.target.value)}
          />
          {suggestions.length > 0 && (
            <datalist id={listId}>
              {suggestions.map((s) => (
                <option key={s.value} value={s.value} />
              ))}
            </datalist>
          )}
        </>
      );
  }

  return (
    <li className={`rules-condition${problem ? ' has-problem' : ''}`} aria-label={label}>
      <span className="rules-condition-number" aria-hidden="true">
        {number}
      </span>
      <div className="rules-condition-body">
        <div className="rules-condition-line">
          <select
            aria-label={t('rules.fieldOf', { label })}
            value={type === 'geography' ? GEOGRAPHY : condition.field}
            disabled={props.readOnly}
            onChange={(e) => changeField(e.target.value)}
          >
            {!fields.some((f) => f.key === condition.field) && condition.field !== GEOGRAPHY && (
              <option value={condition.field}>{condition.field}</option>
            )}
            {fields
              .filter((f) => f.type !== 'latitude' && f.type !== 'longitude')
              .map((f) => (
                <option key={f.key} value={f.key}>
                  {fieldLabel(f, f.key)}
                </option>
              ))}
            <option value={GEOGRAPHY}>{t('rules.geography')}</option>
          </select>
          <select
            aria-label={t('rules.operatorOf', { label })}
            value={condition.operator}
            disabled={props.readOnly}
            onChange={(e) => changeOperator(e.target.value as ConditionOperator)}
          >
            {withCurrent(operatorsFor(type, condition.field), condition.operator).map((op) => (
              <option key={op} value={op}>
                {operatorLabel(op, type)}
              </option>
            ))}
          </select>
          <span className="grow" />
          {!props.readOnly && (
            <span className="rules-condition-tools">
              <IconButton
                label={t('rules.moveUp', { label })}
                icon={<ArrowUp size={14} />}
                disabled={number === 1}
                onClick={() => props.onMove(-1)}
              />
              <IconButton
                label={t('rules.moveDown', { label })}
                icon={<ArrowDown size={14} />}
                disabled={number === props.count}
                onClick={() => props.onMove(1)}
              />
              <IconButton
                label={t('rules.removeCondition', { label })}
                icon={<X size={14} />}
                onClick={props.onRemove}
              />
            </span>
          )}
        </div>
        {editor && (
          <div className="rules-condition-value">
            {editor}
            {isTextOperator(condition.operator) && (
              <label className="inline" title={condition.exact ? t('conditions.exactHint') : t('conditions.foldHint')}>
                <input
                  type="checkbox"
                  checked={condition.exact === true}
                  disabled={props.readOnly}
                  onChange={(e) => {
                    const next = { ...condition };
                    if (e.target.checked) next.exact = true;
                    else delete next.exact;
                    props.onChange(next);
                  }}
                />
                {t('conditions.exact')}
              </label>
            )}
          </div>
        )}
        {problem && (
          <p className="error-text small" role="alert">
            {problemText(problem)}
          </p>
        )}
      </div>
    </li>
  );
}
