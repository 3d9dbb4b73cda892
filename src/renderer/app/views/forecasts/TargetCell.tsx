import { useEffect, useRef, useState } from 'react';
import { formatCompactMoney } from '../../i18n';

/** A target amount that becomes an input on click; Enter saves, Escape cancels, an empty value clears it. */
export function TargetCell(props: {
  label: string;
  value: number | null;
  currency: string;
  readOnly: boolean;
  onChange(amount: number | null): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  // Enter or Escape in the field hands the focus back to the amount, rather than to the page's body.
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (editing === null && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [editing]);
  if (editing !== null) {
    const commit = () => {
      const text = editing.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
      setEditing(null);
      if (text === '') return props.onChange(null);
      const amount = Number(text);
      if (Number.isFinite(amount) && amount >= 0 && amount !== props.value) props.onChange(Math.round(amount));
    };
    return (
      <input
        className="target-input"
        aria-label={props.label}
        autoFocus
        onFocus={(e) => e.target.select()}
        inputMode="decimal"
        value={editing}
        onChange={(e) => setEditing(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'Escape') {
            // Not passed on to the amount's button, which takes the focus before the key's press would reach it.
            e.preventDefault();
            refocus.current = true;
          }
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setEditing(null);
        }}
      />
    );
  }
  const shown = props.value === null ? '—' : formatCompactMoney(props.value, props.currency);
  return (
    <button
      ref={button}
      type="button"
      className="target-value"
      // The visible amount is part of the name (WCAG 2.5.3, label in name); the label says what it is.
      aria-label={`${props.label}: ${shown}`}
      disabled={props.readOnly}
      onClick={() => setEditing(props.value === null ? '' : String(props.value))}
    >
      {shown}
    </button>
  );
}
