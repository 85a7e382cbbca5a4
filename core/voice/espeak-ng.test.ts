/**
 * Real speech from the installed espeak-ng (a system package: README, .ci/run): each clip must be speech of
 * a length proportional to its text, so a missing voice, a silent or garbled engine fails here.
 */
import { describe, expect, it } from 'vitest';
import { pcmSamples, speechStats } from '../../test/support/speech-audio.ts';
import { espeakNg, listsVoice, SynthesisError } from './espeak-ng.ts';
import { wavDurationMs } from './wav.ts';

const engine = espeakNg({ command: 'espeak-ng', voices: { 'zh-CN': 'cmn', en: 'en' }, speed: 150 });

async function stats(text: string, language: 'zh-CN' | 'en') {
  const wav = await engine.synthesize(text, language);
  expect(wav).toMatchObject({ channels: 1, bitsPerSample: 16 });
  expect(wav.sampleRate).toBeGreaterThanOrEqual(16_000);
  const result = speechStats(pcmSamples(wav.data), wav.sampleRate);
  expect(result.durationMs).toBeCloseTo(wavDurationMs(wav), 6);
  return result;
}

function expectSpeech(s: ReturnType<typeof speechStats>): void {
  expect(s.rms).toBeGreaterThan(0.03 * 32768);
  expect(s.voicedFraction).toBeGreaterThan(0.5);
  expect(s.zeroCrossingsPerSecond).toBeGreaterThan(800);
  expect(s.zeroCrossingsPerSecond).toBeLessThan(6000);
}

describe('espeak-ng', () => {
  it('speaks Mandarin for about 0.2 to 0.7 s a character, longer text for longer', async () => {
    const short = '请刷身份证';
    const long = '欢迎使用政务服务自助终端，请刷身份证或扫描电子证照二维码';
    const [a, b] = [await stats(short, 'zh-CN'), await stats(long, 'zh-CN')];
    for (const [s, text] of [[a, short], [b, long]] as const) {
      expectSpeech(s);
      expect(s.durationMs).toBeGreaterThan(200 * text.length);
      expect(s.durationMs).toBeLessThan(700 * text.length);
    }
    // Proportional: five times the characters, three to seven times the time (the pauses at the ends are fixed).
    expect(b.durationMs / a.durationMs).toBeGreaterThan(3);
    expect(b.durationMs / a.durationMs).toBeLessThan(7);
  });

  it('speaks English with the English voice', async () => {
    const text = 'Please place your ID card on the reader';
    const s = await stats(text, 'en');
    expectSpeech(s);
    expect(s.durationMs).toBeGreaterThan(30 * text.length);
    expect(s.durationMs).toBeLessThan(150 * text.length);
  });

  it('reports a missing program, and a voice espeak-ng does not list, as missing', async () => {
    const missing = espeakNg({ command: 'espeak-ng-not-installed', voices: { 'zh-CN': 'cmn', en: 'en' }, speed: 150 });
    await expect(missing.synthesize('你好', 'zh-CN')).rejects.toMatchObject({ name: 'SynthesisError', missing: true });
    // espeak-ng itself would read the text with its English voice and exit 0.
    const noVoice = espeakNg({ command: 'espeak-ng', voices: { 'zh-CN': 'no-such-voice', en: 'en' }, speed: 150 });
    const failure = await noVoice.synthesize('你好', 'zh-CN').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SynthesisError);
    expect(failure).toMatchObject({ missing: true, message: expect.stringContaining('no-such-voice') });
    await expect(noVoice.synthesize('Hello', 'en')).resolves.toMatchObject({ channels: 1 });
  });
});

describe('listsVoice', () => {
  const listing = [
    'Pty Language       Age/Gender VoiceName          File                 Other Languages',
    ' 5  cmn             --/M      Chinese_(Mandarin,_latin_as_English) sit/cmn              (zh-cmn 5)(zh 5)',
    ' 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)',
  ].join('\n');
  it('finds a voice by language, other language, name or file', () => {
    for (const voice of ['cmn', 'zh', 'zh-cmn', 'sit/cmn', 'en', 'EN-GB', 'gmw/en', 'english_(great_britain)']) expect(listsVoice(listing, voice)).toBe(true);
    for (const voice of ['yue', 'pty', 'language', '5', '--/m']) expect(listsVoice(listing, voice)).toBe(false);
  });
});
