/** The list pages (cases, ratings, kiosks) and a captured image, each a GET behind the session. */
import { CASE_STATUSES, type CaseStatus } from '../../api/schemas.ts';
import { currentCatalogVersion } from '../../model/catalogs.ts';
import { logAttachmentView } from '../cases/access-log.ts';
import { imageAttachment } from '../cases/case-detail.ts';
import { listCases, submittingKiosks } from '../cases/case-list.ts';
import { listKiosks } from '../overview/kiosk-list.ts';
import { listRatings } from '../overview/ratings-list.ts';
import { caseListPage } from '../pages/case-list-page.ts';
import { kiosksPage } from '../pages/kiosks-page.ts';
import { pageNumber } from '../pages/pager.ts';
import { ratingsPage } from '../pages/ratings-page.ts';
import { catalogLabels, type CatalogLabels } from '../present/catalog-labels.ts';
import { notFound } from './case-handlers.ts';
import { page, redirect } from './respond.ts';
import type { StaffRoute } from './staff-context.ts';

function statusFilter(value: string | null): CaseStatus | undefined {
  return CASE_STATUSES.find((s) => s === value);
}

export const overviewRoutes: readonly StaffRoute[] = [
  { method: 'GET', path: /^\/staff\/?$/, handle: async () => redirect('/staff/cases') },
  {
    method: 'GET',
    path: /^\/staff\/cases$/,
    async handle(ctx) {
      const query = ctx.url.searchParams;
      const kiosks = await submittingKiosks(ctx.db);
      const kioskId = kiosks.find((k) => k === query.get('kiosk'));
      const filter = { status: statusFilter(query.get('status')), kioskId, page: pageNumber(query) };
      const list = await listCases(ctx.db, filter);
      const labels = new Map<string, CatalogLabels>();
      for (const version of new Set(list.rows.map((r) => r.catalogVersion))) labels.set(version, await catalogLabels(ctx.db, version));
      return page(200, caseListPage(ctx.session, { filter, list, kiosks, labels }));
    },
  },
  {
    method: 'GET',
    path: /^\/staff\/ratings$/,
    async handle(ctx) {
      const number = pageNumber(ctx.url.searchParams);
      return page(200, ratingsPage(ctx.session, await listRatings(ctx.db, number), await catalogLabels(ctx.db, null), number));
    },
  },
  {
    method: 'GET',
    path: /^\/staff\/kiosks$/,
    async handle(ctx) {
      return page(200, kiosksPage(ctx.session, { kiosks: await listKiosks(ctx.db), currentCatalog: await currentCatalogVersion(ctx.db), now: ctx.now() }));
    },
  },
  {
    method: 'GET',
    path: /^\/staff\/attachments\/([0-9a-f]{64})$/,
    async handle(ctx, [sha256]) {
      const image = await imageAttachment(ctx.db, sha256!);
      if (!image) return notFound(ctx.session, '附件');
      await logAttachmentView(ctx.db, ctx.session.staff.id, sha256!, ctx.now());
      return { status: 200, body: image.content, contentType: image.contentType, headers: { 'content-disposition': 'inline' } };
    },
  },
];
