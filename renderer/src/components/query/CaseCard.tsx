import type { CaseItemView, CaseView } from '../../../../core/contract/query-view.ts';
import type { Ui } from '../session/ui.ts';

/** The date in the citizen's language, in Beijing time like the receipt. */
function day(ui: Ui, at: number): string {
  return new Intl.DateTimeFormat(ui.language, { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(at);
}

function statusChip(status: CaseItemView['status']): string {
  if (status === 'returned') return 'chip warn';
  return status === 'completed' ? 'chip ok' : 'chip';
}

function ItemRow({ ui, item }: { readonly ui: Ui; readonly item: CaseItemView }) {
  const { t, text } = ui;
  return (
    <li class="case-item" data-status={item.status ?? 'unknown'}>
      <div class="case-item-name">
        {item.name ? text(item.name) : item.code}
        {item.department && <span class="muted"> · {text(item.department)}</span>}
      </div>
      <div class="case-item-facts">
        <span class={statusChip(item.status)}>{t(item.status ? `case.status.${item.status}` : 'case.status.unknown')}</span>
        {item.caseNumber && <span>{t('case.number', { number: item.caseNumber })}</span>}
        {item.updatedAt !== null && <span class="muted">{t('case.updated', { date: day(ui, item.updatedAt) })}</span>}
      </div>
      {item.note && <p class="case-note">{item.note}</p>}
    </li>
  );
}

/** One submission: its bundle, when it was made, and each department's case, or that it waits to be uploaded. */
export function CaseCard({ ui, view }: { readonly ui: Ui; readonly view: CaseView }) {
  const { t, text } = ui;
  return (
    <article class="card case-card" aria-label={t('case.receipt', { number: view.receiptNumber })}>
      <h2 class="section-title">{view.bundle ? text(view.bundle) : t('case.unknownBundle')}</h2>
      <p class="muted">
        {t('case.receipt', { number: view.receiptNumber })} · {t('case.submitted', { date: day(ui, view.submittedAt) })}
      </p>
      {view.delivered ? (
        <ul class="case-items">
          {view.items.map((item) => (
            <ItemRow key={item.code} ui={ui} item={item} />
          ))}
        </ul>
      ) : (
        <p class="chip">{t('case.waitingUpload')}</p>
      )}
    </article>
  );
}
