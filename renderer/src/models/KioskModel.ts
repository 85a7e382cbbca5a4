/**
 * The renderer's view of core: the latest snapshot as signals, kept current by core's events, and the
 * actions the UI may take. The only dependency is the port to core, so tests hand it a fake port.
 */
import { createModel, effect, signal } from '@preact/signals';
import { connectKioskRpc } from '../../../core/contract/kiosk-rpc.ts';
import type { KioskSnapshot } from '../../../core/contract/kiosk-view.ts';
import type { Locale } from '../../../core/contract/locale.ts';
import type { RpcRejection } from '../../../core/contract/rpc-endpoint.ts';
import type { LinkState, ReconnectingPort } from '../bridge/websocket-port.ts';

export const KioskModel = createModel((port: ReconnectingPort, onReject: (r: RpcRejection) => void) => {
  const snapshot = signal<KioskSnapshot | null>(null);
  const link = signal<LinkState>('connecting');

  const patch = (change: Partial<KioskSnapshot>) => {
    if (snapshot.value) snapshot.value = { ...snapshot.value, ...change };
  };
  const rpc = connectKioskRpc(
    { port, onReject },
    {
      kiosk: (kiosk) => patch({ kiosk }),
      session: (session) => patch({ session }),
      devices: (devices) => patch({ devices }),
      sync: (sync) => patch({ sync }),
    },
  );

  async function refresh(): Promise<void> {
    snapshot.value = await rpc.call.getSnapshot({});
  }

  effect(() => {
    const off = port.onState((state) => {
      link.value = state;
      // After every (re)connection the snapshot is the truth: events may have been missed meanwhile.
      if (state === 'open') void refresh().catch((error: unknown) => console.warn('getSnapshot failed', error));
    });
    return () => {
      off();
      rpc.close();
    };
  });

  return {
    snapshot,
    link,
    async setLanguage(language: Locale): Promise<void> {
      patch({ session: await rpc.call.setLanguage({ language }) });
    },
    async setElderMode(enabled: boolean): Promise<void> {
      patch({ session: await rpc.call.setElderMode({ enabled }) });
    },
    async wedgeScan(text: string): Promise<void> {
      await rpc.call.wedgeScan({ text });
    },
  };
});

export type KioskModel = InstanceType<typeof KioskModel>;
