import type { SyncStatus } from '../../../core/contract/kiosk-view.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { LinkState } from '../bridge/websocket-port.ts';

export interface StatusLineProps {
  readonly t: Translate;
  readonly kioskId: string | undefined;
  readonly sync: SyncStatus;
  readonly link: LinkState;
  /** False while out of service: the back office is not probed then, so its status would mislead. */
  readonly showSync: boolean;
}

/** Quiet, truthful status: the kiosk id for staff, and whether submissions can go out now. */
export function StatusLine({ t, kioskId, sync, link, showSync }: StatusLineProps) {
  return (
    <p class="status-line" role="status">
      {link !== 'open' ? (
        <span class="status-warn">{t('status.reconnecting')}</span>
      ) : (
        showSync && <span class={`sync sync-${sync.backOffice}`}>{t(`status.${sync.backOffice}`)}</span>
      )}
      {kioskId && <span class="kiosk-id">{t('status.kiosk', { id: kioskId })}</span>}
    </p>
  );
}
