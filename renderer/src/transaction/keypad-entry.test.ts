import { describe, expect, it } from 'vitest';
import { enterKey, extraKey, filterTyped, keypadValue, pressKey, type KeypadEntry, type KeypadKey } from './keypad-entry.ts';

const idNumber = { type: 'id-number' as const };
const phone = { type: 'phone' as const };
const weight = { type: 'number' as const, validation: { min: 300, max: 8000 } };
const time = { type: 'text' as const, validation: { pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' } };
const account = { type: 'text' as const, validation: { pattern: '^\\d{12,19}$' } };
const employees = { type: 'number' as const, validation: { min: 0, max: 100000, decimals: 0 } };
const capital = { type: 'number' as const, validation: { decimals: 2 } };

function press(field: Parameters<typeof pressKey>[0], keys: KeypadKey[]): string {
  return keys.reduce((text, key) => pressKey(field, text, key), '');
}

describe('keypad entry', () => {
  it('offers X for ID numbers, the point for numbers, the colon for times, nothing extra otherwise', () => {
    expect(extraKey(idNumber)).toBe('X');
    expect(extraKey(weight)).toBe('.');
    expect(extraKey(time)).toBe(':');
    expect(extraKey(phone)).toBeNull();
    expect(extraKey(account)).toBeNull();
  });

  it('offers no point for a count, and stops at the digits after the point an amount may have', () => {
    expect(extraKey(employees)).toBeNull();
    expect(press(employees, ['1', '.', '5'])).toBe('15');
    expect(press(capital, ['5', '.', '1', '2', '3'])).toBe('5.12');
    expect(filterTyped(employees, '2.5')).toBe('25');
  });

  it('after a wrong answer, a digit starts a new one in its place and delete edits the wrong one', () => {
    const wrong: KeypadEntry = { text: '1380013', replacing: true };
    expect(enterKey(phone, wrong, '1')).toEqual({ text: '1', replacing: false });
    expect(enterKey(phone, wrong, 'delete')).toEqual({ text: '138001', replacing: false });
    expect(enterKey(phone, wrong, 'clear')).toEqual({ text: '', replacing: false });
    expect(enterKey(phone, { text: '138', replacing: false }, '0')).toEqual({ text: '1380', replacing: false });
  });

  it('types digits up to the field length, deletes and clears', () => {
    expect(press(phone, ['1', '3', '8', 'delete', '9'])).toBe('139');
    expect(press(phone, Array<KeypadKey>(14).fill('5'))).toBe('55555555555');
    expect(press(phone, ['1', '2', 'clear'])).toBe('');
    expect(pressKey({ type: 'text', validation: { maxLength: 3 } }, '123', '4')).toBe('123');
  });

  it('accepts X only as the 18th character of an ID number', () => {
    expect(press(idNumber, ['1', 'X'])).toBe('1');
    expect(pressKey(idNumber, '11010519491231002', 'X')).toBe('11010519491231002X');
    expect(pressKey(idNumber, '11010519491231002X', '1')).toBe('11010519491231002X');
  });

  it('accepts one decimal point, with a leading zero when it comes first', () => {
    expect(press(weight, ['.', '5', '.', '1'])).toBe('0.51');
    expect(pressKey(phone, '1', '.')).toBe('1');
  });

  it('keeps typed text to what the keypad could enter', () => {
    expect(filterTyped(idNumber, '1101 0519-4912 3100 2x')).toBe('11010519491231002X');
    expect(filterTyped(time, '08:30')).toBe('08:30');
    expect(filterTyped(phone, '138-0013-8000')).toBe('13800138000');
  });

  it('sends numbers for number fields, text otherwise, and nothing for an empty or unfinished entry', () => {
    expect(keypadValue(weight, '3200')).toBe(3200);
    expect(keypadValue(weight, '0.5')).toBe(0.5);
    expect(keypadValue(weight, '3.')).toBeNull();
    expect(keypadValue(weight, '')).toBeNull();
    expect(keypadValue(phone, '013800138000')).toBe('013800138000');
  });
});
