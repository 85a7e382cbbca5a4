/** POST /exchange/person and POST /exchange/lookup: shared data and e-licences, after the applicant consented. */
import { ExchangeLookupRequestSchema, ExchangePersonRequestSchema } from '../api/schemas.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { errorReply, reply } from '../http/reply.ts';
import type { Route } from '../http/route.ts';
import { lookupRecord, personData } from '../model/exchange.ts';

const MAX_EXCHANGE_BODY = 8 * 1024;

export const exchangePersonRoute: Route = {
  method: 'POST',
  path: /^\/exchange\/person$/,
  signed: true,
  maxBody: MAX_EXCHANGE_BODY,
  async handle({ db, now, body, kioskId }) {
    const parsed = parseJsonBody(ExchangePersonRequestSchema, body);
    if (!parsed.ok) return parsed.reply;
    return reply(200, await personData(db, kioskId, parsed.value, now()));
  },
};

export const exchangeLookupRoute: Route = {
  method: 'POST',
  path: /^\/exchange\/lookup$/,
  signed: true,
  maxBody: MAX_EXCHANGE_BODY,
  async handle({ db, now, body, kioskId }) {
    const parsed = parseJsonBody(ExchangeLookupRequestSchema, body);
    if (!parsed.ok) return parsed.reply;
    const record = await lookupRecord(db, kioskId, parsed.value, now());
    return record ? reply(200, { record }) : errorReply(404, 'not-found', { message: 'no such record for this person' });
  },
};
