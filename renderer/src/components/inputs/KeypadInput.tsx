import { useEffect, useRef, useState } from 'preact/hooks';
import { enterKey, extraKey, filterTyped, keypadValue, maxLength, type KeypadEntry, type KeypadKey } from '../../transaction/keypad-entry.ts';
import { isSubmitKey, type InputProps } from './input-props.ts';

const DIGITS: readonly KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Numbers on an on-screen keypad, with the native box beside it for a physical keyboard. The box asks the
 * OS for no keyboard of its own (inputmode none): the keypad is the keyboard. A physical numeric keypad's
 * digits are taken wherever the focus is, unless another text box has it. An answer found wrong stays in
 * the box, marked, until the next digit starts a new one in its place.
 */
export function KeypadInput({ ui: { t }, field, value, onChange, onSubmit, labelledBy }: InputProps) {
  const wrong = field.problem !== undefined && field.problem.code !== 'required';
  const [entry, setEntry] = useState<KeypadEntry>(() => ({ text: value === null ? '' : String(value), replacing: wrong }));
  // Keys can come faster than renders: each press builds on the entry the last one left, not on a render's.
  const current = useRef(entry);
  const box = useRef<HTMLInputElement>(null);
  const show = (next: KeypadEntry) => {
    current.current = next;
    setEntry(next);
  };
  const update = (next: KeypadEntry) => {
    show(next);
    onChange(keypadValue(field, next.text));
  };
  const press = (key: KeypadKey) => update(enterKey(field, current.current, key));

  // Each answer core finds wrong (a new view with a problem for a new value) is one to replace.
  useEffect(() => {
    if (!wrong) return;
    show({ ...current.current, replacing: true });
    if (document.activeElement === box.current) box.current?.select();
  }, [wrong, field.display]);

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

  const replacing = entry.replacing && entry.text !== '';
  const extra = extraKey(field);
  return (
    <div class="keypad-entry">
      <div class="keypad-field">
        <input
          ref={box}
          type="text"
          class={replacing ? 'keypad-display replacing' : 'keypad-display'}
          inputMode="none"
          autocomplete="off"
          aria-labelledby={labelledBy}
          aria-describedby={replacing ? 'keypad-replace' : undefined}
          aria-invalid={replacing}
          maxLength={maxLength(field)}
          value={entry.text}
          onFocus={(event) => current.current.replacing && event.currentTarget.select()}
          onInput={(event) => {
            const filtered = filterTyped(field, event.currentTarget.value);
            event.currentTarget.value = filtered;
            update({ text: filtered, replacing: false });
          }}
          onKeyDown={(event) => {
            if (isSubmitKey(event)) {
              event.preventDefault();
              onSubmit();
            }
          }}
        />
        {replacing && (
          <p id="keypad-replace" class="keypad-note">
            {t('keypad.replace')}
          </p>
        )}
      </div>
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
