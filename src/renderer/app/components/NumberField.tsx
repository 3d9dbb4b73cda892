/**
 * A number the planner types and that is saved when the field is left (or Enter is pressed): clamped to
 * [min, max] (rounded where `whole`), not saved when it equals the saved value. An empty field clears the value
 * where `onClear` is given; else, like anything that is not a number, it shows the saved value again. The field
 * shows the saved value afresh whenever that changes (an undo, another window).
 */
export interface NumberFieldProps {
  value: number | null;
  min: number;
  max: number;
  label: string;
  onCommit(next: number): void;
  onClear?(): void;
  whole?: boolean;
  step?: number;
  placeholder?: string;
  className?: string;
  disabled?: boolean;
}

export function NumberField({ value, min, max, label, onCommit, onClear, whole, ...rest }: NumberFieldProps) {
  const saved = value === null ? '' : String(value);
  return (
    <input
      type="number"
      min={min}
      max={max}
      {...rest}
      key={saved}
      defaultValue={saved}
      aria-label={label}
      onBlur={(e) => {
        const field = e.currentTarget;
        const raw = field.value.trim();
        if (raw === '' && onClear) {
          if (value !== null) onClear();
          return;
        }
        const typed = raw === '' ? NaN : Number(raw);
        if (!Number.isFinite(typed)) {
          field.value = saved;
          return;
        }
        const next = Math.max(min, Math.min(max, whole ? Math.round(typed) : typed));
        field.value = String(next);
        if (next !== value) onCommit(next);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
      }}
    />
  );
}
