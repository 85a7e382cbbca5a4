import { useEffect, useRef, useState } from 'preact/hooks';
import type { FieldValue, FieldView } from '../../../../core/contract/transaction-view.ts';
import { revealable, shownValue } from '../../transaction/display.ts';
import type { Ui } from '../session/ui.ts';

/** How long an answer shown in full stays so after the citizen lets go (or presses the key). */
export const REVEAL_MS = 5_000;

export interface OwnValueProps {
  readonly ui: Ui;
  readonly field: FieldView;
}

/**
 * A form value as a row shows it: masked against bystanders, and for the applicant's own answers a "显示"
 * that shows it in full while held and a few seconds after. By keypad, Enter (or Space) shows it and again
 * hides it; a held key keeps it shown. The full value is asked from core for this one field and forgotten
 * when it is masked again.
 */
export function OwnValue({ ui, field }: OwnValueProps) {
  const { t, text, language } = ui;
  const [own, setOwn] = useState<FieldValue | null>(null);
  const held = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const hide = () => {
    clearTimeout(timer.current);
    setOwn(null);
  };
  const hideLater = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(hide, REVEAL_MS);
  };
  const show = async () => {
    clearTimeout(timer.current);
    const value = await ui.ownAnswer(field.key);
    setOwn(value);
    if (!held.current) hideLater();
  };
  const release = () => {
    if (!held.current) return;
    held.current = false;
    hideLater();
  };
  // A changed answer is masked again; nothing outlives the row.
  useEffect(hide, [field.display]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const shown = own === null ? shownValue(field, language, t) : String(own);
  if (!revealable(field)) return <span class="field-value">{shown}</span>;
  return (
    <>
      <span class={own === null ? 'field-value' : 'field-value own'}>{shown}</span>
      <button
        type="button"
        class="button small reveal"
        aria-pressed={own !== null}
        aria-label={t('form.revealLabel', { label: text(field.label) })}
        onPointerDown={(event) => {
          held.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          void show();
        }}
        onPointerUp={release}
        onPointerCancel={release}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          if (event.repeat) hideLater();
          else if (own === null) void show();
          else hide();
        }}
        onKeyUp={(event) => {
          if (event.key === ' ') event.preventDefault();
        }}
        onClick={(event) => {
          // A click from assistive technology (no pointer, no key of ours) toggles like a key press.
          if (event.detail !== 0) return;
          if (own === null) void show();
          else hide();
        }}
      >
        {t('form.reveal')}
      </button>
    </>
  );
}
