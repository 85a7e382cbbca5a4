/**
 * A virtual printer that records what it prints and sends, in order: the harness for tests of the printer
 * layer and of the adapter built on it.
 */
import { VirtualEscPosPrinter, type RenderedReceipt, type VirtualPrinterOptions } from './virtual-printer.ts';

export type PrinterEvent = { readonly receipt: RenderedReceipt } | { readonly sent: readonly number[] };

export interface RecordingPrinter {
  readonly printer: VirtualEscPosPrinter;
  /** Receipts and replies in the order they happened. */
  readonly events: PrinterEvent[];
  receipts(): RenderedReceipt[];
  /** All reply bytes recorded so far, which are then forgotten. */
  takeReplies(): number[];
}

export function recordingPrinter(options: Omit<VirtualPrinterOptions, 'onReceipt' | 'transmit'> = {}): RecordingPrinter {
  const events: PrinterEvent[] = [];
  const printer = new VirtualEscPosPrinter({
    ...options,
    onReceipt: (receipt) => events.push({ receipt }),
    transmit: (bytes) => events.push({ sent: Array.from(bytes) }),
  });
  return {
    printer,
    events,
    receipts: () => events.flatMap((e) => ('receipt' in e ? [e.receipt] : [])),
    takeReplies: () => {
      const replies = events.flatMap((e) => ('sent' in e ? e.sent : []));
      for (let i = events.length - 1; i >= 0; i--) if (events[i] && 'sent' in (events[i] as PrinterEvent)) events.splice(i, 1);
      return replies;
    },
  };
}
