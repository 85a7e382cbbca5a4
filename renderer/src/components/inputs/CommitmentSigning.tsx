import { useState } from 'preact/hooks';
import { COMMITMENT_REASONS, encodeCommitment, signingOf, type CommitmentReason } from '../../transaction/signature-code.ts';
import type { Ui } from '../session/ui.ts';
import { ChoiceInput } from './ChoiceInput.tsx';

export interface CommitmentSigningProps {
  readonly ui: Ui;
  readonly value: string | null;
  readonly onChange: (value: string | null) => void;
}

/**
 * Signing without handwriting: the applicant reads the commitment, says why they cannot sign by hand, and
 * confirms with a key. Every control is a button, so the keypad's arrows and Enter do it all; the value
 * records the commitment and its reason (signature-code.ts), which the submission carries.
 */
export function CommitmentSigning({ ui: { t }, value, onChange }: CommitmentSigningProps) {
  const given = value === null ? null : signingOf(value);
  const [reason, setReason] = useState<CommitmentReason | null>(given?.reason ?? null);
  return (
    <div class="commitment-signing">
      <p class="commitment-text">{t('signature.commitment.text')}</p>
      <p id="commitment-reason" class="commitment-reason">
        {t('signature.commitment.reason')}
      </p>
      <ChoiceInput
        options={COMMITMENT_REASONS.map((r) => ({ value: r, label: t(`signature.reason.${r}`) }))}
        value={reason}
        onChange={(chosen) => {
          setReason(chosen as CommitmentReason);
          onChange(null);
        }}
        labelledBy="commitment-reason"
      />
      <div class="signature-foot">
        <button type="button" class="button" onClick={() => reason && onChange(encodeCommitment(reason))}>
          {t('signature.commitment.confirm')}
        </button>
        <p class="signature-state" aria-live="polite">
          {given?.method === 'commitment' ? t('signature.commitment.done') : reason ? t('signature.commitment.pending') : t('signature.commitment.chooseReason')}
        </p>
      </div>
    </div>
  );
}
