import { useState } from 'preact/hooks';
import type { PolicySuggestion } from '../../../../core/contract/transaction-view.ts';
import type { Ui } from '../session/ui.ts';

export interface PolicySuggestionsProps {
  readonly ui: Ui;
  readonly suggestions: readonly PolicySuggestion[];
  /** Keys the citizen closed in this session: not shown again. */
  readonly dismissed: readonly string[];
  readonly onDismiss: (key: string) => void;
  /** Opens the suggested bundle's items, as choosing its card would. */
  readonly onStart: (bundle: string) => void;
}

/**
 * 政策找人, discreetly: "您可能符合" and the names only (core sends no facts), what each is on request, and a
 * way to start it here or to close it.
 */
export function PolicySuggestions({ ui: { t, text }, suggestions, dismissed, onDismiss, onStart }: PolicySuggestionsProps) {
  const [open, setOpen] = useState<string | null>(null);
  const shown = suggestions.filter((s) => !dismissed.includes(s.key));
  if (shown.length === 0) return null;
  return (
    <section class="card policies" aria-labelledby="policies-title">
      <h2 id="policies-title" class="section-title">
        {t('policy.title')}
      </h2>
      <p class="muted">{t('policy.note')}</p>
      <ul class="policy-list">
        {shown.map((s) => {
          const aboutId = `policy-about-${s.key.replaceAll('.', '-')}`;
          return (
            <li key={s.key} class="policy">
              <p class="policy-name">{text(s.name)}</p>
              <div class="policy-actions">
                <button type="button" class="button" aria-expanded={open === s.key} aria-controls={aboutId} onClick={() => setOpen(open === s.key ? null : s.key)}>
                  {t('policy.learnMore')}
                </button>
                {s.bundle && (
                  <button type="button" class="button primary" onClick={() => onStart(s.bundle!)}>
                    {t('policy.start')}
                  </button>
                )}
                <button type="button" class="button" onClick={() => onDismiss(s.key)}>
                  {t('policy.dismiss')}
                </button>
              </div>
              <p id={aboutId} class="policy-about">
                {open === s.key && text(s.about)}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
