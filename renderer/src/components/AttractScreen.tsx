import type { HallInfo } from '../../../core/contract/kiosk-view.ts';
import type { Locale } from '../../../core/contract/locale.ts';
import { localized, type Translate } from '../i18n/i18n.ts';
import { farewellKey } from '../transaction/farewell.ts';
import type { PrinterWarning } from '../transaction/printer-warning.ts';
import type { KioskModel } from '../models/KioskModel.ts';
import { Clock } from './Clock.tsx';
import { AttractWays } from './AttractWays.tsx';

export interface AttractScreenProps {
  readonly t: Translate;
  readonly hall: HallInfo;
  readonly language: Locale;
  /** Why the last identification failed (e.g. an expired card), in the session's language. */
  readonly notice: string | null;
  /** The session that just ended, for a moment: the next citizen sees a clean kiosk, the last one that it is. */
  readonly farewell: KioskModel['farewell']['value'];
  /** Opens 办件查询. */
  readonly onQuery: () => void;
  /** The ID-card reader is unavailable: the QR e-ID is offered instead. */
  readonly readerDown: boolean;
  /** The printer cannot print (out of paper, or down): the receipt will be shown on screen. */
  readonly printerWarning: PrinterWarning | null;
}

/** The idle screen: where the hall is, and the one thing to do to start. */
export function AttractScreen({ t, hall, language, notice, farewell, onQuery, readerDown, printerWarning }: AttractScreenProps) {
  return (
    <main class="screen attract" aria-labelledby="attract-prompt" aria-describedby="attract-hint">
      <header class="attract-header">
        <h1 class="hall-name">{localized(hall.hallName, language)}</h1>
        <Clock language={language} />
      </header>
      <div class="attract-messages">
        <div role="alert">{notice && <p class="card alert-card attract-notice">{notice}</p>}</div>
        <div role="status">
          {printerWarning && (
            <p class="card alert-card attract-printer" data-printer-warning={printerWarning}>
              {t(`attract.${printerWarning}`)}
            </p>
          )}
        </div>
        <div role="status">
          {farewell && (
            <p class="card farewell">
              {t(farewellKey(farewell.reason, farewell.submitted))} {t('farewell.wiped')}
            </p>
          )}
        </div>
      </div>
      <section class="attract-body">
        <h2 id="attract-prompt" class="attract-prompt">
          {t(readerDown ? 'attract.promptQrOnly' : 'attract.prompt')}
        </h2>
        <p id="attract-hint" class="attract-hint">{t(readerDown ? 'attract.hintQrOnly' : 'attract.hint')}</p>
        <AttractWays t={t} readerDown={readerDown} />
      </section>
      <div class="attract-actions">
        <button type="button" class="button" onClick={onQuery}>
          {t('attract.query')}
        </button>
      </div>
    </main>
  );
}
