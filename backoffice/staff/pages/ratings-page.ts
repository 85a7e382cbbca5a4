/** 好差评列表: every rating, newest first, with how many of each level. */
import type { StaffSession } from '../auth/sessions.ts';
import { RATINGS_PER_PAGE, type RatingPage } from '../overview/ratings-list.ts';
import type { CatalogLabels } from '../present/catalog-labels.ts';
import { timeElement } from '../present/format.ts';
import { html, type Html } from '../present/html.ts';
import { RATING_LEVELS } from '../present/labels.ts';
import { caseHref } from './case-list-page.ts';
import { heading, layout } from './layout.ts';
import { pager } from './pager.ts';

function levels(list: RatingPage): Html {
  const items = [5, 4, 3, 2, 1].map((level) => html`<dt>${RATING_LEVELS[level]}</dt><dd>${list.levels.get(level) ?? 0}</dd>`);
  return html`<dl class="facts">${items}</dl>`;
}

function rows(list: RatingPage, labels: CatalogLabels): Html {
  if (list.rows.length === 0) return html`<p class="notice" role="status">还没有评价。</p>`;
  const body = list.rows.map((r) => {
    const reasons = r.reasons.map((key) => html`<li>${labels.ratingReason(key) ?? key}</li>`);
    const receipt = r.hasCase ? html`<a href="${caseHref(r.receiptNumber)}" class="mono">${r.receiptNumber}</a>` : html`<span class="mono">${r.receiptNumber}</span>`;
    return html`<tr>
  <td>${timeElement(r.ratedAt)}</td>
  <td>${RATING_LEVELS[r.level] ?? r.level}</td>
  <td>${reasons.length > 0 ? html`<ul class="plain">${reasons}</ul>` : '—'}</td>
  <td>${r.comment ?? '—'}</td>
  <td>${receipt}</td>
  <td>${r.kioskId}</td>
</tr>`;
  });
  return html`<table><thead><tr><th scope="col">评价时间</th><th scope="col">评价</th><th scope="col">原因</th><th scope="col">评价内容</th><th scope="col">受理编号</th><th scope="col">自助终端</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function ratingsPage(session: StaffSession, list: RatingPage, labels: CatalogLabels, page: number): Html {
  return layout(
    { title: '好差评', session, section: 'ratings' },
    html`${heading(1, '好差评', 'Ratings')}
<p role="status">共 ${list.total} 条评价</p>
${levels(list)}
${rows(list, labels)}
${pager('/staff/ratings', new URLSearchParams(), page, RATINGS_PER_PAGE, list.total)}`,
  );
}
