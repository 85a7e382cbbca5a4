import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../../api/schemas.ts';
import { describeEachDatabase } from '../../db/test-databases.ts';
import { backOfficeStarter } from '../../test-support.ts';
import { deliverWithSignature, testStaff } from '../staff-test-support.ts';
import { changeCaseStatus, NEXT_STATUSES, transitionProblem } from './case-status.ts';

describe('case status transitions', () => {
  it('go received → accepted → processing → completed, or to returned before completion, and nowhere else', () => {
    const allowed = CASE_STATUSES.flatMap((from) => CASE_STATUSES.filter((to) => transitionProblem({ from, to, note: 'a reason' }) === undefined).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['received→accepted', 'received→returned', 'accepted→processing', 'accepted→returned', 'processing→completed', 'processing→returned']);
    expect(NEXT_STATUSES.completed).toEqual([]);
  });

  it('need a reason to return, and keep a note within what the kiosk accepts', () => {
    expect(transitionProblem({ from: 'processing', to: 'returned', note: ' \n ' })).toEqual({ kind: 'reason-required' });
    expect(transitionProblem({ from: 'received', to: 'accepted', note: '' })).toBeUndefined();
    expect(transitionProblem({ from: 'received', to: 'accepted', note: '字'.repeat(501) })).toEqual({ kind: 'note-too-long' });
    expect(transitionProblem({ from: 'received', to: 'accepted', note: '字'.repeat(500) })).toBeUndefined();
  });
});

describeEachDatabase('changing a case status', (target) => {
  const start = backOfficeStarter(target);
  const T = Date.UTC(2026, 11, 3, 1);

  it('records each change with the staff id and time, and refuses what does not follow', async () => {
    const b = await start();
    const staff = await testStaff(target);
    const { ack } = await deliverWithSignature(b, 1);
    const caseNumber = ack.caseNumbers['110199PCN0002']!;
    const db = await target.connect();
    const change = (from: CaseStatus, to: CaseStatus, note = '', now = T) => changeCaseStatus(db, { caseNumber, from, to, note, staffId: staff.id, now });

    expect(await change('received', 'processing')).toEqual({ kind: 'invalid-transition' });
    expect(await change('received', 'accepted', '', T + 1)).toEqual({ kind: 'changed' });
    expect(await change('received', 'accepted', '', T + 2)).toEqual({ kind: 'stale', current: 'accepted' });
    expect(await change('accepted', 'returned', '')).toEqual({ kind: 'reason-required' });
    expect(await change('accepted', 'processing', '', T + 3)).toEqual({ kind: 'changed' });
    expect(await change('processing', 'returned', '  出生医学证明上的姓名与申请不一致  ', T + 4)).toEqual({ kind: 'changed' });
    expect(await change('returned', 'processing')).toEqual({ kind: 'invalid-transition' });
    expect(await changeCaseStatus(db, { caseNumber: 'BJ2026120299999999', from: 'received', to: 'accepted', note: '', staffId: staff.id, now: T })).toEqual({ kind: 'not-found' });

    expect(await db.query('SELECT status, note, changed_at, staff_id FROM case_status_history WHERE case_number = $1 ORDER BY id', [caseNumber])).toEqual([
      { status: 'received', note: null, changed_at: ack.receivedAt, staff_id: null },
      { status: 'accepted', note: null, changed_at: T + 1, staff_id: staff.id },
      { status: 'processing', note: null, changed_at: T + 3, staff_id: staff.id },
      { status: 'returned', note: '出生医学证明上的姓名与申请不一致', changed_at: T + 4, staff_id: staff.id },
    ]);
    expect(await db.query('SELECT status, note, updated_at FROM case_items WHERE case_number = $1', [caseNumber])).toEqual([{ status: 'returned', note: '出生医学证明上的姓名与申请不一致', updated_at: T + 4 }]);
  });

  it('lets exactly one of two staff members racing on the same case win', async () => {
    const b = await start();
    const [one, two] = [await testStaff(target, '甲'), await testStaff(target, '乙')];
    const { ack } = await deliverWithSignature(b, 2);
    const caseNumber = ack.caseNumbers['110199PCN0001']!;
    const instances = [await target.connect(), await target.connect()];
    const outcomes = await Promise.all(
      [one, two].map((staff, i) => changeCaseStatus(instances[i]!, { caseNumber, from: 'received', to: i === 0 ? 'accepted' : 'returned', note: '材料不全', staffId: staff.id, now: T })),
    );
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['changed', 'stale']);
    const db = instances[0]!;
    expect(await db.query('SELECT count(*)::int AS n FROM case_status_history WHERE case_number = $1 AND staff_id IS NOT NULL', [caseNumber])).toEqual([{ n: 1 }]);
  });
});
