/** The latest heartbeat of each kiosk, for the staff page; older ones are not kept. */
import type { HeartbeatRequest } from '../api/schemas.ts';
import type { Queryable } from '../db/database.ts';

export async function recordHeartbeat(db: Queryable, kioskId: string, heartbeat: HeartbeatRequest, now: number): Promise<void> {
  await db.query(
    `INSERT INTO kiosk_heartbeats (kiosk_id, received_at, heartbeat) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (kiosk_id) DO UPDATE SET received_at = excluded.received_at, heartbeat = excluded.heartbeat`,
    [kioskId, now, JSON.stringify(heartbeat)],
  );
}
