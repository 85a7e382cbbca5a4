import type { DeviceStatus, SyncStatus } from '../../../core/contract/kiosk-view.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { LinkState } from '../bridge/websocket-port.ts';

export interface StatusLineProps {
  readonly t: Translate;
  readonly kioskId: string | undefined;
  readonly sync: SyncStatus;
  readonly devices: readonly DeviceStatus[];
  readonly link: LinkState;
  /** False while out of service: the back office is not probed then, so its status would mislead. */
  readonly showSync: boolean;
}

/** Quiet, truthful status: whether submissions can go out now, which devices are down, the kiosk id for staff. */
export function StatusLine({ t, kioskId, sync, devices, link, showSync }: StatusLineProps) {
  const unavailable = devices.filter((d) => d.status === 'UNAVAILABLE');
  return (
    <p class="status-line" role="status">
      {link !== 'open' ? (
        <span class="status-warn">{t('status.reconnecting')}</span>
      ) : (
        showSync && <span class={`sync sync-${sync.backOffice}`}>{t(`status.${sync.backOffice}`)}</span>
      )}
      {showSync && sync.queued > 0 && (
        <span class="sync-queued" data-queued={sync.queued}>
          {t('status.queued', { count: sync.queued })}
        </span>
      )}
      {unavailable.map((d) => (
        <span key={d.id} class="status-warn device-unavailable" data-device={d.kind} data-code={d.code}>
          {t('status.deviceUnavailable', { device: t(`device.${d.kind}`) })}
        </span>
      ))}
      {kioskId && <span class="kiosk-id">{t('status.kiosk', { id: kioskId })}</span>}
    </p>
  );
}
