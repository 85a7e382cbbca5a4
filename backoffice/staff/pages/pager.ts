/** Previous/next links for a paged list, keeping the list's other query parameters. */
import { html, type Html } from '../present/html.ts';

/** The 1-based page a query asks for; anything that is not a positive integer is page 1. */
export function pageNumber(query: URLSearchParams): number {
  const text = query.get('page') ?? '1';
  return /^[1-9]\d{0,5}$/.test(text) ? Number(text) : 1;
}

export function pager(path: string, query: URLSearchParams, page: number, pageSize: number, total: number): Html {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return html``;
  const link = (to: number) => {
    const params = new URLSearchParams(query);
    params.set('page', String(to));
    return `${path}?${params.toString()}`;
  };
  return html`<nav class="pager" aria-label="分页">
  ${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">上一页</a>` : ''}
  <span>第 ${Math.min(page, pages)} / ${pages} 页</span>
  ${page < pages ? html`<a href="${link(page + 1)}" rel="next">下一页</a>` : ''}
</nav>`;
}
