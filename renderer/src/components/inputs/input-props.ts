import type { FieldView } from '../../../../core/contract/transaction-view.ts';
import type { Draft } from '../../transaction/question-flow.ts';
import type { Ui } from '../session/ui.ts';

/** What every question input gets: the field, what it holds, and how to report a change or an Enter. */
export interface InputProps {
  readonly ui: Ui;
  readonly field: FieldView;
  readonly value: Draft;
  readonly onChange: (value: Draft) => void;
  /** Enter in a text box: the same as the question's main button. */
  readonly onSubmit: () => void;
  /** The id of the question's heading, which names the input. */
  readonly labelledBy: string;
}

/** Enter that ends an entry, not one that picks a character in the IME. */
export function isSubmitKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && !event.isComposing;
}
