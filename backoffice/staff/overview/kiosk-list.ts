/**
 * The kiosks for the staff page: each one's latest heartbeat (devices, queues, catalog, a refused catalog's
 * problems) and when it was last in contact, by heartbeat or by any signed request still remembered.
 */
import type { HeartbeatRequest } from '../../api/schemas.ts';
import type { Queryable } from '../../db/database.ts';

export interface KioskRow {
  readonly id: string;
  readonly revokedAt: number | null;
  readonly heartbeat: HeartbeatRequest | null;
  readonly heartbeatAt: number | null;
  readonly lastContactAt: number | null;
}

export async function listKiosks(db: Queryable): Promise<KioskRow[]> {
  return db.query<KioskRow>(
    `SELECT k.id, k.revoked_at AS "revokedAt", h.heartbeat, h.received_at AS "heartbeatAt",
            GREATEST(h.received_at, (SELECT max(n.seen_at) FROM request_nonces n WHERE n.kiosk_id = k.id)) AS "lastContactAt"
       FROM kiosks k LEFT JOIN kiosk_heartbeats h ON h.kiosk_id = k.id
      ORDER BY k.revoked_at IS NOT NULL, k.id`,
  );
}
