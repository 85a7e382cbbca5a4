/** POST /identity/eid: resolves a scanned QR e-ID code to the identity it stands for (model/eid-codes.ts). */
import { EidRequestSchema } from '../api/schemas.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { errorReply, reply } from '../http/reply.ts';
import type { Route } from '../http/route.ts';
import { EID_CODE, resolveEidCode } from '../model/eid-codes.ts';

export const eidRoute: Route = {
  method: 'POST',
  path: /^\/identity\/eid$/,
  signed: true,
  maxBody: 4 * 1024,
  async handle({ db, body }) {
    const parsed = parseJsonBody(EidRequestSchema, body);
    if (!parsed.ok) return parsed.reply;
    const { code } = parsed.value;
    if (!EID_CODE.test(code)) return errorReply(400, 'malformed-code');
    const identity = await resolveEidCode(db, code);
    return identity ? reply(200, { identity }) : errorReply(404, 'unknown-code');
  },
};
