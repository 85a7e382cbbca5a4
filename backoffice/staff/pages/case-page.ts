/**
 * 办件详情: one submission as received — receipt, kiosk, times, bundle, the applicant (masked until a staff
 * member asks, which is logged), each item's case, the materials and how each was settled, the
 * attachments, the rating and who has seen it unmasked.
 */
import type { StaffSession } from '../auth/sessions.ts';
import type { AccessEntry } from '../cases/access-log.ts';
import type { CaseDetail } from '../cases/case-detail.ts';
import type { CatalogLabels } from '../present/catalog-labels.ts';
import { timeElement } from '../present/format.ts';
import { html, type Html } from '../present/html.ts';
import { IDENTIFIED_VIA, MATERIAL_ACTIONS, MATERIAL_DECISIONS, RATING_LEVELS } from '../present/labels.ts';
import { maskIdNumber, maskName } from '../present/masking.ts';
import { caseItemSection, type StatusFormError } from './case-item-section.ts';
import { attachmentContent, fieldLabel } from './field-values.ts';
import { heading, layout } from './layout.ts';

export interface CasePageView {
  readonly detail: CaseDetail;
  readonly labels: CatalogLabels;
  readonly revealed: boolean;
  readonly accessLog: readonly AccessEntry[];
  /** The case whose status just changed (after the redirect). */
  readonly changed?: string;
  readonly error?: StatusFormError;
}

function summary({ detail, labels }: CasePageView): Html {
  const { record } = detail;
  const bundle = labels.bundle(record.bundleCode);
  return html`<dl class="facts">
  <dt>受理编号</dt><dd class="mono">${detail.receiptNumber}</dd>
  <dt>一件事</dt><dd>${bundle ?? record.bundleCode}${bundle ? html` <span class="mono">${record.bundleCode}</span>` : ''}</dd>
  <dt>自助终端</dt><dd>${detail.kioskId}</dd>
  <dt>提交时间</dt><dd>${timeElement(detail.submittedAt)}</dd>
  <dt>接收时间</dt><dd>${timeElement(detail.receivedAt)}</dd>
  <dt>数据共享</dt><dd>${record.consents.dataSharing ? '申请人已授权' : '申请人未授权'}；${record.exchange === 'online' ? '提交时已在线核验' : '提交时离线，共享数据待后台核验'}</dd>
  <dt>目录版本</dt><dd class="mono">${detail.catalogVersion}</dd>
</dl>`;
}

function applicant(view: CasePageView, session: StaffSession): Html {
  const { applicant: a } = view.detail.record;
  const reveal = view.revealed
    ? html`<p class="notice" role="status">正在显示完整个人信息；本次查看已记录（${session.staff.name}，${session.staff.id}）。离开此页后重新遮盖。</p>`
    : html`<form method="post" action="/staff/cases/${encodeURIComponent(view.detail.receiptNumber)}/reveal">
  <input type="hidden" name="csrf" value="${session.csrf}">
  <button type="submit" class="secondary">显示</button> <span class="hint">显示申请人的完整姓名、证件号码及表单中的个人信息。每次查看都会记录工号和时间。</span>
</form>`;
  return html`${heading(2, '申请人', 'Applicant')}
<dl class="facts">
  <dt>姓名</dt><dd class="masked">${view.revealed ? a.name : maskName(a.name)}</dd>
  <dt>公民身份号码</dt><dd class="mono masked">${view.revealed ? a.idNumber : maskIdNumber(a.idNumber)}</dd>
  <dt>身份核验</dt><dd>${IDENTIFIED_VIA[a.via] ?? a.via}${a.helperId ? html`（帮办人员 ${a.helperId}）` : ''}</dd>
</dl>
${reveal}`;
}

function materials({ detail, labels }: CasePageView): Html {
  const list = detail.record.materials;
  if (list.length === 0) return html`<p>此申请不需要材料。</p>`;
  const rows = list.map(
    (m) => html`<tr>
  <th scope="row">${labels.material(m.key) ?? m.key}<span class="hint mono">${m.key}</span></th>
  <td>${MATERIAL_ACTIONS[m.action] ?? m.action}</td>
  <td>${m.decision ? (MATERIAL_DECISIONS[m.decision] ?? m.decision) : '—'}</td>
  <td>${m.deferredCheck ? html`<strong>待后台核验</strong>` : '—'}</td>
  <td class="mono">${m.licenceNumber ?? '—'}</td>
  <td>${m.promise ?? '—'}</td>
</tr>`,
  );
  return html`<table><thead><tr><th scope="col">材料</th><th scope="col">办理方式</th><th scope="col">结果</th><th scope="col">核验</th><th scope="col">电子证照编号</th><th scope="col">承诺内容</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function attachments({ detail, labels }: CasePageView): Html {
  if (detail.attachments.length === 0) return html`<p>没有附件。</p>`;
  const rows = detail.attachments.map((a) => {
    const what = a.fieldKey ? fieldLabel(labels, a.fieldKey) : a.materialKey ? html`${labels.material(a.materialKey) ?? a.materialKey}` : html`—`;
    const label = labels.field(a.fieldKey ?? '')?.label ?? (a.role === 'signature' ? '签名' : '附件');
    return html`<tr>
  <td>${a.role === 'signature' ? '手写签名' : '拍摄材料'}</td><td>${what}</td><td>${attachmentContent(a, label)}</td>
  <td>${a.size} 字节<span class="hint mono" title="SHA-256">${a.sha256.slice(0, 16)}…</span></td>
</tr>`;
  });
  return html`<table><thead><tr><th scope="col">用途</th><th scope="col">字段或材料</th><th scope="col">内容</th><th scope="col">大小</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function rating({ detail, labels }: CasePageView): Html {
  const r = detail.rating;
  if (!r) return html`<p>申请人尚未评价。</p>`;
  const reasons = r.reasons.map((key) => html`<li>${labels.ratingReason(key) ?? key}</li>`);
  return html`<dl class="facts">
  <dt>评价</dt><dd>${RATING_LEVELS[r.level] ?? r.level}</dd>
  <dt>原因</dt><dd>${reasons.length > 0 ? html`<ul class="plain">${reasons}</ul>` : '—'}</dd>
  <dt>评价内容</dt><dd>${r.comment ?? '—'}</dd>
  <dt>评价时间</dt><dd>${timeElement(r.ratedAt)}</dd>
</dl>`;
}

function accessLog(entries: readonly AccessEntry[]): Html {
  if (entries.length === 0) return html`<p>尚无人查看过完整个人信息。</p>`;
  return html`<ul>${entries.map((e) => html`<li>${timeElement(e.accessedAt)} ${e.staffName}（${e.staffId}）</li>`)}</ul>`;
}

export function casePage(session: StaffSession, view: CasePageView): Html {
  const { detail } = view;
  const sent = new Map(detail.record.items.map((item) => [item.itemCode, item]));
  const items = detail.items.map((item) =>
    caseItemSection(item, {
      session,
      labels: view.labels,
      attachments: detail.attachments,
      revealed: view.revealed,
      values: sent.get(item.itemCode)?.values ?? {},
      nextStep: sent.get(item.itemCode)?.nextStep,
      changed: view.changed,
      error: view.error,
    }),
  );
  return layout(
    { title: `办件 ${detail.receiptNumber}`, session, section: 'cases' },
    html`<p><a href="/staff/cases">← 返回办件列表</a></p>
${heading(1, `办件详情 ${detail.receiptNumber}`, 'Case')}
${summary(view)}
${applicant(view, session)}
${heading(2, '事项与办件', 'Items and their cases')}
${items}
${heading(2, '材料', 'Materials')}
${materials(view)}
${heading(2, '附件', 'Attachments')}
${attachments(view)}
${heading(2, '好差评', 'Rating')}
${rating(view)}
${heading(2, '个人信息查看记录', 'Who saw the personal data')}
${accessLog(view.accessLog)}`,
  );
}
