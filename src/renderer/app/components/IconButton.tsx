/**
 * A button that shows an icon alone: its label is its accessible name and its tooltip (with the shortcut, when it
 * has one), so every icon button of the app can be found by a screen reader, a test, and a pointer alike.
 */
import type { ReactNode } from 'react';
import type { Shortcut } from '../../../shared/shortcuts';
import { tooltipOf } from '../viewActions';

export interface IconButtonProps {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  /** A toggle's state (aria-pressed). */
  pressed?: boolean;
  shortcuts?: readonly Shortcut[];
  className?: string;
}

export function IconButton({
  label,
  icon,
  onClick,
  disabled,
  pressed,
  shortcuts,
  className = 'icon',
}: IconButtonProps) {
  return (
    <button
      type="button"
      className={className}
      aria-label={label}
      aria-pressed={pressed}
      title={tooltipOf(label, shortcuts)}
      disabled={disabled}
      onClick={onClick}
    >
      {icon}
    </button>
  );
}
