import type { Translate } from '../i18n/i18n.ts';

export interface ConnectingScreenProps {
  readonly t: Translate;
}

export function ConnectingScreen({ t }: ConnectingScreenProps) {
  return (
    <main class="screen connecting" aria-busy="true">
      <p class="connecting-message" role="status">
        {t('connecting.message')}
      </p>
    </main>
  );
}
