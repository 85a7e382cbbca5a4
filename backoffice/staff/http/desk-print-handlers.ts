/** 窗口打印回执: the list of receipts waiting at the desk, one receipt to print, and marking it handed over. */
import { deskPrintByReceipt, markDeskPrinted, waitingDeskPrints } from '../../model/desk-prints.ts';
import { deskPrintHref, deskPrintPage, deskPrintsPage } from '../pages/desk-prints-page.ts';
import { notFound } from './case-handlers.ts';
import { page, redirect } from './respond.ts';
import type { StaffRoute } from './staff-context.ts';

const RECEIPT = /^\/staff\/desk-prints\/(SL-[A-Za-z0-9._-]+)$/;

export const deskPrintRoutes: readonly StaffRoute[] = [
  {
    method: 'GET',
    path: /^\/staff\/desk-prints$/,
    async handle(ctx) {
      const printed = ctx.url.searchParams.get('printed');
      return page(200, deskPrintsPage(ctx.session, await waitingDeskPrints(ctx.db), printed && /^SL-[A-Za-z0-9._-]+$/.test(printed) ? printed : null));
    },
  },
  {
    method: 'GET',
    path: RECEIPT,
    async handle(ctx, [receiptNumber]) {
      const print = await deskPrintByReceipt(ctx.db, receiptNumber!);
      return print ? page(200, deskPrintPage(ctx.session, print)) : notFound(ctx.session, '回执');
    },
  },
  {
    method: 'POST',
    path: RECEIPT,
    async handle(ctx, [receiptNumber]) {
      const print = await deskPrintByReceipt(ctx.db, receiptNumber!);
      if (!print) return notFound(ctx.session, '回执');
      // Marked twice (two staff at once, a resent form): the first mark stands, the page says so.
      if (!(await markDeskPrinted(ctx.db, receiptNumber!, ctx.session.staff.id, ctx.now()))) return redirect(deskPrintHref(receiptNumber!));
      return redirect(`/staff/desk-prints?printed=${encodeURIComponent(receiptNumber!)}`);
    },
  },
];
