/**
 * The voice keys of a physical numeric keypad: * repeats, / stops, + and - change the volume. The keypad's
 * operator keys mean nothing else on the kiosk (digits, Enter, arrows and the decimal point are taken), so they
 * work wherever the focus is; the same characters typed on a full keyboard count only outside a text box.
 */
export type VoiceKeyAction = 'repeat' | 'stop' | 'louder' | 'softer';

const BY_CODE: Readonly<Record<string, VoiceKeyAction>> = {
  NumpadMultiply: 'repeat',
  NumpadDivide: 'stop',
  NumpadAdd: 'louder',
  NumpadSubtract: 'softer',
};
const BY_KEY: Readonly<Record<string, VoiceKeyAction>> = { '*': 'repeat', '/': 'stop', '+': 'louder', '-': 'softer' };

export interface KeyLike {
  readonly code: string;
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

export function voiceKeyAction(event: KeyLike, inTextBox: boolean): VoiceKeyAction | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  return BY_CODE[event.code] ?? (inTextBox ? null : (BY_KEY[event.key] ?? null));
}

export function installVoiceKeys(doc: Document, act: (action: VoiceKeyAction) => void): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const inTextBox = (event.target as Element | null)?.closest?.('input, textarea, [contenteditable="true"]') != null;
    const action = voiceKeyAction(event, inTextBox);
    if (!action) return;
    event.preventDefault();
    act(action);
  };
  doc.addEventListener('keydown', onKeyDown);
  return () => doc.removeEventListener('keydown', onKeyDown);
}
