import { describe, expect, it } from 'vitest';
import { qrRuns } from './qr-runs.ts';

describe('QR runs', () => {
  it('turns each row of modules into its runs of dark ones', () => {
    expect(qrRuns(['1110011', '0000000', '0101000'])).toEqual([
      { x: 0, y: 0, width: 3 },
      { x: 5, y: 0, width: 2 },
      { x: 1, y: 2, width: 1 },
      { x: 3, y: 2, width: 1 },
    ]);
  });
});
