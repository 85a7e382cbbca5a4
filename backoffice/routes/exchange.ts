/** POST /exchange/person and POST /exchange/lookup: shared data and e-licences, after the applicant consented. */
import { ExchangeLookupRequestSchema, ExchangePersonRequestSchema } from '../api/schemas.ts';
import { errorReply, reply } from '../http/reply.ts';
import { signedJsonRoute } from '../http/route.ts';
import { lookupRecord, personData } from '../model/exchange.ts';

const MAX_EXCHANGE_BODY = 8 * 1024;

export const exchangePersonRoute = signedJsonRoute({
  method: 'POST',
  path: /^\/exchange\/person$/,
  maxBody: MAX_EXCHANGE_BODY,
  schema: ExchangePersonRequestSchema,
  handle: async ({ db, now, kioskId }, request) => reply(200, await personData(db, kioskId, request, now())),
});

export const exchangeLookupRoute = signedJsonRoute({
  method: 'POST',
  path: /^\/exchange\/lookup$/,
  maxBody: MAX_EXCHANGE_BODY,
  schema: ExchangeLookupRequestSchema,
  async handle({ db, now, kioskId }, request) {
    const record = await lookupRecord(db, kioskId, request, now());
    return record ? reply(200, { record }) : errorReply(404, 'not-found', { message: 'no such record for this person' });
  },
});
