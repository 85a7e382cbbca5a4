/**
 * Voice guidance wired into the page: the voice model on the kiosk's state, a watch on the DOM that speaks
 * each new screen, question and dialog (and a new alert on the same screen), and the keypad's voice keys.
 */
import { computed, effect } from '@preact/signals';
import { VOLUME_LEVELS } from '../../../core/contract/voice.ts';
import { translator } from '../i18n/i18n.ts';
import type { KioskModel } from '../models/KioskModel.ts';
import { composeSpeech, CONTROLS, readScreen, spokenControl, type ScreenReading } from './screen-speech.ts';
import { coreSpeechEngine, webSpeechEngine } from './speech-engines.ts';
import { createVoice, type Voice } from './voice-model.ts';
import { installVoiceKeys } from './voice-keys.ts';

/** Renders settle this long before a screen is read: a step's view and its focus move come in a burst. */
const SETTLE_MS = 120;
/** A focus move this soon after a key press was the keypad's (keypad.ts), not a new screen's own. */
const FOCUS_AFTER_KEY_MS = 300;

/** What the on-screen controls and the keys do. */
export interface VoiceControls extends Pick<Voice, 'enabled' | 'volume' | 'speaking' | 'setEnabled' | 'stop'> {
  /** Says the current screen again (turns voice on if it was off). */
  repeat(): void;
  changeVolume(step: 1 | -1): void;
}

export function installVoice(doc: Document, model: KioskModel): VoiceControls {
  const session = computed(() => model.snapshot.value?.session);
  const language = computed(() => session.value?.language ?? 'zh-CN');
  const voice = createVoice({
    settings: computed(() => model.snapshot.value?.kiosk.hall?.voice),
    elderMode: computed(() => session.value?.elderMode ?? false),
    language,
    farewell: computed(() => model.farewell.value !== null),
    core: coreSpeechEngine(model),
    web: 'speechSynthesis' in window ? webSpeechEngine(window.speechSynthesis) : null,
  });
  const t = () => translator(language.peek());

  const speech = (reading: ScreenReading, withKeys: boolean): string => {
    const tr = t();
    const text = composeSpeech(reading.parts, {
      options: (list) => tr('voice.options', { list }),
      chosen: (name) => tr('voice.chosen', { name }),
      separator: tr('voice.separator'),
      period: tr('voice.period'),
    });
    return withKeys ? `${text} ${tr('voice.keys')}` : text;
  };
  // The keys are explained on the attract screen and whenever voice has just come on.
  const onAttract = () => doc.querySelector('.app')?.getAttribute('data-screen') === 'attract';

  let shownKey: string | null = null;
  let shownNotices: readonly string[] = [];
  let justEnabled = false;
  const check = () => {
    const reading = readScreen(doc);
    if (!reading) return;
    const { notices } = reading.parts;
    if (reading.key !== shownKey) {
      shownKey = reading.key;
      shownNotices = notices;
      if (voice.enabled.peek()) void voice.say(speech(reading, justEnabled || onAttract()));
      justEnabled = false;
      return;
    }
    const fresh = notices.filter((notice) => !shownNotices.includes(notice));
    shownNotices = notices;
    if (fresh.length > 0 && voice.enabled.peek()) void voice.say(fresh.join(' '));
  };
  let pending: ReturnType<typeof setTimeout> | undefined;
  // With voice off the page is not read at all: it costs the citizens who do not use it nothing.
  const schedule = () => {
    if (voice.enabled.peek()) pending ??= setTimeout(() => ((pending = undefined), check()), SETTLE_MS);
  };
  new MutationObserver(schedule).observe(doc.body, { subtree: true, childList: true, characterData: true });
  effect(() => {
    if (!voice.enabled.value) return;
    // Voice just came on: say the screen that is showing, and how the keys work.
    shownKey = null;
    justEnabled = true;
    schedule();
  });

  const controls: VoiceControls = {
    enabled: voice.enabled,
    volume: voice.volume,
    speaking: voice.speaking,
    setEnabled: voice.setEnabled,
    stop: voice.stop,
    repeat: () =>
      voice.repeat(() => {
        const reading = readScreen(doc);
        return reading && speech(reading, onAttract());
      }),
    changeVolume: (step) => voice.changeVolume(step, (level) => t()('voice.volumeLevel', { level, max: VOLUME_LEVELS })),
  };
  // A keypad user moving through the controls hears each one as it takes the focus.
  let keyedAt = -Infinity;
  doc.addEventListener('keydown', () => (keyedAt = performance.now()), { capture: true });
  doc.addEventListener('focusin', (event) => {
    if (!voice.enabled.peek() || performance.now() - keyedAt > FOCUS_AFTER_KEY_MS || !(event.target instanceof Element)) return;
    const control = event.target.matches(CONTROLS) ? spokenControl(event.target) : null;
    if (control) void voice.say(control.chosen ? t()('voice.chosen', { name: control.name }) : control.name);
  });
  // Choosing an option (a radio checked, a toggle pressed) on the screen is confirmed aloud.
  new MutationObserver((records) => {
    if (!voice.enabled.peek()) return;
    const chosen = records
      .map((record) => record.target)
      .filter((el): el is Element => el instanceof Element && el.matches(CONTROLS) && el.closest('main, [role="dialog"], [role="alertdialog"]') !== null)
      .map(spokenControl)
      .findLast((control) => control?.chosen);
    if (chosen) void voice.say(t()('voice.chosen', { name: chosen.name }));
  }).observe(doc.body, { subtree: true, attributes: true, attributeFilter: ['aria-checked', 'aria-pressed'] });
  installVoiceKeys(doc, (action) => {
    if (action === 'repeat') controls.repeat();
    else if (action === 'stop') controls.stop();
    else controls.changeVolume(action === 'louder' ? 1 : -1);
  });
  return controls;
}
