/** POST /heartbeats: keeps the kiosk's latest state; answers the published catalog version and the server's clock. */
import { HeartbeatRequestSchema, type HeartbeatAck } from '../api/schemas.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { reply } from '../http/reply.ts';
import type { Route } from '../http/route.ts';
import { currentCatalogVersion } from '../model/catalogs.ts';
import { recordHeartbeat } from '../model/heartbeats.ts';

export const heartbeatRoute: Route = {
  method: 'POST',
  path: /^\/heartbeats$/,
  signed: true,
  maxBody: 64 * 1024,
  async handle({ db, now, body, kioskId }) {
    const parsed = parseJsonBody(HeartbeatRequestSchema, body);
    if (!parsed.ok) return parsed.reply;
    const at = now();
    await recordHeartbeat(db, kioskId, parsed.value, at);
    const ack: HeartbeatAck = { catalogVersion: await currentCatalogVersion(db), serverTime: at };
    return reply(200, ack);
  },
};
