/**
 * The acceptance receipt (受理回执) of a submitted transaction, as printer layout data: who applied (masked),
 * which items went to which department with their promised time and what happens next (when, where, what to
 * bring, how the result arrives: the catalog's next steps in the variant the answers chose), the receipt
 * number (受理编号, provisional until the departments accept) as text and QR, what the citizen still has to
 * bring, and how to follow the case. Pure: the caller passes the time.
 */
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import type { ReceiptData } from '../../devices/printer/layout/receipt.ts';
import { chosenItems } from '../bundle/index.ts';
import { maskIdNumber, maskName } from '../logging/redact.ts';
import { nextSteps } from './next-steps.ts';
import { materialsPlanFor } from './transaction-machine.ts';
import type { TransactionContext } from './transaction-types.ts';

export function promisedTime(item: { handlingType: 'immediate' | 'promised'; timeLimit: { value: number; unit: 'working-days' | 'natural-days' } }): string {
  if (item.handlingType === 'immediate' || item.timeLimit.value === 0) return '即办';
  return `${item.timeLimit.value}个${item.timeLimit.unit === 'working-days' ? '工作日' : '自然日'}`;
}

/** The hall's wording (kiosk.yaml `receipt`). */
export interface ReceiptWording {
  readonly title: string;
  readonly status: string;
  readonly notes: readonly string[];
  readonly toBring: string;
  readonly nothingToBring: string;
  /** How to follow the case (kiosk, desk, online), printed after the notes. */
  readonly howToQuery: readonly string[];
  readonly footer: readonly string[];
}

/** The printed labels of an item's next step. */
export const NEXT_STEP_LABELS = { when: '下一步', where: '地点', bring: '携带', result: '结果' } as const;

export function receiptData(catalog: Catalog, context: TransactionContext, hallName: string, wording: ReceiptWording, printedAt: Date): ReceiptData {
  const bundle = catalog.bundles.find((b) => b.code === context.bundleCode);
  if (!bundle || !context.submission) throw new Error('a receipt needs a submitted bundle');
  const card = context.applicant?.card ?? {};
  const plan = materialsPlanFor(catalog, context);
  const steps = new Map(nextSteps(catalog, context).map((step) => [step.itemCode, step]));
  const toBring = (plan?.materials ?? []).filter((m) => m.required && plan?.toBring.includes(m.key)).map((m) => `· ${m.material.name['zh-CN']}：${m.reason['zh-CN']}`);
  return {
    header: [hallName],
    title: wording.title,
    rows: [
      { label: '申请人', value: maskName(card.name ?? '') },
      { label: '证件号码', value: maskIdNumber(card.idNumber ?? '') },
      { label: '一件事', value: bundle.name['zh-CN'] },
      { label: '办理状态', value: wording.status },
    ],
    items: chosenItems(catalog, bundle, context.optionalItems).map((item) => {
      const step = steps.get(item.implementationCode);
      return {
        name: item.name['zh-CN'],
        department: item.department['zh-CN'],
        promisedTime: promisedTime(item),
        ...(step
          ? {
              steps: [
                { label: NEXT_STEP_LABELS.when, value: step.when['zh-CN'] },
                { label: NEXT_STEP_LABELS.where, value: step.where['zh-CN'] },
                ...(step.bring ? [{ label: NEXT_STEP_LABELS.bring, value: step.bring['zh-CN'] }] : []),
                { label: NEXT_STEP_LABELS.result, value: step.result['zh-CN'] },
              ],
            }
          : {}),
      };
    }),
    trackingCode: context.submission.receiptNumber,
    notes: [...wording.notes, ...(toBring.length ? [wording.toBring, ...toBring] : [wording.nothingToBring]), ...wording.howToQuery],
    footer: wording.footer,
    printedAt,
  };
}
