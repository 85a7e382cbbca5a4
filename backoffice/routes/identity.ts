/** POST /identity/eid: resolves a scanned QR e-ID code to the identity it stands for (model/eid-codes.ts). */
import { EidRequestSchema } from '../api/schemas.ts';
import { errorReply, reply } from '../http/reply.ts';
import { signedJsonRoute } from '../http/route.ts';
import { EID_CODE, resolveEidCode } from '../model/eid-codes.ts';

export const eidRoute = signedJsonRoute({
  method: 'POST',
  path: /^\/identity\/eid$/,
  maxBody: 4 * 1024,
  schema: EidRequestSchema,
  async handle({ db }, { code }) {
    if (!EID_CODE.test(code)) return errorReply(400, 'malformed-code');
    const identity = await resolveEidCode(db, code);
    return identity ? reply(200, { identity }) : errorReply(404, 'unknown-code');
  },
});
