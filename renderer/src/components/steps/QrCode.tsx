import type { TransactionView } from '../../../../core/contract/transaction-view.ts';
import { qrRuns } from '../../transaction/qr-runs.ts';

/** The quiet zone the QR standard asks for around the symbol, in modules. */
const QUIET = 4;

export interface QrCodeProps {
  readonly qr: NonNullable<TransactionView['submission']>['qr'];
  /** What the code holds, for those who cannot see it. */
  readonly label: string;
}

/** Drawn from the modules core sends, black on white whatever the theme, so any phone camera reads it. */
export function QrCode({ qr, label }: QrCodeProps) {
  const size = qr.size + 2 * QUIET;
  return (
    <svg class="qr-code" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      {qrRuns(qr.rows).map((run) => (
        <rect key={`${run.x},${run.y}`} x={run.x + QUIET} y={run.y + QUIET} width={run.width} height={1} fill="#000" />
      ))}
    </svg>
  );
}
