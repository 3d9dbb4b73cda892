/**
 * Adding a filter on any field. A filter is a rule condition: the same operators per field type
 * (src/shared/conditions.ts operatorsFor), the same labels and value shapes as the rule editor, the same "exact"
 * option, and the engine compiles it (src/model/engine/rules/select.ts).
 */
import i18next from 'i18next';
import { Filter, Plus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordFilter } from '../../../../shared/api/records';
import type { Condition, ConditionOperator, FieldDef } from '../../../../shared/domain';
import {
  describeCondition,
  isTextOperator,
  operatorLabel,
  operatorsFor,
  parseList,
  parsePostalRanges,
  valueShape,
} from '../rules/conditions';
import { fieldName } from '../imports/labels';
import { addFilter } from './accountsStore';

/** A filter in words, for its chip: "Industry contains "retail"", as the rule editor says a condition. */
export function filterText(filter: RecordFilter, fields: readonly FieldDef[]): string {
  const field = fields.find((f) => f.key === filter.field);
  const named = field ? fields.map((f) => (f === field ? { ...f, label: fieldName(f.key, f.label) } : f)) : fields;
  const exact = filter.exact ? ` (${i18next.t('conditions.exact').toLowerCase()})` : '';
  return describeCondition(filter, named) + exact;
}

/** The condition the typed values make, or null while something is missing. */
function conditionOf(
  field: FieldDef,
  operator: ConditionOperator,
  value: string,
  to: string,
  exact: boolean,
): Condition | null {
  const shape = valueShape(operator, field.type);
  const base = { field: field.key, operator };
  const text = value.trim();
  switch (shape) {
    case 'none':
      return { ...base, value: null };
    case 'list': {
      const items = parseList(value);
      return items.length > 0 ? { ...base, value: items, ...(exact ? { exact } : {}) } : null;
    }
    case 'postalRanges': {
      const { ranges, bad } = parsePostalRanges(value);
      return ranges.length > 0 && bad.length === 0 ? { ...base, value: ranges } : null;
    }
    case 'number': {
      const n = Number(text.replace(',', '.'));
      return text !== '' && Number.isFinite(n) ? { ...base, value: n } : null;
    }
    case 'numberRange': {
      const a = Number(text.replace(',', '.'));
      const b = Number(to.trim().replace(',', '.'));
      return text !== '' && to.trim() !== '' && Number.isFinite(a) && Number.isFinite(b)
        ? { ...base, value: [a, b] }
        : null;
    }
    // Dates stay ISO days ("2024-05-31"): the engine reads a day as the whole day, in rules and filters alike.
    case 'date':
      return text !== '' ? { ...base, value: text } : null;
    case 'dateRange':
      return text !== '' && to.trim() !== '' ? { ...base, value: [text, to.trim()] } : null;
    default:
      return text !== '' ? { ...base, value, ...(exact ? { exact } : {}) } : null;
  }
}

export function FilterEditor({ fields }: { fields: FieldDef[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState('');
  const [chosenOperator, setOperator] = useState<ConditionOperator>('contains');
  const [value, setValue] = useState('');
  const [to, setTo] = useState('');
  const [exact, setExact] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) panel.current?.querySelector('select')?.focus();
  }, [open]);

  const field = fields.find((f) => f.key === key) ?? fields[0];
  if (!field) return null;
  const operators = operatorsFor(field.type, field.key);
  // Another field keeps the comparison when it fits, else takes the field's first.
  const operator = operators.includes(chosenOperator) ? chosenOperator : operators[0];
  const shape = valueShape(operator, field.type);
  const ready = conditionOf(field, operator, value, to, exact);
  const add = () => {
    if (!ready) return;
    addFilter(ready);
    setOpen(false);
    setValue('');
    setTo('');
  };
  const inputType = shape === 'date' || shape === 'dateRange' ? 'date' : shape.startsWith('number') ? 'number' : 'text';
  const placeholder =
    shape === 'list'
      ? t('conditions.listHint')
      : shape === 'postalRanges'
        ? t('rules.postalRangesPlaceholder')
        : undefined;

  return (
    <div className="records-filter-editor">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Filter size={15} aria-hidden="true" /> {t('records.addFilter')}
      </button>
      {open && (
        <div
          ref={panel}
          className="records-filter-panel"
          role="group"
          aria-label={t('records.addFilter')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
          }}
        >
          <select aria-label={t('records.filterField')} value={field.key} onChange={(e) => setKey(e.target.value)}>
            {fields.map((f) => (
              <option key={f.key} value={f.key}>
                {fieldName(f.key, f.label)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('records.filterOp')}
            value={operator}
            onChange={(e) => setOperator(e.target.value as ConditionOperator)}
          >
            {operators.map((o) => (
              <option key={o} value={o}>
                {operatorLabel(o, field.type)}
              </option>
            ))}
          </select>
          {shape !== 'none' && (
            <input
              aria-label={
                shape === 'numberRange' || shape === 'dateRange' ? t('records.filterFrom') : t('records.filterValue')
              }
              type={inputType}
              value={value}
              maxLength={1000}
              placeholder={placeholder}
              title={placeholder}
              onChange={(e) => setValue(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') add();
              }}
            />
          )}
          {(shape === 'numberRange' || shape === 'dateRange') && (
            <input
              aria-label={t('records.filterTo')}
              type={inputType}
              value={to}
              onChange={(e) => setTo(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') add();
              }}
            />
          )}
          {isTextOperator(operator) && (
            <label className="inline" title={exact ? t('conditions.exactHint') : t('conditions.foldHint')}>
              <input type="checkbox" checked={exact} onChange={(e) => setExact(e.target.checked)} />
              {t('conditions.exact')}
            </label>
          )}
          <button type="button" className="primary" disabled={!ready} onClick={add}>
            <Plus size={15} aria-hidden="true" /> {t('records.applyFilter')}
          </button>
        </div>
      )}
    </div>
  );
}
