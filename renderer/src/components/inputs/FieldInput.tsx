import { ChoiceInput } from './ChoiceInput.tsx';
import { DateInput } from './DateInput.tsx';
import type { InputProps } from './input-props.ts';
import { KeypadInput } from './KeypadInput.tsx';
import { SignaturePad } from './SignaturePad.tsx';
import { SuggestedInput } from './SuggestedInput.tsx';
import { TextInput } from './TextInput.tsx';

/** The input a field asks for; a value offered from the ID card comes first, as a choice to keep it. */
export function FieldInput(props: InputProps) {
  return props.field.suggestion ? <SuggestedInput {...props}>{entryInput(props)}</SuggestedInput> : entryInput(props);
}

/** The input of the field's kind (`field.input`); a yes/no field is two big choices whatever its input says. */
function entryInput(props: InputProps) {
  const { ui, field, value, onChange, labelledBy } = props;
  if (field.type === 'boolean') {
    const options = [
      { value: true, label: ui.t('form.yes') },
      { value: false, label: ui.t('form.no') },
    ];
    return <ChoiceInput options={options} value={value} onChange={onChange} labelledBy={labelledBy} />;
  }
  switch (field.input) {
    case 'choice-list':
      return (
        <ChoiceInput
          options={(field.choices ?? []).map((c) => ({ value: c.value, label: ui.text(c.label) }))}
          value={value}
          onChange={onChange}
          labelledBy={labelledBy}
        />
      );
    case 'keypad':
      return <KeypadInput {...props} />;
    case 'date-picker':
      return <DateInput {...props} />;
    case 'signature-pad':
      return <SignaturePad {...props} />;
    default:
      return <TextInput {...props} />;
  }
}

/** The input kind as the page names it (data-input), for tests and styling. */
export function inputKind(field: InputProps['field']): string {
  return field.type === 'boolean' ? 'boolean' : field.input;
}
