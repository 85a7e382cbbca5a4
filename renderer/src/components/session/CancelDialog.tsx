import { Dialog } from './Dialog.tsx';
import type { Ui } from './ui.ts';

export interface CancelDialogProps {
  readonly ui: Ui;
  readonly onKeep: () => void;
  readonly onCancel: () => void;
}

/** Cancelling wipes everything entered: asked once more, with "keep going" first and focused. */
export function CancelDialog({ ui: { t }, onKeep, onCancel }: CancelDialogProps) {
  return (
    <Dialog role="dialog" titleId="cancel-title" descriptionId="cancel-body" onDismiss={onKeep}>
      <h2 id="cancel-title" class="dialog-title">
        {t('cancel.title')}
      </h2>
      <p id="cancel-body">{t('cancel.body')}</p>
      <div class="dialog-actions">
        <button type="button" class="button primary" onClick={onKeep}>
          {t('cancel.keep')}
        </button>
        <button type="button" class="button danger" onClick={onCancel}>
          {t('cancel.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
