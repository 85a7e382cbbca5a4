/**
 * One case (办件) on the case page: the item and its department, the department's form, the status history
 * and, while the case is open, the form that moves it on.
 */
import type { CaseStatus, SubmissionRecordWire } from '../../api/schemas.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { AttachmentEntry, CaseItem } from '../cases/case-detail.ts';
import { MAX_NOTE_CHARS, NEXT_STATUSES } from '../cases/case-status.ts';
import type { CatalogLabels } from '../present/catalog-labels.ts';
import { timeElement } from '../present/format.ts';
import { html, type Html } from '../present/html.ts';
import { STATUS_ACTIONS, STATUS_LABELS } from '../present/labels.ts';
import { statusBadge } from './case-list-page.ts';
import { fieldLabel, fieldValue } from './field-values.ts';

/** A refused change, shown in its case's form with what was typed. */
export interface StatusFormError {
  readonly caseNumber: string;
  readonly message: string;
  readonly to: CaseStatus | undefined;
  readonly note: string;
}

export interface ItemContext {
  readonly session: StaffSession;
  readonly labels: CatalogLabels;
  readonly attachments: readonly AttachmentEntry[];
  readonly revealed: boolean;
  readonly values: Readonly<Record<string, string | number | boolean>>;
  /** What the citizen's receipt said happens next (kiosks before it existed sent none). */
  readonly nextStep: SubmissionRecordWire['items'][number]['nextStep'];
  readonly changed: string | undefined;
  readonly error: StatusFormError | undefined;
}

/** The values in the department's own order (the catalog's), anything it does not list after them. */
function ordered(values: ItemContext['values'], order: readonly string[]): [string, string | number | boolean][] {
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.entries(values).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

function formValues(item: CaseItem, context: ItemContext): Html {
  const entries = ordered(context.values, context.labels.item(item.itemCode)?.fields ?? []);
  if (entries.length === 0) return html`<p>此事项没有表单字段。</p>`;
  const rows = entries.map(([key, value]) => html`<tr><th scope="row">${fieldLabel(context.labels, key)}</th><td>${fieldValue(key, value, context)}</td></tr>`);
  return html`<table><thead><tr><th scope="col">字段</th><th scope="col">填写内容</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The next step as the citizen's receipt gave it: what they now expect of the department. */
function toldCitizen(step: ItemContext['nextStep']): Html {
  if (!step) return html``;
  return html`<h4>回执告知申请人的下一步</h4>
<dl class="facts">
  <dt>下一步</dt><dd>${step.when}</dd>
  <dt>地点</dt><dd>${step.where}</dd>
  ${step.bring ? html`<dt>携带</dt><dd>${step.bring}</dd>` : ''}
  <dt>结果</dt><dd>${step.result}</dd>
</dl>`;
}

function historyTable(item: CaseItem): Html {
  const rows = item.history.map(
    (h) => html`<tr><td>${timeElement(h.changedAt)}</td><td>${statusBadge(h.status)}</td><td>${h.note ?? '—'}</td><td>${h.staffId ? `${h.staffName ?? ''}（${h.staffId}）` : '系统（自助终端提交）'}</td></tr>`,
  );
  return html`<table><thead><tr><th scope="col">时间</th><th scope="col">状态</th><th scope="col">说明</th><th scope="col">操作人</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function statusForm(item: CaseItem, context: ItemContext): Html {
  const next = NEXT_STATUSES[item.status];
  if (next.length === 0) return html`<p>此办件${STATUS_LABELS[item.status]}，状态不再变更。</p>`;
  const error = context.error?.caseNumber === item.caseNumber ? context.error : undefined;
  const id = item.caseNumber;
  const options = next.map((s) => html`<option value="${s}"${error?.to === s ? html` selected` : ''}>${STATUS_ACTIONS[s]}</option>`);
  const described = error ? html` aria-describedby="error-${id}" aria-invalid="true"` : '';
  return html`<form method="post" action="/staff/case-items/${id}/status">
  <fieldset>
    <legend>变更状态</legend>
    ${error ? html`<p class="notice error" role="alert" id="error-${id}">${error.message}</p>` : ''}
    <input type="hidden" name="csrf" value="${context.session.csrf}">
    <input type="hidden" name="from" value="${item.status}">
    <label for="to-${id}">新状态</label>
    <select id="to-${id}" name="to">${options}</select>
    <label for="note-${id}">说明 <span class="hint">退回时必填。申请人在自助终端查询进度时会看到（最多 ${MAX_NOTE_CHARS} 字）。</span></label>
    <textarea id="note-${id}" name="note" maxlength="${MAX_NOTE_CHARS}"${described}>${error?.note ?? ''}</textarea>
    <p><button type="submit">确认变更</button></p>
  </fieldset>
</form>`;
}

export function caseItemSection(item: CaseItem, context: ItemContext): Html {
  const info = context.labels.item(item.itemCode);
  const id = item.caseNumber;
  return html`<section class="item" id="${id}" aria-labelledby="title-${id}">
<h3 id="title-${id}">${info?.name ?? item.itemCode}${info?.department ? html`<span class="hint">${info.department}</span>` : ''}</h3>
${context.changed === id ? html`<p class="notice ok" role="status">状态已变更为“${STATUS_LABELS[item.status]}”，自助终端的办件查询即可看到。</p>` : ''}
<dl class="facts">
  <dt>办件编号</dt><dd class="mono">${id}</dd>
  <dt>事项编码</dt><dd class="mono">${item.itemCode}</dd>
  <dt>当前状态</dt><dd>${statusBadge(item.status)}${item.note ? html` ${item.note}` : ''}</dd>
  <dt>状态更新</dt><dd>${timeElement(item.updatedAt)}</dd>
</dl>
<h4>部门表单</h4>
${formValues(item, context)}
${toldCitizen(context.nextStep)}
<h4>状态记录</h4>
${historyTable(item)}
${statusForm(item, context)}
</section>`;
}
