import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../core/contract/locale.ts';
import type { VoiceSettings } from '../../../core/contract/voice.ts';
import type { SpeakOutcome, SpeechEngine, WebSpeechEngine } from './speech-engines.ts';
import { createVoice } from './voice-model.ts';

/** An engine that records what it is asked and finishes when told. */
function engine(outcome: SpeakOutcome = 'done') {
  const said: { text: string; language: Locale; gain: number }[] = [];
  const pending: (() => void)[] = [];
  let stopped = 0;
  let gain = 0;
  const api: SpeechEngine = {
    speak: (text, language, g) => {
      said.push({ text, language, gain: g });
      gain = g;
      return new Promise((resolve) => pending.push(() => resolve(outcome)));
    },
    stop: () => {
      stopped += 1;
      for (const finish of pending.splice(0)) finish();
    },
    setGain: (g) => (gain = g),
  };
  return { api, said, finishAll: () => pending.splice(0).forEach((f) => f()), stops: () => stopped, gain: () => gain };
}

const HALL: VoiceSettings = { enabled: false, withElderMode: true, engine: 'auto', volume: 4 };
const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(options: { settings?: VoiceSettings; web?: ReturnType<typeof engine> & { has: boolean } } = {}) {
  const settings = signal<VoiceSettings | undefined>(options.settings ?? HALL);
  const elderMode = signal(false);
  const language = signal<Locale>('zh-CN');
  const farewell = signal(false);
  const core = engine();
  const web: WebSpeechEngine | null = options.web ? { ...options.web.api, has: () => options.web!.has } : null;
  const voice = createVoice({ settings, elderMode, language, farewell, core: core.api, web });
  return { voice, settings, elderMode, language, farewell, core };
}

describe('voice model', () => {
  it('is off by default, on with elder mode (withElderMode), and the citizen’s choice wins', () => {
    const { voice, elderMode, settings } = setup();
    expect(voice.enabled.value).toBe(false);
    elderMode.value = true;
    expect(voice.enabled.value).toBe(true);
    voice.setEnabled(false);
    expect(voice.enabled.value).toBe(false);
    settings.value = { ...HALL, withElderMode: false };
    voice.setEnabled(true);
    elderMode.value = false;
    expect(voice.enabled.value).toBe(true);
  });

  it('says nothing while off; the repeat key turns it on without speaking twice', async () => {
    const { voice, core } = setup();
    await voice.say('请刷身份证');
    expect(core.said).toEqual([]);
    voice.repeat(() => '请刷身份证');
    expect(voice.enabled.value).toBe(true);
    expect(core.said).toEqual([]);
    voice.repeat(() => '请刷身份证');
    await tick();
    expect(core.said.map((s) => s.text)).toEqual(['请刷身份证']);
  });

  it('speaks at the volume’s gain, and a new utterance interrupts the last', async () => {
    const { voice, core } = setup({ settings: { ...HALL, enabled: true, volume: 2 } });
    const first = voice.say('一');
    expect(voice.speaking.value).toBe(true);
    const second = voice.say('二');
    core.finishAll();
    await Promise.all([first, second]);
    expect(core.said.map((s) => [s.text, s.gain])).toEqual([
      ['一', 0.35],
      ['二', 0.35],
    ]);
    expect(core.stops()).toBeGreaterThanOrEqual(1);
    expect(voice.speaking.value).toBe(false);
  });

  it('changes the volume between 1 and 5, live, and says the level only when quiet', async () => {
    const { voice, core } = setup({ settings: { ...HALL, enabled: true, volume: 4 } });
    voice.changeVolume(1, (level) => `音量 ${level}`);
    voice.changeVolume(1, (level) => `音量 ${level}`);
    expect(voice.volume.value).toBe(5);
    await tick();
    // The second press came while the first level was being said: only the gain changed.
    expect(core.said.map((s) => s.text)).toEqual(['音量 5']);
    expect(core.gain()).toBe(1);
    core.finishAll();
    await tick();
    for (let i = 0; i < 6; i++) voice.changeVolume(-1, () => '');
    expect(voice.volume.value).toBe(1);
  });

  it('stop silences at once', async () => {
    const { voice, core } = setup({ settings: { ...HALL, enabled: true } });
    const saying = voice.say('长句子');
    voice.stop();
    await saying;
    expect(voice.speaking.value).toBe(false);
    expect(core.stops()).toBeGreaterThanOrEqual(1);
  });

  it('uses the browser’s voice where it has one for the language, else core’s', async () => {
    const web = { ...engine(), has: true };
    const { voice, core, language } = setup({ settings: { ...HALL, enabled: true }, web });
    void voice.say('你好');
    expect(web.said.map((s) => s.text)).toEqual(['你好']);
    web.has = false;
    language.value = 'en';
    void voice.say('Hello');
    await tick();
    expect(core.said.map((s) => [s.text, s.language])).toEqual([['Hello', 'en']]);
  });

  it('falls back to core when the browser’s voice cannot say it', async () => {
    const web = { ...engine('unavailable'), has: true };
    const { voice, core } = setup({ settings: { ...HALL, enabled: true }, web });
    const saying = voice.say('你好');
    web.finishAll();
    await tick();
    expect(core.said.map((s) => s.text)).toEqual(['你好']);
    core.finishAll();
    await saying;
  });

  it('keeps the session’s voice for its farewell, then the next citizen starts from the defaults', () => {
    const { voice, elderMode, farewell } = setup();
    elderMode.value = true;
    voice.changeVolume(-1, () => '');
    // The session ends; elder mode may be reset while the farewell is still shown.
    farewell.value = true;
    elderMode.value = false;
    expect(voice.enabled.value).toBe(true);
    farewell.value = false;
    expect(voice.enabled.value).toBe(false);
    expect(voice.volume.value).toBe(4);
  });
});
