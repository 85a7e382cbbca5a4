/** POST /cases/query: 办件查询 by receipt number, case number or ID number; any kiosk of this back office may ask. */
import { CaseQuerySchema } from '../api/schemas.ts';
import { reply } from '../http/reply.ts';
import { signedJsonRoute } from '../http/route.ts';
import { queryCases } from '../model/cases.ts';

export const casesQueryRoute = signedJsonRoute({
  method: 'POST',
  path: /^\/cases\/query$/,
  maxBody: 4 * 1024,
  schema: CaseQuerySchema,
  handle: async ({ db }, query) => reply(200, { cases: await queryCases(db, query) }),
});
