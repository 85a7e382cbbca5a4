import { describe, expect, it } from 'vitest';
import { nearestInDirection, type Box } from './grid-focus.ts';

/** Three rows of keys 50 px wide, the second row shifted half a key, as on a keyboard. */
const key = (row: number, column: number): Box => ({ x: column * 60 + (row === 1 ? 30 : 0), y: row * 60, width: 50, height: 50 });
const rows = [10, 9, 7].flatMap((count, row) => Array.from({ length: count }, (_, column) => key(row, column)));
const at = (row: number, column: number) => rows.findIndex((b) => b.x === key(row, column).x && b.y === key(row, column).y);

describe('grid focus', () => {
  it('goes down to the nearest key of the next row, and up again', () => {
    expect(nearestInDirection(rows, key(0, 0), 'down')).toBe(at(1, 0));
    expect(nearestInDirection(rows, key(1, 8), 'down')).toBe(at(2, 6));
    expect(nearestInDirection(rows, key(2, 0), 'up')).toBe(at(1, 0));
  });

  it('goes along the row, and stops at its edges and at the last row', () => {
    expect(nearestInDirection(rows, key(0, 3), 'right')).toBe(at(0, 4));
    expect(nearestInDirection(rows, key(0, 3), 'left')).toBe(at(0, 2));
    expect(nearestInDirection(rows, key(0, 9), 'right')).toBe(-1);
    expect(nearestInDirection(rows, key(2, 3), 'down')).toBe(-1);
  });
});
