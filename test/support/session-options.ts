/**
 * KioskSessions options for core-level tests: a hall, the default receipt wording, a fixed clock, e-IDs
 * offline, the clock ticking once a minute; the test adds its catalog, store, log, printer and listeners.
 */
import type { KioskSessionsOptions } from '../../core/transaction/kiosk-sessions.ts';
import { DEFAULT_RECEIPT_WORDING } from '../../kiosk-config/schema.ts';

type Given = Pick<KioskSessionsOptions, 'catalog' | 'store' | 'log' | 'print' | 'onView'> & Partial<KioskSessionsOptions>;

export function testSessionOptions(today: Date, given: Given): KioskSessionsOptions {
  return {
    kioskId: 'K1',
    hallName: '示例市政务服务中心',
    receiptWording: DEFAULT_RECEIPT_WORDING,
    maxResumeAgeMs: 30 * 60_000,
    resolveEid: async () => ({ ok: false, reason: 'offline' }),
    now: () => today.getTime(),
    tickMs: 60_000,
    ...given,
  };
}
