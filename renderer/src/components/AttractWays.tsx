import { useState } from 'preact/hooks';
import type { Translate } from '../i18n/i18n.ts';
import { IdCardIcon, QrIcon } from './icons.tsx';

export interface AttractWaysProps {
  readonly t: Translate;
  /** The ID-card reader is unavailable: its tile says so and nothing else is promised of it. */
  readonly readerDown: boolean;
}

type Way = 'idCard' | 'qr';

/**
 * The two ways to start, as large tiles: pressing one says where to put the card or how to show the e-ID
 * (the reader and the scanner start the session by themselves; the tile only explains). A reader that is
 * down leaves its tile as a plain notice, not a button.
 */
export function AttractWays({ t, readerDown }: AttractWaysProps) {
  const [open, setOpen] = useState<Way | null>(null);
  const shown = readerDown && open === 'idCard' ? null : open;
  const tile = (way: Way, icon: preact.JSX.Element) => (
    <li>
      <button
        type="button"
        class="attract-way"
        aria-expanded={shown === way}
        aria-controls="attract-how"
        onClick={() => setOpen(shown === way ? null : way)}
      >
        {icon}
        <span>{t(`attract.${way}`)}</span>
      </button>
    </li>
  );
  return (
    <>
      <ul class="attract-ways" aria-label={t('attract.waysLabel')}>
        {readerDown ? (
          <li class="attract-way unavailable">
            <IdCardIcon />
            <span>{t('attract.idCard')}</span>
            <span class="attract-way-state">{t('attract.idCardDown')}</span>
          </li>
        ) : (
          tile('idCard', <IdCardIcon />)
        )}
        {tile('qr', <QrIcon />)}
      </ul>
      <p id="attract-how" class="attract-how" aria-live="polite">
        {shown && t(shown === 'idCard' ? 'attract.idCardHow' : 'attract.qrHow')}
      </p>
    </>
  );
}
