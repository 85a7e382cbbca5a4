import type { DeviceStatus } from '../../../core/contract/kiosk-view.ts';

export type PrinterWarning = 'paperOut' | 'printerDown';

/**
 * What the next citizen should know before starting: the receipt printer cannot print (out of paper, or down
 * for another reason), so the receipt will be shown on screen. From the printer's own status (ASB).
 */
export function printerWarning(devices: readonly DeviceStatus[]): PrinterWarning | null {
  const printer = devices.find((d) => d.kind === 'printer');
  if (!printer || printer.status !== 'UNAVAILABLE') return null;
  return printer.code === 'MEDIA_EMPTY' ? 'paperOut' : 'printerDown';
}
