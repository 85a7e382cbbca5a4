/** Every route of the API v1, as docs/backoffice-api.md lists them. */
import type { Route } from '../http/route.ts';
import { attachmentChunkRoute, attachmentStatusRoute } from './attachments.ts';
import { casesQueryRoute } from './cases.ts';
import { healthRoute } from './health.ts';
import { ratingRoute } from './ratings.ts';
import { submissionRoute } from './submissions.ts';

export const ROUTES: readonly Route[] = [healthRoute, submissionRoute, attachmentStatusRoute, attachmentChunkRoute, ratingRoute, casesQueryRoute];
