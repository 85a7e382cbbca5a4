/**
 * 窗口打印回执: receipts a kiosk could not print, waiting for the citizen at the desk. The list shows the
 * oldest first; a receipt's own page is laid out for the desk printer (the browser's print, the navigation
 * hidden on paper) with a form to record that it was printed and handed over.
 */
import type { StaffSession } from '../auth/sessions.ts';
import type { DeskPrint } from '../../model/desk-prints.ts';
import { timeElement } from '../present/format.ts';
import { html, type Html } from '../present/html.ts';
import { heading, layout } from './layout.ts';

export function deskPrintHref(receiptNumber: string): string {
  return `/staff/desk-prints/${encodeURIComponent(receiptNumber)}`;
}

export function deskPrintsPage(session: StaffSession, waiting: readonly DeskPrint[], printed: string | null): Html {
  const done = printed ? html`<p class="notice ok" role="status">回执 <span class="mono">${printed}</span> 已标记为已打印交付。</p>` : '';
  const rows = waiting.map(
    (p) => html`<tr>
  <td>${timeElement(p.receivedAt)}</td>
  <td><a href="${deskPrintHref(p.receiptNumber)}" class="mono">${p.receiptNumber}</a></td>
  <td>${p.kioskId}</td>
</tr>`,
  );
  const list =
    waiting.length === 0
      ? html`<p class="notice" role="status">没有等待打印的回执。</p>`
      : html`<p role="status">${waiting.length} 张回执等待打印</p>
<table><thead><tr><th scope="col">申请时间</th><th scope="col">受理编号</th><th scope="col">自助终端</th></tr></thead><tbody>${rows}</tbody></table>`;
  return layout(
    { title: '窗口打印回执', session, section: 'desk-prints' },
    html`${heading(1, '窗口打印回执', 'Receipts to print at the desk')}
${done}
<p>自助终端打印机故障或缺纸时，市民可选择到服务台领取回执。请核对市民出示的受理编号和身份证件后打印交付。</p>
${list}`,
  );
}

export function deskPrintPage(session: StaffSession, print: DeskPrint): Html {
  const state = print.printedAt
    ? html`<p class="notice ok" role="status">已于 ${timeElement(print.printedAt)} 打印交付（${print.printedBy ?? ''}）。</p>`
    : html`<form method="post" action="${deskPrintHref(print.receiptNumber)}" class="no-print">
  <input type="hidden" name="csrf" value="${session.csrf}">
  <p>用浏览器的“打印”（Ctrl+P）在服务台打印机上打印本回执，交给市民后点击：</p>
  <button type="submit">已打印并交给市民</button>
</form>`;
  return layout(
    { title: `回执 ${print.receiptNumber}`, session, section: 'desk-prints' },
    html`<div class="no-print">${heading(1, '窗口打印回执', 'Receipt to print at the desk')}</div>
<pre class="desk-receipt" aria-label="回执 ${print.receiptNumber}">${print.lines.join('\n')}</pre>
${state}
<p class="no-print"><a href="/staff/desk-prints">返回待打印列表</a></p>`,
  );
}
