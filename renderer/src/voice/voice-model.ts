/**
 * Voice guidance's state and actions: whether it is on for this citizen (the hall's default, elder mode, or
 * the citizen's own choice), the volume, what was said last (for the repeat key) and which engine says it.
 * The citizen's choices last until the farewell after their session has been spoken.
 */
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { Locale } from '../../../core/contract/locale.ts';
import { VOLUME_LEVELS, type VoiceSettings } from '../../../core/contract/voice.ts';
import type { SpeechEngine, WebSpeechEngine } from './speech-engines.ts';

/** Gain per volume level; at most 1, as espeak-ng's own output already peaks near full scale. */
const GAINS = [0.2, 0.35, 0.55, 0.8, 1] as const satisfies { length: typeof VOLUME_LEVELS };

export interface VoiceDeps {
  readonly settings: ReadonlySignal<VoiceSettings | undefined>;
  readonly elderMode: ReadonlySignal<boolean>;
  readonly language: ReadonlySignal<Locale>;
  /** True while the attract screen says goodbye to the session that just ended. */
  readonly farewell: ReadonlySignal<boolean>;
  readonly core: SpeechEngine;
  /** The browser's voices; null where there is no speechSynthesis. */
  readonly web: WebSpeechEngine | null;
}

export type Voice = ReturnType<typeof createVoice>;

export function createVoice({ settings, elderMode, language, farewell, core, web }: VoiceDeps) {
  /** The citizen's own on/off; null: the hall's default for the mode they are in. */
  const choice = signal<boolean | null>(null);
  const level = signal<number | null>(null);
  const speaking = signal(false);
  const enabled = computed(() => {
    const hall = settings.value;
    if (!hall) return false;
    return choice.value ?? (hall.enabled || (hall.withElderMode && elderMode.value));
  });
  const volume = computed(() => level.value ?? settings.value?.volume ?? VOLUME_LEVELS);
  let last: string | null = null;
  let active: SpeechEngine | null = null;
  let turn = 0;

  const engines = (lang: Locale): SpeechEngine[] => {
    const mode = settings.peek()?.engine ?? 'auto';
    if (mode === 'espeak-ng' || !web) return [core];
    if (mode === 'web-speech') return [web];
    return web.has(lang) ? [web, core] : [core];
  };

  async function say(text: string): Promise<void> {
    if (!enabled.peek()) return;
    const mine = ++turn;
    last = text;
    active?.stop();
    speaking.value = true;
    const lang = language.peek();
    for (const engine of engines(lang)) {
      active = engine;
      const outcome = await engine.speak(text, lang, GAINS[volume.peek() - 1]!);
      if (outcome !== 'unavailable' || mine !== turn) break;
    }
    if (mine === turn) speaking.value = false;
  }

  function stop(): void {
    turn += 1;
    active?.stop();
    speaking.value = false;
  }

  // The session's farewell is said with the voice it had; then the next citizen starts from the defaults.
  let saying = false;
  effect(() => {
    if (farewell.value) {
      choice.value = enabled.peek();
      saying = true;
    } else if (saying) {
      saying = false;
      choice.value = null;
      level.value = null;
    }
  });
  effect(() => {
    if (!enabled.value) stop();
  });

  return {
    enabled,
    volume,
    speaking,
    say,
    stop,
    /**
     * The current screen (else what was said last) again. With voice off it turns voice on, which says the
     * screen: the repeat key is how a blind citizen starts.
     */
    repeat(current: () => string | null): void {
      if (!enabled.peek()) {
        choice.value = true;
        return;
      }
      const text = current() ?? last;
      if (text) void say(text);
    },
    setEnabled(on: boolean): void {
      choice.value = on;
    },
    /** One step louder (+1) or softer (-1); says the new level when nothing else is being said. */
    changeVolume(step: 1 | -1, confirmation: (level: number) => string): void {
      if (!enabled.peek()) choice.value = true;
      level.value = Math.min(VOLUME_LEVELS, Math.max(1, volume.peek() + step));
      active?.setGain(GAINS[volume.peek() - 1]!);
      if (!speaking.peek()) void say(confirmation(volume.peek()));
    },
  };
}
