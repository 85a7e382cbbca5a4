/**
 * One value of a department's form as the staff page shows it: labelled from the catalog, choices by their
 * label, a signature drawn from its attachment, and personal information masked until revealed.
 */
import type { AttachmentEntry } from '../cases/case-detail.ts';
import type { CatalogLabels, FieldInfo } from '../present/catalog-labels.ts';
import { html, type Html } from '../present/html.ts';
import { maskFieldValue } from '../present/masking.ts';
import { signatureContent } from '../present/signature-svg.ts';

/** Field types that identify a person; other personal values (a gender, a weight, a yes/no) stay readable. */
const IDENTIFYING_TYPES = new Set(['text', 'id-number', 'phone', 'address', 'date']);
const ATTACHMENT_REF = /^sha256:([0-9a-f]{64})$/;

function masks(info: FieldInfo | undefined, value: string | number | boolean): boolean {
  // A key the catalog does not know may be anything: its text is treated as personal.
  if (!info) return typeof value === 'string';
  return info.personal && IDENTIFYING_TYPES.has(info.type ?? 'text');
}

/** The content of an attachment: a signature drawn, an image linked, anything else described. */
export function attachmentContent(attachment: AttachmentEntry | undefined, label: string): Html {
  if (!attachment) return html`<span class="hint">附件未找到</span>`;
  if (attachment.signature !== undefined) return signatureContent(attachment.signature, label) ?? html`<span class="hint">签名数据无法识别</span>`;
  if (attachment.contentType.startsWith('image/')) return html`<a href="/staff/attachments/${attachment.sha256}">查看图片（${label}）</a>`;
  return html`<span class="hint">${attachment.contentType}</span>`;
}

export function fieldValue(key: string, value: string | number | boolean, context: { labels: CatalogLabels; attachments: readonly AttachmentEntry[]; revealed: boolean }): Html {
  const info = context.labels.field(key);
  const label = info?.label ?? key;
  const reference = typeof value === 'string' ? ATTACHMENT_REF.exec(value) : null;
  if (reference) return attachmentContent(context.attachments.find((a) => a.sha256 === reference[1]), label);
  if (typeof value === 'boolean') return html`${value ? '是' : '否'}`;
  if (!context.revealed && masks(info, value)) return html`<span class="masked">${maskFieldValue(info?.type, key, String(value))}</span>`;
  const choice = info?.choices.get(String(value));
  return choice === undefined ? html`${String(value)}` : html`${choice}`;
}

export function fieldLabel(labels: CatalogLabels, key: string): Html {
  const info = labels.field(key);
  return info ? html`${info.label}<span class="hint mono">${key}</span>` : html`<span class="mono">${key}</span>`;
}
