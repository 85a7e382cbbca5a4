import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SPEECH_CHUNK_BYTES } from '../contract/voice.ts';
import type { Locale } from '../contract/locale.ts';
import { espeakNg, type Synthesizer } from './espeak-ng.ts';
import { createSpeechService } from './speech-service.ts';

const espeak = espeakNg({ command: 'espeak-ng', voices: { 'zh-CN': 'cmn', en: 'en' }, speed: 150 });

/** The real engine, counting what it is asked. */
function counted(engine: Synthesizer = espeak) {
  const asked: string[] = [];
  const synthesizer: Synthesizer = {
    synthesize: (text: string, language: Locale) => {
      asked.push(text);
      return engine.synthesize(text, language);
    },
  };
  return { asked, synthesizer };
}

function logLines() {
  const lines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { lines, log };
}

describe('speech service', () => {
  it('synthesizes a text once and serves it again from memory, in chunks that add up to the clip', async () => {
    const { asked, synthesizer } = counted();
    const service = createSpeechService(synthesizer, pino({ level: 'silent' }));
    const text = '请选择要办理的一件事。可选：新生儿出生一件事，退休一件事，残疾人服务一件事。操作：取消办理。';
    const clip = (await service.speak({ text, language: 'zh-CN' }))!;
    expect(await service.speak({ text, language: 'zh-CN' })).toEqual(clip);
    expect(asked).toEqual([text]);
    // Long enough to need more than one chunk.
    expect(clip.chunks).toBeGreaterThan(1);
    const bytes = Array.from({ length: clip.chunks }, (_, index) => Buffer.from(service.chunk({ id: clip.id, index })!.pcm, 'base64'));
    expect(bytes.slice(0, -1).every((b) => b.length === SPEECH_CHUNK_BYTES)).toBe(true);
    expect(Buffer.concat(bytes).length).toBe(clip.samples * 2);
    expect(service.chunk({ id: clip.id, index: clip.chunks })).toBeNull();
    expect(service.chunk({ id: 'unknown', index: 0 })).toBeNull();
  });

  it('keeps the latest 32 clips: the oldest are synthesized again', async () => {
    const { asked, synthesizer } = counted();
    const service = createSpeechService(synthesizer, pino({ level: 'silent' }));
    const first = (await service.speak({ text: '第一句', language: 'zh-CN' }))!;
    for (let i = 0; i < 32; i++) await service.speak({ text: `第${i}条`, language: 'zh-CN' });
    expect(service.chunk({ id: first.id, index: 0 })).toBeNull();
    await service.speak({ text: '第一句', language: 'zh-CN' });
    expect(asked.filter((t) => t === '第一句')).toHaveLength(2);
  });

  it('refuses to speak what looks like personal data, and logs no text', async () => {
    const { asked, synthesizer } = counted();
    const { lines, log } = logLines();
    const service = createSpeechService(synthesizer, log);
    for (const text of ['身份证号 11010519491231002X', '张*', '电话 138 0013 8000', '2026-**-**']) {
      expect(await service.speak({ text, language: 'zh-CN' })).toBeNull();
    }
    expect(asked).toEqual([]);
    expect(lines.join('')).not.toMatch(/1101|张|138/);
  });

  it('stops asking for a language espeak-ng cannot speak, and still speaks the others', async () => {
    const { asked, synthesizer } = counted(espeakNg({ command: 'espeak-ng', voices: { 'zh-CN': 'no-such-voice', en: 'en' }, speed: 150 }));
    const { lines, log } = logLines();
    const service = createSpeechService(synthesizer, log);
    expect(await service.speak({ text: '你好', language: 'zh-CN' })).toBeNull();
    expect(await service.speak({ text: '再见', language: 'zh-CN' })).toBeNull();
    expect(asked).toEqual(['你好']);
    expect(lines.filter((l) => l.includes('cannot speak this language'))).toHaveLength(1);
    expect(await service.speak({ text: 'Hello', language: 'en' })).toMatchObject({ sampleRate: 22050 });
  });
});
