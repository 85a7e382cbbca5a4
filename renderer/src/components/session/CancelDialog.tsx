import { Dialog } from './Dialog.tsx';
import type { Ui } from './ui.ts';

export interface CancelDialogProps {
  readonly ui: Ui;
  /** Worded for ending a session that may be someone else's (the card check after a restart). */
  readonly ending?: boolean;
  readonly onKeep: () => void;
  readonly onCancel: () => void;
}

/** Cancelling wipes everything entered: asked once more, with "keep going" first and focused. */
export function CancelDialog({ ui: { t }, ending = false, onKeep, onCancel }: CancelDialogProps) {
  return (
    <Dialog role="dialog" titleId="cancel-title" descriptionId="cancel-body" onDismiss={onKeep}>
      <h2 id="cancel-title" class="dialog-title">
        {t(ending ? 'reidentify.endTitle' : 'cancel.title')}
      </h2>
      <p id="cancel-body">{t(ending ? 'reidentify.endBody' : 'cancel.body')}</p>
      <div class="dialog-actions">
        <button type="button" class="button primary" onClick={onKeep}>
          {t('cancel.keep')}
        </button>
        <button type="button" class="button danger" onClick={onCancel}>
          {t(ending ? 'reidentify.endConfirm' : 'cancel.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
