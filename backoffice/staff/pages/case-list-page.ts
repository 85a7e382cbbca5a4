/** 办件列表: the received cases, newest first, with the status and kiosk filters and paging. */
import { CASE_STATUSES } from '../../api/schemas.ts';
import type { StaffSession } from '../auth/sessions.ts';
import { CASES_PER_PAGE, type CaseFilter, type CasePage } from '../cases/case-list.ts';
import type { CatalogLabels } from '../present/catalog-labels.ts';
import { timeElement } from '../present/format.ts';
import { html, type Html } from '../present/html.ts';
import { STATUS_LABELS } from '../present/labels.ts';
import { maskName } from '../present/masking.ts';
import { heading, layout } from './layout.ts';
import { pager } from './pager.ts';

export interface CaseListView {
  readonly filter: CaseFilter;
  readonly list: CasePage;
  readonly kiosks: readonly string[];
  /** Labels by catalog version, for the rows' item names. */
  readonly labels: ReadonlyMap<string, CatalogLabels>;
}

export function statusBadge(status: keyof typeof STATUS_LABELS): Html {
  return html`<span class="status status-${status}">${STATUS_LABELS[status]}</span>`;
}

export function caseHref(receiptNumber: string, caseNumber?: string): string {
  return `/staff/cases/${encodeURIComponent(receiptNumber)}${caseNumber ? `#${caseNumber}` : ''}`;
}

function filters(view: CaseListView): Html {
  const { filter } = view;
  const statusOptions = CASE_STATUSES.map((s) => html`<option value="${s}"${filter.status === s ? html` selected` : ''}>${STATUS_LABELS[s]}</option>`);
  const kioskOptions = view.kiosks.map((k) => html`<option value="${k}"${filter.kioskId === k ? html` selected` : ''}>${k}</option>`);
  return html`<form class="filters" method="get" action="/staff/cases">
  <div><label for="filter-status">状态</label><select id="filter-status" name="status"><option value="">全部状态</option>${statusOptions}</select></div>
  <div><label for="filter-kiosk">自助终端</label><select id="filter-kiosk" name="kiosk"><option value="">全部终端</option>${kioskOptions}</select></div>
  <div><button type="submit">筛选</button></div>
</form>`;
}

function rows(view: CaseListView): Html {
  if (view.list.rows.length === 0) return html`<p class="notice" role="status">没有符合条件的办件。</p>`;
  const body = view.list.rows.map((row) => {
    const labels = view.labels.get(row.catalogVersion);
    const item = labels?.item(row.itemCode);
    return html`<tr>
  <td><a href="${caseHref(row.receiptNumber, row.caseNumber)}" class="mono">${row.caseNumber}</a></td>
  <td>${item?.name ?? row.itemCode}${item?.department ? html`<span class="hint">${item.department}</span>` : ''}</td>
  <td><span class="masked">${maskName(row.applicantName)}</span></td>
  <td class="mono">${row.receiptNumber}</td>
  <td>${row.kioskId}</td>
  <td>${timeElement(row.receivedAt)}</td>
  <td>${statusBadge(row.status)}</td>
  <td>${timeElement(row.updatedAt)}</td>
</tr>`;
  });
  return html`<table>
<caption class="visually-hidden">办件列表，最新在前</caption>
<thead><tr><th scope="col">办件编号</th><th scope="col">事项</th><th scope="col">申请人</th><th scope="col">受理编号</th><th scope="col">自助终端</th><th scope="col">接收时间</th><th scope="col">状态</th><th scope="col">状态更新</th></tr></thead>
<tbody>${body}</tbody>
</table>`;
}

export function caseListPage(session: StaffSession, view: CaseListView): Html {
  const query = new URLSearchParams();
  if (view.filter.status) query.set('status', view.filter.status);
  if (view.filter.kioskId) query.set('kiosk', view.filter.kioskId);
  return layout(
    { title: '办件', session, section: 'cases' },
    html`${heading(1, '收到的办件', 'Received cases')}
${filters(view)}
<p role="status">共 ${view.list.total} 件</p>
${rows(view)}
${pager('/staff/cases', query, view.filter.page, CASES_PER_PAGE, view.list.total)}`,
  );
}
