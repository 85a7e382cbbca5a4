/** What every step screen gets: the session's language, its texts, and the one way to act on the session. */
import { createContext } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Locale, LocalizedText } from '../../../../core/contract/locale.ts';
import type { CaptureInput } from '../../../../core/contract/capture.ts';
import type { CitizenEvent, FieldValue, TransactionView } from '../../../../core/contract/transaction-view.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { PinyinAnswer } from '../../transaction/pinyin-entry.ts';

export interface Ui {
  readonly t: Translate;
  readonly language: Locale;
  /** Catalog text in the session's language. */
  readonly text: (text: LocalizedText) => string;
  /** Resolves with whether the step took the event, once the view that follows has arrived. */
  readonly send: (event: CitizenEvent) => Promise<boolean>;
  /** Sends a page the document camera took; resolves like `send`, once the view showing it has arrived. */
  readonly capture: (input: CaptureInput) => Promise<boolean>;
  /** The latest view, read after `send` resolves (the props of a handler's closure are the older one). */
  readonly current: () => TransactionView | null;
  /** Chinese for pinyin typed on the on-screen keyboard, most likely first (none while core is out of reach). */
  readonly pinyin: (letters: string) => Promise<PinyinAnswer>;
  /** One of the applicant's own answers in full (core decides which may be shown); null when not. */
  readonly ownAnswer: (key: string) => Promise<FieldValue | null>;
}

export interface StepProps {
  readonly ui: Ui;
  readonly view: TransactionView;
}

/** The session's cancel action, for the action bar of whichever screen is showing; null where it is not offered. */
export const CancelContext = createContext<{ readonly label: string; readonly request: () => void } | null>(null);

/**
 * Runs one action at a time: a second tap while the first is under way does nothing (elderly users often
 * tap twice). Buttons stay enabled, so keypad focus is not lost to a disabled button.
 */
export function useAction(): [busy: boolean, run: (task: () => Promise<unknown>) => void] {
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const run = (task: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    void task().finally(() => {
      running.current = false;
      setBusy(false);
    });
  };
  return [busy, run];
}
