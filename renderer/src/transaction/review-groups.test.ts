import { describe, expect, it } from 'vitest';
import type { FieldView, TransactionView } from '../../../core/contract/transaction-view.ts';
import { reviewGroups } from './review-groups.ts';

function field(key: string): FieldView {
  return { key, type: 'text', input: 'keyboard', label: { 'zh-CN': key }, required: true, display: 'x', origin: 'answer', editable: true, personal: false };
}

function department(code: string, dept: string, keys: readonly string[]): TransactionView['departments'][number] {
  return {
    item: { code, name: { 'zh-CN': code }, department: { 'zh-CN': dept }, handlingType: 'promised', timeLimit: { value: 5, unit: 'working-days' }, required: true },
    fields: keys.map((key) => ({ key, label: { 'zh-CN': key }, display: 'x' })),
  };
}

describe('review groups', () => {
  it('shows each value once, under the departments that receive it, what everyone receives first', () => {
    const fields = ['child.name', 'household.address', 'bank.account', 'applicant.phone', 'not.sent'].map(field);
    const departments = [
      department('BIRTH-CERT', '卫健', ['child.name', 'applicant.phone']),
      department('HUKOU', '公安', ['child.name', 'household.address', 'applicant.phone']),
      department('VACCINE', '卫健', ['child.name']),
      department('MATERNITY', '医保', ['child.name', 'bank.account', 'applicant.phone']),
    ];
    const groups = reviewGroups({ fields, departments });
    expect(groups.map((g) => [g.everyone, g.departments.map((d) => d['zh-CN']), g.fields.map((f) => f.key)])).toEqual([
      [true, ['卫健', '公安', '医保'], ['child.name', 'applicant.phone']],
      [false, ['公安'], ['household.address']],
      [false, ['医保'], ['bank.account']],
    ]);
  });
});
