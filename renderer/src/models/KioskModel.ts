/**
 * The renderer's view of core: the latest snapshot as signals, kept current by core's events, and the
 * actions the UI may take. The only dependency is the port to core, so tests hand it a fake port.
 */
import { computed, createModel, effect, signal } from '@preact/signals';
import { connectKioskRpc } from '../../../core/contract/kiosk-rpc.ts';
import type { CaptureInput } from '../../../core/contract/capture.ts';
import { FAREWELL_MS, type KioskSnapshot, type SessionView } from '../../../core/contract/kiosk-view.ts';
import type { Locale } from '../../../core/contract/locale.ts';
import type { RpcRejection } from '../../../core/contract/rpc-endpoint.ts';
import type { CitizenEvent, FieldValue, TransactionView } from '../../../core/contract/transaction-view.ts';
import type { LinkState, ReconnectingPort } from '../bridge/websocket-port.ts';

export type EndReason = NonNullable<TransactionView['endReason']>;

/** Longest wait for the view that follows an accepted event; core publishes one once the step is durable. */
const VIEW_WAIT_MS = 5_000;

export const KioskModel = createModel((port: ReconnectingPort, onReject: (r: RpcRejection) => void) => {
  const snapshot = signal<KioskSnapshot | null>(null);
  const link = signal<LinkState>('connecting');
  /** `performance.now()` when the current session view arrived: its timer counts from then. */
  const sessionAt = signal(0);
  /** Why the last session ended (and whether it had submitted), while the attract screen says so; null otherwise. */
  const farewell = signal<{ reason: EndReason | null; submitted: boolean } | null>(null);
  const transaction = computed(() => snapshot.value?.session.transaction ?? null);
  let farewellTimer: ReturnType<typeof setTimeout> | undefined;

  const patch = (change: Partial<KioskSnapshot>) => {
    if (snapshot.value) snapshot.value = { ...snapshot.value, ...change };
  };

  const onSession = (session: SessionView) => {
    const before = snapshot.value?.session.transaction;
    if (before && before.step !== 'attract' && session.step === 'attract') {
      farewell.value = { reason: before.endReason, submitted: before.submission !== null };
      clearTimeout(farewellTimer);
      farewellTimer = setTimeout(() => (farewell.value = null), FAREWELL_MS);
    } else if (session.step !== 'attract') {
      farewell.value = null;
    }
    sessionAt.value = performance.now();
    patch({ session });
  };

  const rpc = connectKioskRpc(
    { port, onReject },
    {
      kiosk: (kiosk) => patch({ kiosk }),
      session: onSession,
      devices: (devices) => patch({ devices }),
      sync: (sync) => patch({ sync }),
    },
  );

  async function refresh(): Promise<void> {
    snapshot.value = await rpc.call.getSnapshot({});
    sessionAt.value = performance.now();
  }

  /** Resolves once the session view differs from `from` (or after VIEW_WAIT_MS, should none come). */
  function sessionChangedFrom(from: SessionView | undefined): Promise<void> {
    if (snapshot.peek()?.session !== from) return Promise.resolve();
    return new Promise((resolve) => {
      // The effect's first run sees no change (checked above), so `stop` is set before `finish` can run.
      const finish = () => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = setTimeout(finish, VIEW_WAIT_MS);
      const stop = effect(() => {
        if (snapshot.value?.session !== from) queueMicrotask(finish);
      });
    });
  }

  effect(() => {
    const off = port.onState((state) => {
      link.value = state;
      // After every (re)connection the snapshot is the truth: events may have been missed meanwhile.
      if (state === 'open') void refresh().catch((error: unknown) => console.warn('getSnapshot failed', error));
    });
    return () => {
      off();
      clearTimeout(farewellTimer);
      rpc.close();
    };
  });

  return {
    snapshot,
    link,
    transaction,
    sessionAt,
    farewell,
    async setLanguage(language: Locale): Promise<void> {
      patch({ session: await rpc.call.setLanguage({ language }) });
    },
    async setElderMode(enabled: boolean): Promise<void> {
      patch({ session: await rpc.call.setElderMode({ enabled }) });
    },
    async wedgeScan(text: string): Promise<void> {
      await rpc.call.wedgeScan({ text });
    },
    /**
     * Pinyin candidates from core's dictionary, and whether core has one; none when core cannot be reached
     * for now (the letters stay typed).
     */
    async pinyinCandidates(letters: string): Promise<{ available: boolean; candidates: { text: string; letters: number }[] }> {
      try {
        return await rpc.call.pinyinCandidates({ letters });
      } catch (error) {
        console.warn('pinyinCandidates failed', error);
        return { available: true, candidates: [] };
      }
    },
    /** One of the applicant's own answers in full, for the screen that shows it now; null when core will not. */
    async ownAnswer(key: string): Promise<FieldValue | null> {
      try {
        return (await rpc.call.ownAnswer({ key })).value;
      } catch (error) {
        console.warn('ownAnswer failed', key, error);
        return null;
      }
    },
    /** Voice guidance through core's engine (voice/speech-engines.ts). */
    speak: (text: string, language: Locale) => rpc.call.speak({ text, language }),
    speechChunk: (id: string, index: number) => rpc.call.speechChunk({ id, index }),
    /**
     * A citizen's action. Resolves with whether the step took it, and when it did, only once the view that
     * follows has arrived, so the caller reads the new state (e.g. a problem with the answer just given).
     * A lost connection counts as not taken: the citizen can try again.
     */
    /** A page the document camera took, like a session event: resolved once the view showing it has arrived. */
    async captureMaterial(input: CaptureInput): Promise<boolean> {
      const before = snapshot.peek()?.session;
      try {
        const { accepted } = await rpc.call.captureMaterial(input);
        if (accepted) await sessionChangedFrom(before);
        return accepted;
      } catch (error) {
        console.warn('captureMaterial failed', error);
        return false;
      }
    },
    async sessionEvent(event: CitizenEvent): Promise<boolean> {
      const before = snapshot.peek()?.session;
      try {
        const { accepted } = await rpc.call.sessionEvent(event);
        if (accepted) await sessionChangedFrom(before);
        return accepted;
      } catch (error) {
        console.warn('sessionEvent failed', event.type, error);
        return false;
      }
    },
  };
});

export type KioskModel = InstanceType<typeof KioskModel>;
