import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ChoiceInput } from './ChoiceInput.tsx';
import type { InputProps } from './input-props.ts';

type Choice = 'same' | 'different';

/**
 * A value offered from the ID card (户籍地址 from the card's address): kept with one tap, or replaced by
 * typing another (`children`, the field's usual input). Going back to "same" clears the typed answer at
 * once, and core puts the card's value back.
 */
export function SuggestedInput({ ui, field, onChange, labelledBy, children }: InputProps & { readonly children: ComponentChildren }) {
  const { t, text } = ui;
  const suggestion = field.suggestion!;
  const [choice, setChoice] = useState<Choice>(suggestion.chosen ? 'same' : 'different');
  const label = text(suggestion.label);
  const choose = (next: Choice) => {
    setChoice(next);
    // An empty text (not null, "keep") for 不同: the question refuses to go on until one is typed.
    onChange(next === 'different' ? '' : null);
    if (next === 'same' && !suggestion.chosen) void ui.send({ type: 'user.setValue', key: field.key, value: null });
  };
  return (
    <div class="suggested-input">
      <ChoiceInput
        options={[
          { value: 'same', label: t('form.suggestion.same', { label }) },
          { value: 'different', label: t('form.suggestion.different', { label }) },
        ]}
        value={choice}
        onChange={(value) => choose(value === 'different' ? 'different' : 'same')}
        labelledBy={labelledBy}
      />
      {choice === 'different' && children}
    </div>
  );
}
