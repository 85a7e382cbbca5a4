import { describe, expect, it } from 'vitest';
import { voiceKeyAction } from './voice-keys.ts';

const key = (code: string, k: string, modifiers: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  code,
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});

describe('voiceKeyAction', () => {
  it('maps the numeric keypad operators everywhere, text boxes included', () => {
    for (const inTextBox of [false, true]) {
      expect(voiceKeyAction(key('NumpadMultiply', '*'), inTextBox)).toBe('repeat');
      expect(voiceKeyAction(key('NumpadDivide', '/'), inTextBox)).toBe('stop');
      expect(voiceKeyAction(key('NumpadAdd', '+'), inTextBox)).toBe('louder');
      expect(voiceKeyAction(key('NumpadSubtract', '-'), inTextBox)).toBe('softer');
    }
  });
  it('takes the same characters from a full keyboard only outside a text box', () => {
    expect(voiceKeyAction(key('Digit8', '*'), false)).toBe('repeat');
    expect(voiceKeyAction(key('Minus', '-'), false)).toBe('softer');
    expect(voiceKeyAction(key('Minus', '-'), true)).toBeNull();
    expect(voiceKeyAction(key('Slash', '/'), true)).toBeNull();
  });
  it('leaves digits, the decimal point, Enter and shortcuts alone', () => {
    for (const [code, k] of [['Numpad5', '5'], ['NumpadDecimal', '.'], ['NumpadEnter', 'Enter'], ['KeyX', 'X']] as const) expect(voiceKeyAction(key(code, k), false)).toBeNull();
    expect(voiceKeyAction(key('NumpadAdd', '+', { ctrlKey: true }), false)).toBeNull();
    expect(voiceKeyAction(key('NumpadSubtract', '-', { altKey: true }), false)).toBeNull();
  });
});
