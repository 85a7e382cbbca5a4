/**
 * Copies of a receipt the printer could not print (out of paper, a fault) after the submission: printed at
 * the hall's desk, or the receipt number texted to the phone on the form. Each is a durable message for the
 * back office keyed by the submission (one of each, however often it is asked for, across restarts), sent by
 * the sync worker, queued while the kiosk is offline.
 */
import type { DeskPrintRequest, ReceiptSmsRequest } from '../../backoffice/api/schemas.ts';
import { previewReceiptText } from '../../devices/printer/layout/receipt.ts';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import type { Locale } from '../contract/locale.ts';
import type { ReceiptCopiesView } from '../contract/transaction-view.ts';
import type { MessageInput, MessageKind, MessageQueue } from '../store/messages.ts';
import { receiptData, type ReceiptWording } from './receipt.ts';
import { maskedPhone, smsPhone } from './sms-phone.ts';
import type { ReceiptCopyVia, TransactionContext } from './transaction-types.ts';

const KIND: Record<ReceiptCopyVia, MessageKind> = { desk: 'deskPrint', sms: 'receiptSms' };

export interface CopyOptions {
  readonly catalog: Catalog;
  readonly hallName: string;
  readonly wording: ReceiptWording;
  readonly language: Locale;
  readonly now: number;
}

/** The message asking the back office for this copy; undefined when it cannot be made (no submission, no phone). */
export function receiptCopyMessage(context: TransactionContext, via: ReceiptCopyVia, options: CopyOptions): MessageInput | undefined {
  const { submission } = context;
  if (!submission) return undefined;
  const base = { submissionKey: submission.idempotencyKey, receiptNumber: submission.receiptNumber, requestedAt: options.now };
  if (via === 'desk') {
    const text = previewReceiptText(receiptData(options.catalog, context, options.hallName, options.wording, new Date(options.now)));
    // The text preview's last line marks the cut: paper, not receipt.
    const lines = text.split('\n').filter((line) => !/^-+ cut -+$/.test(line));
    const payload: DeskPrintRequest = { ...base, lines };
    return { kind: KIND.desk, key: submission.idempotencyKey, payload };
  }
  const phone = smsPhone(context);
  if (!phone) return undefined;
  const payload: ReceiptSmsRequest = { ...base, phone, language: options.language, hallName: options.hallName };
  return { kind: KIND.sms, key: submission.idempotencyKey, payload };
}

/** What the citizen has asked for so far and how far it got: queued on the kiosk, or with the back office. */
export function receiptCopiesView(messages: Pick<MessageQueue, 'get'>, context: Pick<TransactionContext, 'submission' | 'values'>): ReceiptCopiesView | undefined {
  const { submission } = context;
  if (!submission) return undefined;
  const state = (via: ReceiptCopyVia) => {
    const entry = messages.get(KIND[via], submission.idempotencyKey);
    return entry ? (entry.state === 'delivered' ? 'done' : 'queued') : null;
  };
  const phone = smsPhone(context);
  return { desk: state('desk'), sms: state('sms'), smsTo: phone ? maskedPhone(phone) : null };
}
