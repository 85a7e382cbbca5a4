import { describe, expect, it } from 'vitest';
import { today } from './transaction-context.ts';

describe('today', () => {
  it("is the hall's day in Beijing time, whatever the machine's zone: a baby born at 01:30 is born today", () => {
    expect(today(Date.parse('2026-12-02T17:30:00Z'))).toBe('2026-12-03');
    expect(today(Date.parse('2026-12-02T15:59:59Z'))).toBe('2026-12-02');
    expect(today(Date.parse('2026-12-02T16:00:00Z'))).toBe('2026-12-03');
    expect(today(Date.parse('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });
});
