import { useState } from 'preact/hooks';
import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';
import { DeliveryStatus } from './DeliveryStatus.tsx';

type Level = 1 | 2 | 3 | 4 | 5;
const LEVELS: readonly Level[] = [5, 4, 3, 2, 1];

/**
 * 好差评 on the national five-level scale. For the two lowest levels the reasons are asked (at least one),
 * as the rating rules require; the comment is optional; skipping is always possible.
 */
export function RatingScreen({ ui, view }: StepProps) {
  const { t, text } = ui;
  const [level, setLevel] = useState<Level | null>(null);
  const [reasons, setReasons] = useState<readonly string[]>([]);
  const [comment, setComment] = useState('');
  const [, run] = useAction();
  const low = level !== null && level <= 2;
  const canSend = level !== null && (!low || reasons.length > 0);
  const toggle = (key: string) => setReasons((list) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]));
  const rate = () => {
    if (level === null) return;
    const trimmed = comment.trim();
    run(() => ui.send({ type: 'user.rate', level, reasons: low ? [...reasons] : [], ...(trimmed ? { comment: trimmed } : {}) }));
  };
  const submission = view.submission;
  return (
    <main class="screen step rating" aria-labelledby="rating-title">
      <div class="step-body">
        {submission && (
          <div class="card receipt-done" role="status">
            <p>
              {view.receipt === 'printed' && <span>{t('rating.printed')}</span>}{' '}
              <span class="receipt-number-inline">{t('rating.receiptNumber', { number: submission.receiptNumber })}</span>
            </p>
            <DeliveryStatus ui={ui} submission={submission} />
          </div>
        )}
        <ScreenTitle id="rating-title">{t('rating.title')}</ScreenTitle>
        <div class="rating-levels" role="radiogroup" aria-label={t('rating.levels')}>
          {LEVELS.map((value) => (
            <button key={value} type="button" role="radio" aria-checked={level === value} class="choice rating-level" onClick={() => setLevel(value)}>
              <span class="stars" aria-hidden="true">
                {'★'.repeat(value)}
              </span>
              <span>{t(`rating.level.${value}`)}</span>
            </button>
          ))}
        </div>
        {low && (
          <section aria-labelledby="rating-reasons">
            <h2 id="rating-reasons" class="section-title">
              {t('rating.reasons')}
            </h2>
            <div class="reason-list">
              {view.rating.lowLevelReasons.map((reason) => (
                <button key={reason.key} type="button" class="choice" aria-pressed={reasons.includes(reason.key)} onClick={() => toggle(reason.key)}>
                  {text(reason.label)}
                </button>
              ))}
            </div>
          </section>
        )}
        {level !== null && (
          <label class="text-field">
            <span class="section-title">{t('rating.comment')}</span>
            <input type="text" class="text-input" lang={ui.language} maxLength={500} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
        )}
      </div>
      <ActionBar>
        <button type="button" class="button" onClick={() => run(() => ui.send({ type: 'user.next' }))}>
          {t('rating.skip')}
        </button>
        <button type="button" class="button primary" disabled={!canSend} onClick={rate}>
          {t('rating.submit')}
        </button>
      </ActionBar>
    </main>
  );
}
