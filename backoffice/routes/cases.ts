/** POST /cases/query: 办件查询 by receipt number, case number or ID number; any kiosk of this back office may ask. */
import { CaseQuerySchema } from '../api/schemas.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { reply } from '../http/reply.ts';
import type { Route } from '../http/route.ts';
import { queryCases } from '../model/cases.ts';

export const casesQueryRoute: Route = {
  method: 'POST',
  path: /^\/cases\/query$/,
  signed: true,
  maxBody: 4 * 1024,
  async handle({ db, body }) {
    const parsed = parseJsonBody(CaseQuerySchema, body);
    if (!parsed.ok) return parsed.reply;
    return reply(200, { cases: await queryCases(db, parsed.value) });
  },
};
