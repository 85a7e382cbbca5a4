import type { QueryView } from '../../../../core/contract/query-view.ts';
import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type Ui } from '../session/ui.ts';
import { CaseCard } from './CaseCard.tsx';

export interface QueryScreenProps {
  readonly ui: Ui;
  readonly view: QueryView;
}

/**
 * 办件查询: what to show (the ID card, or the receipt's QR code), then the citizen's cases. Offline, the
 * kiosk says it shows only its own records; a case not uploaded yet says so instead of a status.
 */
export function QueryScreen({ ui, view }: QueryScreenProps) {
  const { t } = ui;
  const [, run] = useAction();
  return (
    <main class="screen step query" aria-labelledby="query-title" aria-busy={view.status === 'searching'} data-query={view.status}>
      <div class="step-body">
        <ScreenTitle id="query-title">{t('query.title')}</ScreenTitle>
        {view.status === 'waiting' && <p class="lead">{t('query.how')}</p>}
        <div role="status">
          {view.status === 'searching' && <p class="lead">{t('query.searching')}</p>}
          {view.status === 'results' && view.source === 'local' && <p class="card note-card">{t('query.offline')}</p>}
          {view.status === 'results' && <p class="lead">{view.cases.length === 0 ? t('query.none') : t('query.found', { count: view.cases.length })}</p>}
        </div>
        {view.status === 'results' && (
          <ul class="case-list">
            {view.cases.map((c) => (
              <li key={c.receiptNumber}>
                <CaseCard ui={ui} view={c} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <ActionBar>
        {view.status === 'results' && (
          <button type="button" class="button" onClick={() => run(() => ui.send({ type: 'query.start' }))}>
            {t('query.again')}
          </button>
        )}
        <button type="button" class="button primary" onClick={() => run(() => ui.send({ type: 'query.close' }))}>
          {t('query.close')}
        </button>
      </ActionBar>
    </main>
  );
}
