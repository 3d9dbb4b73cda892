/**
 * Modal questions as promises: `await ask.text(...)`, `await ask.confirm(...)`, `await ask.choice(...)`.
 * One DialogHost renders whichever is open, as a Modal (native <dialog>): Escape cancels, Enter confirms, focus
 * returns to what asked.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { Modal } from './Modal';
import { DialogActions } from './DialogActions';

type Pending =
  | { kind: 'text'; title: string; label: string; initial: string; resolve: (value: string | null) => void }
  | { kind: 'confirm'; title: string; text: string; danger: boolean; action: string; resolve: (ok: boolean) => void }
  | {
      kind: 'choice';
      title: string;
      text: string;
      choices: { value: string; label: string; danger?: boolean }[];
      resolve: (value: string | null) => void;
    };

const useDialogStore = create<{ pending: Pending | null }>(() => ({ pending: null }));
const open = (pending: Pending) => useDialogStore.setState({ pending });
const close = () => useDialogStore.setState({ pending: null });

export const ask = {
  text: (title: string, label: string, initial = '') =>
    new Promise<string | null>((resolve) => open({ kind: 'text', title, label, initial, resolve })),
  confirm: (title: string, text: string, options: { danger?: boolean; action?: string } = {}) =>
    new Promise<boolean>((resolve) =>
      open({ kind: 'confirm', title, text, danger: options.danger ?? false, action: options.action ?? 'OK', resolve }),
    ),
  choice: (title: string, text: string, choices: { value: string; label: string; danger?: boolean }[]) =>
    new Promise<string | null>((resolve) => open({ kind: 'choice', title, text, choices, resolve })),
};

export function DialogHost() {
  const pending = useDialogStore((s) => s.pending);
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const firstButton = useRef<HTMLButtonElement>(null);

  // A new question starts from its own initial text.
  const [asked, setAsked] = useState(pending);
  if (asked !== pending) {
    setAsked(pending);
    if (pending?.kind === 'text') setText(pending.initial);
  }
  useEffect(() => {
    if (pending?.kind === 'text') setTimeout(() => inputRef.current?.select(), 0);
    else if (pending) setTimeout(() => firstButton.current?.focus(), 0);
  }, [pending]);

  if (!pending) return null;
  const cancel = () => {
    close();
    if (pending.kind === 'confirm') pending.resolve(false);
    else pending.resolve(null);
  };

  return (
    <Modal className="dialog" label={pending.title} onClose={cancel}>
      <h2>{pending.title}</h2>
      {pending.kind === 'text' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            close();
            pending.resolve(text.trim());
          }}
        >
          <label className="field">
            <span>{pending.label}</span>
            <input ref={inputRef} value={text} onChange={(e) => setText(e.target.value)} aria-label={pending.label} />
          </label>
          <DialogActions onCancel={cancel}>
            <button type="submit" className="primary" disabled={!text.trim()}>
              {t('common.ok')}
            </button>
          </DialogActions>
        </form>
      )}
      {pending.kind === 'confirm' && (
        <>
          <p>{pending.text}</p>
          <DialogActions onCancel={cancel}>
            <button
              ref={firstButton}
              type="button"
              className={pending.danger ? 'danger' : 'primary'}
              onClick={() => {
                close();
                pending.resolve(true);
              }}
            >
              {pending.action}
            </button>
          </DialogActions>
        </>
      )}
      {pending.kind === 'choice' && (
        <>
          <p>{pending.text}</p>
          <div className="dialog-actions vertical">
            {pending.choices.map((choice, i) => (
              <button
                key={choice.value}
                ref={i === 0 ? firstButton : undefined}
                type="button"
                className={choice.danger ? 'danger' : 'primary'}
                onClick={() => {
                  close();
                  pending.resolve(choice.value);
                }}
              >
                {choice.label}
              </button>
            ))}
            <button type="button" onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
