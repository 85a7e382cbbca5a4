import { isSubmitKey, type InputProps } from './input-props.ts';

/**
 * A large native text box: the operating system's input method writes Chinese (pinyin, handwriting), which
 * no on-screen keyboard of ours could match (docs/accessibility.md).
 */
export function TextInput({ ui, field, value, onChange, onSubmit, labelledBy }: InputProps) {
  return (
    <>
      <p class="muted">{ui.t('text.hint')}</p>
      <input
        type="text"
        class="text-input"
        lang={ui.language}
        autocomplete="off"
        spellcheck={false}
        aria-labelledby={labelledBy}
        maxLength={field.validation?.maxLength ?? 200}
        value={typeof value === 'string' ? value : ''}
        onInput={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
        onKeyDown={(event) => {
          if (isSubmitKey(event)) {
            event.preventDefault();
            onSubmit();
          }
        }}
      />
    </>
  );
}
