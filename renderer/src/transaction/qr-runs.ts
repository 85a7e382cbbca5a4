/** A QR code's dark modules as horizontal runs: one SVG rect per run instead of one per module. */
export interface Run {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

export function qrRuns(rows: readonly string[]): Run[] {
  const runs: Run[] = [];
  rows.forEach((row, y) => {
    for (const match of row.matchAll(/1+/g)) runs.push({ x: match.index, y, width: match[0].length });
  });
  return runs;
}
