import { describe, expect, it } from 'vitest';
import type { Policy } from '../../kiosk-config/catalog-schema.ts';
import { suggestPolicies } from './policies.ts';

const text = (zh: string) => ({ 'zh-CN': zh, en: zh });
const POLICIES: Policy[] = [
  { key: 'elderly', name: text('高龄津贴'), about: text('…'), when: { fact: 'applicant.age', op: 'gte', value: 80 } },
  {
    key: 'reward',
    name: text('独生子女父母奖励'),
    about: text('…'),
    when: { all: [{ fact: 'answer.onlyChild.status', op: 'eq', value: 'onlyChild' }, { fact: 'applicant.age', op: 'gte', value: 45 }] },
  },
  { key: 'newborn', name: text('新生儿出生一件事'), about: text('…'), when: { fact: 'answer.newborn.birthDate', op: 'present' }, bundle: '110199PCN0009' },
];
const keys = (age: number | undefined, records: Record<string, string> = {}) =>
  suggestPolicies(POLICIES, age === undefined ? {} : { age }, records).map((p) => p.key);

describe('suggestPolicies (政策找人)', () => {
  it('suggests what the card and the records match, in catalog order', () => {
    expect(keys(82)).toEqual(['elderly']);
    expect(keys(60, { 'onlyChild.status': 'onlyChild' })).toEqual(['reward']);
    expect(keys(30, { 'newborn.birthDate': '2026-11-20' })).toEqual(['newborn']);
    expect(keys(85, { 'onlyChild.status': 'onlyChild', 'newborn.birthDate': '2026-11-20' })).toEqual(['elderly', 'reward', 'newborn']);
  });

  it('suggests nothing on facts it does not know (offline: no records; no age)', () => {
    expect(keys(60)).toEqual([]);
    expect(keys(undefined, { 'onlyChild.status': 'onlyChild' })).toEqual([]);
    expect(keys(79, { 'onlyChild.status': 'childless' })).toEqual([]);
    expect(suggestPolicies([], { age: 90 }, {})).toEqual([]);
  });
});
