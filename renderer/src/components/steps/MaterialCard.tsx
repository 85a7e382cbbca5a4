import type { MaterialView } from '../../../../core/contract/transaction-view.ts';
import { MaterialCapture } from '../capture/MaterialCapture.tsx';
import type { Ui } from '../session/ui.ts';

const CHIPS = { done: 'chip ok', pending: 'chip warn', optional: 'chip', atWindow: 'chip warn' } as const;

export interface MaterialCardProps {
  readonly ui: Ui;
  readonly material: MaterialView;
  /** Signs the commitment, or authorises an optional material on its own. */
  readonly onDecide: () => void;
}

/** One material: why it is (or is not) needed, for which items, and what is left to do about it. */
export function MaterialCard({ ui, material: m, onDecide }: MaterialCardProps) {
  const { t, text } = ui;
  const status = m.needs === null ? null : m.capture?.atWindow ? 'atWindow' : m.done ? 'done' : m.required ? 'pending' : 'optional';
  const titleId = `material-${m.key.replaceAll('.', '-')}`;
  return (
    <article class={`card material ${status ?? ''}`} aria-labelledby={titleId}>
      <div class="material-head">
        <h3 id={titleId} class="material-name">
          {text(m.name)}
        </h3>
        {status && <span class={CHIPS[status]}>{t(`materials.${status}`)}</span>}
      </div>
      <p class="material-reason">{text(m.reason)}</p>
      {m.description && <p class="muted">{text(m.description)}</p>}
      {m.neededBy.length > 0 && <p class="muted">{t('materials.neededBy', { items: m.neededBy.map(text).join(t('list.separator')) })}</p>}
      {m.promise && (
        <blockquote class="promise">
          <p class="label">{t('materials.promise')}</p>
          <p>{text(m.promise)}</p>
        </blockquote>
      )}
      {!m.done && m.needs === 'authorised' && !m.required && (
        <button type="button" class="button" onClick={onDecide}>
          {t('materials.authoriseOne')}
        </button>
      )}
      {!m.done && m.needs === 'signed' && (
        <button type="button" class="button primary" onClick={onDecide}>
          {t('materials.sign')}
        </button>
      )}
      {m.capture && <MaterialCapture ui={ui} material={{ ...m, capture: m.capture }} />}
    </article>
  );
}
