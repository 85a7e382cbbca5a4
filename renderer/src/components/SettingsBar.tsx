import type { ComponentChildren } from 'preact';
import type { SessionView } from '../../../core/contract/kiosk-view.ts';
import type { Locale } from '../../../core/contract/locale.ts';
import { LANGUAGE_NAMES, type Translate } from '../i18n/i18n.ts';

export interface SettingsBarProps {
  readonly t: Translate;
  readonly languages: readonly Locale[];
  readonly session: SessionView;
  readonly onLanguage: (language: Locale) => void;
  readonly onElderMode: (enabled: boolean) => void;
  /** More settings after these (the voice controls). */
  readonly children?: ComponentChildren;
}

/** Language switch and elder-mode toggle, reachable from every screen by touch and keypad. */
export function SettingsBar({ t, languages, session, onLanguage, onElderMode, children }: SettingsBarProps) {
  return (
    <nav class="settings-bar" aria-label={t('toolbar.label')}>
      {languages.length > 1 && (
        <div class="language-switch" role="group" aria-label={t('toolbar.language')}>
          {languages.map((language) => (
            <button
              key={language}
              type="button"
              class="button toggle"
              lang={language}
              aria-pressed={session.language === language}
              onClick={() => onLanguage(language)}
            >
              {LANGUAGE_NAMES[language]}
            </button>
          ))}
        </div>
      )}
      <button
        type="button"
        class="button toggle elder-toggle"
        aria-pressed={session.elderMode}
        onClick={() => onElderMode(!session.elderMode)}
      >
        {t('toolbar.elderMode')}
      </button>
      {children}
    </nav>
  );
}
