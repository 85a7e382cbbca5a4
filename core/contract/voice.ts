/**
 * Voice guidance between core and the renderer: the hall's settings, the speech clips core synthesizes and
 * the privacy rule both sides apply to anything spoken. Bystanders hear the kiosk, so no ID number, phone,
 * account or masked value is ever spoken, whichever screen the text came from.
 */
import * as v from 'valibot';
import { LocaleSchema } from './locale.ts';

/** Volume steps from softest to loudest; the renderer maps them to a gain of at most 1 (espeak-ng peaks near full scale). */
export const VOLUME_LEVELS = 5;
const VolumeSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(VOLUME_LEVELS));

/** What the renderer needs of `voice` in kiosk.yaml. */
export const VoiceSettingsSchema = v.object({
  /** Voice on for every citizen from the start. */
  enabled: v.boolean(),
  /** Turning elder mode on turns voice on (a citizen may still turn it off). */
  withElderMode: v.boolean(),
  /** `auto`: the browser's own Chinese (or English) voice where one exists, else espeak-ng through core. */
  engine: v.picklist(['auto', 'web-speech', 'espeak-ng']),
  volume: VolumeSchema,
});
export type VoiceSettings = v.InferOutput<typeof VoiceSettingsSchema>;

/** Longest text spoken at once: a screen's heading, purpose and options. */
export const MAX_SPOKEN_CHARS = 1000;
/** Bytes of 16-bit PCM per chunk: base64 of it stays well under the RPC's 256 KiB message limit. */
export const SPEECH_CHUNK_BYTES = 144 * 1024;

export const SpeakInputSchema = v.strictObject({
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SPOKEN_CHARS)),
  language: LocaleSchema,
});

/** A synthesized utterance: mono 16-bit little-endian PCM, fetched chunk by chunk (speechChunk). */
export const SpeechClipSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(64)),
  sampleRate: v.pipe(v.number(), v.integer(), v.minValue(8000), v.maxValue(48000)),
  /** Samples in the whole clip. */
  samples: v.pipe(v.number(), v.integer(), v.minValue(0)),
  chunks: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type SpeechClip = v.InferOutput<typeof SpeechClipSchema>;

export const SpeechChunkInputSchema = v.strictObject({
  id: v.pipe(v.string(), v.maxLength(64)),
  index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
});
/** Base64 of the chunk's PCM bytes. */
export const SpeechChunkSchema = v.object({ pcm: v.string() });

/**
 * Personal data a bystander must not hear: six or more digits in a row (ID, phone, account and case numbers,
 * spaces and dashes allowed between them) and masked values (张*, 2026-**-**).
 */
const PRIVATE = /(?:\d[\s-]?){5}\d|[*＊•●]/;

/** Whether a piece of text may be spoken aloud. */
export function isSpeakable(text: string): boolean {
  return !PRIVATE.test(text);
}
