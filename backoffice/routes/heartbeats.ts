/** POST /heartbeats: keeps the kiosk's latest state; answers the published catalog version and the server's clock. */
import { HeartbeatRequestSchema, type HeartbeatAck } from '../api/schemas.ts';
import { reply } from '../http/reply.ts';
import { signedJsonRoute } from '../http/route.ts';
import { currentCatalogVersion } from '../model/catalogs.ts';
import { recordHeartbeat } from '../model/heartbeats.ts';

export const heartbeatRoute = signedJsonRoute({
  method: 'POST',
  path: /^\/heartbeats$/,
  maxBody: 64 * 1024,
  schema: HeartbeatRequestSchema,
  async handle({ db, now, kioskId }, heartbeat) {
    const at = now();
    await recordHeartbeat(db, kioskId, heartbeat, at);
    const ack: HeartbeatAck = { catalogVersion: await currentCatalogVersion(db), serverTime: at };
    return reply(200, ack);
  },
});
