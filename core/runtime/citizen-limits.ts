/**
 * How much citizen input core takes, by event type and by RPC method. A person taps a few times a second at
 * most, and the renderer reports `user.active` once every 15 s: these leave a real citizen (and a helper
 * typing fast) far below the limits, and hold a flood to a few events a second of real work.
 */
import type { RateLimits } from './rate-limiter.ts';

export const CITIZEN_RATE_LIMITS: RateLimits = {
  // Taps and answers: next, back, a choice, a field's value, a material's decision.
  default: { burst: 20, perSecond: 5 },
  byKey: {
    // Only moves the idle deadline.
    'user.active': { burst: 5, perSecond: 1 },
    // A form sends one value per field it leaves; a quick typist on a long form stays well under this.
    'user.setValue': { burst: 40, perSecond: 10 },
    setLanguage: { burst: 5, perSecond: 1 },
    setElderMode: { burst: 5, perSecond: 1 },
    // One call per letter typed on the on-screen keyboard, as fast as a helper types.
    pinyinCandidates: { burst: 40, perSecond: 15 },
    // A keyboard-wedge scanner sends one code per scan.
    wedgeScan: { burst: 5, perSecond: 2 },
    // A page of a document takes a citizen several seconds to lay down and hold still; each call is up to 1.4 MB.
    captureMaterial: { burst: 3, perSecond: 0.5 },
    // A held "显示" or a question opened: one field each; a flood must not read a form out.
    ownAnswer: { burst: 10, perSecond: 2 },
    // Each new screen, dialog or repeat key asks for one utterance; a long one comes in a few chunks.
    speak: { burst: 10, perSecond: 2 },
    speechChunk: { burst: 40, perSecond: 20 },
  },
};

/** At most one warning line about refused input per this long, with the counts by type. */
export const REFUSAL_REPORT_MS = 10_000;
