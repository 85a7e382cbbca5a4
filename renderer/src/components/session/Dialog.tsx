import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface DialogProps {
  /** `alertdialog` for the timeout warning, which interrupts; `dialog` for a question the citizen asked for. */
  readonly role: 'dialog' | 'alertdialog';
  readonly titleId: string;
  readonly descriptionId: string;
  /** Escape (the keypad's back key) closes the dialog, when given. */
  readonly onDismiss?: () => void;
  readonly children: ComponentChildren;
}

/**
 * A modal dialog: focus moves into it (to its first enabled button, else the dialog itself), the keypad's
 * arrows stay inside it (keypad.ts), and focus goes back where it was when it closes.
 */
export function Dialog({ role, titleId, descriptionId, onDismiss, children }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const dialog = ref.current!;
    (dialog.querySelector<HTMLElement>('button:not([disabled])') ?? dialog).focus();
    // After the commit that closes the dialog, when the screen behind is no longer inert.
    return () =>
      queueMicrotask(() => {
        if (previous?.isConnected) previous.focus();
        else document.querySelector<HTMLElement>('.screen-title')?.focus();
      });
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && onDismiss) {
      event.preventDefault();
      onDismiss();
    }
  };
  return (
    <div class="dialog-backdrop">
      <div
        ref={ref}
        class="dialog"
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}
