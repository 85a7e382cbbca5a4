import type { OutOfServiceReason } from '../../../core/contract/kiosk-view.ts';
import type { Translate } from '../i18n/i18n.ts';

export interface OutOfServiceScreenProps {
  readonly t: Translate;
  readonly reason: OutOfServiceReason;
  /** Technician-facing lines, e.g. which config file and path is wrong. */
  readonly details: readonly string[];
}

export function OutOfServiceScreen({ t, reason, details }: OutOfServiceScreenProps) {
  return (
    <main class="screen out-of-service" aria-labelledby="oos-title">
      <h1 id="oos-title" class="oos-title">
        {t('oos.title')}
      </h1>
      <p class="oos-reason" role="status">
        {t(`oos.reason.${reason}`)}
      </p>
      <p class="oos-help">{t('oos.help')}</p>
      {details.length > 0 && (
        <section class="oos-details" aria-labelledby="oos-details-title">
          <h2 id="oos-details-title">{t('oos.details')}</h2>
          <ul>
            {details.map((line) => (
              <li key={line}>
                <code>{line}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
