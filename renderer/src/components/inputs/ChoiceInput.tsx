import type { Draft } from '../../transaction/question-flow.ts';

export interface ChoiceInputProps {
  readonly options: readonly { readonly value: Exclude<Draft, null>; readonly label: string }[];
  readonly value: Draft;
  readonly onChange: (value: Draft) => void;
  readonly labelledBy: string;
}

/**
 * Big radio buttons. Buttons with the radio role rather than native radios: the keypad's arrows then move
 * through the options and on out of the group (a native group keeps the arrows to itself).
 */
export function ChoiceInput({ options, value, onChange, labelledBy }: ChoiceInputProps) {
  return (
    <div class={options.length > 6 ? 'choice-list many' : 'choice-list'} role="radiogroup" aria-labelledby={labelledBy}>
      {options.map((option) => (
        <button
          key={String(option.value)}
          type="button"
          role="radio"
          class="choice"
          aria-checked={option.value === value}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
