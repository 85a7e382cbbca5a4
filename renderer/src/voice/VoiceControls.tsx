import { VOLUME_LEVELS } from '../../../core/contract/voice.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { VoiceControls as Controls } from './install-voice.ts';
import './voice.css';

export interface VoiceControlsProps {
  readonly t: Translate;
  readonly voice: Controls;
}

/**
 * Voice on or off and, while on, repeat (stop while speaking, in the same place so nothing moves under the
 * finger) and the volume; the keypad's * / + - do the same (voice-keys.ts).
 */
export function VoiceControls({ t, voice }: VoiceControlsProps) {
  const on = voice.enabled.value;
  const speaking = voice.speaking.value;
  const volume = voice.volume.value;
  return (
    <div class="voice-controls" role="group" aria-label={t('voice.controls')}>
      <button type="button" class="button toggle voice-toggle" aria-pressed={on} onClick={() => voice.setEnabled(!on)}>
        {t('voice.toggle')}
      </button>
      {on && (
        <>
          <button type="button" class="button voice-repeat" onClick={() => (speaking ? voice.stop() : voice.repeat())}>
            {t(speaking ? 'voice.stop' : 'voice.repeat')}
          </button>
          <button type="button" class="button voice-step" aria-label={t('voice.softer')} disabled={volume <= 1} onClick={() => voice.changeVolume(-1)}>
            −
          </button>
          <span class="voice-level">{t('voice.volume', { level: volume, max: VOLUME_LEVELS })}</span>
          <button type="button" class="button voice-step" aria-label={t('voice.louder')} disabled={volume >= VOLUME_LEVELS} onClick={() => voice.changeVolume(1)}>
            +
          </button>
        </>
      )}
    </div>
  );
}
