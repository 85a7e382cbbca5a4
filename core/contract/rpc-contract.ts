/**
 * The RPC contract between core and the renderer. Core exposes request/response methods; the renderer
 * exposes event sinks that core pushes to. Each method takes one argument object, and every message is
 * validated against these schemas by the receiving side (see rpc-endpoint.ts).
 */
import * as v from 'valibot';
import { CAPTURE_MESSAGE_BYTES, CaptureInputSchema } from './capture.ts';
import { LocaleSchema } from './locale.ts';
import { MAX_MESSAGE_BYTES } from './rpc-endpoint.ts';
import { CitizenEventSchema, FieldValueSchema } from './transaction-view.ts';
import { SpeakInputSchema, SpeechChunkInputSchema, SpeechChunkSchema, SpeechClipSchema } from './voice.ts';
import {
  DevicesViewSchema,
  KioskSnapshotSchema,
  KioskViewSchema,
  SessionViewSchema,
  SyncStatusSchema,
} from './kiosk-view.ts';

export interface MethodSpec<I extends v.GenericSchema = v.GenericSchema, O extends v.GenericSchema = v.GenericSchema> {
  readonly input: I;
  readonly output: O;
  /** A larger message allowance than the default (rpc-endpoint.ts), for the one call that carries images. */
  readonly maxBytes?: number;
}

const NoInput = v.strictObject({});

export const coreMethods = {
  /** Everything the renderer needs to draw its first frame, e.g. after a reload. */
  getSnapshot: { input: NoInput, output: KioskSnapshotSchema },
  setLanguage: { input: v.strictObject({ language: LocaleSchema }), output: SessionViewSchema },
  setElderMode: { input: v.strictObject({ enabled: v.boolean() }), output: SessionViewSchema },
  /** A code typed by a keyboard-wedge scanner, caught by the renderer's fallback (docs/devices.md). */
  wedgeScan: { input: v.strictObject({ text: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)) }), output: v.null() },
  /**
   * A citizen's action on the current step. `accepted` is false when the step does not take it (e.g. "next"
   * on a form with questions left); the new state arrives as a `session` event once it is durable.
   */
  sessionEvent: { input: CitizenEventSchema, output: v.strictObject({ accepted: v.boolean() }) },
  /**
   * One of the applicant's own answers in full, for the one screen that asks (the question being edited, a
   * held "显示"); null when that field may not be shown (see core/transaction/session-view.ts `ownAnswer`).
   * The renderer keeps it only while it is on screen.
   */
  ownAnswer: {
    input: v.strictObject({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(120)) }),
    output: v.strictObject({ value: v.nullable(FieldValueSchema) }),
  },
  /**
   * A page of a material captured by the document camera. `accepted` is false when the materials step does
   * not ask for that page or the image is not a JPEG within bounds; accepted, it is sealed in the store and the
   * view that shows its thumbnail follows.
   */
  captureMaterial: { input: CaptureInputSchema, output: v.strictObject({ accepted: v.boolean() }), maxBytes: CAPTURE_MESSAGE_BYTES },
  /** Voice guidance through core's engine (espeak-ng): null when it cannot or may not speak this text. */
  speak: { input: SpeakInputSchema, output: v.nullable(SpeechClipSchema) },
  /** One chunk of a clip's audio; null once the clip is no longer kept. */
  speechChunk: { input: SpeechChunkInputSchema, output: v.nullable(SpeechChunkSchema) },
  /**
   * Chinese for pinyin typed on the on-screen keyboard (core/pinyin), most likely first; each candidate says
   * how many of the letters it stands for. Empty letters only load the dictionary (when a keyboard opens).
   * `available` is false when core has no dictionary (missing or corrupt): the keyboard says pinyin is off.
   */
  pinyinCandidates: {
    input: v.strictObject({ letters: v.pipe(v.string(), v.regex(/^[a-z]{0,40}$/)) }),
    output: v.strictObject({ available: v.boolean(), candidates: v.array(v.strictObject({ text: v.string(), letters: v.number() })) }),
  },
} satisfies Record<string, MethodSpec>;

/** The largest message a renderer may send: a transport's own frame limit (the browser host's WebSocket). */
export const MAX_CALL_BYTES = Math.max(MAX_MESSAGE_BYTES, ...Object.values(coreMethods).map((m: MethodSpec) => m.maxBytes ?? 0));

export const rendererEvents = {
  kiosk: KioskViewSchema,
  session: SessionViewSchema,
  devices: DevicesViewSchema,
  sync: SyncStatusSchema,
} satisfies Record<string, v.GenericSchema>;

export type CoreMethods = typeof coreMethods;
export type RendererEvents = typeof rendererEvents;

/** The API core implements (handlers receive validated input). */
export type CoreApi = {
  [K in keyof CoreMethods]: (
    input: v.InferOutput<CoreMethods[K]['input']>,
  ) => Promise<v.InferOutput<CoreMethods[K]['output']>> | v.InferOutput<CoreMethods[K]['output']>;
};

/** The client view of CoreApi: what the renderer calls. */
export type CoreClient = {
  [K in keyof CoreMethods]: (
    input: v.InferInput<CoreMethods[K]['input']>,
  ) => Promise<v.InferOutput<CoreMethods[K]['output']>>;
};

/** Event sinks the renderer implements. */
export type RendererApi = {
  [K in keyof RendererEvents]: (payload: v.InferOutput<RendererEvents[K]>) => void;
};
