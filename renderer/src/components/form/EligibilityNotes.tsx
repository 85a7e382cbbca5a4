import type { TransactionView } from '../../../../core/contract/transaction-view.ts';
import type { Ui } from '../session/ui.ts';

export interface EligibilityNotesProps {
  readonly ui: Ui;
  readonly eligibility: TransactionView['eligibility'];
}

/** Warnings from the bundle's eligibility rules: they do not stop the citizen, so they inform quietly. */
export function EligibilityNotes({ ui: { t, text }, eligibility }: EligibilityNotesProps) {
  const warnings = eligibility.filter((e) => e.level === 'warn');
  if (warnings.length === 0) return null;
  return (
    <aside class="card note-card" aria-label={t('form.notice')}>
      {warnings.map((w) => (
        <p key={w.message['zh-CN']}>{text(w.message)}</p>
      ))}
    </aside>
  );
}
