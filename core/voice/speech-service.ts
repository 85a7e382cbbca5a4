/**
 * Serves the renderer's requests to speak: synthesizes once per text and language (screens repeat, and the
 * repeat key asks again), keeps the latest clips, and hands out their PCM in chunks that fit an RPC message.
 * Logs lengths and outcomes, never the text.
 */
import { randomUUID } from 'node:crypto';
import type { Locale } from '../contract/locale.ts';
import { isSpeakable, SPEECH_CHUNK_BYTES, type SpeechClip } from '../contract/voice.ts';
import type { Logger } from '../logging/logger.ts';
import { SynthesisError, type Synthesizer } from './espeak-ng.ts';

export interface SpeechService {
  /** The clip for this text, or null when it may not or cannot be spoken (no engine, private data). */
  speak(input: { text: string; language: Locale }): Promise<SpeechClip | null>;
  /** Base64 PCM of one chunk of a clip still kept, else null. */
  chunk(input: { id: string; index: number }): { pcm: string } | null;
}

interface Kept {
  readonly clip: SpeechClip;
  readonly pcm: Buffer;
}

/** Clips kept: a screen's speech and its dialogs, for repeats and the next citizen on the same screens. */
const KEEP_CLIPS = 32;

export function createSpeechService(synthesizer: Synthesizer, log: Logger): SpeechService {
  const byText = new Map<string, Promise<Kept>>();
  const byId = new Map<string, Kept>();
  /** Languages espeak-ng cannot speak here (not installed, or no such voice): logged once, then not tried. */
  const missing = new Set<Locale>();
  // One espeak-ng at a time: the kiosk's few cores also draw the screen.
  let queue: Promise<unknown> = Promise.resolve();

  function keep(key: string, text: string, language: Locale): Promise<Kept> {
    const started = performance.now();
    const job = queue.then(async () => {
      const wav = await synthesizer.synthesize(text, language);
      if (wav.bitsPerSample !== 16 || wav.channels !== 1) throw new SynthesisError(`unexpected audio: ${wav.bitsPerSample}-bit, ${wav.channels} channels`);
      const samples = wav.data.length / 2;
      const clip: SpeechClip = { id: randomUUID(), sampleRate: wav.sampleRate, samples, chunks: Math.ceil(wav.data.length / SPEECH_CHUNK_BYTES) };
      log.debug({ chars: text.length, ms: Math.round(performance.now() - started), audioMs: Math.round((1000 * samples) / wav.sampleRate) }, 'speech synthesized');
      return { clip, pcm: wav.data };
    });
    queue = job.catch(() => undefined);
    return job;
  }

  return {
    async speak({ text, language }) {
      if (missing.has(language)) return null;
      if (!isSpeakable(text)) {
        log.warn({ chars: text.length }, 'speech refused: the text looks like personal data');
        return null;
      }
      const key = `${language}\n${text}`;
      let entry = byText.get(key);
      if (entry) {
        // Most recently used last: the oldest is dropped first.
        byText.delete(key);
      } else {
        entry = keep(key, text, language);
        void entry.then(
          (kept) => byId.set(kept.clip.id, kept),
          () => byText.delete(key),
        );
      }
      byText.set(key, entry);
      while (byText.size > KEEP_CLIPS) {
        const [oldestKey, oldest] = byText.entries().next().value!;
        byText.delete(oldestKey);
        void oldest.then((kept) => byId.delete(kept.clip.id), () => undefined);
      }
      try {
        return (await entry).clip;
      } catch (error) {
        if (error instanceof SynthesisError && error.missing) {
          missing.add(language);
          log.warn({ err: error, language }, 'espeak-ng cannot speak this language here: voice guidance only where the browser has a voice');
          return null;
        }
        log.warn({ err: error, chars: text.length }, 'speech synthesis failed');
        throw new SynthesisError('speech synthesis failed');
      }
    },
    chunk({ id, index }) {
      const kept = byId.get(id);
      if (!kept || index >= kept.clip.chunks) return null;
      return { pcm: kept.pcm.subarray(index * SPEECH_CHUNK_BYTES, (index + 1) * SPEECH_CHUNK_BYTES).toString('base64') };
    },
  };
}
