/** Adding a filter on any field: the field, a comparison that fits its type, and the value(s). */
import { Filter, Plus } from 'lucide-react';
import i18next from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordFilter, RecordFilterOp } from '../../../../shared/api/records';
import { isTextField, type FieldDef } from '../../../../shared/domain';
import { formatDate, formatNumber } from '../../i18n';
import { fieldName } from '../imports/labels';
import { addFilter } from './accountsStore';

const textOps: RecordFilterOp[] = ['contains', 'is', 'isNot', 'startsWith', 'notContains', 'isEmpty', 'isNotEmpty'];
const numberOps: RecordFilterOp[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'between', 'isEmpty', 'isNotEmpty'];
const dateOps: RecordFilterOp[] = ['eq', 'lt', 'gt', 'between', 'isEmpty', 'isNotEmpty'];

function opsOf(field: FieldDef | undefined): RecordFilterOp[] {
  if (!field || isTextField(field.type)) return textOps;
  return field.type === 'date' ? dateOps : numberOps;
}

const DAY = 86_400_000;
const dayOf = (text: string) => Date.parse(`${text}T00:00:00Z`);

/** A filter in words, for its chip: "Industry contains retail". */
export function filterText(filter: RecordFilter, fields: readonly FieldDef[]): string {
  const field = fields.find((f) => f.key === filter.field);
  const name = fieldName(filter.field, field?.label);
  const show = (v: unknown) =>
    typeof v === 'number' ? (field?.type === 'date' ? formatDate(v) : formatNumber(v)) : String(v);
  const op = i18next.t(`records.ops.${filter.op}`);
  if (filter.op === 'isEmpty' || filter.op === 'isNotEmpty') return `${name} ${op}`;
  if (Array.isArray(filter.value)) return `${name} ${op} ${filter.value.map(show).join(' – ')}`;
  return `${name} ${op} ${show(filter.value)}`;
}

export function FilterEditor({ fields }: { fields: FieldDef[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState('');
  const [op, setOp] = useState<RecordFilterOp>('contains');
  const [value, setValue] = useState('');
  const [to, setTo] = useState('');
  const panel = useRef<HTMLDivElement>(null);
  const field = fields.find((f) => f.key === key) ?? fields[0];
  const ops = opsOf(field);

  useEffect(() => {
    if (!ops.includes(op)) setOp(ops[0]);
  }, [ops, op]);

  useEffect(() => {
    if (open) panel.current?.querySelector('select')?.focus();
  }, [open]);

  if (!field) return null;
  const date = field.type === 'date';
  const numeric = !isTextField(field.type);
  const needsValue = op !== 'isEmpty' && op !== 'isNotEmpty';

  const filter = (): RecordFilter | null => {
    if (!needsValue) return { field: field.key, op, value: null };
    if (!numeric) return value.trim() ? { field: field.key, op, value: value.trim() } : null;
    const read = (text: string) => (date ? dayOf(text) : Number(text.replace(',', '.')));
    const a = read(value);
    if (Number.isNaN(a)) return null;
    if (op === 'between') {
      const b = read(to);
      if (Number.isNaN(b)) return null;
      return { field: field.key, op, value: [a, date ? b + DAY - 1 : b] };
    }
    // A day is a span: "on 3 May" is any time that day.
    if (date && op === 'eq') return { field: field.key, op: 'between', value: [a, a + DAY - 1] };
    if (date && op === 'gt') return { field: field.key, op, value: a + DAY - 1 };
    return { field: field.key, op, value: a };
  };
  const ready = filter();

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
            value={op}
            onChange={(e) => setOp(e.target.value as RecordFilterOp)}
          >
            {ops.map((o) => (
              <option key={o} value={o}>
                {t(`records.ops.${o}`)}
              </option>
            ))}
          </select>
          {needsValue && (
            <input
              aria-label={op === 'between' ? t('records.filterFrom') : t('records.filterValue')}
              type={date ? 'date' : numeric ? 'number' : 'text'}
              value={value}
              maxLength={1000}
              onChange={(e) => setValue(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && ready) {
                  addFilter(ready);
                  setOpen(false);
                  setValue('');
                }
              }}
            />
          )}
          {op === 'between' && (
            <input
              aria-label={t('records.filterTo')}
              type={date ? 'date' : 'number'}
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          )}
          <button
            type="button"
            className="primary"
            disabled={!ready}
            onClick={() => {
              if (!ready) return;
              addFilter(ready);
              setOpen(false);
              setValue('');
              setTo('');
            }}
          >
            <Plus size={15} aria-hidden="true" /> {t('records.applyFilter')}
          </button>
        </div>
      )}
    </div>
  );
}
