/**
 * The two ways the kiosk speaks: the browser's own voices (Web Speech API), where it has one for the
 * language, and core's espeak-ng, whose PCM the renderer plays through Web Audio (no media URL, so the CSP
 * stays as it is, and the same in Electron and the browser host).
 */
import type { Locale } from '../../../core/contract/locale.ts';
import type { SpeechClip } from '../../../core/contract/voice.ts';
import { pcmToFloat32 } from './pcm.ts';

/** `unavailable`: this engine cannot speak it (no voice, no engine, refused); another may. */
export type SpeakOutcome = 'done' | 'stopped' | 'unavailable';

export interface SpeechEngine {
  /** Speaks `text`, interrupting whatever this engine was saying; resolves when it ends or is stopped. */
  speak(text: string, language: Locale, gain: number): Promise<SpeakOutcome>;
  stop(): void;
  /** Changes the volume of what is being said, where the engine can. */
  setGain(gain: number): void;
}

export interface WebSpeechEngine extends SpeechEngine {
  /** Whether the browser has a voice for this language (Chromium in CI has no Chinese one). */
  has(language: Locale): boolean;
}

/** Mainland Mandarin voices (zh-CN, cmn-Hans-CN, zh-Hans …), not Cantonese or Taiwanese ones; any English. */
const VOICE_LANG: Record<Locale, RegExp> = { 'zh-CN': /^(zh|cmn)(-hans)?(-cn)?$/, en: /^en(-|$)/ };

export function webSpeechEngine(synth: SpeechSynthesis): WebSpeechEngine {
  const voiceFor = (language: Locale) => synth.getVoices().find((voice) => VOICE_LANG[language].test(voice.lang.replace('_', '-').toLowerCase()));
  let settle: ((outcome: SpeakOutcome) => void) | undefined;
  const stop = () => {
    settle?.('stopped');
    settle = undefined;
    synth.cancel();
  };
  return {
    has: (language) => voiceFor(language) !== undefined,
    speak(text, language, gain) {
      stop();
      const voice = voiceFor(language);
      if (!voice) return Promise.resolve('unavailable');
      return new Promise((resolve) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.voice = voice;
        utterance.lang = voice.lang;
        utterance.volume = gain;
        // A little slower than the default: many listeners are elderly.
        utterance.rate = 0.9;
        const own = (outcome: SpeakOutcome) => {
          if (settle !== own) return;
          settle = undefined;
          resolve(outcome);
        };
        settle = own;
        utterance.onend = () => own('done');
        utterance.onerror = () => own('stopped');
        synth.speak(utterance);
      });
    },
    stop,
    // An utterance's volume is fixed once it starts: the next one takes the new gain.
    setGain: () => undefined,
  };
}

/** What the core engine needs of the RPC (KioskModel). */
export interface CoreSpeech {
  speak(text: string, language: Locale): Promise<SpeechClip | null>;
  speechChunk(id: string, index: number): Promise<{ pcm: string } | null>;
}

/** Lead-in before the first chunk, so its start is not clipped while the output wakes up. */
const LEAD_IN_S = 0.05;

export function coreSpeechEngine(core: CoreSpeech, createContext: () => AudioContext = () => new AudioContext()): SpeechEngine {
  let context: AudioContext | undefined;
  let output: GainNode | undefined;
  let playing: AudioBufferSourceNode[] = [];
  let turn = 0;
  let settle: ((outcome: SpeakOutcome) => void) | undefined;

  const silence = () => {
    for (const source of playing) {
      source.onended = null;
      source.stop();
    }
    playing = [];
    settle?.('stopped');
    settle = undefined;
  };

  const audio = () => {
    context ??= createContext();
    if (!output) {
      output = context.createGain();
      output.connect(context.destination);
    }
    // A context made before any touch may start suspended; the next speak after a key press resumes it.
    if (context.state === 'suspended') void context.resume();
    return { context, output };
  };

  return {
    async speak(text, language, gain) {
      const mine = ++turn;
      silence();
      const clip = await core.speak(text, language).catch(() => null);
      if (mine !== turn) return 'stopped';
      if (!clip || clip.chunks === 0) return 'unavailable';
      const { context, output } = audio();
      output.gain.value = gain;
      let at = context.currentTime + LEAD_IN_S;
      let last: AudioBufferSourceNode | undefined;
      // Each chunk is scheduled right behind the previous one as it arrives: speech starts after the first.
      for (let index = 0; index < clip.chunks; index++) {
        const chunk = await core.speechChunk(clip.id, index).catch(() => null);
        if (mine !== turn) return 'stopped';
        if (!chunk) break;
        const samples = pcmToFloat32(chunk.pcm);
        if (samples.length === 0) continue;
        const buffer = context.createBuffer(1, samples.length, clip.sampleRate);
        buffer.copyToChannel(samples, 0);
        const source = context.createBufferSource();
        source.buffer = buffer;
        source.connect(output);
        at = Math.max(at, context.currentTime);
        source.start(at);
        at += buffer.duration;
        playing.push(source);
        last = source;
      }
      if (!last) return 'unavailable';
      const final = last;
      return new Promise<SpeakOutcome>((resolve) => {
        settle = resolve;
        final.onended = () => {
          playing = [];
          settle = undefined;
          resolve('done');
        };
      });
    },
    stop() {
      turn += 1;
      silence();
    },
    setGain(gain) {
      if (output) output.gain.value = gain;
    },
  };
}
