import { useEffect, useRef, useState } from 'preact/hooks';
import { extraKey, filterTyped, keypadValue, maxLength, pressKey, type KeypadKey } from '../../transaction/keypad-entry.ts';
import { isSubmitKey, type InputProps } from './input-props.ts';

const DIGITS: readonly KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Numbers on an on-screen keypad, with the native box beside it for a physical keyboard. The box asks the
 * OS for no keyboard of its own (inputmode none): the keypad is the keyboard. A physical numeric keypad's
 * digits are taken wherever the focus is, unless another text box has it.
 */
export function KeypadInput({ ui: { t }, field, value, onChange, onSubmit, labelledBy }: InputProps) {
  const [text, setText] = useState(() => (value === null ? '' : String(value)));
  const current = useRef(text);
  const update = (next: string) => {
    current.current = next;
    setText(next);
    onChange(keypadValue(field, next));
  };
  const press = (key: KeypadKey) => update(pressKey(field, current.current, key));

  // Registered again after each render, so the listener always presses with the current field and callback.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if ((event.target as HTMLElement | null)?.closest('input, textarea')) return;
      const key = event.key === 'Backspace' ? 'delete' : event.key.toUpperCase();
      if (key !== 'delete' && !/^[\dX.:]$/.test(key)) return;
      event.preventDefault();
      press(key as KeypadKey);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  const extra = extraKey(field);
  return (
    <div class="keypad-entry">
      <input
        type="text"
        class="keypad-display"
        inputMode="none"
        autocomplete="off"
        aria-labelledby={labelledBy}
        maxLength={maxLength(field)}
        value={text}
        onInput={(event) => {
          const filtered = filterTyped(field, event.currentTarget.value);
          event.currentTarget.value = filtered;
          update(filtered);
        }}
        onKeyDown={(event) => {
          if (isSubmitKey(event)) {
            event.preventDefault();
            onSubmit();
          }
        }}
      />
      <div class="keypad" role="group" aria-label={t('keypad.label')}>
        <div class="keypad-digits">
          {DIGITS.map((digit) => (
            <button key={digit} type="button" class="key" onClick={() => press(digit)}>
              {digit}
            </button>
          ))}
          {extra ? (
            <button type="button" class="key" onClick={() => press(extra)}>
              {extra}
            </button>
          ) : (
            <span aria-hidden="true" />
          )}
          <button type="button" class="key" onClick={() => press('0')}>
            0
          </button>
        </div>
        <div class="keypad-actions">
          <button type="button" class="key" onClick={() => press('delete')}>
            {t('keypad.delete')}
          </button>
          <button type="button" class="key" onClick={() => press('clear')}>
            {t('keypad.clear')}
          </button>
        </div>
      </div>
    </div>
  );
}
