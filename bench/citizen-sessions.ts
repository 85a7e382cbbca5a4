/**
 * Citizen sessions through core for the benchmarks: `KioskSessions` on a real store with the shipped
 * catalog, each session card → consent → bundle → form → materials → submit → receipt → rating → wipe by
 * the scripted citizen of test/support/scripted-citizen.ts, the sample bundles in turn.
 */
import pino from 'pino';
import { DEFAULT_RECEIPT_WORDING } from '../kiosk-config/schema.ts';
import type { Catalog } from '../kiosk-config/catalog-schema.ts';
import type { TransactionView } from '../core/contract/transaction-view.ts';
import type { Store } from '../core/store/database.ts';
import { KioskSessions } from '../core/transaction/kiosk-sessions.ts';
import type { IdCardRead } from '../devices/idcard/id-card-reader.ts';
import { withLabels } from '../devices/idcard/id-card-text.ts';
import { fillAndSubmit } from '../test/support/scripted-citizen.ts';

/** A resident woman of 52, whom every sample bundle's rules accept (retirement: women from 45 or 50). */
const CARD: IdCardRead = {
  card: withLabels({
    type: 'resident',
    name: '测试员',
    gender: '2',
    nation: '01',
    birthDate: '1974-06-15',
    address: '北京市东城区测试路1号',
    idNumber: '110101197406150025',
    issuer: '北京市公安局东城分局',
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
  }),
  valid: true,
  problems: [],
  photoWlt: new Uint8Array(1024),
  photo: null,
  fingerprint: null,
  readMs: 100,
  frameBytes: 1295,
};

export interface ScriptedKiosk {
  /** One whole session, the `i`-th bundle of the catalog (modulo); resolves once it is wiped. */
  session(i: number): Promise<void>;
  stop(): Promise<void>;
}

/** Sessions at a kiosk without a back office (the exchange offline), as a kiosk queuing its submissions. */
export function scriptedKiosk(store: Store, catalog: Catalog, kioskId: string): ScriptedKiosk {
  let latest: TransactionView | null = null;
  let ended = 0;
  // Waits are woken by the views, not by polling: a polling loop would spin the kiosk's event loop.
  const waiters = new Set<() => void>();
  const sessions = new KioskSessions({
    catalog,
    store,
    kioskId,
    hallName: '基准测试大厅',
    receiptWording: DEFAULT_RECEIPT_WORDING,
    log: pino({ level: 'silent' }),
    maxResumeAgeMs: 60_000,
    print: async () => undefined,
    resolveEid: async () => ({ ok: false, reason: 'offline' }),
    onView: (view, end) => {
      latest = view;
      if (end) ended++;
      for (const check of waiters) check();
    },
  });
  const driver = { send: sessions.handle.bind(sessions), view: () => latest, settle: () => sessions.flush() };
  const until = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!done()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return {
    async session(i) {
      const bundle = catalog.bundles[i % catalog.bundles.length]!;
      const endedBefore = ended;
      sessions.cardRead(CARD);
      await fillAndSubmit(driver, bundle.code);
      await until(() => latest?.step === 'rating');
      sessions.handle({ type: 'user.rate', level: 5, reasons: [] });
      await until(() => ended > endedBefore);
    },
    stop: () => sessions.stop(),
  };
}
