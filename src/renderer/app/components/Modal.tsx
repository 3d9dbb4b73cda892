/**
 * A modal dialog on the native <dialog>, opened with showModal(): the browser puts it in the top layer and makes
 * the rest of the page inert (focus cannot reach it, screen readers do not read it, clicks do not land on it),
 * Escape asks to close it (its cancel event), and focus goes back to what opened it when it goes away. Every modal of
 * the app is one of these, so they all behave alike for the keyboard and for assistive technology.
 */
import { useLayoutEffect, useRef, type MouseEvent, type ReactNode, type SyntheticEvent } from 'react';
import './modal.css';

export interface ModalProps {
  /** Classes of the dialog box itself (its look: `dialog`, `dialog wide`, `import-wizard`, ...). */
  className?: string;
  /** The accessible name, when no heading names it through `labelledBy`. */
  label?: string;
  /** The id of the element (usually the heading) that names the dialog. */
  labelledBy?: string;
  /** Asked to close: Escape, or a press on the dimmed page around the box. */
  onClose: () => void;
  /** False while the dialog must stay (work under way): Escape and the backdrop do nothing then. */
  canClose?: boolean;
  /** Whether a press on the dimmed page around the box closes it (default true). */
  closeOnBackdrop?: boolean;
  /** `alertdialog` for a question about something that cannot be undone (WAI-ARIA); `dialog` otherwise. */
  role?: 'dialog' | 'alertdialog';
  /** Focus the dialog itself on opening (a screen reader reads its name first), not its first control. */
  focusDialog?: boolean;
  children: ReactNode;
}

export function Modal({
  className,
  label,
  labelledBy,
  onClose,
  canClose = true,
  closeOnBackdrop = true,
  focusDialog = false,
  role,
  children,
}: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Read by the native events below, which must see this render's props.
  const latest = useRef({ onClose, canClose });
  useLayoutEffect(() => {
    latest.current = { onClose, canClose };
  });

  // Whether to focus the dialog itself, as asked when it opens: a later change does not reopen it.
  const focusOnOpen = useRef(focusDialog);

  // Shown before the first paint (a closed <dialog> styled by its class would flash in the page's flow), closed on
  // unmount, and focus handed back to the opener if it is still there.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    if (focusOnOpen.current) element.focus();
    return () => {
      if (element.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    // The dialog closes when React unmounts it, never by itself: its parent's state stays the truth.
    event.preventDefault();
    if (latest.current.canClose) latest.current.onClose();
  };

  // Chromium closes a dialog on a second Escape even when the first cancel was refused (no user gesture between):
  // open it again if its owner still shows it.
  const onNativeClose = () => {
    const element = dialog.current;
    if (element?.isConnected && !element.open) element.showModal();
  };

  const onMouseDown = (event: MouseEvent<HTMLDialogElement>) => {
    if (!closeOnBackdrop || event.target !== event.currentTarget) return;
    // A press on the ::backdrop targets the dialog itself, as does one on its padding: only outside the box counts.
    const box = event.currentTarget.getBoundingClientRect();
    const outside =
      event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
    if (outside && latest.current.canClose) latest.current.onClose();
  };

  return (
    <dialog
      ref={dialog}
      className={['modal', className].filter(Boolean).join(' ')}
      role={role === 'alertdialog' ? role : undefined}
      aria-label={label}
      aria-labelledby={labelledBy}
      tabIndex={focusDialog ? -1 : undefined}
      onCancel={onCancel}
      onClose={onNativeClose}
      onMouseDown={onMouseDown}
    >
      {children}
    </dialog>
  );
}
