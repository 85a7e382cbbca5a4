import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';

/** Who the kiosk has identified, and what it will do with their data, before anything is asked (PIPL). */
export function ConsentScreen({ ui, view }: StepProps) {
  const { t } = ui;
  const [, run] = useAction();
  const consent = (accepted: boolean) => run(() => ui.send({ type: 'user.consent', accepted }));
  const applicant = view.applicant;
  return (
    <main class="screen step consent" aria-labelledby="consent-title" aria-describedby="consent-uses">
      <div class="step-body">
        <ScreenTitle id="consent-title">{t('consent.title')}</ScreenTitle>
        {applicant && (
          <section class="card identity" aria-label={t('session.applicant')}>
            <p class="identity-greeting">{t('consent.greeting', { name: applicant.name })}</p>
            <p>{t('consent.identified', { via: applicant.document ? t(`session.document.${applicant.document}`) : t(`session.via.${applicant.via}`) })}</p>
            <p>
              {t('consent.idNumber')} <span class="id-number">{applicant.idNumber}</span>
            </p>
            {applicant.englishName && (
              <p>
                {t('consent.englishName')} <span class="id-number">{applicant.englishName}</span>
              </p>
            )}
            {applicant.passNumber && (
              <p>
                {t('consent.passNumber')} <span class="id-number">{applicant.passNumber}</span>
              </p>
            )}
          </section>
        )}
        <section class="card" aria-labelledby="consent-use">
          <h2 id="consent-use" class="section-title">
            {t('consent.useTitle')}
          </h2>
          <ul id="consent-uses" class="consent-uses">
            <li>{t('consent.useOnce')}</li>
            <li>{t('consent.useShared')}</li>
            <li>{t('consent.useSession')}</li>
            <li>{t('consent.useMasked')}</li>
          </ul>
        </section>
        <p class="muted">{t('consent.declineNote')}</p>
      </div>
      <ActionBar>
        <button type="button" class="button" onClick={() => consent(false)}>
          {t('consent.decline')}
        </button>
        <button type="button" class="button primary" onClick={() => consent(true)}>
          {t('consent.agree')}
        </button>
      </ActionBar>
    </main>
  );
}
