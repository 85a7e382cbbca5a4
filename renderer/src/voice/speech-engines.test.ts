import { describe, expect, it } from 'vitest';
import { webSpeechEngine } from './speech-engines.ts';

/** The part of the browser's speechSynthesis that picks a voice: its list of voices. */
function synthWith(...langs: string[]): SpeechSynthesis {
  return { getVoices: () => langs.map((lang) => ({ lang }) as SpeechSynthesisVoice), cancel: () => undefined } as unknown as SpeechSynthesis;
}

describe('webSpeechEngine', () => {
  it('takes a mainland Mandarin voice for zh-CN, however the platform spells it', () => {
    for (const lang of ['zh-CN', 'zh_CN', 'cmn-Hans-CN', 'zh-Hans', 'zh', 'ZH-cn']) expect(webSpeechEngine(synthWith(lang)).has('zh-CN')).toBe(true);
  });
  it('does not take Cantonese or Taiwanese voices for zh-CN, nor Chinese for English', () => {
    const engine = webSpeechEngine(synthWith('zh-HK', 'zh-TW', 'yue-Hant-HK', 'cmn-Hant-TW'));
    expect(engine.has('zh-CN')).toBe(false);
    expect(engine.has('en')).toBe(false);
    expect(webSpeechEngine(synthWith('en-GB')).has('en')).toBe(true);
  });
  it('says it cannot speak a language it has no voice for (core takes over)', async () => {
    await expect(webSpeechEngine(synthWith()).speak('你好', 'zh-CN', 1)).resolves.toBe('unavailable');
  });
});
