/**
 * 办件查询: the progress of a citizen's cases as the renderer sees it. Core finds them by the receipt's QR
 * code (a receipt or case number) or by the ID card, asking the back office when it can and falling back on
 * what this kiosk knows. No name or ID number is ever part of it.
 */
import * as v from 'valibot';
import { LocalizedTextSchema } from './locale.ts';

/** Where a case stands (办件状态): received on delivery, then as the department moves it on. */
export const CASE_STATUSES = ['received', 'accepted', 'processing', 'completed', 'returned'] as const;
export const CaseStatusSchema = v.picklist(CASE_STATUSES);
export type CaseStatus = v.InferOutput<typeof CaseStatusSchema>;

export const CaseItemViewSchema = v.object({
  code: v.string(),
  /** Null for an item the kiosk's catalog no longer lists. */
  name: v.nullable(LocalizedTextSchema),
  department: v.nullable(LocalizedTextSchema),
  /** 办件编号, once the back office accepted the submission. */
  caseNumber: v.nullable(v.string()),
  /** Null while only this kiosk knows the case (not delivered yet), or offline. */
  status: v.nullable(CaseStatusSchema),
  updatedAt: v.nullable(v.number()),
  /** Why it was returned (退回), or the department's note. */
  note: v.optional(v.string()),
});
export type CaseItemView = v.InferOutput<typeof CaseItemViewSchema>;

export const CaseViewSchema = v.object({
  receiptNumber: v.string(),
  bundle: v.nullable(LocalizedTextSchema),
  submittedAt: v.number(),
  /** Delivered to the departments (case numbers issued), or still waiting here to be uploaded. */
  delivered: v.boolean(),
  items: v.array(CaseItemViewSchema),
});
export type CaseView = v.InferOutput<typeof CaseViewSchema>;

export const QueryViewSchema = v.object({
  /** Waiting for a card or a receipt's QR code, looking, or showing what was found. */
  status: v.picklist(['waiting', 'searching', 'results']),
  by: v.nullable(v.picklist(['card', 'code'])),
  /** The back office answered, or only this kiosk's own records could be shown (offline). */
  source: v.nullable(v.picklist(['backoffice', 'local'])),
  cases: v.array(CaseViewSchema),
});
export type QueryView = v.InferOutput<typeof QueryViewSchema>;
