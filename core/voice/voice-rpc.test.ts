/**
 * Voice through the kiosk's own RPC, as the renderer receives it: a long utterance from the real espeak-ng
 * arrives in chunks that each fit the RPC's message limit and add up to speech of the right length.
 */
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { connectKioskRpc } from '../contract/kiosk-rpc.ts';
import { MAX_MESSAGE_BYTES } from '../contract/rpc-endpoint.ts';
import { KioskRuntime } from '../runtime/kiosk-runtime.ts';
import { portPair } from '../../test/support/port-pair.ts';
import { pcmSamples, speechStats } from '../../test/support/speech-audio.ts';
import { espeakNg } from './espeak-ng.ts';
import { createSpeechService } from './speech-service.ts';

function connected() {
  const log = pino({ level: 'silent' });
  const runtime = new KioskRuntime({
    kiosk: { status: { state: 'available' }, hall: null },
    session: { language: 'zh-CN', elderMode: false },
    log,
    // A fixed clock: the rate limit's refill plays no part, however slow the machine.
    now: () => 0,
    voice: createSpeechService(espeakNg({ command: 'espeak-ng', voices: { 'zh-CN': 'cmn', en: 'en' }, speed: 150 }), log),
  });
  const [core, renderer] = portPair();
  const sizes: number[] = [];
  // Every message core sends to the renderer, measured on the way.
  runtime.connect({ post: (data) => (sizes.push(data.length), core.post(data)), subscribe: core.subscribe }, 'test');
  const rejected = vi.fn();
  const client = connectKioskRpc({ port: renderer, onReject: rejected }, { kiosk: vi.fn(), session: vi.fn(), devices: vi.fn(), sync: vi.fn() });
  return { client, sizes, rejected };
}

describe('voice over the RPC', () => {
  it('delivers a long utterance in chunks under the message limit that add up to speech', async () => {
    const { client, sizes, rejected } = connected();
    const text = '请选择要办理的事。一件事一次办：多个部门的事项，一次申请、一张表、一套材料。可以选择：新生儿出生一件事；残疾人服务一件事；退休一件事；企业开办一件事；取消办理。';
    const clip = (await client.call.speak({ text, language: 'zh-CN' }))!;
    expect(clip.chunks).toBeGreaterThan(2);
    const parts: Buffer[] = [];
    for (let index = 0; index < clip.chunks; index++) parts.push(Buffer.from((await client.call.speechChunk({ id: clip.id, index }))!.pcm, 'base64'));
    expect(rejected).not.toHaveBeenCalled();
    expect(Math.max(...sizes)).toBeLessThan(MAX_MESSAGE_BYTES);
    const stats = speechStats(pcmSamples(Buffer.concat(parts)), clip.sampleRate);
    expect(stats.durationMs).toBeCloseTo((1000 * clip.samples) / clip.sampleRate, 0);
    expect(stats.durationMs).toBeGreaterThan(200 * text.length);
    expect(stats.voicedFraction).toBeGreaterThan(0.5);
  });

  it('answers null for text that looks personal, and within the rate limit only', async () => {
    const { client } = connected();
    expect(await client.call.speak({ text: '身份证号 110105199603150029', language: 'zh-CN' })).toBeNull();
    const answers = await Promise.all(Array.from({ length: 30 }, () => client.call.speak({ text: '请刷身份证', language: 'zh-CN' })));
    // The burst of 10, less the one above; the rest refused without running espeak-ng.
    expect(answers.filter((a) => a !== null)).toHaveLength(9);
  });
});
