/**
 * A row of tabs (WAI-ARIA tablist): each tab says whether it is the one shown. With `panelOf`, each tab names
 * the panel it shows (aria-controls) and has an id the panel can point back to (aria-labelledby).
 */
import type { ReactNode } from 'react';

export interface TabsProps<T extends string> {
  /** The tab list's accessible name. */
  label?: string;
  className?: string;
  options: readonly T[];
  value: T | undefined;
  onChange: (value: T) => void;
  /** What a tab shows. */
  children: (option: T) => ReactNode;
  /** The id of the panel a tab shows; the tab's own id is `tab-<option>`. */
  panelOf?: (option: T) => string;
}

export function Tabs<T extends string>({
  label,
  className,
  options,
  value,
  onChange,
  children,
  panelOf,
}: TabsProps<T>) {
  return (
    <div className={className} role="tablist" aria-label={label}>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="tab"
          id={panelOf ? `tab-${option}` : undefined}
          aria-controls={panelOf?.(option)}
          aria-selected={value === option}
          onClick={() => onChange(option)}
        >
          {children(option)}
        </button>
      ))}
    </div>
  );
}
