/**
 * The case page and what staff do on it: open a submission, reveal its personal data (logged first), move
 * one of its cases on. A refused change shows the page again with the reason beside that case's form.
 */
import { CASE_STATUSES, type CaseStatus } from '../../api/schemas.ts';
import type { StaffSession } from '../auth/sessions.ts';
import { accessLog, logReveal } from '../cases/access-log.ts';
import { caseDetail, receiptOfCase, type CaseDetail } from '../cases/case-detail.ts';
import { changeCaseStatus, MAX_NOTE_CHARS, NEXT_STATUSES, type StatusChangeOutcome } from '../cases/case-status.ts';
import type { StatusFormError } from '../pages/case-item-section.ts';
import { caseHref } from '../pages/case-list-page.ts';
import { casePage } from '../pages/case-page.ts';
import { messagePage } from '../pages/layout.ts';
import { catalogLabels } from '../present/catalog-labels.ts';
import { STATUS_ACTIONS, STATUS_LABELS } from '../present/labels.ts';
import { page, redirect, type StaffReply } from './respond.ts';
import type { StaffContext, StaffRoute } from './staff-context.ts';

const CASE_NUMBER = /^BJ\d{16}$/;

export function notFound(session: StaffSession, what = '页面'): StaffReply {
  return page(404, messagePage({ title: '未找到', session }, `没有找到此${what}。`, { href: '/staff/cases', label: '返回办件列表' }));
}

interface Shown {
  readonly revealed?: boolean;
  readonly changed?: string;
  readonly error?: StatusFormError;
}

async function showCase(ctx: StaffContext, detail: CaseDetail, status: number, shown: Shown): Promise<StaffReply> {
  const labels = await catalogLabels(ctx.db, detail.catalogVersion);
  const log = await accessLog(ctx.db, detail.key);
  return page(status, casePage(ctx.session, { detail, labels, accessLog: log, revealed: shown.revealed ?? false, changed: shown.changed, error: shown.error }));
}

function isStatus(value: string | null): value is CaseStatus {
  return (CASE_STATUSES as readonly (string | null)[]).includes(value);
}

/** Why a change was refused, in words for the staff member. */
function refusal(outcome: Exclude<StatusChangeOutcome, { kind: 'changed' | 'not-found' }>, from: CaseStatus, to: CaseStatus): { status: number; message: string } {
  switch (outcome.kind) {
    case 'invalid-transition': {
      const allowed = NEXT_STATUSES[from].map((s) => STATUS_ACTIONS[s]).join('、');
      return { status: 409, message: `办件不能从“${STATUS_LABELS[from]}”变更为“${STATUS_LABELS[to]}”。${allowed ? `可以选择：${allowed}。` : '此办件的状态不能再变更。'}` };
    }
    case 'reason-required':
      return { status: 422, message: '退回必须填写原因：申请人会在自助终端查询时看到。' };
    case 'note-too-long':
      return { status: 422, message: `说明最多 ${MAX_NOTE_CHARS} 字。` };
    case 'stale':
      return { status: 409, message: `此办件的状态已被他人变更为“${STATUS_LABELS[outcome.current]}”，请查看最新状态后再操作。` };
  }
}

export const caseRoutes: readonly StaffRoute[] = [
  {
    method: 'GET',
    path: /^\/staff\/cases\/([^/]+)$/,
    async handle(ctx, [receipt]) {
      const detail = await caseDetail(ctx.db, receipt!);
      if (!detail) return notFound(ctx.session, '办件');
      const changed = ctx.url.searchParams.get('changed') ?? '';
      return showCase(ctx, detail, 200, { changed: CASE_NUMBER.test(changed) ? changed : undefined });
    },
  },
  {
    method: 'POST',
    path: /^\/staff\/cases\/([^/]+)\/reveal$/,
    async handle(ctx, [receipt]) {
      const detail = await caseDetail(ctx.db, receipt!);
      if (!detail) return notFound(ctx.session, '办件');
      // Logged before anything is shown: a reveal that cannot be logged does not happen.
      await logReveal(ctx.db, ctx.session.staff.id, detail.key, ctx.now());
      return showCase(ctx, detail, 200, { revealed: true });
    },
  },
  {
    method: 'POST',
    path: /^\/staff\/case-items\/(BJ\d{16})\/status$/,
    async handle(ctx, [caseNumber]) {
      const receipt = await receiptOfCase(ctx.db, caseNumber!);
      if (!receipt) return notFound(ctx.session, '办件');
      const from = ctx.form.get('from');
      const to = ctx.form.get('to');
      const note = ctx.form.get('note') ?? '';
      if (!isStatus(from) || !isStatus(to)) return page(400, messagePage({ title: '表单无效', session: ctx.session }, '表单内容无效，请返回后重试。', { href: caseHref(receipt), label: '返回办件' }));
      const outcome = await changeCaseStatus(ctx.db, { caseNumber: caseNumber!, from, to, note, staffId: ctx.session.staff.id, now: ctx.now() });
      if (outcome.kind === 'changed') return redirect(`${caseHref(receipt)}?changed=${caseNumber}#${caseNumber}`);
      const detail = await caseDetail(ctx.db, receipt);
      if (outcome.kind === 'not-found' || !detail) return notFound(ctx.session, '办件');
      const { status, message } = refusal(outcome, from, to);
      return showCase(ctx, detail, status, { error: { caseNumber: caseNumber!, message, to, note } });
    },
  },
];
