/** Every route of the API v1, as docs/backoffice-api.md lists them. */
import type { Route } from '../http/route.ts';
import { attachmentChunkRoute, attachmentStatusRoute } from './attachments.ts';
import { casesQueryRoute } from './cases.ts';
import { catalogRoute } from './catalog.ts';
import { exchangeLookupRoute, exchangePersonRoute } from './exchange.ts';
import { healthRoute } from './health.ts';
import { heartbeatRoute } from './heartbeats.ts';
import { eidRoute } from './identity.ts';
import { ratingRoute } from './ratings.ts';
import { deskPrintRoute, receiptSmsRoute } from './receipt-copies.ts';
import { submissionRoute } from './submissions.ts';

export const ROUTES: readonly Route[] = [
  healthRoute,
  submissionRoute,
  attachmentStatusRoute,
  attachmentChunkRoute,
  ratingRoute,
  deskPrintRoute,
  receiptSmsRoute,
  heartbeatRoute,
  catalogRoute,
  casesQueryRoute,
  exchangePersonRoute,
  exchangeLookupRoute,
  eidRoute,
];
