/**
 * Touch → next paint, measured inside the page: for each trusted pointerdown or keydown, the time from the
 * event's timestamp to the first frame painted after the DOM answered it (a mutation, then a frame, then a
 * task: the paint has happened by then). The answer usually needs a round trip to core, which is counted,
 * as a citizen waits for it too. An input the page does not answer within a second (a press on a disabled
 * button, a digit typed into a box) has no response to time and is counted apart.
 */
export interface LatencySamples {
  readonly answeredMs: number[];
  unanswered: number;
}

declare global {
  interface Window {
    __inputLatency?: LatencySamples;
  }
}

/** Runs in the page (page.evaluate), installed once the attract screen is up. */
export function recordInputLatency(): void {
  const samples: LatencySamples = { answeredMs: [], unanswered: 0 };
  window.__inputLatency = samples;
  let pending: { at: number; timer: number } | null = null;
  const start = (event: Event) => {
    if (!event.isTrusted) return;
    if (pending) {
      clearTimeout(pending.timer);
      samples.unanswered++;
    }
    const at = event.timeStamp;
    const timer = window.setTimeout(() => {
      samples.unanswered++;
      pending = null;
    }, 1000);
    pending = { at, timer };
  };
  addEventListener('pointerdown', start, true);
  addEventListener('keydown', start, true);
  new MutationObserver(() => {
    if (!pending) return;
    const { at, timer } = pending;
    pending = null;
    clearTimeout(timer);
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => samples.answeredMs.push(performance.now() - at);
      channel.port2.postMessage(0);
    });
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}
