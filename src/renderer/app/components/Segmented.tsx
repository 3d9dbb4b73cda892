/**
 * A segmented control: one of a few choices, side by side. It is a radio group (role radiogroup, each choice a
 * radio that says whether it is checked), so a screen reader announces "3 of 5, checked" as for native radios.
 */
import type { ReactNode } from 'react';
import './segmented.css';

export interface SegmentedProps<T extends string> {
  /** The group's accessible name. */
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  /** What a choice shows. */
  children: (option: T) => ReactNode;
  /** A choice that cannot be picked now. */
  isDisabled?: (option: T) => boolean;
}

export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  children,
  isDisabled,
}: SegmentedProps<T>) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={value === option}
          className={value === option ? 'active' : ''}
          disabled={isDisabled?.(option)}
          onClick={() => onChange(option)}
        >
          {children(option)}
        </button>
      ))}
    </div>
  );
}
