/** GET /catalog: the published catalog, with its version as the ETag; If-None-Match with it → 304. */
import { errorReply, reply } from '../http/reply.ts';
import type { Route } from '../http/route.ts';
import { currentCatalog } from '../model/catalogs.ts';

/** Whether an If-None-Match header names `etag` (a list, weak validators and `*` included). */
function matches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}

export const catalogRoute: Route = {
  method: 'GET',
  path: /^\/catalog$/,
  signed: true,
  maxBody: 0,
  async handle({ db, headers }) {
    const catalog = await currentCatalog(db);
    if (!catalog) return errorReply(404, 'no-catalog', { message: 'no catalog has been published' });
    const etag = `"${catalog.version}"`;
    if (matches(headers['if-none-match'], etag)) return { status: 304, headers: { etag } };
    return reply(200, catalog, { etag });
  },
};
