import { describe, expect, it } from 'vitest';
import { nextFocusTarget } from './keypad.ts';

/** Controls at document positions 2, 4 and 6; odd numbers stand for headings and text between them. */
const controls = [2, 4, 6];
const precedes = (a: number, b: number) => a < b;

describe('keypad focus order', () => {
  it('moves through the controls and wraps around', () => {
    expect(nextFocusTarget(controls, 2, 1, precedes)).toBe(4);
    expect(nextFocusTarget(controls, 6, 1, precedes)).toBe(2);
    expect(nextFocusTarget(controls, 2, -1, precedes)).toBe(6);
  });

  it('starts from a focused heading: the next control after it, or the last before it', () => {
    expect(nextFocusTarget(controls, 3, 1, precedes)).toBe(4);
    expect(nextFocusTarget(controls, 3, -1, precedes)).toBe(2);
    expect(nextFocusTarget(controls, 7, 1, precedes)).toBe(2);
    expect(nextFocusTarget(controls, 1, -1, precedes)).toBe(6);
  });

  it('starts at either end when nothing has focus, and does nothing without controls', () => {
    expect(nextFocusTarget(controls, null, 1, precedes)).toBe(2);
    expect(nextFocusTarget(controls, null, -1, precedes)).toBe(6);
    expect(nextFocusTarget([], 3, 1, precedes)).toBeUndefined();
  });
});
