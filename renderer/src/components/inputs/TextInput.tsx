import { isSubmitKey, type InputProps } from './input-props.ts';
import { OnScreenKeyboard } from './OnScreenKeyboard.tsx';

/**
 * A large text box with the kiosk's on-screen keyboard under it (pinyin, Latin, digits and symbols): the
 * browser host has no OS keyboard, and a keypad user needs keys they can reach. A physical keyboard (and its
 * input method) still types into the box.
 */
export function TextInput({ ui, field, value, onChange, onSubmit, labelledBy }: InputProps) {
  const text = typeof value === 'string' ? value : '';
  const maxLength = field.validation?.maxLength ?? 200;
  const change = (next: string) => onChange(next === '' ? null : next);
  return (
    <>
      <p class="muted">{ui.t('text.hint')}</p>
      <input
        type="text"
        class="text-input"
        lang={ui.language}
        inputMode="none"
        autocomplete="off"
        spellcheck={false}
        aria-labelledby={labelledBy}
        maxLength={maxLength}
        value={text}
        onInput={(event) => change(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (isSubmitKey(event)) {
            event.preventDefault();
            onSubmit();
          }
        }}
      />
      <OnScreenKeyboard ui={ui} text={text} maxLength={maxLength} onText={change} />
    </>
  );
}
